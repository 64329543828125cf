/**
 * YearOverYear: Δ, its SE and the change status for the total, dimensions, sub-dimensions and indicators.
 * Sub-dimensions are compared on S (methodology §6) and shown in points on the later year's scale.
 */
import type ExcelJS from 'exceljs';
import { shownChange } from '../../format/score.js';
import { pointsOnScale, pointsPerNormalized, subdimensionScaleNote, type SubdimensionRange } from '../../format/subdimensionScale.js';
import type { Change, Comparison, Scorecard } from '../../scoring/types.js';
import { changeStatusLabels, headers, infoLabels, levelLabels, sheetNames } from '../labels.js';
import { SCORE_FORMAT, repeatHeaderRow, setValue, setupPage, writeParagraph, writeTable, type Column } from '../layout.js';
import { imageRows, type ImageSlot, type PendingChart } from './charts.js';

const CHART_WIDTH_PX = 860;

interface ChangeRow extends Change {
  level: keyof typeof levelLabels;
  name: string;
}

export function changeRows(comparison: Comparison, names?: Scorecard): ChangeRow[] {
  const dimName = new Map(names?.dimensions.map((d) => [d.code, d.name]) ?? []);
  const subName = new Map(names?.subdimensions.map((d) => [d.code, d.name]) ?? []);
  const subRange = new Map(names?.subdimensions.map((d) => [d.code, d]) ?? []);
  return [
    { ...comparison.total, level: 'total', code: '', name: infoLabels.total8 },
    ...comparison.dimensions.map((c): ChangeRow => ({ ...c, level: 'dimension', name: dimName.get(c.code ?? '') ?? '' })),
    ...comparison.subdimensions.map((c): ChangeRow => ({ ...inPoints(c, subRange.get(c.code ?? '')), level: 'subdimension', name: subName.get(c.code ?? '') ?? '' })),
    ...comparison.indicators.map((c): ChangeRow => ({ ...c, level: 'indicator', name: '' })),
  ];
}

/** A sub-dimension's change on S as points on its (later year's) scale; the status is the same (Δ/SE does not change). */
function inPoints(c: Change, range: SubdimensionRange | undefined): Change {
  if (!range) return c;
  const at = (v: number | null) => (v === null ? null : pointsOnScale(v, range));
  const per = pointsPerNormalized(range);
  return { ...c, from: at(c.from), to: at(c.to), delta: c.delta === null ? null : c.delta * per, se: c.se === null ? null : c.se * per };
}

function yearLabel(side: Comparison['from']): string {
  return String(side.year ?? side.framework);
}

/** Writes the sheet, with room for the chart when there is one; returns where its image goes. */
export function writeYearOverYear(
  workbook: ExcelJS.Workbook,
  comparison: Comparison,
  names: Scorecard | undefined,
  options: { footer: string; chart?: PendingChart; title?: string },
): ImageSlot[] {
  const sheet = workbook.addWorksheet(sheetNames.yearOverYear);
  const columns: Column<ChangeRow>[] = [
    { header: headers.level, width: 16, value: (c) => levelLabels[c.level] },
    { header: headers.code, width: 12, value: (c) => c.code ?? '' },
    { header: headers.name, width: 40, value: (c) => c.name },
    { header: `${yearLabel(comparison.from)}`, width: 10, value: (c) => c.from, format: SCORE_FORMAT },
    { header: `${yearLabel(comparison.to)}`, width: 10, value: (c) => c.to, format: SCORE_FORMAT },
    // The shown change is the difference of the shown scores (methodology.md §6).
    { header: headers.delta, width: 11, value: (c) => shownChange(c.from, c.to), format: SCORE_FORMAT },
    { header: headers.seDelta, width: 11, value: (c) => c.se, format: '0.000' },
    { header: headers.status, width: 22, value: (c) => changeStatusLabels[c.status], status: (c) => c.status },
  ];
  // Total and dimensions first, then the chart beside them in reading order, then the long detail.
  const rows = changeRows(comparison, names);
  const head = rows.filter((r) => r.level === 'total' || r.level === 'dimension');
  const detail = rows.filter((r) => r.level !== 'total' && r.level !== 'dimension');
  let start = 1;
  if (options.title !== undefined) {
    writeParagraph(sheet, 1, 1, columns.length, options.title, columns.reduce((a, c) => a + c.width, 0) / 1.4, { bold: true, size: 14 });
    start = 3;
  }
  const first = writeTable(sheet, start, columns, head);
  repeatHeaderRow(sheet, first.headerRow);
  sheet.views = [{ state: 'frozen', ySplit: first.headerRow }];
  let row = first.lastRow + 2;
  const images: ImageSlot[] = [];
  if (options.chart) {
    images.push({ sheet, chart: options.chart, row, widthPx: CHART_WIDTH_PX });
    row += imageRows(options.chart.size, CHART_WIDTH_PX) + 1;
  }
  const width = columns.reduce((a, c) => a + c.width, 0);
  // The scale of the sub-dimension rows, said once above them (the Subdimensions sheet's sentence).
  if (names && detail.some((r) => r.level === 'subdimension')) {
    const to = yearLabel(comparison.to);
    const note = `Nội dung thành phần: điểm trên thang điểm năm ${to}. ${subdimensionScaleNote(names.subdimensions, 'vi', { brief: true })} / Sub-dimensions: points on the ${to} scale. ${subdimensionScaleNote(names.subdimensions, 'en', { brief: true })}`;
    writeParagraph(sheet, row, 1, columns.length, note, width);
    row += 2;
  }
  const second = writeTable(sheet, row, columns, detail, { setWidths: false });
  row = second.lastRow + 2;
  // Across a reorganisation (methodology.md §8) the "from" side is a pool, and the sheet says so.
  for (const note of reorganisationNotes(comparison)) {
    writeParagraph(sheet, row, 1, columns.length, note, width);
    row++;
  }
  for (const [label, codes] of [
    [infoLabels.onlyFrom, comparison.onlyIn.from],
    [infoLabels.onlyTo, comparison.onlyIn.to],
  ] as const) {
    if (codes.length === 0) continue;
    writeParagraph(sheet, row, 1, columns.length, `${label}: ${codes.join(', ')}`, width);
    row++;
  }
  setupPage(sheet, 'portrait', options.footer);
  return images;
}

/** The pooled predecessors and the approximate / incomplete flags, bilingual, for the sheet and the narrative. */
export function reorganisationNotes(comparison: Comparison): string[] {
  if (!comparison.from.units) return [];
  const notes = [`Năm ${comparison.from.year ?? ''} gộp các đơn vị tiền thân / ${comparison.from.year ?? ''} pools the predecessor units: ${comparison.from.units.join(', ')}`];
  if (comparison.approximate)
    notes.push('Gần đúng: có đơn vị chỉ nhập một phần địa bàn, toàn bộ mẫu của đơn vị đó được dùng / Approximate: a unit gave only part of its area; its whole sample stands in for the part');
  if (comparison.incomplete?.length)
    notes.push(`Chưa đủ: không có số liệu của / Incomplete: no data for ${comparison.incomplete.join(', ')}`);
  return notes;
}
