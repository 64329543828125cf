import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { messageIn } from '../../src/diagnostics/problem.js';
import { ingestWorkbook } from '../../src/ingest/index.js';
import type { SheetRow } from '../../src/ingest/source.js';
import { openXlsx } from '../../src/ingest/xlsx/index.js';
import { isZipBatch } from '../../src/ingest/zipBatch.js';
import { cliLimits } from '../../src/limits.js';
import { goodWorkbook, RESPONSES_PART } from '../hostile/cases.js';
import { decode, readZip, utf8, writeZip, type ZipPart } from '../hostile/zip.js';

/**
 * Workbooks as other writers lay them out, made from the tiny template workbook
 * by rewriting its parts: each must ingest exactly as the original does (same
 * coded answers, same problems), or fail with a located, stable code.
 */

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const RELS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const STRICT_MAIN = 'http://purl.oclc.org/ooxml/spreadsheetml/main';
const STRICT_RELS = 'http://purl.oclc.org/ooxml/officeDocument/relationships';

type Parts = Map<string, string>;

async function baseParts(): Promise<Parts> {
  const parts: Parts = new Map();
  for (const [name, data] of readZip(await goodWorkbook())) parts.set(name, decode(data));
  return parts;
}

function zip(parts: Parts, overrides: Record<string, Partial<ZipPart>> = {}): Uint8Array {
  return writeZip([...parts].map(([name, text]) => ({ name, data: utf8(text), ...overrides[name] })));
}

const spreadsheetParts = (parts: Parts) => [...parts.keys()].filter((n) => /^xl\/(workbook|sharedStrings|styles|worksheets\/sheet\d+)\.xml$/.test(n));

/** Every unprefixed element of a SpreadsheetML part given `prefix`, as the Open XML SDK (x:) or ElementTree (ns0:) writes. */
function prefixElements(xml: string, prefix: string): string {
  return xml.replace(`xmlns="${MAIN}"`, `xmlns:${prefix}="${MAIN}"`).replace(/<(\/?)([A-Za-z_][\w.-]*)(?=[\s/>])/g, (_m, slash: string, name: string) => `<${slash}${prefix}:${name}`);
}

async function ingestBytes(bytes: Uint8Array) {
  return ingestWorkbook(bytes, { fileName: 'w.xlsx' });
}

const codes = (survey: { problems: { code: string; sheet: string; cell: string }[] }) => survey.problems.map((p) => `${p.code} ${p.sheet}!${p.cell}`);

describe('other writers’ layouts read exactly as Excel’s', async () => {
  const original = await ingestBytes(zip(await baseParts()));
  expect(original.fatal).toBe(false);
  // The tiny workbook: 2 respondents × 5 items (goodRows), no problems.
  expect(original.responses.n).toBe(2);

  async function expectSame(parts: Parts) {
    const survey = await ingestBytes(zip(parts));
    expect(codes(survey)).toEqual(codes(original));
    expect(survey.fatal).toBe(false);
    expect([...survey.responses.x]).toEqual([...original.responses.x]);
    expect(survey.respondentIds).toEqual(original.respondentIds);
    expect(survey.unit).toEqual(original.unit);
    return survey;
  }

  it('elements prefixed x: (the .NET Open XML SDK)', async () => {
    const parts = await baseParts();
    for (const name of spreadsheetParts(parts)) parts.set(name, prefixElements(parts.get(name)!, 'x'));
    expect(parts.get(RESPONSES_PART)).toContain('<x:c r="B2"><x:v>1</x:v></x:c>');
    await expectSame(parts);
  });

  it('ns0: elements and an ns1: relationship id (Python ElementTree), relationships:id', async () => {
    const parts = await baseParts();
    for (const name of spreadsheetParts(parts)) parts.set(name, prefixElements(parts.get(name)!, 'ns0'));
    parts.set('xl/workbook.xml', parts.get('xl/workbook.xml')!.replace('xmlns:r=', 'xmlns:ns1=').replaceAll(' r:id=', ' ns1:id='));
    await expectSame(parts);
    parts.set('xl/workbook.xml', parts.get('xl/workbook.xml')!.replace('xmlns:ns1=', 'xmlns:relationships=').replaceAll(' ns1:id=', ' relationships:id='));
    await expectSame(parts);
  });

  it('the workbook part elsewhere, found through _rels/.rels; targets relative to its folder', async () => {
    const parts = await baseParts();
    const rels = parts.get('xl/_rels/workbook.xml.rels')!.replaceAll('Target="', 'Target="../xl/');
    parts.delete('xl/_rels/workbook.xml.rels');
    parts.set('book/_rels/main.xml.rels', rels);
    parts.set('book/main.xml', parts.get('xl/workbook.xml')!);
    parts.delete('xl/workbook.xml');
    parts.set('_rels/.rels', parts.get('_rels/.rels')!.replace('Target="xl/workbook.xml"', 'Target="/book/main.xml"'));
    await expectSame(parts);
  });

  it('part names in other capitals than the relationships say (xl/SharedStrings.xml, Sheet2.xml)', async () => {
    const parts = await baseParts();
    parts.set('xl/SharedStrings.xml', parts.get('xl/sharedStrings.xml')!);
    parts.delete('xl/sharedStrings.xml');
    parts.set('xl/worksheets/Sheet2.xml', parts.get(RESPONSES_PART)!);
    parts.delete(RESPONSES_PART);
    await expectSame(parts);
  });

  it('Strict Open XML: the Strict namespaces and relationship types', async () => {
    const parts = await baseParts();
    for (const [name, text] of parts) parts.set(name, text.replaceAll(MAIN, STRICT_MAIN).replaceAll(RELS, STRICT_RELS));
    expect(parts.get('_rels/.rels')).toContain(`${STRICT_RELS}/officeDocument`);
    await expectSame(parts);
  });

  it('whitespace before > in every end tag', async () => {
    const parts = await baseParts();
    for (const name of spreadsheetParts(parts))
      parts.set(name, parts.get(name)!.replace(/<\/(c|row|v|si|t|sheetData|worksheet|sst)>/g, (_m, tag: string) => `</${tag}${tag === 'row' ? '\n' : ' '}>`));
    expect(parts.get(RESPONSES_PART)).toContain('<v>1</v ></c >');
    await expectSame(parts);
  });

  it('prefixed elements and end-tag whitespace together', async () => {
    const parts = await baseParts();
    for (const name of spreadsheetParts(parts)) parts.set(name, prefixElements(parts.get(name)!, 'x').replaceAll('</x:c>', '</x:c\t>'));
    await expectSame(parts);
  });
});

