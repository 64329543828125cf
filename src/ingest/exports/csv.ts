/**
 * A CSV export (ODK Central, KoboToolbox) as rows of a sheet, streamed. Parsing is
 * csv-parse's (quotes, doubled quotes, newlines inside quotes, BOM, CRLF): a
 * well-kept parser beats one of our own on the corner cases, and it streams, so
 * a national export is never held as one array of records (bench/README.md).
 * Row numbers are record numbers, header = 1, as a spreadsheet shows the file.
 */
import { parse } from 'csv-parse';
import type { SheetRow } from '../source.js';

/** One record may not exceed this many characters: a runaway quote stops here, not at the memory limit. */
export const MAX_CSV_RECORD_CHARS = 1 << 20;

export class CsvFormatError extends Error {
  constructor(
    message: string,
    /** The record (row) at which parsing stopped. */
    readonly row: number,
  ) {
    super(message);
  }
}

/**
 * The delimiter of the header line: Kobo offers `;` as well as `,` (and a
 * tab-separated file is not unheard of). Counted outside quotes.
 */
export function sniffDelimiter(bytes: Uint8Array): string {
  const head = new TextDecoder().decode(bytes.subarray(0, 64 * 1024));
  const counts = new Map([[',', 0], [';', 0], ['\t', 0]]);
  let quoted = false;
  for (const ch of head) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && counts.has(ch)) counts.set(ch, counts.get(ch)! + 1);
  }
  let best = ',';
  for (const [d, n] of counts) if (n > counts.get(best)!) best = d;
  return best;
}

/** Bytes handed to the parser at a time: records are yielded chunk by chunk, never all at once. */
const CHUNK_BYTES = 1 << 20;

/**
 * The records of `bytes` as SheetRows (values[c] for 1-based column c; text as
 * written). Fed to the parser a chunk at a time, so memory holds one chunk's
 * records; a parse error ends the rows with CsvFormatError after every record
 * before it was yielded (good rows are not lost to a broken quote further down).
 */
export async function* csvRows(bytes: Uint8Array): AsyncGenerator<SheetRow> {
  const parser = parse({
    bom: true,
    delimiter: sniffDelimiter(bytes),
    relax_column_count: true,
    skip_empty_lines: false,
    max_record_size: MAX_CSV_RECORD_CHARS,
  });
  const queue: string[][] = [];
  let failure: Error | null = null;
  let ended = false;
  parser.on('data', (record: string[]) => queue.push(record));
  parser.on('error', (error: Error) => (failure = error));
  parser.on('end', () => (ended = true));
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let number = 0;
  const drain = function* (): Generator<SheetRow> {
    for (const record of queue.splice(0)) {
      number++;
      const values: string[] = [];
      // 1-based like a sheet's columns; an empty field stays '' (blank to readResponses).
      for (let c = 0; c < record.length; c++) values[c + 1] = record[c];
      yield { number, values, formulaColumns: [], hidden: false };
    }
  };
  // Let the stream deliver what the last write produced ('data' and 'error' come on later ticks).
  const settle = () => new Promise<void>((resolve) => setImmediate(resolve));
  for (let offset = 0; offset < buffer.length && !failure; offset += CHUNK_BYTES) {
    parser.write(buffer.subarray(offset, offset + CHUNK_BYTES));
    await settle();
    yield* drain();
  }
  if (!failure) parser.end();
  while (!failure && !ended) await settle();
  yield* drain();
  if (failure) {
    const message = (failure as Error).message.replace(/^[A-Za-z ]+: /, '');
    throw new CsvFormatError(message.slice(0, 300), number + 1);
  }
}
