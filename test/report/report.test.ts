import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { buildComparisonReport, buildNarrative, buildReport, writeReport, type ReportInput } from '../../src/report/index.js';
import { PassThrough } from 'node:stream';
import { comparison, previous, problems, scorecard, survey } from '../fixtures/report/scorecard.js';
import { pngStats } from '../charts/png.js';

const NONE = '–';
const INJECTION = '=HYPERLINK("http://x","y")';

async function roundTrip(workbook: ExcelJS.Workbook): Promise<ExcelJS.Workbook> {
  const buffer = await workbook.xlsx.writeBuffer();
  const back = new ExcelJS.Workbook();
  await back.xlsx.load(buffer as ArrayBuffer);
  return back;
}

async function report(input: Partial<ReportInput> = {}): Promise<ExcelJS.Workbook> {
  return roundTrip(await buildReport({ survey, scorecard, problems, charts: false, ...input }));
}

/** Row number of the header row whose first cell is `text`. */
function headerRowOf(sheet: ExcelJS.Worksheet, text: string): number {
  for (let r = 1; r <= sheet.rowCount; r++) if (sheet.getCell(r, 1).value === text) return r;
  throw new Error(`no row starting with ${text} in ${sheet.name}`);
}

/** The value a nullable number is written as. */
/** What a score cell holds: the shown (rounded) value, src/format/score.ts. */
const cellOf = (v: number | null) => (v === null ? NONE : Math.round(v * 100) / 100);
/** A statistic in its own format (SE), written as computed. */
const rawOf = (v: number | null) => (v === null ? NONE : v);

function rowValues(sheet: ExcelJS.Worksheet, row: number, columns: number[]) {
  return columns.map((c) => sheet.getCell(row, c).value);
}

function allText(workbook: ExcelJS.Workbook, sheetName: string): string {
  const parts: string[] = [];
  workbook.getWorksheet(sheetName)?.eachRow((row) => row.eachCell((cell) => parts.push(String(cell.text))));
  return parts.join('\n');
}

