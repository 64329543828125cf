/**
 * The league report (methodology.md §7): many units — and their district or
 * province roll-ups — side by side. A table of units × dimensions with scores,
 * CIs and performance-group colours, ranks, a bar chart of totals with CI
 * whiskers, year-over-year change when a unit comes in two years, and which
 * units are below their targets. A4 landscape, bilingual headers, numbers as
 * numbers (0.00), user text as plain strings.
 */
import type ExcelJS from 'exceljs';
import { Workbook } from '../writer/workbookClass.js';
import type { ChartConfiguration } from 'chart.js';
import { shownChange } from '../format/score.js';
import { ciWhiskersPlugin, formatNumber, seriesColours, wrapLabel } from '../charts/configs.js';
import { chartSizes } from '../charts/render.js';
import type { Problem } from '../diagnostics/problem.js';
import { compareScorecards } from '../scoring/compare.js';
import type { Comparison, PerformanceGroup, Scorecard } from '../scoring/types.js';
import { stampWorkbook } from '../writer/stableXlsx.js';
import { headers, severityLabels } from './labels.js';
import { INTEGER_FORMAT, SCORE_FORMAT, setupPage, repeatHeaderRow, setValue, writeTable, type Column } from './layout.js';
import { placeImages, startChart, type ImageSlot, type PendingChart } from './sheets/charts.js';

const both = (vi: string, en: string) => `${vi} / ${en}`;

export const leagueSheetNames = {
  league: 'League',
  chart: 'Chart',
  change: 'Change',
  belowTarget: 'BelowTarget',
  problems: 'Problems',
} as const;

export const groupLabels: Record<PerformanceGroup, string> = {
  best: both('Nhóm đạt điểm cao nhất', 'Best'),
  'high-average': both('Nhóm đạt điểm trung bình cao', 'High-average'),
  'low-average': both('Nhóm đạt điểm trung bình thấp', 'Low-average'),
  lowest: both('Nhóm đạt điểm thấp nhất', 'Lowest'),
};

/** Heat-map fills of the four groups: green (best) to red (lowest). */
export const groupFills: Record<PerformanceGroup, string> = {
  best: 'FF2E7D32',
  'high-average': 'FFA5D6A7',
  'low-average': 'FFFFE082',
  lowest: 'FFEF9A9A',
};

const levelLabels = {
  unit: both('Xã/phường', 'Commune'),
  district: both('Huyện', 'District'),
  province: both('Tỉnh', 'Province'),
} as const;

const LEVEL_ORDER = { unit: 0, district: 1, province: 2 } as const;

function fill(argb: string): ExcelJS.Fill {
  return { type: 'pattern', pattern: 'solid', fgColor: { argb } };
}

function paintGroup(cell: ExcelJS.Cell, group: PerformanceGroup | null | undefined): void {
  if (!group) return;
  cell.fill = fill(groupFills[group]);
  if (group === 'best') cell.font = { color: { argb: 'FFFFFFFF' }, bold: true };
}

/** Rank by total within one level and year, best first; ties share a rank (1, 1, 3); null without a score. */
export function leagueRanks(cards: readonly Scorecard[]): (number | null)[] {
  return cards.map((c) => {
    if (c.total.score === null) return null;
    const better = cards.filter(
      (o) => o.level === c.level && o.unit.year === c.unit.year && o.total.score !== null && o.total.score > c.total.score!,
    ).length;
    return better + 1;
  });
}

/** League order: by level (units first), year, then rank; unscored last. */
export function leagueOrder(cards: readonly Scorecard[]): Scorecard[] {
  const score = (c: Scorecard) => c.total.score ?? -Infinity;
  return [...cards].sort(
    (a, b) =>
      LEVEL_ORDER[a.level] - LEVEL_ORDER[b.level] ||
      (a.unit.year ?? 0) - (b.unit.year ?? 0) ||
      score(b) - score(a) ||
      a.unit.code.localeCompare(b.unit.code),
  );
}

/** The dimensions of all scorecards, in order of first appearance. */
function dimensionsOf(cards: readonly Scorecard[]): { code: string; name: string; nameEn: string }[] {
  const seen = new Map<string, { code: string; name: string; nameEn: string }>();
  for (const c of cards) for (const d of c.dimensions) if (!seen.has(d.code)) seen.set(d.code, { code: d.code, name: d.name, nameEn: d.nameEn });
  return [...seen.values()];
}

const unitName = (c: Scorecard) => c.unit.name || c.unit.code;

