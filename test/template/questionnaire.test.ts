import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { loadFramework } from '../../src/framework/load.js';
import { buildTemplate } from '../../src/template/index.js';
import { PAGE_BODY_HEIGHT, QUESTIONNAIRE_SCALE, layOut } from '../../src/template/questionnaire.js';
import { skipInstructions } from '../../src/template/skips.js';
import { item } from '../scoring/tiny.js';
import { entryBytes, readZipEntries } from '../../src/zip/directory.js';
import { inflateEntry } from '../../src/zip/inflate.js';

const unit = { province: 'Tỉnh Lạng Sơn', district: 'Huyện Văn Quan', name: 'Xã Liên Hội', code: '06139', year: 2024 };

/** The sheet rows after which a manual page break falls (exceljs keeps them untyped). */
function rowBreaks(sheet: ExcelJS.Worksheet): number[] {
  return ((sheet as unknown as { rowBreaks: { id: number }[] }).rowBreaks ?? []).map((b) => b.id).sort((a, b) => a - b);
}

function cellText(value: ExcelJS.CellValue): string {
  if (value && typeof value === 'object' && 'richText' in value) return value.richText.map((r) => r.text).join('');
  return value === null || value === undefined ? '' : String(value);
}

/** The printed rows of the Questionnaire sheet (from row 3), with their text, height and whether they are a merged band. */
function printedRows(sheet: ExcelJS.Worksheet) {
  const rows: { r: number; a: string; b: string; c: string; height: number; band: boolean; bold: boolean }[] = [];
  for (let r = 3; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    rows.push({
      r,
      a: cellText(row.getCell(1).value),
      b: cellText(row.getCell(2).value),
      c: cellText(row.getCell(3).value),
      height: row.height,
      band: row.getCell(2).isMerged,
      bold: row.getCell(1).font?.bold === true,
    });
  }
  return rows;
}