describe('buildReport', () => {
  it('has the sheets in order, and YearOverYear only with a comparison', async () => {
    const without = await report();
    expect(without.worksheets.map((s) => s.name)).toEqual([
      'Summary', 'Dimensions', 'Subdimensions', 'Indicators', 'Targets', 'Plan', 'Problems', 'Method',
    ]);
    const withComparison = await report({ comparison });
    expect(withComparison.worksheets.map((s) => s.name)).toEqual([
      'Summary', 'Dimensions', 'Subdimensions', 'Indicators', 'Targets', 'Plan', 'YearOverYear', 'Problems', 'Method',
    ]);
    // A previous scorecard alone is compared with the scoring module's §6.
    const withPrevious = await report({ previous });
    expect(withPrevious.worksheets.map((s) => s.name)).toEqual(withComparison.worksheets.map((s) => s.name));
  });

  it('writes every dimension, sub-dimension and indicator number exactly as the scorecard has it', async () => {
    const wb = await report();
    const summary = wb.getWorksheet('Summary')!;
    const top = headerRowOf(summary, 'Mã / Code');
    const scoreCols = [3, 4, 5, 6, 7];
    const expectScores = (d: { score: number | null; ciLow: number | null; ciHigh: number | null; target: number | null; gap: number | null }) =>
      [d.score, d.ciLow, d.ciHigh, d.target, d.gap].map(cellOf);
    expect(rowValues(summary, top + 1, scoreCols)).toEqual(expectScores(scorecard.total));
    scorecard.dimensions.forEach((d, i) => {
      expect(summary.getCell(top + 2 + i, 1).value).toBe(d.code);
      expect(summary.getCell(top + 2 + i, 2).value).toBe(d.name);
      expect(rowValues(summary, top + 2 + i, scoreCols)).toEqual(expectScores(d));
      expect(summary.getCell(top + 2 + i, 3).numFmt).toBe('0.00');
    });

    const dims = wb.getWorksheet('Dimensions')!;
    scorecard.dimensions.forEach((d, i) => {
      expect(rowValues(dims, 2 + i, [1, 4, 5, 6, 7, 8, 9])).toEqual([d.code, cellOf(d.score), rawOf(d.se), ...[d.ciLow, d.ciHigh, d.target, d.gap].map(cellOf)]);
    });
    expect(rowValues(dims, 2 + scorecard.dimensions.length, [4, 6, 7, 8, 9])).toEqual(
      [scorecard.total.score, scorecard.total.ciLow, scorecard.total.ciHigh, scorecard.total.target, scorecard.total.gap].map(cellOf),
    );

    const subs = wb.getWorksheet('Subdimensions')!;
    expect(scorecard.subdimensions).toHaveLength(29);
    const subTop = headerRowOf(subs, 'Mã / Code');
    scorecard.subdimensions.forEach((s, i) => {
      expect(rowValues(subs, subTop + 1 + i, [1, 2, 5, 6, 7, 8, 9, 10, 11])).toEqual([
        s.code, s.dimension, ...[s.score, s.min, s.max, s.ciLow, s.ciHigh, s.target, s.gap].map(cellOf),
      ]);
    });

    const indicators = wb.getWorksheet('Indicators')!;
    const items = new Map(survey.framework.items.map((item) => [item.code, item]));
    scorecard.indicators.forEach((ind, i) => {
      expect(rowValues(indicators, 2 + i, [1, 2, 3, 5, 6, 7, 8, 9, 10])).toEqual([
        ind.code, ind.subdimension, items.get(ind.code)?.textVi, ind.answered, ind.missing, ind.invalid,
        ...[ind.score, ind.ciLow, ind.ciHigh].map(cellOf),
      ]);
    });
  });

  it('shows sub-dimensions on one scale, points from 1/k to 10/k, explained above the table; no percentage', async () => {
    const wb = await report();
    const subs = wb.getWorksheet('Subdimensions')!;
    const top = headerRowOf(subs, 'Mã / Code');
    const headerTexts = (subs.getRow(top).values as unknown[]).filter((v) => typeof v === 'string') as string[];
    expect(headerTexts.filter((h) => /%|Vị trí|Place/.test(h))).toEqual([]);
    const cells: string[] = [];
    subs.eachRow((row) => row.eachCell((cell) => cells.push(`${cell.numFmt ?? ''} ${String(cell.text)}`)));
    expect(cells.filter((c) => c.includes('%'))).toEqual([]);
    // The fixture's dimensions 1, 2, 4, 5, 6 have 4 sub-dimensions, the others 3 (1/4 = 0,25, 10/3 = 3,33).
    const note = String(subs.getCell(1, 1).value);
    expect(note).toContain('Thang điểm của nội dung thành phần: 0,25–2,50 điểm khi chỉ số nội dung có 4 nội dung thành phần, 0,33–3,33 điểm khi có 3 nội dung thành phần');
    expect(note).toContain('Scale of a sub-dimension: 0.25–2.50 points');
  });

  it('embeds the charts as non-blank PNGs of print size', async () => {
    const wb = await roundTrip(await buildReport({ survey, scorecard, problems, comparison }));
    const media = (wb.model as unknown as { media: { type: string; extension: string; buffer: Buffer }[] }).media;
    expect(media.map((m) => m.extension)).toEqual(['png', 'png', 'png', 'png']);
    expect(wb.getWorksheet('Summary')!.getImages()).toHaveLength(3);
    expect(wb.getWorksheet('YearOverYear')!.getImages()).toHaveLength(1);
    const sizes = [];
    for (const m of media) {
      const stats = await pngStats(Buffer.from(m.buffer));
      expect(stats.distinctColours).toBeGreaterThan(10);
      expect(stats.variance).toBeGreaterThan(100);
      sizes.push(`${stats.width}x${stats.height}`);
    }
    expect(sizes).toEqual(['1600x900', '1400x1200', '1600x1300', '1600x900']);
  });

  it('keeps user text that looks like a formula as a string', async () => {
    const hostile = {
      ...survey,
      plan: survey.plan.map((t, i) => (i === 0 ? { ...t, task: INJECTION, responsible: INJECTION } : t)),
    };
    const card = { ...scorecard, unit: { ...scorecard.unit, name: INJECTION } };
    const wb = await report({ survey: hostile, scorecard: card, problems: [{ ...problems[0], message: INJECTION }] });
    const cells: ExcelJS.Cell[] = [];
    for (const sheet of wb.worksheets) {
      sheet.eachRow((row) => row.eachCell((cell) => {
        if (cell.type === ExcelJS.ValueType.Formula) throw new Error(`formula in ${sheet.name}!${cell.address}`);
        // Cells merged into another show its value; only the master holds it.
        if (cell.value === INJECTION && cell.master === cell) cells.push(cell);
      }));
    }
    // Unit name on Summary, task and responsible on Targets, the message on Problems.
    expect(cells.length).toBeGreaterThanOrEqual(4);
    for (const cell of cells) {
      expect(cell.type).toBe(ExcelJS.ValueType.String);
      expect(cell.formula).toBeUndefined();
    }
  });

  it('lists plan tasks under close and below targets, including a dimension’s sub-dimension tasks', async () => {
    const wb = await report();
    const text = allText(wb, 'Targets');
    // Dimension 1 is close: its own tasks are those of 1a and 1b/1c.
    expect(text).toContain('Tuyên truyền, phổ biến Luật Thực hiện dân chủ ở cơ sở 2022');
    expect(text).toContain('quyền cử tri được đi bầu Trưởng thôn');
    // Dimension 6 met its target: the 6c task is not listed.
    expect(text).not.toContain('trải nhựa');
    const targets = wb.getWorksheet('Targets')!;
    const withTarget = [scorecard.total, ...scorecard.dimensions, ...scorecard.subdimensions].filter((d) => d.target !== null);
    const targetCells: unknown[] = [];
    targets.eachRow((row, r) => {
      if (r > 1 && typeof row.getCell(5).value === 'number') targetCells.push(row.getCell(5).value);
    });
    expect(targetCells).toEqual(withTarget.map((d) => d.target));
  });

  it('opens with a Vietnamese narrative naming the dimensions below target, English in Method', async () => {
    const below = scorecard.dimensions.filter((d) => d.status === 'below');
    expect(below.length).toBeGreaterThan(0);
    const vi = buildNarrative(scorecard, comparison, 'vi');
    for (const d of below) expect(vi.find((l) => l.startsWith(`- Chỉ số nội dung ${d.code}. ${d.name}: đạt `))).toMatch(/chưa đạt chỉ tiêu \d+,\d\d điểm \(thấp hơn \d+,\d\d điểm\)\.$/);
    expect(vi.join('\n')).toContain('chưa đạt chỉ tiêu 7,50 điểm (thấp hơn 0,63 điểm)');
    expect(vi.join('\n')).toMatch(/Tiếp tục duy trì, phát huy các nội dung tăng điểm so với năm 2023:\n(- .*\n)*- Chỉ số nội dung 8\. Quản trị điện tử: từ/);
    const wb = await report({ comparison });
    const summary = allText(wb, 'Summary');
    expect(summary.indexOf(`${below[0].code}. ${below[0].name}`)).toBeLessThan(summary.indexOf('Đơn vị / Unit'));
    const method = allText(wb, 'Method');
    expect(method).toContain(`- Dimension ${below[0].code}. ${below[0].nameEn}: `);
    expect(method).toContain('z = 1.959964'); // English column
    expect(method).toContain('z = 1,959964'); // Vietnamese column: decimal comma
  });

  it('links problems to cells of the annotated copy only when its name is given', async () => {
    const plain = await report();
    const problemsSheet = plain.getWorksheet('Problems')!;
    expect(problemsSheet.getCell(2, 3).value).toBe('F12');
    expect(rowValues(problemsSheet, 2, [1, 2, 5, 6])).toEqual(['lien-hoi-2024.xlsx', 'Responses', 'invalid-answer', '7 is not in 1..5 for d1a_02']);

    const linked = (await report({ annotatedFileName: 'lien-hoi-2024.annotated.xlsx' })).getWorksheet('Problems')!;
    expect(linked.getCell(2, 3).value).toMatchObject({ text: 'F12', hyperlink: "lien-hoi-2024.annotated.xlsx#'Responses'!$F$12" });
    // A whole-sheet problem has no cell to link to; quotes in sheet names are doubled.
    expect(linked.getCell(5, 3).hyperlink).toBeUndefined();
    expect(linked.getCell(5, 3).text).toBe('');
    expect(linked.getCell(6, 3).value).toMatchObject({ hyperlink: "lien-hoi-2024.annotated.xlsx#'Phụ lục ''A'''!$B$3" });

    const custom = (await report({ problemLink: (p) => `https://chiso.example/p/${p.code}` })).getWorksheet('Problems')!;
    expect(custom.getCell(2, 3).value).toMatchObject({ hyperlink: 'https://chiso.example/p/invalid-answer' });
  });

  it('sets up every sheet for A4 printing with a repeated header row', async () => {
    const wb = await report({ comparison });
    for (const sheet of wb.worksheets) {
      expect(sheet.pageSetup).toMatchObject({ paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 });
      expect(['portrait', 'landscape']).toContain(sheet.pageSetup.orientation);
      expect(sheet.pageSetup.printTitlesRow).toMatch(/^\d+:\d+$/);
    }
    expect(wb.created.toISOString()).toBe('2000-01-01T00:00:00.000Z');
  });

  it('writes to a stream', async () => {
    const stream = new PassThrough();
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    await writeReport({ scorecard, problems: [], charts: false }, stream);
    const back = new ExcelJS.Workbook();
    await back.xlsx.load(Buffer.concat(chunks) as unknown as ArrayBuffer);
    expect(back.getWorksheet('Problems')!.getCell(2, 1).value).toBe('Không có lỗi, cảnh báo hay lưu ý nào / No problems found');
  });

  it('Problems: "no problems" spans the table, the interview-quality counts are whole numbers', async () => {
    const withQuality = { ...scorecard, quality: { straightLining: 3, nearDuplicates: 0 } } as typeof scorecard;
    const sheet = (await report({ scorecard: withQuality, problems: [] })).getWorksheet('Problems')!;
    // Merged over the 6 columns: the printed sentence is not cut at the first column's edge.
    expect(sheet.getCell(2, 6).master.address).toBe('A2');
    const counts = [4, 5].map((r) => [sheet.getCell(r, 1).value, sheet.getCell(r, 4).value, sheet.getCell(r, 4).numFmt]);
    expect(counts.map((c) => c.slice(1))).toEqual([[3, '0'], [0, '0']]);
    expect(sheet.getCell(4, 3).master.address).toBe('A4');
  });
});

