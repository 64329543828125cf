import { messageIn } from '../../src/diagnostics/problem.js';
import ExcelJS from 'exceljs';
import { constants, deflateRawSync } from 'node:zlib';
import { expect } from 'vitest';
import type { Limits } from '../../src/limits.js';
import type { WorkbookResult } from '../../src/pipeline.js';
import { buildWorkbook, toBytes } from '../ingest/workbook.js';
import { tinyFramework } from '../scoring/tiny.js';
import { decode, readZip, rezip, utf8, writeZip } from './zip.js';

/**
 * The hostile and broken corpus, built from code: a valid tiny workbook taken
 * apart and changed, raw bytes, or hand-written XML. Each case says what chiso
 * must answer (contract.md: code, severity, where, exit code).
 */
export interface Expected {
  code: string;
  severity: 'error' | 'warning' | 'info';
  sheet?: string;
  cell?: string;
}

export interface HostileCase {
  name: string;
  bytes: Uint8Array;
  /** Problems that must be reported (each at its sheet/cell when given). */
  expect: Expected[];
  exit: 0 | 1 | 2;
  /** Limits for scoreWorkbook and the matching CLI flags. */
  limits?: Limits;
  flags?: string[];
  /** Bound on RSS growth while scoring (zip bombs). */
  maxRssGrowthMb?: number;
  /** Case-specific checks of what was scored. */
  check?: (result: WorkbookResult) => void;
}

const indicator = (result: WorkbookResult, code: string) => result.scorecards[0].indicators.find((i) => i.code === code)!;

export const framework = tinyFramework();
export const header = ['respondent_id', 'i1', 'i2', 'i3', 'i4', 'i5'];
export const goodRows: ExcelJS.CellValue[][] = [
  ['r1', 1, 5, 3, 1, 2],
  ['r2', 0, 3, 4, 0, 1],
];

export async function goodWorkbook(rows = goodRows, head = header, edit?: (wb: ExcelJS.Workbook) => void, unit?: Record<string, ExcelJS.CellValue>): Promise<Uint8Array> {
  const wb = buildWorkbook({ framework, header: head, rows, unit });
  edit?.(wb);
  return toBytes(wb);
}

/** Sheet parts of the tiny workbook: sheet1 Unit, sheet2 Responses, sheet3 Codebook, sheet4 Framework. */
export const RESPONSES_PART = 'xl/worksheets/sheet2.xml';

const BILLION_LAUGHS = [
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>',
  '<!DOCTYPE lolz [<!ENTITY lol "lol">',
  ...Array.from({ length: 9 }, (_, k) => `<!ENTITY lol${k + 1} "${`&lol${k || ''};`.repeat(10)}">`),
  ']>',
].join('');

function withDoctype(xml: string, reference: string | null): string {
  let out = xml.replace(/^<\?xml[^>]*\?>/, BILLION_LAUGHS);
  if (reference) out = out.replace(reference, reference.replace(/>[^<]*</, '>&lol9;<'));
  return out;
}

/**
 * A raw-deflate stream of `prefix`, then `megabytes` MB of spaces, then `suffix`:
 * the spaces are one 1 MB block (flushed so it stands alone) repeated, so a
 * 300 MB part costs a few hundred kilobytes to build and to store.
 */
export function bombStream(prefix: string, megabytes: number, suffix: string): Uint8Array {
  const flush = { finishFlush: constants.Z_FULL_FLUSH };
  const block = deflateRawSync(Buffer.alloc(1 << 20, 0x20), flush);
  return new Uint8Array(Buffer.concat([deflateRawSync(utf8(prefix), flush), ...Array<Buffer>(megabytes).fill(block), deflateRawSync(utf8(suffix))]));
}

/**
 * An OLE compound file (the container of .xls files and of Excel's encrypted
 * workbooks) with the given stream names in its directory: header, one FAT
 * sector, one directory sector, and a data sector per stream.
 */
