import type { Limits } from '../limits.js';
import type { Problem } from '../diagnostics/problem.js';

/**
 * Looks at the file's bytes before any xlsx library does (contract.md: limits are
 * checked before the work they protect): is it a zip at all, an old .xls or an
 * encrypted workbook (both OLE compound files), and do the zip's central directory
 * sizes stay inside the limits (a zip bomb declares its sizes there).
 */
export interface ZipEntry {
  name: string;
  compressedSize: number;
  uncompressedSize: number;
  encrypted: boolean;
}

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
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // End of central directory: signature 0x06054b50, within the last 22 + 65535 bytes.
  const stop = Math.max(0, bytes.length - 22 - 0xffff);
  let eocd = -1;
  for (let i = bytes.length - 22; i >= stop; i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const count = view.getUint16(eocd + 10, true);
  let offset = view.getUint32(eocd + 16, true);
  const entries: ZipEntry[] = [];
  const decoder = new TextDecoder();
  for (let k = 0; k < count; k++) {
    if (offset + 46 > bytes.length || view.getUint32(offset, true) !== 0x02014b50) return null;
    const flags = view.getUint16(offset + 8, true);
    const compressedSize = view.getUint32(offset + 20, true);
    const uncompressedSize = view.getUint32(offset + 24, true);
    const nameLength = view.getUint16(offset + 28, true);
    const extraLength = view.getUint16(offset + 30, true);
    const commentLength = view.getUint16(offset + 32, true);
    const name = decoder.decode(bytes.subarray(offset + 46, offset + 46 + nameLength));
    entries.push({ name, compressedSize, uncompressedSize, encrypted: (flags & 1) === 1 });
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
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
  if (startsWith(bytes, OLE_MAGIC))
    return fail(
      'not-xlsx',
      'this is an old Excel 97-2003 (.xls) file or a password-protected workbook; save it as an unprotected Excel Workbook (.xlsx)',
    );
  if (!startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]))
    return fail('not-a-workbook', 'this is not an Excel workbook (.xlsx); chiso reads .xlsx files made from its template');
  const entries = readZipDirectory(bytes);
  if (!entries) return fail('corrupt-workbook', 'the workbook is damaged or incomplete (its zip directory cannot be read); save it again from Excel');
  if (entries.length > limits.maxEntries)
    return fail('too-many-entries', `the workbook has ${entries.length} parts; the limit is ${limits.maxEntries}`);
  let total = 0;
  for (const e of entries) {
    if (e.encrypted) return fail('encrypted-workbook', `part ${e.name} is encrypted; remove the password and save again`);
    if (e.uncompressedSize > limits.maxEntryBytes)
      return fail('uncompressed-too-large', `part ${e.name} inflates to ${e.uncompressedSize} bytes; the limit is ${limits.maxEntryBytes}`);
    total += e.uncompressedSize;
  }
  if (total > limits.maxUncompressedBytes)
    return fail('uncompressed-too-large', `the workbook inflates to ${total} bytes; the limit is ${limits.maxUncompressedBytes}`);
  if (!entries.some((e) => e.name === 'xl/workbook.xml'))
    return fail('not-a-workbook', 'this zip is not an Excel workbook (it has no xl/workbook.xml)');
  if (entries.some((e) => /vbaProject\.bin$/i.test(e.name)))
    problems.push({ file, sheet: '', cell: '', severity: 'warning', code: 'macros-ignored', message: 'the workbook contains macros; chiso never runs them' });
  return { problems, entries, fatal: false };
}