/** Year-over-year pairs: the same unit_code (unit level) in two years, latest against the one before. */
export function yearPairs(cards: readonly Scorecard[]): { from: Scorecard; to: Scorecard }[] {
  const byCode = new Map<string, Scorecard[]>();
  for (const c of cards)
    if (c.level === 'unit' && c.unit.code && c.unit.year !== null) byCode.set(c.unit.code, [...(byCode.get(c.unit.code) ?? []), c]);
  const pairs: { from: Scorecard; to: Scorecard }[] = [];
  for (const list of byCode.values()) {
    const years = [...list].sort((a, b) => a.unit.year! - b.unit.year!);
    for (let i = 1; i < years.length; i++) if (years[i].unit.year !== years[i - 1].unit.year) pairs.push({ from: years[i - 1], to: years[i] });
  }
  return pairs;
}

function leagueSheet(workbook: ExcelJS.Workbook, cards: readonly Scorecard[]): void {
  const sheet = workbook.addWorksheet(leagueSheetNames.league, { views: [{ state: 'frozen', xSplit: 4, ySplit: 3 }] });
  setupPage(sheet, 'landscape', both('Bảng xếp hạng', 'League table'));
  const title = sheet.getCell('A1');
  setValue(title, both('Bảng xếp hạng theo chỉ số nội dung và nhóm kết quả', 'League table by dimension and performance group'));
  title.font = { bold: true, size: 14 };
  title.alignment = { vertical: 'middle' };
  // Legend of the heat map on row 2.
  const legend = sheet.getRow(2);
  (Object.keys(groupLabels) as PerformanceGroup[]).forEach((g, i) => {
    const cell = legend.getCell(5 + i * 3);
    setValue(cell, groupLabels[g]);
    paintGroup(cell, g);
  });

  const ranks = new Map(cards.map((c, i) => [c, leagueRanks(cards)[i]]));
  const ordered = leagueOrder(cards);
  const dims = dimensionsOf(cards);
  const columns: Column<Scorecard>[] = [
    { header: both('Hạng', 'Rank'), width: 7, value: (c) => ranks.get(c) ?? null, format: INTEGER_FORMAT },
    { header: headers.level, width: 12, value: (c) => levelLabels[c.level] },
    { header: headers.code, width: 12, value: (c) => c.unit.code },
    { header: both('Đơn vị', 'Unit'), width: 24, value: (c) => unitName(c) },
    { header: both('Năm', 'Year'), width: 7, value: (c) => c.unit.year, format: INTEGER_FORMAT },
    { header: both('Số người trả lời', 'Respondents'), width: 11, value: (c) => c.respondents, format: INTEGER_FORMAT },
    { header: both('Tổng điểm', 'Total'), width: 10, value: (c) => c.total.score, format: SCORE_FORMAT },
    { header: headers.ciLow, width: 9, value: (c) => c.total.ciLow, format: SCORE_FORMAT },
    { header: headers.ciHigh, width: 9, value: (c) => c.total.ciHigh, format: SCORE_FORMAT },
    { header: both('Nhóm', 'Group'), width: 18, value: (c) => (c.groups?.total ? groupLabels[c.groups.total] : null) },
  ];
  const groupColumns: { column: number; group: (c: Scorecard) => PerformanceGroup | null | undefined }[] = [
    { column: 7, group: (c) => c.groups?.total },
    { column: 10, group: (c) => c.groups?.total },
  ];
  for (const d of dims) {
    const dim = (c: Scorecard) => c.dimensions.find((x) => x.code === d.code);
    columns.push(
      { header: `${d.code}. ${both(d.name, d.nameEn)}`, width: 12, value: (c) => dim(c)?.score ?? null, format: SCORE_FORMAT },
      { header: `${d.code} ${headers.ciLow}`, width: 8, value: (c) => dim(c)?.ciLow ?? null, format: SCORE_FORMAT },
      { header: `${d.code} ${headers.ciHigh}`, width: 8, value: (c) => dim(c)?.ciHigh ?? null, format: SCORE_FORMAT },
    );
    groupColumns.push({ column: columns.length - 2, group: (c) => c.groups?.dimensions[d.code] });
  }
  const { headerRow } = writeTable(sheet, 3, columns, ordered);
  repeatHeaderRow(sheet, headerRow);
  ordered.forEach((c, r) => {
    const row = sheet.getRow(headerRow + 1 + r);
    for (const g of groupColumns) paintGroup(row.getCell(g.column), g.group(c));
  });
  sheet.getRow(1).height = 24;
}

