import { writeFile } from 'node:fs/promises';
import { deflateRawSync } from 'node:zlib';
import { crc32 } from '../zip/crc32.js';
import { entryBytes, isZip64, readZipEntries } from '../zip/directory.js';
import type { Writable } from 'node:stream';
import type ExcelJS from 'exceljs';

/**
 * Byte-stable workbook output: regenerating a committed template or sample must
 * not churn git. exceljs stamps the document properties with "now" and its zip
 * writer (JSZip) stamps every entry with "now", so both are pinned here (the zip
 * is repacked: repackStoredZip).
 */

export function workbookDate(year: number | undefined): Date {
  // Zip dates run 1980–2107; anything else (no year, year 0) gets a fixed default.
  const y = year !== undefined && Number.isInteger(year) && year >= 1980 && year <= 2107 ? year : 2024;
  return new Date(Date.UTC(y, 0, 1, 0, 0, 0));
}

/** Pins the document properties; call on every workbook chiso writes. */
export function stampWorkbook(workbook: ExcelJS.Workbook, year?: number): void {
  const date = workbookDate(year);
  workbook.creator = 'chiso';
  workbook.lastModifiedBy = 'chiso';
  workbook.created = date;
  workbook.modified = date;
  workbook.lastPrinted = date;
}

/** DOS date/time fields of a zip entry (local time-free: we encode the UTC fields). */
function dosDateTime(date: Date): { time: number; day: number } {
  const time = (date.getUTCHours() << 11) | (date.getUTCMinutes() << 5) | (date.getUTCSeconds() >> 1);
  const day = ((date.getUTCFullYear() - 1980) << 9) | ((date.getUTCMonth() + 1) << 5) | date.getUTCDate();
  return { time, day };
}

/**
 * exceljs writes a line break inside an attribute as a raw newline, which XML
 * attribute-value normalisation turns into a space: LibreOffice (and any
 * conforming reader) shows an input prompt's lines run together. Written as the
 * character reference &#10; the break survives. Only the dataValidations block
 * of a worksheet is rewritten (prompts and error messages live there), so a
 * large sheet costs one indexOf. Returns null when nothing changes.
 */
export function promptNewlinesAsReferences(data: Uint8Array): Uint8Array | null {
  const bytes = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  const start = bytes.indexOf('<dataValidations');
  if (start < 0) return null;
  const end = bytes.indexOf('</dataValidations>', start);
  if (end < 0) return null;
  const block = bytes.subarray(start, end).toString('utf8');
  // Text and attribute values never hold a raw '"' (exceljs writes &quot;), so ="…" is an attribute value.
  const fixed = block.replace(/="[^"]*"/g, (value) => value.replace(/\r\n|\n|\r/g, '&#10;').replace(/\t/g, '&#9;'));
  if (fixed === block) return null;
  return Buffer.concat([bytes.subarray(0, start), Buffer.from(fixed, 'utf8'), bytes.subarray(end)]);
}

const WORKSHEET_PART = /^xl\/worksheets\/sheet\d+\.xml$/;

/** Parts already compressed, which deflate cannot shrink: stored as they are. */
const STORED_PARTS = /\.(png|jpe?g|gif)$/i;

/**
 * Repacks a zip whose entries are all stored (uncompressed), as exceljs writes
 * with `compression: 'STORE'`: each part is deflated by node:zlib (native, many
 * times faster than exceljs's pure-JS deflate, which spent most of a report's
 * write time re-compressing its PNG charts), images stay stored, and every
 * entry gets the same timestamp. Same parts → same bytes, for a given Node
 * version: node:zlib is the zlib bundled with Node, whose output can change
 * between Node releases (regenerating the committed samples on another Node may
 * change their bytes, never their cells).
 */
export function repackStoredZip(zip: Buffer, date: Date): Buffer {
  const { time, day } = dosDateTime(date);
  // exceljs never writes zip64; its markers (0xFFFF entries, 0xFFFFFFFF offsets) would be misread here.
  if (isZip64(zip)) throw new Error('zip64 archives are not supported');
  const entries = readZipEntries(zip);
  const locals: Uint8Array[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const flags = entry.flags & 0x0800; // keep only "names are UTF-8"
    const nameLength = zip.readUInt16LE(entry.record + 28);
    const name = zip.subarray(entry.record + 46, entry.record + 46 + nameLength); // the bytes as written
    if (entry.method !== 0) throw new Error(`zip entry ${entry.name} is not stored`);
    const stored = entryBytes(zip, entry);
    const patched = WORKSHEET_PART.test(entry.name) ? promptNewlinesAsReferences(stored) : null;
    const data = patched ?? stored;
    const size = data.length;
    const crc = patched ? crc32(patched) : entry.crc32;
    const deflate = size > 0 && !STORED_PARTS.test(entry.name); // folders and images stay stored
    const body = deflate ? deflateRawSync(data) : data;

    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(20, 4); // version needed: 2.0
    header.writeUInt16LE(flags, 6);
    header.writeUInt16LE(deflate ? 8 : 0, 8);
    header.writeUInt16LE(time, 10);
    header.writeUInt16LE(day, 12);
    header.writeUInt32LE(crc, 14);
    header.writeUInt32LE(body.length, 18);
    header.writeUInt32LE(size, 22);
    header.writeUInt16LE(nameLength, 26);
    locals.push(header, name, body);

    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4); // version made by
    header.copy(central, 6, 4, 28); // version needed … name length: as in the local header
    zip.copy(central, 36, entry.record + 36, entry.record + 42); // file attributes (a folder's flag) as exceljs wrote them
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);

    offset += 30 + nameLength + body.length;
  }
  const directorySize = centrals.reduce((n, b) => n + b.length, 0);
  if (offset + directorySize > 0xffffffff) throw new Error('the workbook is over 4 GB, which needs zip64: not supported');
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directorySize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, ...centrals, end]);
}

/** The workbook as xlsx bytes, identical for identical content. */
export async function workbookBuffer(workbook: ExcelJS.Workbook): Promise<Buffer> {
  const data = await workbook.xlsx.writeBuffer({ zip: { compression: 'STORE' } });
  const buffer = Buffer.isBuffer(data) ? data : Buffer.from(data as ArrayBuffer);
  const modified = workbook.modified instanceof Date ? workbook.modified : undefined;
  return repackStoredZip(buffer, workbookDate(modified && !Number.isNaN(modified.getTime()) ? modified.getUTCFullYear() : undefined));
}

/** Writes the workbook to a file path or a stream (the stream is ended). */
export async function saveWorkbook(workbook: ExcelJS.Workbook, output: string | Writable): Promise<void> {
  const bytes = await workbookBuffer(workbook);
  if (typeof output === 'string') {
    await writeFile(output, bytes);
    return;
  }
  await new Promise<void>((resolve, reject) => {
    output.once('error', reject);
    output.end(bytes, () => resolve());
  });
}
