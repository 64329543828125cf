import { inflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { repackStoredZip, stampWorkbook, workbookBuffer } from '../../src/writer/stableXlsx.js';

interface Entry {
  name: string;
  method: number;
  time: number;
  day: number;
  crc: number;
  data: Buffer;
}

/** A second, plain reading of a zip: every entry through the central directory and its local header. */
function entries(zip: Buffer): Entry[] {
  let eocd = zip.length - 22;
  while (zip.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  const out: Entry[] = [];
  let p = zip.readUInt32LE(eocd + 16);
  for (let k = 0; k < zip.readUInt16LE(eocd + 10); k++) {
    const nameLength = zip.readUInt16LE(p + 28);
    const local = zip.readUInt32LE(p + 42);
    expect(zip.readUInt32LE(local)).toBe(0x04034b50);
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const body = zip.subarray(start, start + zip.readUInt32LE(p + 20));
    const method = zip.readUInt16LE(p + 10);
    const data = method === 8 ? inflateRawSync(body) : Buffer.from(body);
    expect(data.length).toBe(zip.readUInt32LE(p + 24));
    out.push({ name: zip.toString('utf8', p + 46, p + 46 + nameLength), method, time: zip.readUInt16LE(p + 12), day: zip.readUInt16LE(p + 14), crc: zip.readUInt32LE(p + 16), data });
    p += 46 + nameLength + zip.readUInt16LE(p + 30) + zip.readUInt16LE(p + 32);
  }
  return out;
}

/** CRC-32 (the zip polynomial 0xEDB88320), bit by bit: a second implementation to check the headers against. */
function crc32(data: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of data) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

// A 1×1 PNG (already compressed: it must be stored as is).
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==', 'base64');

function workbook(): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  // Pinned as every chiso workbook is: exceljs otherwise stamps `created` with "now",
  // and two builds a second apart would differ in docProps/core.xml.
  stampWorkbook(wb, 2023);
  const sheet = wb.addWorksheet('Tóm tắt');
  sheet.getCell('A1').value = 'Chỉ số nội dung 4';
  sheet.getCell('B2').value = 7.5;
  sheet.addImage(wb.addImage({ buffer: PNG as unknown as ExcelJS.Buffer, extension: 'png' }), { tl: { col: 0, row: 3 }, ext: { width: 10, height: 10 } });
  return wb;
}

describe('repackStoredZip', () => {
  it('keeps every part byte for byte: XML deflated, images and folders stored, CRCs right', async () => {
    const stored = Buffer.from(await workbook().xlsx.writeBuffer({ zip: { compression: 'STORE' } }));
    const before = entries(stored);
    const after = entries(repackStoredZip(stored, new Date(Date.UTC(2023, 0, 1))));
    expect(after.map((e) => e.name)).toEqual(before.map((e) => e.name));
    for (const [k, e] of after.entries()) {
      expect(e.data.equals(before[k].data), e.name).toBe(true);
      expect(e.crc, e.name).toBe(crc32(e.data));
      const expectedMethod = e.name.endsWith('.png') || e.data.length === 0 ? 0 : 8;
      expect(e.method, e.name).toBe(expectedMethod);
      // 2023-01-01 00:00:00 in DOS form: day = (2023 − 1980) << 9 | 1 << 5 | 1, time 0.
      expect([e.day, e.time], e.name).toEqual([(43 << 9) | (1 << 5) | 1, 0]);
    }
    expect(after.some((e) => e.name === 'xl/media/image1.png' && e.data.equals(PNG))).toBe(true);
  });

  it('gives a workbook exceljs reads back, and the same bytes for the same content', async () => {
    const a = await workbookBuffer(workbook());
    const b = await workbookBuffer(workbook());
    expect(a.equals(b)).toBe(true);
    const back = new ExcelJS.Workbook();
    await back.xlsx.load(a as unknown as ArrayBuffer);
    expect(back.getWorksheet('Tóm tắt')!.getCell('A1').value).toBe('Chỉ số nội dung 4');
    expect(back.getWorksheet('Tóm tắt')!.getCell('B2').value).toBe(7.5);
    expect(back.getImage(0).buffer).toEqual(PNG);
  });

  it('checks its CRC-32 against the known value of "123456789"', () => {
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
  });

  it('refuses a zip whose entries are compressed already', async () => {
    const deflated = Buffer.from(await workbook().xlsx.writeBuffer());
    expect(() => repackStoredZip(deflated, new Date())).toThrow(/not stored/);
  });
});