/** Horizontal bars of the totals (8–80 for PAPI) with CI whiskers, best first, coloured by group. */
export function totalsChartConfig(cards: readonly Scorecard[]): ChartConfiguration {
  const scored = cards.filter((c) => c.total.score !== null);
  // The total is the sum of the dimensions (each 1–10): 8–80 for PAPI's eight.
  const k = Math.max(1, ...scored.map((c) => c.dimensions.length));
  const colour = (g: PerformanceGroup | null | undefined) => (g ? `#${groupFills[g].slice(2)}` : seriesColours.score);
  return {
    type: 'bar',
    data: {
      labels: scored.map((c) => wrapLabel(`${unitName(c)}${c.unit.year !== null ? ` ${c.unit.year}` : ''}`, 28)),
      datasets: [
        {
          label: both('Tổng điểm', 'Total'),
          data: scored.map((c) => c.total.score),
          backgroundColor: scored.map((c) => colour(c.groups?.total)),
          borderColor: '#455A64',
          borderWidth: 1,
        },
      ],
    },
    options: {
      indexAxis: 'y',
      plugins: {
        title: { display: true, text: both('Tổng điểm và khoảng tin cậy', 'Total score with confidence interval') },
        legend: { display: false },
      },
      scales: { x: { min: k, max: 10 * k, title: { display: true, text: both(`Tổng điểm (${k}–${10 * k})`, `Total (${k}–${10 * k})`) } } },
    },
    plugins: [
      ciWhiskersPlugin(
        0,
        scored.map((c) => ({ low: c.total.ciLow, high: c.total.ciHigh, label: formatNumber(c.total.score!, 'vi') })),
        true,
      ),
    ],
  };
}

/** The totals chart, started (drawn now, encoded in the background); none when no unit has a total. */
function totalsChart(cards: readonly Scorecard[]): PendingChart | undefined {
  const ordered = leagueOrder(cards).filter((c) => c.total.score !== null);
  if (ordered.length === 0) return undefined;
  const size = { width: chartSizes.wide.width, height: Math.max(600, 120 + ordered.length * 60) };
  return startChart(totalsChartConfig(ordered), size);
}

/** The Chart sheet; returns where the totals chart goes. */
function chartSheet(workbook: ExcelJS.Workbook, chart: PendingChart | undefined): ImageSlot[] {
  const sheet = workbook.addWorksheet(leagueSheetNames.chart);
  setupPage(sheet, 'landscape', both('Biểu đồ tổng điểm', 'Totals chart'));
  setValue(sheet.getCell('A1'), both('Tổng điểm theo đơn vị (thanh: điểm; vạch: khoảng tin cậy)', 'Total by unit (bar: score; whisker: confidence interval)'));
  sheet.getCell('A1').font = { bold: true, size: 14 };
  return chart ? [{ sheet, chart, row: 3, widthPx: 1000 }] : [];
}

function changeSheet(workbook: ExcelJS.Workbook, cards: readonly Scorecard[]): void {
  // A scorecard given twice (the same file as input and --previous) is one.
  const pairs = yearPairs([...new Set(cards)]);
  if (pairs.length === 0) return;
  const sheet = workbook.addWorksheet(leagueSheetNames.change, { views: [{ state: 'frozen', ySplit: 1 }] });
  setupPage(sheet, 'landscape', both('Thay đổi qua các năm', 'Year over year'));
  const rows = pairs.map((p) => ({ ...p, comparison: compareScorecards(p.from, p.to, p.to.confidence) as Comparison }));
  type Row = (typeof rows)[number];
  const dims = dimensionsOf(cards);
  const columns: Column<Row>[] = [
    { header: headers.code, width: 12, value: (r) => r.to.unit.code },
    { header: both('Đơn vị', 'Unit'), width: 24, value: (r) => unitName(r.to) },
    { header: both('Từ năm', 'From year'), width: 8, value: (r) => r.from.unit.year, format: INTEGER_FORMAT },
    { header: both('Đến năm', 'To year'), width: 8, value: (r) => r.to.unit.year, format: INTEGER_FORMAT },
    { header: both('Tổng điểm trước', 'Total before'), width: 10, value: (r) => r.from.total.score, format: SCORE_FORMAT },
    { header: both('Tổng điểm sau', 'Total after'), width: 10, value: (r) => r.to.total.score, format: SCORE_FORMAT },
    // Shown changes are the difference of the shown scores (methodology.md §6).
    { header: headers.delta, width: 10, value: (r) => shownChange(r.comparison.total.from, r.comparison.total.to), format: SCORE_FORMAT, status: (r) => r.comparison.total.status },
    { header: headers.status, width: 16, value: (r) => r.comparison.total.status },
    ...dims.map(
      (d): Column<Row> => ({
        header: `${d.code} Δ`,
        width: 8,
        value: (r) => {
          const change = r.comparison.dimensions.find((x) => x.code === d.code);
          return change ? shownChange(change.from, change.to) : null;
        },
        format: SCORE_FORMAT,
        status: (r) => r.comparison.dimensions.find((x) => x.code === d.code)?.status ?? null,
      }),
    ),
  ];
  const { headerRow } = writeTable(sheet, 1, columns, rows);
  repeatHeaderRow(sheet, headerRow);
}

