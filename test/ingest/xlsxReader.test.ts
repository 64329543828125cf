import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { loadFramework } from '../../src/framework/load.js';
import { ingestWorkbook } from '../../src/ingest/index.js';
import { readZipDirectory } from '../../src/ingest/preflight.js';
import { loadWithExcelJS, type SheetRow, type WorkbookSource } from '../../src/ingest/source.js';
import { isDateFormat, openXlsx, XlsxError } from '../../src/ingest/xlsx/index.js';
import { ZipArchive } from '../../src/ingest/xlsx/zip.js';
import { inflateEntry } from '../../src/zip/inflate.js';
import { cliLimits, type Limits } from '../../src/limits.js';
import { generateSample } from '../../src/sample/index.js';
import { randomBytes } from 'node:crypto';
import { goodRows, goodWorkbook, header, RESPONSES_PART } from '../hostile/cases.js';
import { writeZip } from '../hostile/zip.js';
import { buildTemplate } from '../../src/template/index.js';

/**
 * Differential test: the purpose-built reader must give exactly what the exceljs
 * reference gives (sheet names, hidden sheets, and every row's number, values,
 * formula columns, merged columns and hidden flag), on the workbooks ingest sees.
 */

async function rowsOf(source: WorkbookSource): Promise<Record<string, SheetRow[]>> {
  const all: Record<string, SheetRow[]> = {};
  for (const name of source.sheetNames) {
    all[name] = [];
    for await (const row of source.rows(name)) all[name].push(row);
  }
  return all;
}

async function expectSameAsExcelJS(bytes: Uint8Array, ours?: WorkbookSource): Promise<Record<string, SheetRow[]>> {
  const reference = await loadWithExcelJS(bytes);
  ours ??= await openXlsx(bytes, cliLimits);
  expect(ours.sheetNames).toEqual(reference.sheetNames);
  expect(ours.hiddenSheets).toEqual(reference.hiddenSheets);
  const expected = await rowsOf(reference);
  const actual = await rowsOf(ours);
  for (const name of reference.sheetNames) {
    expect(actual[name].length, `rows of ${name}`).toBe(expected[name].length);
    for (let k = 0; k < expected[name].length; k++) expect(actual[name][k], `${name} row ${expected[name][k].number}`).toStrictEqual(expected[name][k]);
  }
  return actual;
}

const bytesOf = async (wb: ExcelJS.Workbook) => new Uint8Array(await wb.xlsx.writeBuffer());

/** The parts of a zip, for rewriting the XML exceljs wrote into what Excel or other writers produce. */
async function unzip(bytes: Uint8Array): Promise<Map<string, string>> {
  const zip = new ZipArchive(bytes, inflateEntry, 1 << 30);
  const parts = new Map<string, string>();
  for (const e of readZipDirectory(bytes)!) parts.set(e.name, await zip.text(e.name));
  return parts;
}

/** Re-zips parts (the hostile suite's writer), optionally declaring sizes other than the real ones. */
function zipParts(parts: Map<string, string | Uint8Array>, options: { declaredSize?: (name: string, size: number) => number } = {}): Uint8Array {
  return writeZip(
    [...parts].map(([name, content]) => {
      const data = typeof content === 'string' ? new TextEncoder().encode(content) : content;
      return { name, data, declaredSize: options.declaredSize?.(name, data.length) };
    }),
  );
}

const framework = loadFramework('papi-28');

