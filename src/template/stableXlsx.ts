import { writeFile } from 'node:fs/promises';
import type { Writable } from 'node:stream';
import type ExcelJS from 'exceljs';

/**
 * Byte-stable workbook output: regenerating a committed template or sample must
 * not churn git. exceljs stamps the document properties with "now" and its zip
 * writer (JSZip) stamps every entry with "now", so both are pinned here.
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
 * Rewrites the modification time of every entry of a (non-zip64) zip archive,
 * in both the local headers and the central directory. Returns the same buffer.
 */
export function pinZipTimestamps(zip: Buffer, date: Date): Buffer {
  const { time, day } = dosDateTime(date);
  // End of central directory: signature 0x06054b50, at least 22 bytes from the end.
  let eocd = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i--) {
    if (zip.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error('not a zip archive: no end of central directory');
  const entries = zip.readUInt16LE(eocd + 10);
  let p = zip.readUInt32LE(eocd + 16);
  for (let e = 0; e < entries; e++) {
    if (zip.readUInt32LE(p) !== 0x02014b50) throw new Error('corrupt zip central directory');
    zip.writeUInt16LE(time, p + 12);
    zip.writeUInt16LE(day, p + 14);
    const local = zip.readUInt32LE(p + 42);
    if (zip.readUInt32LE(local) === 0x04034b50) {
      zip.writeUInt16LE(time, local + 10);
      zip.writeUInt16LE(day, local + 12);
    }
    p += 46 + zip.readUInt16LE(p + 28) + zip.readUInt16LE(p + 30) + zip.readUInt16LE(p + 32);
  }
  return zip;
}

/** The workbook as xlsx bytes, identical for identical content. */
export async function workbookBuffer(workbook: ExcelJS.Workbook): Promise<Buffer> {
  const data = await workbook.xlsx.writeBuffer();
  const buffer = Buffer.isBuffer(data) ? data : Buffer.from(data as ArrayBuffer);
  const modified = workbook.modified instanceof Date ? workbook.modified : undefined;
  return pinZipTimestamps(buffer, workbookDate(modified && !Number.isNaN(modified.getTime()) ? modified.getUTCFullYear() : undefined));
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
