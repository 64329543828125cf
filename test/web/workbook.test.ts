import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { openXlsx, XlsxError } from '../../src/ingest/xlsx/index.js';
import { cliLimits, type Limits } from '../../src/limits.js';
import { columnName, displayValue, openWorkbook, parseAddress } from '../../src/web/workbook.js';
import { bombStream } from '../hostile/cases.js';
import { readZip, writeZip } from '../hostile/zip.js';

/**
 * The grid reads workbooks with the engine's reader, bundled for the browser
 * (DecompressionStream as the inflater; Node has it too, so this runs here).
 */
describe('the grid’s workbook', () => {
  it('parses addresses and column names', () => {
    expect(parseAddress('A1')).toEqual({ row: 0, column: 0 });
    expect(parseAddress('AB12')).toEqual({ row: 11, column: 27 });
    expect(parseAddress('$C$3')).toEqual({ row: 2, column: 2 });
    expect(parseAddress('Responses')).toBeNull();
    expect(columnName(0)).toBe('A');
    expect(columnName(27)).toBe('AB');
  });

  it('shows formulas, rich text, errors, dates, booleans and merges as written by hand here', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Responses');
    ws.getCell('A1').value = { formula: '3+4', result: 7 };
    ws.getCell('B1').value = { richText: [{ text: 'Có' }, { font: { bold: true }, text: 'ng' }] };
    ws.getCell('C1').value = { error: '#N/A' };
    ws.getCell('D1').value = new Date(Date.UTC(2024, 0, 1));
    ws.getCell('E1').value = true;
    ws.getCell('F1').value = { formula: 'A1*2' }; // no cached result: blank, as ingest reads it
    ws.getCell('B5').value = 'merged';
    ws.mergeCells('B5:C5');
    const workbook = await openWorkbook(new Uint8Array(await wb.xlsx.writeBuffer()));
    const sheet = await workbook.sheet('Responses');
    expect(Array.from({ length: 6 }, (_, c) => sheet.rows[0][c])).toEqual(['7', 'Cóng', '#N/A', '2024-01-01', 'TRUE', undefined]);
    expect(sheet.rows[4][1]).toBe('merged');
    expect(sheet.rows[4][2]).toBeUndefined();
    expect(sheet.rows.length).toBe(5);
    expect(workbook.find('responses')).toBe('Responses');
  });

  it('shows every cell of a sample exactly as the engine read it (one reader)', async () => {
    const bytes = new Uint8Array(readFileSync('samples/errors-demo.xlsx'));
    const grid = await openWorkbook(bytes);
    const engine = await openXlsx(bytes, cliLimits);
    expect(grid.sheetNames).toEqual(engine.sheetNames);
    let compared = 0;
    for (const name of engine.sheetNames) {
      const sheet = await grid.sheet(name);
      for await (const row of engine.rows(name))
        row.values.forEach((v, c) => {
          expect(sheet.rows[row.number - 1][c - 1] ?? '', `${name}!${columnName(c - 1)}${row.number}`).toBe(displayValue(v));
          compared++;
        });
    }
    expect(compared).toBeGreaterThan(1000);
  });

  it('has the engine’s caps: a part that inflates past the limit is refused', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Responses').getCell('A1').value = 1;
    const base = readZip(new Uint8Array(await wb.xlsx.writeBuffer()));
    const sheet = new TextDecoder().decode(base.get('xl/worksheets/sheet1.xml')!);
    const [head, tail] = [sheet.slice(0, sheet.indexOf('<sheetData>') + 11), sheet.slice(sheet.indexOf('<sheetData>') + 11)];
    const bytes = writeZip(
      [...base].map(([name, data]) => (name === 'xl/worksheets/sheet1.xml' ? { name, data, compressed: bombStream(head, 64, tail), declaredSize: 1000 } : { name, data })),
    );
    const limits: Limits = { ...cliLimits, maxEntryBytes: 8 << 20, maxUncompressedBytes: 16 << 20 };
    const workbook = await openWorkbook(bytes, limits);
    const error = await workbook.sheet('Responses').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(XlsxError);
    expect((error as XlsxError).code).toBe('uncompressed-too-large');
  });
});