export function oleFile(streams: string[]): Uint8Array {
  const sector = 512;
  const header = Buffer.alloc(sector, 0);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(header, 0);
  header.writeUInt16LE(0x003e, 24); // minor version
  header.writeUInt16LE(0x0003, 26); // major version 3 (512-byte sectors)
  header.writeUInt16LE(0xfffe, 28); // byte order
  header.writeUInt16LE(9, 30); // sector shift
  header.writeUInt16LE(6, 32); // mini sector shift
  header.writeUInt32LE(1, 44); // FAT sectors
  header.writeUInt32LE(1, 48); // first directory sector
  header.writeUInt32LE(0x1000, 56); // mini stream cutoff
  header.writeUInt32LE(0xfffffffe, 60); // no mini FAT
  header.writeUInt32LE(0xfffffffe, 68); // no DIFAT sectors
  for (let i = 0; i < 109; i++) header.writeUInt32LE(i === 0 ? 0 : 0xffffffff, 76 + 4 * i);
  const fat = Buffer.alloc(sector, 0xff);
  fat.writeUInt32LE(0xfffffffd, 0); // sector 0 is the FAT
  fat.writeUInt32LE(0xfffffffe, 4); // sector 1, the directory, ends its chain
  streams.forEach((_, k) => fat.writeUInt32LE(0xfffffffe, 8 + 4 * k));
  const dir = Buffer.alloc(sector, 0);
  const entry = (k: number, name: string, type: number, start: number, size: number) => {
    const at = k * 128;
    const encoded = Buffer.from(`${name}\0`, 'utf16le');
    encoded.copy(dir, at);
    dir.writeUInt16LE(encoded.length, at + 64);
    dir.writeUInt8(type, at + 66);
    dir.writeUInt8(1, at + 67); // black
    dir.writeUInt32LE(0xffffffff, at + 68);
    dir.writeUInt32LE(0xffffffff, at + 72);
    dir.writeUInt32LE(k === 0 && streams.length ? 1 : 0xffffffff, at + 76);
    dir.writeUInt32LE(start, at + 116);
    dir.writeUInt32LE(size, at + 120);
  };
  entry(0, 'Root Entry', 5, 0xfffffffe, 0);
  streams.forEach((name, k) => entry(k + 1, name, 2, 2 + k, sector));
  const data = streams.map((_, k) => Buffer.alloc(sector, (k * 37 + 11) & 0xff));
  return new Uint8Array(Buffer.concat([header, fat, dir, ...data]));
}

/** exceljs's parts of a workbook with one sheet changed. */
function withPart(bytes: Uint8Array, name: string, change: (xml: string) => string): Map<string, Uint8Array> {
  const parts = readZip(bytes);
  parts.set(name, utf8(change(decode(parts.get(name)!))));
  return parts;
}

/** A workbook with the given sheets (name → sheet XML body), written by hand. */
function handWorkbook(sheets: { name: string; xml: string }[]): Uint8Array {
  const ns = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
  const rel = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
  const decl = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>';
  const parts: [string, string][] = [
    [
      '[Content_Types].xml',
      `${decl}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>${sheets.map((_, k) => `<Override PartName="/xl/worksheets/sheet${k + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join('')}</Types>`,
    ],
    ['_rels/.rels', `${decl}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>`],
    [
      'xl/workbook.xml',
      `${decl}<workbook xmlns="${ns}" xmlns:r="${rel}"><sheets>${sheets.map((s, k) => `<sheet name="${s.name}" sheetId="${k + 1}" r:id="rId${k + 1}"/>`).join('')}</sheets></workbook>`,
    ],
    [
      'xl/_rels/workbook.xml.rels',
      `${decl}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${sheets.map((_, k) => `<Relationship Id="rId${k + 1}" Type="${rel}/worksheet" Target="worksheets/sheet${k + 1}.xml"/>`).join('')}</Relationships>`,
    ],
    ...sheets.map((s, k): [string, string] => [`xl/worksheets/sheet${k + 1}.xml`, `${decl}<worksheet xmlns="${ns}">${s.xml}</worksheet>`]),
  ];
  return writeZip(parts.map(([name, text]) => ({ name, data: utf8(text) })));
}

const MB = 1024 * 1024;
export const smallLimits: Limits = { maxFileBytes: 25 * MB, maxUncompressedBytes: 64 * MB, maxEntryBytes: 64 * MB, maxEntries: 10_000, maxCells: 5_000_000, maxSharedStrings: 1_000_000, maxSharedStringChars: 50_000_000 };