describe('buildComparisonReport', () => {
  it('holds the year-over-year table with every change', async () => {
    const wb = await roundTrip(await buildComparisonReport(comparison, previous, scorecard, { charts: false }));
    expect(wb.worksheets.map((s) => s.name)).toEqual(['YearOverYear']);
    const sheet = wb.getWorksheet('YearOverYear')!;
    const header = headerRowOf(sheet, 'Cấp / Level');
    expect(rowValues(sheet, header, [4, 5])).toEqual(['2023', '2024']);
    const total = comparison.total;
    // The shown change is the difference of the shown values (methodology.md §6).
    const shown = (from: number | null, to: number | null) => (from === null || to === null ? NONE : Math.round((cellOf(to) as number) * 100 - (cellOf(from) as number) * 100) / 100);
    expect(rowValues(sheet, header + 1, [4, 5, 6, 7])).toEqual([cellOf(total.from), cellOf(total.to), shown(total.from, total.to), rawOf(total.se)]);
    comparison.dimensions.forEach((c, i) => {
      expect(rowValues(sheet, header + 2 + i, [2, 4, 5, 6, 7])).toEqual([c.code, cellOf(c.from), cellOf(c.to), shown(c.from, c.to), rawOf(c.se)]);
    });
    expect(allText(wb, 'YearOverYear')).toContain('Không so sánh được / Not comparable');
  });

  it('shows sub-dimension changes in points on the later year\'s scale, never as S (0–1)', async () => {
    const wb = await roundTrip(await buildComparisonReport(comparison, previous, scorecard, { charts: false }));
    const sheet = wb.getWorksheet('YearOverYear')!;
    const text = allText(wb, 'YearOverYear');
    expect(text).toContain('Nội dung thành phần: điểm trên thang điểm năm 2024. Thang điểm của nội dung thành phần: 0,25–2,50 điểm khi chỉ số nội dung có 4 nội dung thành phần, 0,33–3,33 điểm khi có 3 nội dung thành phần.');
    // k counted from the fixture; points P = (1 + 9S)/k (methodology §3), a change on S times 9/k.
    const k = new Map<string, number>();
    for (const s of scorecard.subdimensions) k.set(s.dimension, (k.get(s.dimension) ?? 0) + 1);
    const rowOf = (code: string) => {
      for (let r = 1; r <= sheet.rowCount; r++) if (sheet.getCell(r, 1).value === 'Nội dung thành phần / Sub-dimension' && sheet.getCell(r, 2).value === code) return r;
      throw new Error(code);
    };
    let checked = 0;
    comparison.subdimensions.forEach((c) => {
      if (c.from === null || c.to === null || c.se === null) return;
      const kk = k.get(c.code![0])!;
      const from = (1 + 9 * c.from) / kk;
      const to = (1 + 9 * c.to) / kk;
      const r = rowOf(c.code!);
      expect(sheet.getCell(r, 4).value).toBe(cellOf(from));
      expect(sheet.getCell(r, 5).value).toBe(cellOf(to));
      expect(sheet.getCell(r, 6).value).toBe(Math.round((cellOf(to) as number) * 100 - (cellOf(from) as number) * 100) / 100);
      expect(sheet.getCell(r, 7).value as number).toBeCloseTo((c.se * 9) / kk, 12);
      checked++;
    });
    expect(checked).toBeGreaterThan(20);
  });
});
