/** The reader's inflater in the browser (src/ingest/xlsx/zip.ts): DecompressionStream('deflate-raw'), chunk by chunk. */
import { ZipFormatError } from '../zip/directory.js';

export async function* inflateInBrowser(data: Uint8Array, method: number, chunkBytes: number): AsyncGenerator<Uint8Array> {
  if (method === 0) {
    for (let at = 0; at < data.length; at += chunkBytes) yield data.subarray(at, at + chunkBytes);
    return;
  }
  if (method !== 8) throw new ZipFormatError(`compression method ${method} is not stored or deflate`);
  const stream = new Blob([data as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
  const reader = stream.getReader();
  try {
    for (;;) {
      let step: ReadableStreamReadResult<Uint8Array>;
      try {
        step = await reader.read();
      } catch (error) {
        throw new ZipFormatError(`the compressed data is damaged (${(error as Error).message})`);
      }
      if (step.done) return;
      yield step.value;
    }
  } finally {
    // The reader's caps stop reading early (a bomb): cancel the rest of the stream.
    void reader.cancel().catch(() => undefined);
  }
}