export async function hostileCases(): Promise<HostileCase[]> {
  const good = await goodWorkbook();
  const responsesXml = decode(readZip(good).get(RESPONSES_PART)!);
  const sheetDataAt = responsesXml.indexOf('<sheetData>') + '<sheetData>'.length;
  const longText = 'á'.repeat(32_767);

  return [
    {
      name: 'CSV bytes named .xlsx',
      bytes: utf8('respondent_id,i1,i2\nr1,1,5\n'),
      expect: [{ code: 'not-a-workbook', severity: 'error', sheet: '', cell: '' }],
      exit: 2,
    },
    {
      name: 'a PNG image named .xlsx',
      bytes: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, ...new Array(64).fill(0)]),
      expect: [{ code: 'not-a-workbook', severity: 'error', sheet: '', cell: '' }],
      exit: 2,
    },
    {
      name: 'an empty file',
      bytes: new Uint8Array(0),
      expect: [{ code: 'not-a-workbook', severity: 'error', sheet: '', cell: '' }],
      exit: 2,
    },
    {
      name: 'a zip truncated in the middle',
      bytes: good.slice(0, good.length >> 1),
      expect: [{ code: 'corrupt-workbook', severity: 'error', sheet: '', cell: '' }],
      exit: 2,
    },
    {
      name: 'a zip missing only its last bytes',
      bytes: good.slice(0, good.length - 10),
      expect: [{ code: 'corrupt-workbook', severity: 'error', sheet: '', cell: '' }],
      exit: 2,
    },
    {
      name: 'a zip bomb: Responses declares 1 KB and inflates to 300 MB (service limit 250 MB)',
      bytes: rezip(readZip(good), {
        [RESPONSES_PART]: { declaredSize: 1024, compressed: bombStream(responsesXml.slice(0, sheetDataAt), 300, responsesXml.slice(sheetDataAt)) },
      }),
      limits: { ...smallLimits, maxUncompressedBytes: 250 * MB, maxEntryBytes: 250 * MB },
      flags: ['--max-uncompressed-mb', '250'],
      expect: [{ code: 'uncompressed-too-large', severity: 'error', sheet: '', cell: '' }],
      exit: 2,
      maxRssGrowthMb: 200,
    },
    {
      name: 'a zip bomb past the CLI default of 1 GB, declaring 1 KB',
      bytes: rezip(readZip(good), {
        [RESPONSES_PART]: { declaredSize: 1024, compressed: bombStream(responsesXml.slice(0, sheetDataAt), 1100, responsesXml.slice(sheetDataAt)) },
      }),
      expect: [{ code: 'uncompressed-too-large', severity: 'error', sheet: '', cell: '' }],
      exit: 2,
      maxRssGrowthMb: 200,
    },
    {
      name: 'a zip bomb that declares its huge size (4 GB)',
      bytes: rezip(readZip(good), { [RESPONSES_PART]: { declaredSize: 0xfffffff0 } }),
      expect: [{ code: 'uncompressed-too-large', severity: 'error', sheet: '', cell: '' }],
      exit: 2,
      maxRssGrowthMb: 200,
    },
    {
      name: 'billion laughs (DOCTYPE with entities) in a sheet',
      bytes: rezip(withPart(good, RESPONSES_PART, (xml) => withDoctype(xml, null).replace('<c r="B2"><v>1</v></c>', '<c r="B2" t="inlineStr"><is><t>&lol9;</t></is></c>'))),
      expect: [{ code: 'xml-doctype', severity: 'error', sheet: '', cell: '' }],
      exit: 2,
    },
    {
      name: 'billion laughs in sharedStrings',
      bytes: rezip(withPart(good, 'xl/sharedStrings.xml', (xml) => withDoctype(xml, '<t>r1</t>'))),
      expect: [{ code: 'xml-doctype', severity: 'error', sheet: '', cell: '' }],
      exit: 2,
    },
    {
      name: 'an old .xls renamed .xlsx (OLE compound file)',
      bytes: oleFile(['Workbook', '\u0005SummaryInformation']),
      expect: [{ code: 'not-xlsx', severity: 'error', sheet: '', cell: '' }],
      exit: 2,
    },
    {
      name: 'a password-protected workbook (OLE container with EncryptedPackage)',
      bytes: oleFile(['EncryptionInfo', 'EncryptedPackage', '\u0006DataSpaces']),
      expect: [{ code: 'encrypted-workbook', severity: 'error', sheet: '', cell: '' }],
      exit: 2,
    },
    {
      name: 'a zip whose parts are encrypted (zip password)',
      bytes: rezip(readZip(good), { [RESPONSES_PART]: { encrypted: true } }),
      expect: [{ code: 'encrypted-workbook', severity: 'error', sheet: '', cell: '' }],
      exit: 2,
    },
    {
      name: 'a macro workbook (xl/vbaProject.bin): scored, macros never run',
      bytes: rezip(new Map([...readZip(good), ['xl/vbaProject.bin', oleFile(['VBA', 'PROJECT'])]])),
      expect: [{ code: 'macros-ignored', severity: 'warning', sheet: '', cell: '' }],
      exit: 0,
    },
    {
      name: 'a formula in an answer cell: its cached value, never evaluated',
      // =1+1 would be 2; Excel last saved 5, which is what counts.
      bytes: await goodWorkbook([['r1', 1, { formula: '1+1', result: 5 }, 3, 1, 2], ['r2', 0, 3, 4, 0, 1]]),
      expect: [{ code: 'formula-cell', severity: 'warning', sheet: 'Responses', cell: 'C2' }],
      exit: 0,
      // i2 is scale 1..5: (5−1)/4 = 1 from the cached 5 and (3−1)/4 = 0.5 → 0.75; evaluating =1+1 would give 0.375.
      check: (r) => expect(indicator(r, 'i2').score).toBeCloseTo(0.75, 12),
    },
    {
      name: 'a formula with no cached value and one cached as an error',
      bytes: await goodWorkbook([['r1', { formula: 'A1/0', result: { error: '#DIV/0!' } }, { formula: '2+2' }, 3, 1, 2], ['r2', 0, 3, 4, 0, 1]]),
      expect: [
        { code: 'formula-cell', severity: 'warning', sheet: 'Responses', cell: 'B2' },
        { code: 'formula-cell', severity: 'warning', sheet: 'Responses', cell: 'C2' },
        { code: 'invalid-answer', severity: 'error', sheet: 'Responses', cell: 'B2' },
      ],
      exit: 1,
      check: (r) => {
        expect(indicator(r, 'i1')).toMatchObject({ answered: 1, missing: 0, invalid: 1 });
        expect(indicator(r, 'i2')).toMatchObject({ answered: 1, missing: 1, invalid: 0 });
      },
    },
    {
      name: 'merged answer cells: the covered cell is read as blank, with a warning',
      bytes: await goodWorkbook(goodRows, header, (wb) => wb.getWorksheet('Responses')!.mergeCells('C2:C3')),
      expect: [{ code: 'merged-cell', severity: 'warning', sheet: 'Responses', cell: 'C3' }],
      exit: 0,
      check: (r) => expect(indicator(r, 'i2')).toMatchObject({ answered: 1, missing: 1, invalid: 0, score: 1 }),
    },
    {
      name: 'a hidden sheet and a hidden row: read like any other',
      bytes: await goodWorkbook(goodRows, header, (wb) => {
        wb.getWorksheet('Codebook')!.state = 'hidden';
        wb.getWorksheet('Responses')!.getRow(3).hidden = true;
      }),
      expect: [
        { code: 'hidden-sheet', severity: 'info', sheet: 'Codebook', cell: '' },
        { code: 'hidden-row', severity: 'info', sheet: 'Responses', cell: 'A3' },
      ],
      exit: 0,
      check: (r) => expect(r.scorecards[0].respondents).toBe(2),
    },
    {
      name: 'duplicate and unknown headers',
      bytes: await goodWorkbook(
        [
          ['r1', 1, 5, 3, 1, 2, 4, 'x'],
          ['r2', 0, 3, 4, 0, 1, 2, 'y'],
        ],
        [...header, 'i2', 'q99'],
      ),
      expect: [
        { code: 'duplicate-column', severity: 'error', sheet: 'Responses', cell: 'G1' },
        { code: 'unknown-column', severity: 'warning', sheet: 'Responses', cell: 'H1' },
      ],
      exit: 1,
      // The first i2 (C) is read: 5 and 3, not 4 and 2.
      check: (r) => expect(indicator(r, 'i2').score).toBeCloseTo(0.75, 12),
    },
    {
      name: 'a workbook with no sheets at all',
      bytes: handWorkbook([]),
      expect: [{ code: 'missing-sheet', severity: 'error', sheet: 'Unit', cell: '' }],
      exit: 2,
    },
    {
      name: 'a workbook with only an empty sheet',
      bytes: handWorkbook([{ name: 'Sheet1', xml: '<sheetData/>' }]),
      expect: [
        { code: 'missing-sheet', severity: 'error', sheet: 'Unit', cell: '' },
        { code: 'missing-sheet', severity: 'error', sheet: 'Responses', cell: '' },
      ],
      exit: 2,
    },
    {
      name: 'the template sheets present but all empty',
      bytes: handWorkbook(['Unit', 'Responses', 'Codebook', 'Framework'].map((name) => ({ name, xml: '<sheetData/>' }))),
      expect: [{ code: 'missing-column', severity: 'error', sheet: 'Unit', cell: 'A1' }],
      exit: 2,
    },
    {
      name: 'a sheet declaring a million rows (dimension A1:ZZ1000000, row r="1000000")',
      bytes: rezip(
        withPart(good, RESPONSES_PART, (xml) =>
          xml
            .replace(/<dimension ref="[^"]*"\/>/, '<dimension ref="A1:ZZ1000000"/>')
            .replace('</sheetData>', '<row r="999999" spans="1:702"/><row r="1000000"><c r="A1000000" t="inlineStr"><is><t>r3</t></is></c><c r="C1000000"><v>7</v></c></row></sheetData>'),
        ),
      ),
      // Row 1,000,000 is a real respondent with one bad answer: located there, nothing else made up.
      expect: [{ code: 'invalid-answer', severity: 'error', sheet: 'Responses', cell: 'C1000000' }],
      exit: 1,
      check: (r) => {
        expect(r.scorecards[0].respondents).toBe(3);
        expect(indicator(r, 'i2')).toMatchObject({ answered: 2, invalid: 1 });
      },
      maxRssGrowthMb: 100,
    },
    {
      name: 'dates and booleans in answer cells',
      bytes: await goodWorkbook([
        ['r1', true, new Date(Date.UTC(2023, 4, 1)), 3, 1, 2],
        ['r2', 0, 3, 4, false, 1],
      ]),
      expect: [
        { code: 'invalid-answer', severity: 'error', sheet: 'Responses', cell: 'B2' },
        { code: 'invalid-answer', severity: 'error', sheet: 'Responses', cell: 'C2' },
        { code: 'invalid-answer', severity: 'error', sheet: 'Responses', cell: 'E3' },
      ],
      exit: 1,
      check: (r) => {
        expect(indicator(r, 'i1')).toMatchObject({ answered: 1, invalid: 1, score: 0 });
        expect(indicator(r, 'i4')).toMatchObject({ answered: 1, invalid: 1, score: 1 });
        expect(messageIn(r.problems.find((p) => p.cell === 'B2')!, 'en')).toMatch(/^the boolean TRUE is not a number — i1 "i1" accepts /);
        expect(messageIn(r.problems.find((p) => p.cell === 'C2')!, 'en')).toMatch(/^a date is not a number — i2 "i2" accepts /);
      },
    },
    {
      name: 'decomposed Unicode (NFD) unit names',
      bytes: await goodWorkbook(goodRows, header, undefined, {
        province: 'An Giang'.normalize('NFD'),
        district: 'Tân Châu'.normalize('NFD'),
        unit: 'Phường Long Thạnh'.normalize('NFD'),
      }),
      expect: [],
      exit: 0,
      check: (r) => {
        const unit = r.scorecards[0].unit;
        expect(unit.name).toBe('Phường Long Thạnh'.normalize('NFC'));
        expect(unit.name).not.toBe('Phường Long Thạnh'.normalize('NFD'));
        expect(unit.province).toBe('An Giang');
        expect(unit.district).toBe('Tân Châu'.normalize('NFC'));
      },
    },
    {
      name: '32,767-character strings in a text column and in an answer cell',
      bytes: await goodWorkbook(
        [
          ['r1', 1, longText, 3, 1, 2, longText],
          ['r2', 0, 3, 4, 0, 1, 'Kinh'],
        ],
        [...header, 'ethnicity'],
      ),
      expect: [{ code: 'invalid-answer', severity: 'error', sheet: 'Responses', cell: 'C2' }],
      exit: 1,
      check: (r) => {
        expect(r.scorecards[0].respondents).toBe(2);
        expect(indicator(r, 'i2')).toMatchObject({ answered: 1, invalid: 1 });
      },
    },
  ];
}
