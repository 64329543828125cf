import { reason } from '../diagnostics/reasons.js';
import { createInflateRaw } from 'node:zlib';
import { ZipFormatError } from './directory.js';

/**
 * An entry's bytes, inflated, in chunks of at most `chunkBytes`: a stored entry
 * in pieces (views of `data`), a deflated one through node:zlib's stream (on its
 * thread pool). The caller counts the bytes against its limits as they come.
 * An unknown method or damaged deflate data throws ZipFormatError.
 */
export async function* inflateEntry(data: Uint8Array, method: number, chunkBytes: number): AsyncGenerator<Uint8Array> {
  if (method === 0) {
    for (let at = 0; at < data.length; at += chunkBytes) yield data.subarray(at, at + chunkBytes);
    return;
  }
  if (method !== 8) throw new ZipFormatError(reason('zip-method', { method }));
  const inflate = createInflateRaw({ chunkSize: chunkBytes });
  inflate.end(data);
  try {
    for await (const chunk of inflate as AsyncIterable<Buffer>) yield chunk;
  } catch (error) {
    if ((error as { code?: string }).code?.startsWith?.('Z_')) throw new ZipFormatError(reason('zip-inflate', { detail: (error as Error).message }));
    throw error;
  } finally {
    inflate.destroy();
  }
}