describe('openXlsx gives what exceljs gives', () => {
  it('a generated sample of 300 respondents with bad cells', async () => {
    const wb = generateSample({ framework, unit: { province: 'An Giang', district: 'Tân Châu', name: 'Phường Long Thạnh', code: '30337' }, year: 2024, respondents: 300, seed: 7, errors: true });
    const rows = await expectSameAsExcelJS(await bytesOf(wb));
    expect(rows.Responses.length).toBeGreaterThan(300);
  });

  it('the blank template (validation, styles, hidden helper sheets)', async () => {
    await expectSameAsExcelJS(await bytesOf(buildTemplate(framework)));
  });

  it('formulas with and without cached values, rich text, booleans, errors, dates, hidden rows and sheets, merges, long and NFD text', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Responses');
    ws.addRow(['respondent_id', 'q1', 'q2', 'q3', 'q4', 'q5']);
    ws.addRow(['r1', { formula: 'B3+1', result: 4 }, { formula: 'NOW()' }, { formula: 'A1', result: 'text result' }, { formula: '1/0', result: { error: '#DIV/0!' } }, { formula: 'TRUE()', result: true }]);
    ws.addRow(['r2', 3, true, false, { error: '#N/A' }, { richText: [{ text: 'Rich ' }, { font: { bold: true }, text: 'text & <more>' }] }]);
    ws.addRow(['r3', new Date(Date.UTC(2024, 2, 15)), 'x'.repeat(32_767), 'Phường Long Thạnh'.normalize('NFD'), '6,5', ' 7 ']);
    ws.getCell('B4').numFmt = 'dd/mm/yyyy';
    ws.addRow(['r4', 1.5e-7, -0, 12345678901234, 'a\u0001b', '"quoted" \'single\'']);
    ws.getRow(5).hidden = true;
    ws.addRow(['merged', 'across', null, null, 'down', 1]);
    ws.mergeCells('B6:D6');
    ws.mergeCells('E6:E8');
    ws.addRow([]);
    ws.addRow(['after', 2]);
    ws.getCell('F9').value = { formula: 'F6*2', result: 2, shareType: 'shared', ref: 'F9:F10' } as ExcelJS.CellValue;
    ws.getCell('F10').value = { sharedFormula: 'F9', result: 4 } as ExcelJS.CellValue;
    ws.getCell('A12').value = { text: 'a link', hyperlink: 'https://example.org' };
    ws.getCell('B12').value = new Date(Date.UTC(1900, 0, 1, 12));
    ws.getCell('C12').value = 0.75;
    ws.getCell('C12').numFmt = 'h:mm';
    ws.getCell('D12').value = 44000;
    ws.getCell('D12').numFmt = '"day" 0';
    const hidden = wb.addWorksheet('Helper', { state: 'hidden' });
    hidden.addRow(['lists', 1]);
    const very = wb.addWorksheet('Secret', { state: 'veryHidden' });
    very.addRow(['deep']);
    wb.addWorksheet('Empty');
    await expectSameAsExcelJS(await bytesOf(wb));
  });

  it('inline strings, entities and numeric references, str cells, comments', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Responses').addRow(['placeholder']);
    const parts = await unzip(await bytesOf(wb));
    const sheet = parts.get('xl/worksheets/sheet1.xml')!;
    const data =
      '<sheetData>' +
      '<row r="1"><c r="A1" t="inlineStr"><is><t>respondent_id</t></is></c><c r="B1" t="inlineStr"><is><r><t xml:space="preserve">q </t></r><r><rPr><b/></rPr><t>1</t></r></is></c></row>' +
      '<!-- a comment between rows -->' +
      '<row r="2"><c r="A2" t="inlineStr"><is><t>A&amp;B &lt;&gt; &quot;&apos; &#233; &#x1F600;</t></is></c><c r="B2"><v>4</v></c><c r="C2" t="str"><v>5,5</v></c></row>' +
      '<row r="7" hidden="1"><c r="C7" t="b"><v>1</v></c><c r="D7" t="e"><v>#REF!</v></c><c r="F7"><f>A1</f><v></v></c></row>' +
      '<row r="8"><c r="A8" s="0"/></row>' +
      '<row r="9"/>' +
      '</sheetData>';
    parts.set('xl/worksheets/sheet1.xml', sheet.replace(/<sheetData>[\s\S]*<\/sheetData>|<sheetData\/>/, data));
    const rows = await expectSameAsExcelJS(zipParts(parts));
    expect(rows.Responses.map((r) => r.number)).toEqual([1, 2, 7]);
    expect(rows.Responses[1].values[1]).toBe('A&B <> "\' é 😀');
  });

  it('rows and cells without r follow the previous one (exceljs refuses them; Excel reads them)', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Responses').addRow(['placeholder']);
    const parts = await unzip(await bytesOf(wb));
    const data = '<sheetData><row><c><v>1</v></c></row><row r="4"><c><v>4</v></c></row><row><c r="C5"><v>5</v></c><c><v>6</v></c></row></sheetData>';
    parts.set('xl/worksheets/sheet1.xml', parts.get('xl/worksheets/sheet1.xml')!.replace(/<sheetData>[\s\S]*<\/sheetData>/, data));
    const rows = (await rowsOf(await openXlsx(zipParts(parts), cliLimits))).Responses;
    expect(rows.map((r) => [r.number, r.values])).toEqual([[1, [, 1]], [4, [, 4]], [5, [, , , 5, 6]]]);
  });

  it('the 1904 date system', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Unit');
    ws.addRow(['when', new Date(Date.UTC(2023, 5, 1))]);
    const parts = await unzip(await bytesOf(wb));
    const book = parts.get('xl/workbook.xml')!;
    parts.set('xl/workbook.xml', book.includes('<workbookPr') ? book.replace('<workbookPr', '<workbookPr date1904="1"') : book.replace('<sheets>', '<workbookPr date1904="1"/><sheets>'));
    const ours = await rowsOf(await openXlsx(zipParts(parts), cliLimits));
    // The serial exceljs wrote for 2023-06-01 now counts from 1904: four years and a day later.
    expect((ours.Unit[0].values[2] as Date).toISOString().slice(0, 10)).toBe('2027-06-02');
  });
});