async function responsesRows(bytes: Uint8Array): Promise<SheetRow[]> {
  const source = await openXlsx(bytes, cliLimits);
  const rows: SheetRow[] = [];
  for await (const row of source.rows('Responses')) rows.push(row);
  return rows;
}

/** The tiny workbook with Responses!B2's cell element replaced. */
async function withB2(cell: string): Promise<Uint8Array> {
  const parts = await baseParts();
  const sheet = parts.get(RESPONSES_PART)!;
  expect(sheet).toContain('<c r="B2"><v>1</v></c>');
  parts.set(RESPONSES_PART, sheet.replace('<c r="B2"><v>1</v></c>', cell));
  return zip(parts);
}

describe('values read exactly', () => {
  it.each([
    ['<v> </v>', ' '],
    ['<v>0x10</v>', '0x10'],
    ['<v>1,5</v>', '1,5'],
    ['<v>INF</v>', 'INF'],
    ['<v>1e</v>', '1e'],
    ['<v>--1</v>', '--1'],
  ])('a number cell holding %s is an invalid answer at its cell, not a number', async (v, text) => {
    const bytes = await withB2(`<c r="B2">${v}</c>`);
    expect((await responsesRows(bytes))[1].values[2]).toEqual({ error: text, malformed: true });
    const survey = await ingestBytes(bytes);
    expect(codes(survey)).toContain('invalid-answer Responses!B2');
  });

  it.each([
    ['1e0', 1],
    [' 1 ', 1],
    ['+1', 1],
    ['1.', 1],
    ['.5e1', 5],
    ['-0', -0],
  ])('xsd:double forms: %s is %d', async (v, n) => {
    expect((await responsesRows(await withB2(`<c r="B2"><v>${v}</v></c>`)))[1].values[2]).toBe(n);
  });

  it.each([
    ['1', true],
    ['true', true],
    ['0', false],
    ['false', false],
    [' false ', false],
  ])('a boolean cell holding %s is %s', async (v, b) => {
    expect((await responsesRows(await withB2(`<c r="B2" t="b"><v>${v}</v></c>`)))[1].values[2]).toBe(b);
  });

  it('a boolean cell holding anything else is malformed', async () => {
    expect((await responsesRows(await withB2('<c r="B2" t="b"><v>yes</v></c>')))[1].values[2]).toEqual({ error: 'yes', malformed: true });
  });

  it('a shared-string index past the table is a damaged workbook naming the part', async () => {
    for (const index of ['999', '-1', '1.5', 'x']) {
      const survey = await ingestBytes(await withB2(`<c r="B2" t="s"><v>${index}</v></c>`));
      expect(survey.fatal).toBe(true);
      const problem = survey.problems.find((p) => p.code === 'corrupt-workbook');
      expect(problem?.message, index).toContain(RESPONSES_PART);
      expect(problem?.message).toContain('xl/sharedStrings.xml');
    }
  });
});