/** Every total or dimension of a scorecard whose target status is "below". */
export function belowTargets(cards: readonly Scorecard[]) {
  const rows: { card: Scorecard; level: string; score: number | null; target: number | null; gap: number | null }[] = [];
  for (const card of leagueOrder(cards)) {
    if (card.total.status === 'below') rows.push({ card, level: 'total', score: card.total.score, target: card.total.target, gap: card.total.gap });
    for (const d of card.dimensions) if (d.status === 'below') rows.push({ card, level: d.code, score: d.score, target: d.target, gap: d.gap });
  }
  return rows;
}

function belowTargetSheet(workbook: ExcelJS.Workbook, cards: readonly Scorecard[]): void {
  const sheet = workbook.addWorksheet(leagueSheetNames.belowTarget, { views: [{ state: 'frozen', ySplit: 1 }] });
  setupPage(sheet, 'landscape', both('Đơn vị chưa đạt mục tiêu', 'Units below target'));
  const rows = belowTargets(cards);
  type Row = (typeof rows)[number];
  const columns: Column<Row>[] = [
    { header: headers.code, width: 12, value: (r) => r.card.unit.code },
    { header: both('Đơn vị', 'Unit'), width: 24, value: (r) => unitName(r.card) },
    { header: both('Năm', 'Year'), width: 7, value: (r) => r.card.unit.year, format: INTEGER_FORMAT },
    { header: both('Chỉ số', 'Level'), width: 10, value: (r) => (r.level === 'total' ? both('Tổng', 'Total') : r.level) },
    { header: headers.score, width: 10, value: (r) => r.score, format: SCORE_FORMAT },
    { header: headers.target, width: 10, value: (r) => r.target, format: SCORE_FORMAT },
    { header: headers.gap, width: 10, value: (r) => r.gap, format: SCORE_FORMAT, status: () => 'below' },
  ];
  const { headerRow } = writeTable(sheet, 1, columns, rows);
  repeatHeaderRow(sheet, headerRow);
  if (rows.length === 0) setValue(sheet.getCell('A2'), both('Không có đơn vị nào dưới mục tiêu (hoặc chưa đặt mục tiêu)', 'No unit is below its targets (or no targets are set)'));
}

function problemsSheet(workbook: ExcelJS.Workbook, problems: readonly Problem[]): void {
  const sheet = workbook.addWorksheet(leagueSheetNames.problems, { views: [{ state: 'frozen', ySplit: 1 }] });
  setupPage(sheet, 'landscape', both('Vấn đề', 'Problems'));
  const columns: Column<Problem>[] = [
    { header: headers.file, width: 30, value: (p) => p.file },
    { header: headers.sheet, width: 12, value: (p) => p.sheet },
    { header: headers.cell, width: 8, value: (p) => p.cell },
    { header: headers.severity, width: 12, value: (p) => (severityLabels as Record<string, string>)[p.severity] ?? p.severity },
    { header: headers.problemCode, width: 20, value: (p) => p.code },
    { header: headers.message, width: 70, value: (p) => p.message },
  ];
  const { headerRow } = writeTable(sheet, 1, columns, problems);
  repeatHeaderRow(sheet, headerRow);
}

/** The league workbook for several scorecards (units and roll-ups), with their problems. */
export async function buildLeagueReport(options: {
  scorecards: readonly Scorecard[];
  problems: readonly Problem[];
  /** Scorecards of an earlier year (--previous): only the Change sheet uses them. */
  previous?: readonly Scorecard[];
}): Promise<ExcelJS.Workbook> {
  // The chart first: it encodes in the background while the tables are written.
  const chart = totalsChart(options.scorecards);
  const workbook = new Workbook();
  const years = options.scorecards.map((c) => c.unit.year).filter((y): y is number => y !== null);
  stampWorkbook(workbook, years.length ? Math.max(...years) : undefined);
  leagueSheet(workbook, options.scorecards);
  const images = chartSheet(workbook, chart);
  changeSheet(workbook, [...(options.previous ?? []), ...options.scorecards]);
  belowTargetSheet(workbook, options.scorecards);
  problemsSheet(workbook, options.problems);
  await placeImages(workbook, images);
  return workbook;
}