describe('merges of a large sheet, collected in its one pass', () => {
  function mergedWorkbook(): ExcelJS.Workbook {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Responses');
    ws.addRow(['respondent_id', 'q1', 'q2', 'q3']);
    ws.addRow(['r1', 1, 2, 3]);
    ws.addRow(['r2', 4, null, 5]);
    ws.mergeCells('B2:C3');
    ws.mergeCells('D5:D6');
    wb.addWorksheet('Other').addRow(['plain']);
    return wb;
  }

  it('the first pass flags the late merges; the second pass is exactly what exceljs gives', async () => {
    const bytes = await bytesOf(mergedWorkbook());
    const source = await openXlsx(bytes, cliLimits, { lateMergesFromBytes: 0 });
    const first = await rowsOf(source);
    expect(first.Responses.every((r) => (r.mergedColumns ?? []).length === 0)).toBe(true);
    expect(source.takeLateMerges()).toBe(true);
    expect(source.takeLateMerges()).toBe(false);
    await expectSameAsExcelJS(bytes, source);
    expect(source.takeLateMerges()).toBe(false);
  });

  it('a generated sample: Responses (no merges) is exact in one pass; the Questionnaire merges make a second pass exact', async () => {
    const wb = generateSample({ framework, unit: { province: 'An Giang', district: 'Tân Châu', name: 'Phường Long Thạnh', code: '30337' }, year: 2024, respondents: 50, seed: 3, errors: true });
    const bytes = await bytesOf(wb);
    const source = await openXlsx(bytes, cliLimits, { lateMergesFromBytes: 0 });
    const reference = await rowsOf(await loadWithExcelJS(bytes));
    const first: SheetRow[] = [];
    for await (const row of source.rows('Responses')) first.push(row);
    expect(first).toStrictEqual(reference.Responses);
    expect(source.takeLateMerges()).toBe(false);
    await rowsOf(source);
    expect(source.takeLateMerges()).toBe(true);
    await expectSameAsExcelJS(bytes, source);
    expect(source.takeLateMerges()).toBe(false);
  });

  it('ingest of a large merged Responses sheet (late path, read twice) equals ingest of a small one (pre-pass)', async () => {
    const merged = await goodWorkbook(goodRows, header, (wb) => wb.getWorksheet('Responses')!.mergeCells('C2:C3'));
    const parts = await unzip(merged);
    const small = zipParts(parts);
    // Incompressible padding in a comment pushes the part past LATE_MERGES_FROM_BYTES compressed.
    parts.set(RESPONSES_PART, parts.get(RESPONSES_PART)!.replace('?>', `?><!-- ${randomBytes(400_000).toString('base64')} -->`));
    const large = zipParts(parts);
    const a = await ingestWorkbook(small, { fileName: 'w.xlsx' });
    const b = await ingestWorkbook(large, { fileName: 'w.xlsx' });
    expect(b.problems).toStrictEqual(a.problems);
    expect(b.problems.map((p) => `${p.code} ${p.cell}`)).toContain('merged-cell C3');
    expect([...b.responses.x]).toStrictEqual([...a.responses.x]);
  });

  it('the pre-pass and the late path agree on every number format a cell can hold', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Responses');
    ws.addRow(['n', 0, -0, 7, -12, 0.1, 1.5, -2.25, 3.0000001, 123456789012345, 1234567890123456, 1e21, 1.5e-7, 0.000001, 99999.99999]);
    await expectSameAsExcelJS(await bytesOf(wb), await openXlsx(await bytesOf(wb), cliLimits, { lateMergesFromBytes: 0 }));
    await expectSameAsExcelJS(await bytesOf(wb));
  });
});

