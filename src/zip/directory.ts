/**
 * Reading a zip's central directory and finding an entry's bytes: the one copy
 * used by ingest (preflight, the xlsx reader, batch zips), the report writer's
 * repack and the browser workbench. Plain DataView and TextDecoder, so it runs
 * in Node and in the browser alike. Sizes are what the directory declares:
 * callers must not trust them for memory (the inflate counts the real ones).
 */
import { reason, type Reason } from '../diagnostics/reasons.js';
export interface ZipEntry {
  name: string;
  /** General-purpose flags: bit 0 encrypted, bit 11 names in UTF-8. */
  flags: number;
  /** 0 stored, 8 deflated. */
  method: number;
  crc32: number;
  compressedSize: number;
  uncompressedSize: number;
  /** Offset of the entry's local header. */
  offset: number;
  /** Offset of the entry's own central-directory record (for fields not copied here). */
  record: number;
}

/** The directory or an entry cannot be read: not a zip, truncated or damaged. */
/** A damaged zip: its reason in both languages (diagnostics/reasons.ts); the message is the English one. */
export class ZipFormatError extends Error {
  constructor(readonly reason: Reason) {
    super(reason.en);
    this.name = 'ZipFormatError';
  }
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

function viewOf(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** The end-of-central-directory record: within the last 22 + 65,535 bytes (the comment's most). */
function endRecord(bytes: Uint8Array): number {
  const view = viewOf(bytes);
  for (let i = bytes.length - 22, stop = Math.max(0, bytes.length - 22 - 0xffff); i >= stop; i--) if (view.getUint32(i, true) === EOCD) return i;
  throw new ZipFormatError(reason('zip-no-directory'));
}

/** Every entry of the central directory, in its order; throws ZipFormatError. */
export function readZipEntries(bytes: Uint8Array): ZipEntry[] {
  const view = viewOf(bytes);
  const eocd = endRecord(bytes);
  const count = view.getUint16(eocd + 10, true);
  let at = view.getUint32(eocd + 16, true);
  const decoder = new TextDecoder();
  const entries: ZipEntry[] = [];
  for (let k = 0; k < count; k++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== CENTRAL) throw new ZipFormatError(reason('zip-directory-damaged'));
    const nameLength = view.getUint16(at + 28, true);
    entries.push({
      name: decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength)),
      flags: view.getUint16(at + 8, true),
      method: view.getUint16(at + 10, true),
      crc32: view.getUint32(at + 16, true),
      compressedSize: view.getUint32(at + 20, true),
      uncompressedSize: view.getUint32(at + 24, true),
      offset: view.getUint32(at + 42, true),
      record: at,
    });
    at += 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  return entries;
}

/** Whether the entry is encrypted (flag bit 0): Excel's "protect with password" or a zip password. */
export function isEncrypted(entry: Pick<ZipEntry, 'flags'>): boolean {
  return (entry.flags & 1) === 1;
}

/** Whether the directory says the archive needs zip64 (0xFFFF entries or a 0xFFFFFFFF offset). */
export function isZip64(bytes: Uint8Array): boolean {
  const view = viewOf(bytes);
  const eocd = endRecord(bytes);
  return view.getUint16(eocd + 10, true) === 0xffff || view.getUint32(eocd + 16, true) === 0xffffffff;
}

/** The entry's compressed bytes, found through its local header; throws ZipFormatError. */
export function entryBytes(bytes: Uint8Array, entry: Pick<ZipEntry, 'offset' | 'compressedSize'>): Uint8Array {
  const view = viewOf(bytes);
  if (entry.offset + 30 > bytes.length || view.getUint32(entry.offset, true) !== LOCAL) throw new ZipFormatError(reason('zip-no-local-header'));
  // The local header's name and extra lengths can differ from the central directory's.
  const start = entry.offset + 30 + view.getUint16(entry.offset + 26, true) + view.getUint16(entry.offset + 28, true);
  if (start + entry.compressedSize > bytes.length) throw new ZipFormatError(reason('zip-past-end'));
  return bytes.subarray(start, start + entry.compressedSize);
}