describe('the printed Questionnaire sheet', async () => {
  const framework = loadFramework('papi-29');
  const vi = buildTemplate(framework, { unit, respondents: 5 }).getWorksheet('Questionnaire')!;
  const en = buildTemplate(framework, { unit, respondents: 5, questionnaireLang: 'en' }).getWorksheet('Questionnaire')!;
  const rows = printedRows(vi);
  const all = rows.map((r) => `${r.a}\n${r.b}\n${r.c}`).join('\n');

  it('is Vietnamese only by default: no English question or option text', () => {
    for (const it of framework.items) {
      expect(all).toContain(it.textVi);
      expect(all, it.code).not.toContain(it.textEn);
    }
    expect(all).not.toMatch(/Don't know|Refused|Not applicable|\bYes\b|\bNo\b|Strongly|Question/);
  });

  it('is English with questionnaireLang en, in the same layout', () => {
    const text = printedRows(en).map((r) => `${r.b}\n${r.c}`).join('\n');
    for (const it of framework.items) expect(text, it.code).toContain(it.textEn);
    expect(text).not.toContain(framework.items[0].textVi);
    expect(text).toContain('→ If NO');
  });

  it('opens with a cover block, the introduction and consent', () => {
    for (const label of ['Mã phiếu', 'Tỉnh/thành phố', 'Xã/phường', 'Thôn/tổ dân phố', 'Ngày phỏng vấn', 'Điều tra viên (họ tên, mã số)'])
      expect(rows.some((r) => r.b === label), label).toBe(true);
    expect(rows.find((r) => r.b === 'Xã/phường')!.c).toBe('Xã Liên Hội (mã 06139)');
    expect(rows.find((r) => r.b === 'Tỉnh/thành phố')!.c).toBe('Tỉnh Lạng Sơn');
    expect(all).toContain('LỜI GIỚI THIỆU');
    expect(all).toContain('Ông/bà có đồng ý tham gia cuộc khảo sát này không?');
    expect(all).toContain('không phải cuộc khảo sát PAPI chính thức');
    // the cover comes before the first question
    const first = rows.findIndex((r) => r.a === framework.items[0].code);
    expect(rows.findIndex((r) => r.b === 'Thôn/tổ dân phố')).toBeLessThan(first);
  });

  it('prints the skip instructions of the relevant conditions', () => {
    const options = (code: string) => rows.find((r) => r.a === code)!.c;
    expect(options('d5a_00')).toContain('→ Nếu KHÔNG, không biết hoặc không trả lời: chuyển sang câu d5b_00');
    expect(options('d6a_00')).toContain('chuyển sang câu d6a_05'); // d6a_03, d6a_04 skipped; d6a_05 is for everyone
    expect(options('d6b_00')).toContain('chuyển sang câu d6c_01');
    expect(options('d3b_00')).toContain('chuyển sang câu d3b_04'); // d3b_03 needs d3b_00 = 1 too
    expect(options('d8a_01')).toContain('chuyển sang câu d8a_03');
    // d6a_06 follows d6a_05 (asked of all), so its own condition is printed before it
    const before = rows[rows.findIndex((r) => r.a === 'd6a_06') - 1];
    expect(before.a).toBe('► Chỉ hỏi nếu câu d6a_00 = 1 (Có).');
    // interviewer notes are printed (in italics) with the question, scoring words are not read out
    expect(rows.find((r) => r.a === 'd1a_03')!.b).toContain('Đáp án');
    expect(rows.find((r) => r.a === 'd1a_02')!.c).not.toContain('tính là');
  });

  it('never leaves a heading as the last row of a page, and every page fits A4 at the print scale', () => {
    const breaks = rowBreaks(vi);
    expect(breaks.length).toBeGreaterThan(5);
    expect(vi.pageSetup.scale).toBe(QUESTIONNAIRE_SCALE);
    const byRow = new Map(rows.map((r) => [r.r, r]));
    const isHeading = (r: { band: boolean; bold: boolean; a: string }) => r.band && (r.bold || r.a.startsWith('►'));
    for (const b of breaks) {
      // the row that ends a page is a question, not a heading or a skip line
      expect(isHeading(byRow.get(b)!), `row ${b}: ${byRow.get(b)!.a}`).toBe(false);
    }
    // Page heights, from the sheet's own row heights (A4 842 pt less 2 × 0.7" margins, at 80 %, less the title row)
    const limit = (842 - 1.4 * 72) / 0.8 - vi.getRow(2).height;
    let page = 0;
    for (const r of rows) {
      page += r.height;
      if (breaks.includes(r.r)) {
        expect(page, `page ending at row ${r.r}`).toBeLessThanOrEqual(limit);
        page = 0;
      }
    }
    expect(page).toBeLessThanOrEqual(limit);
    // Each dimension heading starts a page or follows the previous question on the same page with its first question.
    for (const dim of framework.dimensions) {
      const k = rows.findIndex((r) => r.a.startsWith(`PHẦN ${dim.code}.`));
      expect(k).toBeGreaterThan(0);
      const pageEnd = breaks.find((b) => b >= rows[k].r) ?? Infinity;
      expect(rows[k + 2].r, `dimension ${dim.code}`).toBeLessThanOrEqual(pageEnd); // heading, sub-dimension heading, first question
    }
  });

  it('writes the breaks into the sheet XML, so Excel and LibreOffice find them', async () => {
    const workbook = buildTemplate(framework, { unit, respondents: 5 });
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
    const index = workbook.worksheets.findIndex((s) => s.name === 'Questionnaire') + 1;
    const entry = readZipEntries(bytes).find((e) => e.name === `xl/worksheets/sheet${index}.xml`)!;
    const chunks: Uint8Array[] = [];
    for await (const chunk of inflateEntry(entryBytes(bytes, entry), entry.method, 1 << 16)) chunks.push(chunk);
    const xml = Buffer.concat(chunks).toString('utf8');
    const ids = [...xml.matchAll(/<brk id="(\d+)"[^>]*man="1"/g)].map((m) => Number(m[1]));
    expect(ids).toEqual(rowBreaks(vi));
    expect(xml).toMatch(/<pageSetup[^>]*paperSize="9"[^>]*scale="80"/);
    expect(xml).not.toMatch(/<pageSetUpPr fitToPage="1"/);
  });
});

describe('layOut', () => {
  it('moves a heading and its follower to the next page rather than strand it', () => {
    // budget = PAGE_BODY_HEIGHT − 0: a page of questions that leaves room for a heading but not for its question
    const q = PAGE_BODY_HEIGHT - 40;
    const { breaks } = layOut(
      [
        { height: q, heading: false },
        { height: 20, heading: true }, // fits alone (q + 20 ≤ budget) …
        { height: 30, heading: false }, // … but not with its question
        { height: 30, heading: false },
      ],
      0,
    );
    expect(breaks).toEqual([0]); // the page ends after the first question
    expect(layOut([{ height: 10, heading: false }, { height: 10, heading: true }, { height: 10, heading: false }], 0).breaks).toEqual([]);
  });
});

describe('skipInstructions', () => {
  it('jumps past every question that needs the answer, to the first still asked', () => {
    const items = [
      item('f', ''),
      item('a', '1a', { relevant: '${f} = 1' }),
      item('b', '1a', { relevant: '${f} = 1 and ${a} = 1' }),
      item('c', '1a', { relevant: 'not(${f} = 1)' }),
      item('d', '1a'),
    ];
    const { jumpIfNo, askIf } = skipInstructions(items, 'vi');
    // f = 0: a, b skipped; c asked (not(0 = 1)) → go to c
    expect(jumpIfNo.get('f')).toBe('c');
    // a = 0: b skipped → c
    expect(jumpIfNo.get('a')).toBe('c');
    expect(askIf.has('a')).toBe(false); // "${f} = 1" right after f: the jump says it
    expect(askIf.get('b')).toBe('câu f = 1 (Có) và câu a = 1 (Có)');
    expect(askIf.get('c')).toBe('không phải (câu f = 1 (Có))');
  });
});