describe('date formats', () => {
  it('reads d, m, y, h, s outside quotes and brackets', () => {
    for (const f of ['dd/mm/yyyy', 'h:mm', '[$-409]mmm-yy', 'yyyy"年"', '[h]:mm:ss']) expect(isDateFormat(f), f).toBe(true);
    for (const f of ['General', '0.00', '#,##0 "đ"', '[Red]0', '0%', '@', '_(* #,##0_)', '0.00E+00']) expect(isDateFormat(f), f).toBe(false);
  });
});

describe('hostile parts are typed errors', () => {
  async function partsOfSample() {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Unit').addRow(['respondent_id', 'q1']);
    return unzip(await bytesOf(wb));
  }

  it('a sheet that inflates past the cap although the directory declares it small', async () => {
    const parts = await partsOfSample();
    const sheet = parts.get('xl/worksheets/sheet1.xml')!;
    parts.set('xl/worksheets/sheet1.xml', sheet.replace('<sheetData>', `<sheetData>${' '.repeat(3_000_000)}`));
    const bytes = zipParts(parts, { declaredSize: (name, size) => (name.includes('sheet1') ? 1000 : size) });
    const limits: Limits = { ...cliLimits, maxEntryBytes: 1_000_000 };
    const source = await openXlsx(bytes, limits);
    const error = await rowsOf(source).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(XlsxError);
    expect((error as XlsxError).code).toBe('uncompressed-too-large');
  });

  it('a DOCTYPE in the shared strings or deep in a sheet', async () => {
    const parts = await partsOfSample();
    const strings = parts.get('xl/sharedStrings.xml')!;
    parts.set('xl/sharedStrings.xml', strings.replace('?>', '?><!DOCTYPE sst [<!ENTITY a "aaaa">]>'));
    await expect(openXlsx(zipParts(parts), cliLimits)).rejects.toMatchObject({ code: 'xml-doctype' });

    // Past the first 64 KB, where preflight's quick look stops: ingest still refuses it, as a problem.
    const deep = await partsOfSample();
    const sheet = deep.get('xl/worksheets/sheet1.xml')!;
    deep.set('xl/worksheets/sheet1.xml', sheet.replace('?>', `?>${'<!-- padding -->'.repeat(10_000)}<!DOCTYPE x [<!ENTITY a "b">]>`));
    const survey = await ingestWorkbook(zipParts(deep), { fileName: 'deep.xlsx' });
    expect(survey.fatal).toBe(true);
    expect(survey.problems.map((p) => p.code)).toContain('xml-doctype');
  });
});
