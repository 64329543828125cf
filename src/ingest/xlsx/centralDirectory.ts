import { corrupt } from './errors.js';

/** What the reader needs of a zip entry; preflight's readZipDirectory checks the same directory for limits. */
export interface ZipPart {
  name: string;
  /** 0 stored, 8 deflated. */
  method: number;
  compressedSize: number;
  /** What the directory declares; only quoted in messages, never trusted. */
  uncompressedSize: number;
  /** Offset of the entry's local header. */
  offset: number;
}

/**
 * The zip central directory (end record within the last 64 KB + 22 bytes).
 * Only names, methods, compressed sizes and offsets: the declared uncompressed
 * sizes are not trusted here, the inflate counts the real ones.
 */
export function readCentralDirectory(bytes: Uint8Array): ZipPart[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let eocd = -1;
  for (let i = bytes.length - 22, stop = Math.max(0, bytes.length - 22 - 0xffff); i >= stop; i--)
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  if (eocd < 0) throw corrupt('zip', 'its central directory cannot be found');
  const count = view.getUint16(eocd + 10, true);
  let at = view.getUint32(eocd + 16, true);
  const decoder = new TextDecoder();
  const parts: ZipPart[] = [];
  for (let k = 0; k < count; k++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== 0x02014b50) throw corrupt('zip', 'its central directory is damaged');
    const nameLength = view.getUint16(at + 28, true);
    parts.push({
      name: decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength)),
      method: view.getUint16(at + 10, true),
      compressedSize: view.getUint32(at + 20, true),
      uncompressedSize: view.getUint32(at + 24, true),
      offset: view.getUint32(at + 42, true),
    });
    at += 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  return parts;
}
