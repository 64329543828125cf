/** Reads the entries of a zip (an .xlsx) in the browser: the shared directory reader + DecompressionStream('deflate-raw'). */
import { entryBytes, readZipEntries, type ZipEntry } from '../zip/directory.js';

export type { ZipEntry } from '../zip/directory.js';
/** The workbook's parts by name; throws ZipFormatError when it is not a zip or is damaged. */
export function listEntries(bytes: Uint8Array): Map<string, ZipEntry> {
  return new Map(readZipEntries(bytes).map((e) => [e.name, e]));
}

export async function readEntry(bytes: Uint8Array, entry: ZipEntry): Promise<string> {
  const data = entryBytes(bytes, entry);
  if (entry.method === 0) return new TextDecoder().decode(data);
  if (entry.method !== 8) throw new Error(`unsupported zip method ${entry.method}`);
  const stream = new Blob([data as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
  return new Response(stream).text();
}
