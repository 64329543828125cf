/**
 * The league report (methodology.md §7): many units — and their district or
 * province roll-ups — side by side. A table of units × dimensions with scores,
 * CIs and performance-group colours, ranks, a bar chart of totals with CI
 * whiskers, the roll-ups against their plans' targets, year-over-year change,
 * the registry communes with no submission, and which units are below their
 * targets. The desk's workbook (desk-league.ts) and the CLI's (`score -o`) are
 * this one builder, fed from the store or from the files given. A4, bilingual
 * headers, numbers as numbers (0.00), user text as plain strings.
 */
import type ExcelJS from 'exceljs';
import { Workbook } from '../writer/workbookClass.js';
import type { ChartConfiguration } from 'chart.js';
import { shownChange } from '../format/score.js';
import { ciWhiskersPlugin, formatNumber, seriesColours, wrapLabel } from '../charts/configs.js';
import { chartSizes } from '../charts/render.js';
import type { Problem } from '../diagnostics/problem.js';
import { compareScorecards } from '../scoring/compare.js';
import type { PlanTask } from '../framework/schema.js';
import type { ChangeStatus, Comparison, PerformanceGroup, Scorecard, ScorecardLevel, TargetStatus } from '../scoring/types.js';
import { stampWorkbook } from '../writer/stableXlsx.js';
import { headers, severityLabels } from './labels.js';
import { INTEGER_FORMAT, SCORE_FORMAT, setupPage, repeatHeaderRow, setValue, writeTable, type Column } from './layout.js';
import { imageRows, placeImages, startChart, type ImageSlot, type PendingChart } from './sheets/charts.js';

const both = (vi: string, en: string) => `${vi} / ${en}`;

