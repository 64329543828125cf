import { constants, inflateRawSync } from 'node:zlib';
import type { Limits } from '../limits.js';
import type { Problem } from '../diagnostics/problem.js';
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
  const fail = (code: string, message: string): Preflight => ({
    problems: [{ file, sheet: '', cell: '', severity: 'error', code, message }],
    entries: [],
    fatal: true,
  });
  if (bytes.length > limits.maxFileBytes)
    return fail('file-too-large', `the file is ${bytes.length} bytes; the limit is ${limits.maxFileBytes}`);
  if (startsWith(bytes, OLE_MAGIC) && containsUtf16(bytes, 'EncryptedPackage'))
    return fail('encrypted-workbook', 'this workbook is protected with a password (Excel saved it encrypted); remove the password (File › Info › Protect Workbook) and save it again as .xlsx');
  if (startsWith(bytes, OLE_MAGIC))
    return fail(
      'not-xlsx',
      'this is an old Excel 97-2003 (.xls) file; open it in Excel (File › Save As › Excel Workbook) or LibreOffice (File › Save As › "Excel 2007-365 (.xlsx)") and save it as .xlsx',
    );
  if (!startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]))
    return fail('not-a-workbook', 'this is not an Excel workbook (.xlsx); chiso reads .xlsx files made from its template');
  const entries = readZipDirectory(bytes);
  if (!entries) return fail('corrupt-workbook', 'the workbook is damaged or incomplete (its zip directory cannot be read); save it again from Excel');
  if (entries.length > limits.maxEntries)
    return fail('too-many-entries', `the workbook has ${entries.length} parts; the limit is ${limits.maxEntries}`);
  let total = 0;
  for (const e of entries) {
    if (isEncrypted(e)) return fail('encrypted-workbook', `part ${e.name} is encrypted; remove the password and save again`);
    if (e.uncompressedSize > limits.maxEntryBytes)
      return fail('uncompressed-too-large', `part ${e.name} inflates to ${e.uncompressedSize} bytes; the limit is ${limits.maxEntryBytes}`);
    total += e.uncompressedSize;
  }
  if (total > limits.maxUncompressedBytes)
    return fail('uncompressed-too-large', `the workbook inflates to ${total} bytes; the limit is ${limits.maxUncompressedBytes}`);
  const kind = packageKind(entries.map((e) => e.name));
  if (kind === 'opendocument')
    return fail('not-xlsx', 'this is an OpenDocument spreadsheet (.ods, from LibreOffice Calc); open it in LibreOffice, choose File › Save As, and save it as "Excel 2007-365 (.xlsx)"');
  if (kind !== 'ooxml') return fail('not-a-workbook', 'this zip is not an Excel workbook (it has no _rels/.rels or [Content_Types].xml); chiso reads .xlsx files made from its template');
  for (const e of entries) {
    if (!/\.(xml|rels|vml)$/i.test(e.name)) continue;
    const head = entryHead(bytes, e);
    if (head === null) return fail('corrupt-workbook', `the workbook is damaged (part ${e.name} cannot be read); save it again from Excel`);
    if (/<!DOCTYPE/i.test(head))
      return fail('xml-doctype', `part ${e.name} declares a DOCTYPE (XML entities, as in a "billion laughs" attack); Excel never writes one, so chiso does not read this file`);
  }
  if (entries.some((e) => /vbaProject\.bin$/i.test(e.name)))
    problems.push({ file, sheet: '', cell: '', severity: 'warning', code: 'macros-ignored', message: 'the workbook contains macros; chiso never runs them' });
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

