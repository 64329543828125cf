import { describe, expect, it } from 'vitest';
import type { SheetRow } from '../../src/ingest/source.js';
import { SheetScanner } from '../../src/ingest/xlsx/sheetScanner.js';
import { byteWindows } from '../../src/ingest/xlsx/window.js';

/**
 * The scanner reads a sheet window by window, and an element cut by a window's
 * end waits for the next. Whatever the cut, the rows must be those of one whole
 * window: this sheet is split at every chunk size from 1 byte up.
 */
const SHEET = [
  '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>',
  '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1"><v>42</v></c></row>',
  // the usual cells, a self-closing one, an empty <v>, whitespace breaking the fast path
  '<row r="2"><c r="A2"><v>3</v></c><c r="B2" s="0"/><c r="C2"><v></v></c><c r="D2"> <v>4.5</v> </c><c r="E2"><v>-7</v></c></row>',
  // formulas with and without a cached value, booleans, errors, str and inline strings, CDATA with '<' inside
  '<row r="3"><c r="A3"><f>1+1</f><v>2</v></c><c r="B3"><f>X</f></c><c r="C3" t="b"><v>1</v></c><c r="D3" t="e"><v>#N/A</v></c>',
  '<c r="E3" t="str"><v>a &amp; b</v></c><c r="F3" t="inlineStr"><is><t>Chỉ số</t></is></c><c r="G3" t="str"><v><![CDATA[x<y]]></v></c></row>',
  // a '>' and the other quote inside attribute values, a comment between cells
  `<row r="4"><c r="A4" foo='x"y>z' t="s"><v>1</v></c><!-- a <c> in a comment --><c r="B4" t="s" bar="a>b"><v>0</v></c></row>`,
  '<row r="6" hidden="1"><c r="B6"><v>9</v></c></row>',
  '</sheetData></worksheet>',
].join('');

async function rowsWithChunks(bytes: Buffer, size: number): Promise<SheetRow[]> {
  async function* chunks() {
    for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
  }
  const scanner = new SheetScanner({ part: 'sheet.xml', sharedStrings: ['respondent_id', 'Xã Liên Hội'], dateStyles: [false], date1904: false, merged: new Map() });
  const rows: SheetRow[] = [];
  for await (const w of byteWindows(chunks(), 'sheet.xml')) scanner.scan(w, rows);
  return rows;
}

describe('the sheet scanner, whatever the window cuts', () => {
  it('reads what it should from the whole sheet', async () => {
    const rows = await rowsWithChunks(Buffer.from(SHEET), SHEET.length + 1);
    expect(rows.map((r) => r.number)).toEqual([1, 2, 3, 4, 6]);
    expect(rows[0].values).toEqual([undefined, 'respondent_id', 'Xã Liên Hội', 42]);
    expect(rows[1].values[1]).toBe(3);
    expect(rows[1].values[4]).toBe(4.5);
    expect(rows[1].values[5]).toBe(-7);
    expect(2 in rows[1].values || 3 in rows[1].values).toBe(false); // <c/> and <v></v> are no value
    expect(rows[2].values.slice(1)).toEqual([2, null, true, { error: '#N/A' }, 'a & b', 'Chỉ số', 'x<y']);
    expect(rows[2].formulaColumns).toEqual([1, 2]);
    expect(rows[3].values.slice(1)).toEqual(['Xã Liên Hội', 'respondent_id']); // a '>' in a value is not the tag's end
    expect(rows[4].hidden).toBe(true);
  });

  it('gives the same rows for every chunk size from 1 to 64 bytes, and 1 KB', async () => {
    const bytes = Buffer.from(SHEET);
    const whole = await rowsWithChunks(bytes, bytes.length + 1);
    for (const size of [...Array.from({ length: 64 }, (_, k) => k + 1), 1024]) expect(await rowsWithChunks(bytes, size), `chunks of ${size}`).toEqual(whole);
  });
});
