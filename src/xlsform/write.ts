import { Workbook } from '../writer/index.js';
import { FIXED_DATE } from '../report/context.js';
import { xlsFormSheets, type XlsForm } from './form.js';

/** The XLSForm as an .xlsx workbook; every cell a string (user text never becomes a formula). */
export async function xlsFormWorkbook(form: XlsForm): Promise<Uint8Array> {
  const workbook = new Workbook();
  workbook.created = FIXED_DATE;
  workbook.modified = FIXED_DATE;
  for (const { name, rows } of xlsFormSheets(form)) {
    const sheet = workbook.addWorksheet(name);
    rows.forEach((cells, r) => {
      const row = sheet.getRow(r + 1);
      cells.forEach((text, c) => {
        if (text !== '') row.getCell(c + 1).value = text;
      });
    });
    sheet.getRow(1).font = { bold: true };
    sheet.views = [{ state: 'frozen', ySplit: 1 }];
    rows[0].forEach((h, c) => (sheet.getColumn(c + 1).width = /label|hint|message|title/.test(h) ? 50 : 18));
  }
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
