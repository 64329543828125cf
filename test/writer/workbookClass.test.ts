import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { Workbook } from '../../src/writer/workbookClass.js';

describe('Workbook (exceljs without its streaming reader and writer)', () => {
  it('is the very class the exceljs package exports', () => {
    expect(Workbook).toBe(ExcelJS.Workbook);
  });

  it('writes a workbook that reads back', async () => {
    const workbook = new Workbook();
    workbook.addWorksheet('Tóm tắt').getCell('B2').value = 'Chỉ số nội dung 4';
    const back = new ExcelJS.Workbook();
    await back.xlsx.load(await workbook.xlsx.writeBuffer());
    expect(back.getWorksheet('Tóm tắt')!.getCell('B2').value).toBe('Chỉ số nội dung 4');
  });
});