export const leagueSheetNames = {
  league: 'League',
  chart: 'Chart',
  rollUp: 'RollUp',
  changes: 'Changes',
  missing: 'Missing',
  belowTarget: 'BelowTarget',
  intervals: 'Intervals',
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
  district: both('Quận/huyện', 'District'),
  province: both('Tỉnh/thành phố', 'Province'),
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

/** Year-over-year pairs: the same level and code in two years, each year against the one before. */
export function yearPairs(cards: readonly Scorecard[]): { from: Scorecard; to: Scorecard }[] {
  const byCode = new Map<string, Scorecard[]>();
  for (const c of cards)
    if (c.unit.code && c.unit.year !== null) byCode.set(`${c.level}|${c.unit.code}`, [...(byCode.get(`${c.level}|${c.unit.code}`) ?? []), c]);
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
  // Legend of the heat map on row 2, each label merged across three columns (one narrow cell cut it short in print).
  const legend = sheet.getRow(2);
  (Object.keys(groupLabels) as PerformanceGroup[]).forEach((g, i) => {
    sheet.mergeCells(2, 5 + i * 3, 2, 7 + i * 3);
    const cell = legend.getCell(5 + i * 3);
    setValue(cell, groupLabels[g]);
    cell.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
    paintGroup(cell, g);
  });
  legend.height = 30;

  const ranks = new Map(cards.map((c, i) => [c, leagueRanks(cards)[i]]));
  const ordered = leagueOrder(cards);
  const dims = dimensionsOf(cards);
  const columns: Column<Scorecard>[] = [
    { header: both('Hạng', 'Rank'), width: 7, value: (c) => ranks.get(c) ?? null, format: INTEGER_FORMAT },
    { header: headers.level, width: 21, value: (c) => levelLabels[c.level] },
    { header: headers.code, width: 10, value: (c) => c.unit.code },
    { header: both('Đơn vị', 'Unit'), width: 24, value: (c) => unitName(c) },
    { header: both('Năm', 'Year'), width: 7, value: (c) => c.unit.year, format: INTEGER_FORMAT },
    { header: both('Số người trả lời', 'Respondents'), width: 11, value: (c) => c.respondents, format: INTEGER_FORMAT },
    { header: both('Tổng điểm', 'Total'), width: 10, value: (c) => c.total.score, format: SCORE_FORMAT },
    { header: headers.ciLow, width: 9, value: (c) => c.total.ciLow, format: SCORE_FORMAT },
    { header: headers.ciHigh, width: 9, value: (c) => c.total.ciHigh, format: SCORE_FORMAT },
    { header: both('Nhóm', 'Group'), width: 30, value: (c) => (c.groups?.total ? groupLabels[c.groups.total] : null) },
  ];
  const groupColumns: { column: number; group: (c: Scorecard) => PerformanceGroup | null | undefined }[] = [
    { column: 7, group: (c) => c.groups?.total },
    { column: 10, group: (c) => c.groups?.total },
  ];
  for (const d of dims) {
    const dim = (c: Scorecard) => c.dimensions.find((x) => x.code === d.code);
    // The dimensions' CIs are on the Intervals sheet: three columns a dimension would print PAPI's 8 at a third of the size.
    columns.push({ header: `${d.code}. ${both(d.name, d.nameEn)}`, width: 11, value: (c) => dim(c)?.score ?? null, format: SCORE_FORMAT });
    groupColumns.push({ column: columns.length, group: (c) => c.groups?.dimensions[d.code] });
  }
  const { headerRow } = writeTable(sheet, 3, columns, ordered);
  repeatHeaderRow(sheet, headerRow);
  ordered.forEach((c, r) => {
    const row = sheet.getRow(headerRow + 1 + r);
    for (const g of groupColumns) paintGroup(row.getCell(g.column), g.group(c));
  });
  sheet.getRow(1).height = 24;
}

/** Each unit's dimension scores with their CIs (methodology.md §4), in the League's order. */
function intervalsSheet(workbook: ExcelJS.Workbook, cards: readonly Scorecard[]): void {
  const sheet = workbook.addWorksheet(leagueSheetNames.intervals, { views: [{ state: 'frozen', xSplit: 3, ySplit: 1 }] });
  setupPage(sheet, 'landscape', both('Khoảng tin cậy theo chỉ số nội dung', 'Confidence intervals by dimension'));
  const columns: Column<Scorecard>[] = [
    { header: headers.code, width: 10, value: (c) => c.unit.code },
    { header: both('Đơn vị', 'Unit'), width: 22, value: (c) => unitName(c) },
    { header: both('Năm', 'Year'), width: 6, value: (c) => c.unit.year, format: INTEGER_FORMAT },
  ];
  for (const d of dimensionsOf(cards)) {
    const dim = (c: Scorecard) => c.dimensions.find((x) => x.code === d.code);
    columns.push(
      { header: `${d.code}. ${both('Điểm', 'Score')}`, width: 7, value: (c) => dim(c)?.score ?? null, format: SCORE_FORMAT },
      { header: `${d.code}. ${both('Cận dưới', 'Low')}`, width: 7, value: (c) => dim(c)?.ciLow ?? null, format: SCORE_FORMAT },
      { header: `${d.code}. ${both('Cận trên', 'High')}`, width: 7, value: (c) => dim(c)?.ciHigh ?? null, format: SCORE_FORMAT },
    );
  }
  const { headerRow } = writeTable(sheet, 1, columns, leagueOrder(cards));
  repeatHeaderRow(sheet, headerRow);
}

/** Horizontal bars of the totals (8–80 for PAPI) with CI whiskers, best first, coloured by group. */
export function totalsChartConfig(cards: readonly Scorecard[], part = '', all: readonly Scorecard[] = cards): ChartConfiguration {
  const scored = cards.filter((c) => c.total.score !== null);
  // The total is the sum of the dimensions (each 1–10): 8–80 for PAPI's eight; one scale for every page.
  const k = Math.max(1, ...all.map((c) => c.dimensions.length));
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
        title: { display: true, text: both('Tổng điểm và khoảng tin cậy', 'Total score with confidence interval') + part },
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

/** Bars on one printed page of the Chart sheet (A4 landscape at the chart's 16:9). */
export const BARS_PER_CHART = 20;

/**
 * The totals charts, started (drawn now, encoded in the background): one image per BARS_PER_CHART units,
 * best first, on one scale, each a printed page with its own axis; none when no unit has a total.
 */
function totalsCharts(cards: readonly Scorecard[]): PendingChart[] {
  const ordered = leagueOrder(cards).filter((c) => c.total.score !== null);
  const charts: PendingChart[] = [];
  const pages = Math.ceil(ordered.length / BARS_PER_CHART);
  for (let p = 0; p < pages; p++) {
    const part = ordered.slice(p * BARS_PER_CHART, (p + 1) * BARS_PER_CHART);
    const config = totalsChartConfig(part, pages > 1 ? ` (${p + 1}/${pages})` : '', ordered);
    // A short last page keeps the bars' thickness: its image is shorter.
    const height = Math.max(360, Math.round(chartSizes.wide.height * Math.min(1, (140 + part.length * 38) / (140 + BARS_PER_CHART * 38))));
    charts.push(startChart(config, { width: chartSizes.wide.width, height }));
  }
  return charts;
}

/** The Chart sheet: the group colours, then each chart on a page of its own; returns where they go. */
function chartSheet(workbook: ExcelJS.Workbook, charts: readonly PendingChart[]): ImageSlot[] {
  const sheet = workbook.addWorksheet(leagueSheetNames.chart);
  setupPage(sheet, 'landscape', both('Biểu đồ tổng điểm', 'Totals chart'));
  const title = sheet.getCell('A1');
  setValue(title, both('Tổng điểm theo đơn vị (thanh: điểm, màu theo nhóm; vạch: khoảng tin cậy)', 'Total by unit (bar: score, coloured by group; whisker: confidence interval)'));
  // Four columns as wide as the image together hold the title (merged, wrapped: text running past them would
  // widen the printed page, and wrapped in one narrow cell it showed its first word only) and the legend.
  const WIDTH = 1000;
  sheet.mergeCells(1, 1, 1, 4);
  title.alignment = { vertical: 'middle', wrapText: true };
  title.font = { bold: true, size: 14 };
  sheet.getRow(1).height = 40;
  const legend = sheet.getRow(2);
  (Object.keys(groupLabels) as PerformanceGroup[]).forEach((g, i) => {
    sheet.getColumn(1 + i).width = Math.floor(WIDTH / 4 / 7.5);
    const cell = legend.getCell(1 + i);
    setValue(cell, groupLabels[g]);
    cell.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
    paintGroup(cell, g);
  });
  legend.height = 30;
  const slots: ImageSlot[] = [];
  let row = 3;
  for (const chart of charts) {
    if (slots.length) sheet.getRow(row - 1).addPageBreak();
    slots.push({ sheet, chart, row, widthPx: WIDTH });
    row += imageRows(chart.size, WIDTH) + 1;
  }
  return slots;
}

/** One row of the Changes sheet: a unit or roll-up against the year before (methodology.md §6, §8). */
export interface LeagueChange {
  code: string;
  level: ScorecardLevel;
  comparison: Comparison;
}

/** A registry commune under a roll-up with no submission that year (methodology.md §8: listed, not dropped). */
export interface LeagueMissing {
  code: string;
  name: string;
  /** The registry code of the unit it lies under (its district, or its province from 2025). */
  parent: string | null;
  year: number;
}

/** The plan of a roll-up (contract.md "Plans"): its targets are already on the roll-up's scorecard. */
export interface LeaguePlan {
  unitCode: string;
  year: number | null;
  fileName: string | null;
  tasks: readonly PlanTask[];
}

const changeLabels: Record<ChangeStatus, string> = {
  improved: both('Tăng có ý nghĩa', 'Improved'),
  declined: both('Giảm có ý nghĩa', 'Declined'),
  'no significant change': both('Không thay đổi có ý nghĩa', 'No significant change'),
  'not comparable': both('Không so sánh được', 'Not comparable'),
};

const statusLabels: Record<TargetStatus, string> = { met: both('Đạt', 'Met'), close: both('Gần đạt', 'Close'), below: both('Chưa đạt', 'Below') };

/** Year-over-year rows of scorecards given for two years (the CLI's files, --previous): compared as §6, no registry. */
export function pairChanges(cards: readonly Scorecard[]): LeagueChange[] {
  return yearPairs([...new Set(cards)]).map((p) => ({ code: p.to.unit.code, level: p.to.level, comparison: compareScorecards(p.from, p.to, p.to.confidence) }));
}

function changeNote(c: Comparison): string | null {
  const parts: string[] = [];
  if (c.from.units?.length) parts.push(both(`gộp ${c.from.units.join(' + ')}`, `pooled ${c.from.units.join(' + ')}`));
  if (c.approximate) parts.push(both('gần đúng (một phần địa bàn)', 'approximate (part of an area)'));
  if (c.incomplete?.length) parts.push(both(`thiếu số liệu: ${c.incomplete.join(', ')}`, `no data: ${c.incomplete.join(', ')}`));
  return parts.length ? parts.join('; ') : null;
}

function changesSheet(workbook: ExcelJS.Workbook, cards: readonly Scorecard[], changes: readonly LeagueChange[]): void {
  if (changes.length === 0) return;
  const sheet = workbook.addWorksheet(leagueSheetNames.changes, { views: [{ state: 'frozen', xSplit: 2, ySplit: 1 }] });
  setupPage(sheet, 'landscape', both('Thay đổi so với năm trước', 'Change since the year before'));
  const nameOf = new Map(cards.map((c) => [`${c.level}|${c.unit.code}`, unitName(c)]));
  const order = (r: LeagueChange) => LEVEL_ORDER[r.level];
  const rows = [...changes].sort((a, b) => order(a) - order(b) || (b.comparison.total.to ?? -Infinity) - (a.comparison.total.to ?? -Infinity) || a.code.localeCompare(b.code));
  const dims = dimensionsOf(cards);
  const columns: Column<LeagueChange>[] = [
    { header: headers.code, width: 12, value: (r) => r.code },
    { header: both('Đơn vị', 'Unit'), width: 24, value: (r) => nameOf.get(`${r.level}|${r.code}`) ?? r.comparison.to.unit ?? r.code },
    { header: headers.level, width: 21, value: (r) => levelLabels[r.level] },
    { header: both('Từ năm', 'From year'), width: 8, value: (r) => r.comparison.from.year, format: INTEGER_FORMAT },
    { header: both('Đến năm', 'To year'), width: 8, value: (r) => r.comparison.to.year, format: INTEGER_FORMAT },
    { header: both('Tổng điểm trước', 'Total before'), width: 10, value: (r) => r.comparison.total.from, format: SCORE_FORMAT },
    { header: both('Tổng điểm sau', 'Total after'), width: 10, value: (r) => r.comparison.total.to, format: SCORE_FORMAT },
    // Shown changes are the difference of the shown scores (methodology.md §6).
    { header: headers.delta, width: 10, value: (r) => shownChange(r.comparison.total.from, r.comparison.total.to), format: SCORE_FORMAT, status: (r) => r.comparison.total.status },
    { header: both('Ý nghĩa thống kê', 'Significance'), width: 28, value: (r) => changeLabels[r.comparison.total.status] },
    ...dims.map(
      (d): Column<LeagueChange> => ({
        header: `${d.code} Δ`,
        width: 7,
        value: (r) => {
          const change = r.comparison.dimensions.find((x) => x.code === d.code);
          return change ? shownChange(change.from, change.to) : null;
        },
        format: SCORE_FORMAT,
        status: (r) => r.comparison.dimensions.find((x) => x.code === d.code)?.status ?? null,
      }),
    ),
    { header: both('Ghi chú', 'Note'), width: 30, value: (r) => changeNote(r.comparison) },
  ];
  const { headerRow } = writeTable(sheet, 1, columns, rows);
  repeatHeaderRow(sheet, headerRow);
}

/**
 * The roll-ups against their plans' targets (§5 applies unchanged to a roll-up, §7): one block of rows per
 * roll-up (total, then each dimension), the widest first (a province before its districts); then the plans' tasks.
 */
const TOTAL_LABEL = both('Tổng điểm', 'Total');

function rollUpSheet(workbook: ExcelJS.Workbook, cards: readonly Scorecard[], plans: readonly LeaguePlan[]): void {
  const rollUps = [...cards.filter((c) => c.level !== 'unit')].sort(
    (a, b) => LEVEL_ORDER[b.level] - LEVEL_ORDER[a.level] || (b.unit.year ?? 0) - (a.unit.year ?? 0) || a.unit.code.localeCompare(b.unit.code),
  );
  if (rollUps.length === 0) return;
  const sheet = workbook.addWorksheet(leagueSheetNames.rollUp, { views: [{ state: 'frozen', ySplit: 3 }] });
  setupPage(sheet, 'landscape', both('Điểm chung so với chỉ tiêu', 'Roll-up against its targets'));
  setValue(sheet.getCell('A1'), both('Điểm chung (gộp người trả lời) so với chỉ tiêu kế hoạch', 'Roll-up (respondents pooled) against the targets of its plan'));
  sheet.getCell('A1').font = { bold: true, size: 14 };
  sheet.getCell('A1').alignment = { vertical: 'middle' };
  const planOf = (c: Scorecard) => plans.find((p) => p.unitCode === c.unit.code && p.year === c.unit.year);
  const withPlan = rollUps.filter((c) => planOf(c));
  sheet.getCell('A2').value = withPlan.length
    ? withPlan.map((c) => `${unitName(c)} ${c.unit.year ?? ''}: ${both('chỉ tiêu theo kế hoạch', 'targets of the plan')} "${planOf(c)!.fileName ?? ''}"`).join('; ')
    : both('Chưa có kế hoạch (chỉ tiêu) của đơn vị tổng hợp', 'No plan (targets) of the rolled-up units');
  type Row = { card: Scorecard; label: string; score: number | null; ciLow: number | null; ciHigh: number | null; target: number | null; gap: number | null; status: TargetStatus | null };
  const rows: Row[] = rollUps.flatMap((c): Row[] => [
    { card: c, label: TOTAL_LABEL, ...c.total },
    ...c.dimensions.map((d) => ({ card: c, label: `${d.code}. ${d.name}`, ...d })),
  ]);
  // The unit's columns on its total row only: the block reads as one unit, and rows stay one line high.
  const first = (r: Row) => r.label === TOTAL_LABEL;
  const columns: Column<Row>[] = [
    { header: both('Đơn vị', 'Unit'), width: 22, value: (r) => (first(r) ? unitName(r.card) : '') },
    { header: headers.level, width: 20, value: (r) => (first(r) ? levelLabels[r.card.level] : '') },
    { header: both('Năm', 'Year'), width: 7, value: (r) => (first(r) ? r.card.unit.year : ''), format: INTEGER_FORMAT },
    { header: both('Số người trả lời', 'Respondents'), width: 11, value: (r) => (first(r) ? r.card.respondents : ''), format: INTEGER_FORMAT },
    { header: both('Nội dung', 'Level'), width: 44, value: (r) => r.label },
    { header: headers.score, width: 9, value: (r) => r.score, format: SCORE_FORMAT },
    { header: headers.ciLow, width: 10, value: (r) => r.ciLow, format: SCORE_FORMAT },
    { header: headers.ciHigh, width: 10, value: (r) => r.ciHigh, format: SCORE_FORMAT },
    { header: headers.target, width: 9, value: (r) => r.target, format: SCORE_FORMAT },
    { header: headers.gap, width: 10, value: (r) => r.gap, format: SCORE_FORMAT },
    { header: headers.status, width: 17, value: (r) => (r.status ? statusLabels[r.status] : null), status: (r) => r.status },
  ];
  const table = writeTable(sheet, 3, columns, rows);
  repeatHeaderRow(sheet, table.headerRow);
  // The total row of each roll-up in bold, so the blocks read apart.
  rows.forEach((r, i) => {
    if (r.card.dimensions.length && first(r)) sheet.getRow(table.headerRow + 1 + i).font = { bold: true };
  });
  type Task = { card: Scorecard; task: PlanTask };
  const tasks: Task[] = rollUps.flatMap((c) => (planOf(c)?.tasks ?? []).map((task) => ({ card: c, task })));
  if (tasks.length === 0) return;
  const at = table.lastRow + 2;
  setValue(sheet.getCell(`A${at}`), both('Nhiệm vụ, giải pháp trong kế hoạch', 'Tasks of the plan'));
  sheet.getCell(`A${at}`).font = { bold: true, size: 12 };
  // Under the targets table, on its columns (their widths stay): who is responsible spans Score..CI high,
  // who coordinates Target..Gap; `width` here only sizes the wrapped rows.
  const tasksAt = at + 1;
  const written = writeTable(sheet, tasksAt, [
    { header: both('Đơn vị', 'Unit'), width: 22, value: (t: Task) => unitName(t.card) },
    { header: headers.level, width: 20, value: (t) => t.task.levels.map((l) => (l === 'total' ? 'Tổng / Total' : l)).join(', ') },
    { header: both('Năm', 'Year'), width: 7, value: (t) => t.card.unit.year, format: INTEGER_FORMAT },
    { header: headers.timing, width: 11, value: (t) => t.task.timing || null },
    { header: headers.task, width: 44, value: (t) => t.task.task },
    { header: headers.responsible, width: 29, value: (t) => t.task.responsible || null },
    { header: '', width: 1, value: () => '' },
    { header: '', width: 1, value: () => '' },
    { header: headers.coordinating, width: 19, value: (t) => t.task.coordinating || null },
  ], tasks, { setWidths: false });
  for (let r = tasksAt; r <= written.lastRow; r++) {
    sheet.mergeCells(r, 6, r, 8);
    sheet.mergeCells(r, 9, r, 10);
  }
}

function missingSheet(workbook: ExcelJS.Workbook, missing: readonly LeagueMissing[], nameOf: ReadonlyMap<string, string>): void {
  const sheet = workbook.addWorksheet(leagueSheetNames.missing, { views: [{ state: 'frozen', ySplit: 1 }] });
  setupPage(sheet, 'portrait', both('Xã, phường chưa nộp', 'Communes with no submission'));
  const columns: Column<LeagueMissing>[] = [
    { header: headers.code, width: 10, value: (r) => r.code },
    { header: both('Xã, phường chưa nộp', 'Commune with no submission'), width: 36, value: (r) => r.name },
    { header: both('Thuộc', 'Under'), width: 28, value: (r) => (r.parent ? `${nameOf.get(r.parent) ?? r.parent} (${r.parent})` : null) },
    { header: both('Năm', 'Year'), width: 7, value: (r) => r.year, format: INTEGER_FORMAT },
  ];
  const rows = [...missing].sort((a, b) => a.year - b.year || (a.parent ?? '').localeCompare(b.parent ?? '') || a.code.localeCompare(b.code));
  const { headerRow } = writeTable(sheet, 1, columns, rows);
  repeatHeaderRow(sheet, headerRow);
  if (rows.length === 0) setValue(sheet.getCell('A2'), both('Tất cả xã, phường theo danh mục đã nộp', 'Every commune of the registry has a submission'));
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
  setupPage(sheet, 'landscape', both('Đơn vị chưa đạt chỉ tiêu', 'Units below target'));
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
  if (rows.length === 0) setValue(sheet.getCell('A2'), both('Không có đơn vị nào chưa đạt chỉ tiêu (hoặc chưa đặt chỉ tiêu)', 'No unit is below its targets (or no targets are set)'));
}

function problemsSheet(workbook: ExcelJS.Workbook, problems: readonly Problem[]): void {
  const sheet = workbook.addWorksheet(leagueSheetNames.problems, { views: [{ state: 'frozen', ySplit: 1 }] });
  setupPage(sheet, 'landscape', both('Lỗi và cảnh báo', 'Problems'));
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

/**
 * The league workbook, one builder for the desk (GET /api/league.xlsx) and the CLI (`score -o` with several
 * scorecards): League (ranking, groups coloured), Chart, RollUp (the roll-ups against their plans' targets,
 * and the tasks), Changes (each row since the year before), Missing (registry communes with no submission,
 * only when a registry says which are expected), BelowTarget, Intervals, Problems. A sheet with no data is left out,
 * except Missing (an empty list, when known, is news) and BelowTarget/Problems (they say so); Intervals holds
 * the dimensions' CIs, kept off the League so that it prints readably on one page wide.
 */
export async function buildLeagueReport(options: {
  scorecards: readonly Scorecard[];
  problems: readonly Problem[];
  /** Scorecards of an earlier year (--previous): only the Changes sheet uses them. */
  previous?: readonly Scorecard[];
  /** The year-over-year rows; by default the scorecards of one code in two years, compared as §6. */
  changes?: readonly LeagueChange[];
  /** The registry communes with no submission; undefined without a registry (no Missing sheet). */
  missing?: readonly LeagueMissing[];
  /** Plans of the roll-ups, for their tasks (the targets are on the scorecards already). */
  plans?: readonly LeaguePlan[];
}): Promise<ExcelJS.Workbook> {
  // The chart first: it encodes in the background while the tables are written.
  const charts = totalsCharts(options.scorecards);
  const workbook = new Workbook();
  const years = options.scorecards.map((c) => c.unit.year).filter((y): y is number => y !== null);
  stampWorkbook(workbook, years.length ? Math.max(...years) : undefined);
  leagueSheet(workbook, options.scorecards);
  const images = chartSheet(workbook, charts);
  rollUpSheet(workbook, options.scorecards, options.plans ?? []);
  changesSheet(workbook, [...(options.previous ?? []), ...options.scorecards], options.changes ?? pairChanges([...(options.previous ?? []), ...options.scorecards]));
  if (options.missing) missingSheet(workbook, options.missing, new Map(options.scorecards.filter((c) => c.level !== 'unit').map((c) => [c.unit.code, unitName(c)])));
  belowTargetSheet(workbook, options.scorecards);
  intervalsSheet(workbook, options.scorecards);
  // The Missing sheet lists the communes a roll-up left out: their notes once more would fill pages of Problems.
  problemsSheet(workbook, options.missing ? options.problems.filter((p) => p.code !== 'rollup-missing-unit') : options.problems);
  await placeImages(workbook, images);
  return workbook;
}
