import { constants, inflateRawSync } from 'node:zlib';
import type { Limits } from '../limits.js';
import type { MessageId, ParamsOf } from '../diagnostics/catalogue.js';
import { problem, type Problem } from '../diagnostics/problem.js';
import { entryBytes, isEncrypted, readZipEntries, ZipFormatError, type ZipEntry } from '../zip/directory.js';
import { packageKind } from './xlsx/package.js';

export type { ZipEntry } from '../zip/directory.js';

/**
 * Looks at the file's bytes before any xlsx library does (contract.md: limits are
 * checked before the work they protect): is it a zip at all, an old .xls or an
 * encrypted workbook (both OLE compound files), and do the zip's central directory
 * sizes stay inside the limits (a zip bomb declares its sizes there).
 */
export interface Preflight {
  problems: Problem[];
  entries: ZipEntry[];
  fatal: boolean;
}

const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function startsWith(bytes: Uint8Array, magic: number[]): boolean {
  return magic.every((b, i) => bytes[i] === b);
}

/** Reads the zip central directory; null when there is none (not a zip, or truncated). */
export function readZipDirectory(bytes: Uint8Array): ZipEntry[] | null {
  try {
    return readZipEntries(bytes);
  } catch (error) {
    if (error instanceof ZipFormatError) return null;
    throw error;
  }
}

export function preflight(bytes: Uint8Array, file: string, limits: Limits): Preflight {
  const problems: Problem[] = [];
  const fail = <Id extends MessageId>(id: Id, params: ParamsOf<Id>): Preflight => ({
    problems: [problem(id, params, { file })],
    entries: [],
    fatal: true,
  });
  if (bytes.length > limits.maxFileBytes)
    return fail('file-too-large', { size: bytes.length, limit: limits.maxFileBytes });
  if (startsWith(bytes, OLE_MAGIC) && containsUtf16(bytes, 'EncryptedPackage'))
    return fail('encrypted-workbook', {});
  if (startsWith(bytes, OLE_MAGIC))
    return fail('not-xlsx', {});
  if (!startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]))
    return fail('not-a-workbook', {});
  const entries = readZipDirectory(bytes);
  if (!entries) return fail('corrupt-workbook.directory', {});
  if (entries.length > limits.maxEntries)
    return fail('too-many-entries', { count: entries.length, limit: limits.maxEntries });
  let total = 0;
  for (const e of entries) {
    if (isEncrypted(e)) return fail('encrypted-workbook.part', { part: e.name });
    if (e.uncompressedSize > limits.maxEntryBytes)
      return fail('uncompressed-too-large.part', { part: e.name, size: e.uncompressedSize, limit: limits.maxEntryBytes });
    total += e.uncompressedSize;
  }
  if (total > limits.maxUncompressedBytes)
    return fail('uncompressed-too-large.total', { size: total, limit: limits.maxUncompressedBytes });
  const kind = packageKind(entries.map((e) => e.name));
  if (kind === 'opendocument') return fail('not-xlsx.ods', {});
  if (kind !== 'ooxml') return fail('not-a-workbook.no-workbook-part', {});
  for (const e of entries) {
    if (!/\.(xml|rels|vml)$/i.test(e.name)) continue;
    const head = entryHead(bytes, e);
    if (head === null) return fail('corrupt-workbook.part', { part: e.name });
    if (/<!DOCTYPE/i.test(head))
      return fail('xml-doctype', { part: e.name });
  }
  if (entries.some((e) => /vbaProject\.bin$/i.test(e.name)))
    problems.push(problem('macros-ignored', {}, { file }));
  return { problems, entries, fatal: false };
}

/** Whether an OLE compound file names a stream (names are UTF-16LE in its directory). */
function containsUtf16(bytes: Uint8Array, name: string): boolean {
  const needle = Buffer.from(name, 'utf16le');
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(needle);
}

const HEAD_COMPRESSED = 4096;
const HEAD_MAX = 4 * 1024 * 1024;

/**
 * The first few kilobytes of an XML part, where a DOCTYPE would have to be (it
 * precedes the root element). Inflating a truncated deflate stream with a sync
 * flush gives what it holds so far; the output is capped, so a bomb cannot use it.
 */
function entryHead(bytes: Uint8Array, entry: ZipEntry): string | null {
  let data: Uint8Array;
  try {
    data = entryBytes(bytes, entry);
  } catch {
    return null; // the local header is missing or points outside the file
  }
  const slice = data.subarray(0, HEAD_COMPRESSED);
  let head: Uint8Array = slice;
  if (entry.method === 8) {
    try {
      head = inflateRawSync(slice, { finishFlush: constants.Z_SYNC_FLUSH, maxOutputLength: HEAD_MAX });
    } catch {
      return ''; // unreadable or highly compressed: the size check and the xlsx reader judge it
    }
  }
  return new TextDecoder().decode(head.subarray(0, 64 * 1024));
}