describe('truncated parts are damaged workbooks, with the part named', () => {
  async function cut(part: string, at: (text: string) => number) {
    const parts = await baseParts();
    const text = parts.get(part)!;
    parts.set(part, text.slice(0, at(text)));
    const survey = await ingestBytes(zip(parts));
    expect(survey.fatal).toBe(true);
    const problem = survey.problems.find((p) => p.code === 'corrupt-workbook');
    expect(problem?.message).toContain(part);
    return problem!;
  }

  it('a sheet cut inside a cell, between rows, or before </worksheet>: the reason in Vietnamese (default) and English', async () => {
    for (const at of [(t: string) => t.indexOf('<c r="C2">') + 5, (t: string) => t.indexOf('<row r="3"')]) {
      const p = await cut(RESPONSES_PART, at);
      expect(p.message).toMatch(/: phần này kết thúc (giữa một phần tử|trước <\/worksheet>) \(tệp bị cắt cụt\)\); hãy mở trong Excel/);
      expect(p.message).not.toMatch(/cut short/);
      expect(messageIn(p, 'en')).toMatch(/: it ends (inside an element|before <\/worksheet>) \(the file was cut short\)\); open it in Excel/);
      // The reason keeps a stable code for JSON readers.
      expect(['xml-cut-in-element', 'xml-cut-before-close']).toContain((p.params?.reason as { code?: string }).code);
    }
    const end = await cut(RESPONSES_PART, (t) => t.indexOf('</worksheet>'));
    expect(end.message).toContain('phần này kết thúc trước </worksheet> (tệp bị cắt cụt)');
    expect(messageIn(end, 'en')).toContain('it ends before </worksheet> (the file was cut short)');
  });

  it('the shared strings cut inside a string or before </sst>', async () => {
    await cut('xl/sharedStrings.xml', (t) => t.indexOf('<si><t>value') + 6);
    await cut('xl/sharedStrings.xml', (t) => t.indexOf('</sst>'));
  });

  it('a deflate stream cut short', async () => {
    const parts = await baseParts();
    const full = deflateRawSync(utf8(parts.get(RESPONSES_PART)!));
    const survey = await ingestBytes(zip(parts, { [RESPONSES_PART]: { compressed: full.subarray(0, full.length >> 1) } }));
    expect(survey.fatal).toBe(true);
    expect(survey.problems.find((p) => p.code === 'corrupt-workbook')?.message).toContain(RESPONSES_PART);
  });
});

describe('a sheet whose layout cannot be read says so', () => {
  it('rows in a namespace that is not SpreadsheetML: unreadable-sheet, not "no respondent_id column"', async () => {
    const parts = await baseParts();
    // Elements prefixed q:, bound on a child rather than on the root: the reader cannot know them.
    const sheet = parts.get(RESPONSES_PART)!.replace(/<(\/?)(row|c|v)(?=[\s/>])/g, '<$1q:$2').replace('<sheetData>', '<sheetData xmlns:q="urn:other">');
    parts.set(RESPONSES_PART, sheet);
    const survey = await ingestBytes(zip(parts));
    expect(codes(survey)).toContain('unreadable-sheet Responses!');
    expect(codes(survey).filter((c) => c.startsWith('missing-column'))).toEqual([]);
  });
});

describe('sheet names', () => {
  it('are matched without case and spaces, with an info problem', async () => {
    const parts = await baseParts();
    parts.set('xl/workbook.xml', parts.get('xl/workbook.xml')!.replace('name="Responses"', 'name=" responses "').replace('name="Codebook"', 'name="Code book"'));
    const survey = await ingestBytes(zip(parts));
    expect(survey.fatal).toBe(false);
    expect(survey.responses.n).toBe(2);
    expect(codes(survey)).toEqual(expect.arrayContaining(['sheet-name-matched Responses!', 'sheet-name-matched Codebook!']));
  });

  it('a missing sheet lists the sheets found', async () => {
    const parts = await baseParts();
    parts.set('xl/workbook.xml', parts.get('xl/workbook.xml')!.replace('name="Responses"', 'name="Data"'));
    const survey = await ingestBytes(zip(parts));
    const missing = survey.problems.find((p) => p.code === 'missing-sheet');
    expect(missing?.sheet).toBe('Responses');
    expect(missing?.message).toContain('"Unit", "Data", "Codebook", "Framework"');
  });
});

describe('not an .xlsx', () => {
  const ods = writeZip([
    { name: 'mimetype', data: utf8('application/vnd.oasis.opendocument.spreadsheet'), method: 0 },
    { name: 'content.xml', data: utf8('<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"/>') },
    { name: 'META-INF/manifest.xml', data: utf8('<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"/>') },
  ]);

  it('an .ods says how to save it as .xlsx', async () => {
    const survey = await ingestWorkbook(ods, { fileName: 'xa.ods' });
    expect(survey.problems.map((p) => p.code)).toEqual(['not-xlsx']);
    expect(survey.problems[0].message).toMatch(/LibreOffice.*\.xlsx/);
  });

  it('an .ods (even one named .zip) is not a batch of workbooks; a zip of workbooks is', async () => {
    expect(isZipBatch('xa.ods', ods)).toBe(false);
    expect(isZipBatch('xa.zip', ods)).toBe(false);
    const batch = writeZip([{ name: 'a.xlsx', data: await goodWorkbook() }]);
    expect(isZipBatch('batch.zip', batch)).toBe(true);
    expect(isZipBatch('upload', batch)).toBe(true);
  });
});
