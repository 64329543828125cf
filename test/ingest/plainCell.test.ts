import { describe, expect, it } from 'vitest';
import type { SheetRow } from '../../src/ingest/source.js';
import type { MergedCells } from '../../src/ingest/xlsx/merges.js';
import { SheetScanner } from '../../src/ingest/xlsx/sheetScanner.js';
import { byteWindows } from '../../src/ingest/xlsx/window.js';

/**
 * The scanner reads the plain cell (`<c r="B2" s="1" t="s"><v>12</v></c>`) in a
 * fast path of its own and everything else in the general one. Cells that look
 * almost plain must read as the file says, whichever path takes them: each
 * expected value below is worked out from the cell's XML by hand (ECMA-376
 * §18.3.1.4: t absent or unknown is a number; the last of a repeated attribute
 * is what the general path keeps; a date style turns a serial into a Date).
 */
const STRINGS = ['zero', 'one', 'two'];

async function read(rowsXml: string, options: { dateStyles?: boolean[]; merged?: MergedCells } = {}): Promise<SheetRow[]> {
  const xml = `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rowsXml}</sheetData></worksheet>`;
  async function* chunks() {
    yield Buffer.from(xml);
  }
  const scanner = new SheetScanner({ part: 'xl/worksheets/sheet1.xml', sharedStrings: STRINGS, dateStyles: options.dateStyles ?? [false, false], date1904: false, merged: options.merged ?? new Map() });
  const rows: SheetRow[] = [];
  for await (const w of byteWindows(chunks(), 'sheet')) scanner.scan(w, rows);
  return rows;
}

describe('plain and almost-plain cells', () => {
  it('reads plain cells: shared strings by index, numbers from their digits, columns from r', async () => {
    const [row] = await read('<row r="2"><c r="A2" t="s"><v>2</v></c><c r="B2" s="1"><v>0007</v></c><c r="AA2" t="n"><v>123456789012345</v></c></row>');
    expect(row.values[1]).toBe('two');
    expect(row.values[2]).toBe(7); // leading zeros: the number 7
    expect(row.values[27]).toBe(123456789012345); // AA = 26 + 1
    expect(row.values.length).toBe(28);
  });

  it('reads the almost-plain ones as the general rules say', async () => {
    const [row] = await read(
      '<row r="1">' +
        '<c r="A1" t="sx"><v>3</v></c>' + // unknown type: a number, 3
        '<c r="B1" t="s" t="n"><v>1</v></c>' + // repeated t: the last (n), so 1 and not "one"
        '<c r="C1"\tt="s"><v>1</v></c>' + // a tab between attributes: still the shared string "one"
        "<c r='D1' t='s'><v>0</v></c>" + // single quotes: "zero"
        '<c r="E1"><v>1234567890123456</v></c>' + // 16 digits: Number("1234567890123456")
        '<c r="F1"><v>-0</v></c>' + // minus zero keeps its sign
        '<c r="G1" t="s" cm="1"><v>2</v></c>' + // another attribute: "two"
        '<c r="H1" s=""><v>5</v></c>' + // an empty style: style 0, a number
        '<c r="9"><v>8</v></c>' + // no column letters in r: the next column, I
        '</row>',
    );
    expect(row.values.slice(1)).toEqual([3, 1, 'one', 'zero', 1234567890123456, -0, 'two', 5, 8]);
    expect(Object.is(row.values[6], -0)).toBe(true);
  });

  it('turns a serial under a date style into a Date, and leaves it a number under another style', async () => {
    const [row] = await read('<row r="1"><c r="A1" s="1"><v>45292</v></c><c r="B1" s="0"><v>45292</v></c></row>', { dateStyles: [false, true] });
    // 45292 days after 1899-12-30 is 2024-01-01.
    expect(row.values[1]).toEqual(new Date(Date.UTC(2024, 0, 1)));
    expect(row.values[2]).toBe(45292);
  });

  it('leaves a merge’s covered cell out, and refuses a shared-string index past the table', async () => {
    const [row] = await read('<row r="1"><c r="A1"><v>1</v></c><c r="B1"><v>2</v></c></row>', { merged: new Map([[1, [2]]]) });
    expect(row.values).toEqual([undefined, 1]);
    expect(row.mergedColumns).toEqual([2]);
    await expect(read('<row r="1"><c r="A1" t="s"><v>3</v></c></row>')).rejects.toThrow(/shared string "3", but the table has 3/);
  });
});
