/** The reader's inflater in the browser (src/ingest/xlsx/zip.ts): DecompressionStream('deflate-raw'), chunk by chunk. */
import { reason } from '../diagnostics/reasons.js';
import { ZipFormatError } from '../zip/directory.js';

export async function* inflateInBrowser(data: Uint8Array, method: number, chunkBytes: number): AsyncGenerator<Uint8Array> {
  if (method === 0) {
    for (let at = 0; at < data.length; at += chunkBytes) yield data.subarray(at, at + chunkBytes);
    return;
  }
  if (method !== 8) throw new ZipFormatError(reason('zip-method', { method }));
  const stream = new Blob([data as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
  const reader = stream.getReader();
  try {
    for (;;) {
      let step: ReadableStreamReadResult<Uint8Array>;
      try {
        step = await reader.read();
      } catch (error) {
        throw new ZipFormatError(reason('zip-inflate', { detail: (error as Error).message }));
      }
      if (step.done) return;
      yield step.value;
    }
  } finally {
    // The reader's caps stop reading early (a bomb): cancel the rest of the stream.
    void reader.cancel().catch(() => undefined);
  }
}
