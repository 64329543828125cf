import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { columnName, openWorkbook, parseAddress, serialToDate, unescapeXml } from '../../src/web/xlsx.js';

describe('in-browser xlsx reader (run in Node: DecompressionStream and Blob are there too)', () => {
  it('parses addresses and column names', () => {
    expect(parseAddress('A1')).toEqual({ row: 0, column: 0 });
    expect(parseAddress('AB12')).toEqual({ row: 11, column: 27 });
    expect(parseAddress('$C$3')).toEqual({ row: 2, column: 2 });
    expect(parseAddress('Responses')).toBeNull();
    expect(columnName(0)).toBe('A');
    expect(columnName(27)).toBe('AB');
    expect(unescapeXml('a &amp; b &lt;c&gt; &#x1EA1;')).toBe('a & b <c> ạ');
    expect(serialToDate(45292)).toBe('2024-01-01');
    expect(serialToDate(45292.5)).toBe('2024-01-01 12:00');
  });

  it('reads the same Responses cells as exceljs', async () => {
    const bytes = readFileSync('samples/errors-demo.xlsx');
    const workbook = await openWorkbook(new Uint8Array(bytes));
    expect(workbook.sheetNames).toContain('Responses');
    const sheet = await workbook.sheet('Responses');
    const reference = new ExcelJS.Workbook();
    await reference.xlsx.load(bytes as unknown as ArrayBuffer);
    const ws = reference.getWorksheet('Responses')!;
    expect(sheet.rows.length).toBe(ws.actualRowCount > 0 ? ws.lastRow!.number : 0);
    let compared = 0;
    ws.eachRow((row, r) => {
      row.eachCell((cell, c) => {
        const v = cell.value;
        if (v instanceof Date) {
          expect(sheet.rows[r - 1][c - 1], `${cell.address}`).toBe(v.toISOString().slice(0, 10));
          compared++;
          return;
        }
        if (v === null || typeof v === 'object') return;
        expect(sheet.rows[r - 1][c - 1], `${cell.address}`).toBe(typeof v === 'boolean' ? String(v).toUpperCase() : String(v));
        compared++;
      });
    });
    expect(compared).toBeGreaterThan(100);
  });
});
