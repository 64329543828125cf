/** Summary: the narrative, who and when, the total and the 8 dimensions against their targets, the charts. */
import type ExcelJS from 'exceljs';
import type { DimensionScore, TotalScore } from '../../scoring/types.js';
import type { ReportContext } from '../context.js';
import { headers, infoLabels, sheetNames, targetStatusLabels } from '../labels.js';
import { INTEGER_FORMAT, SCORE_FORMAT, repeatHeaderRow, setValue, setupPage, writeParagraph, writeTable, type Column } from '../layout.js';
import { buildNarrative } from '../narrative.js';
import { imageRows, type ImageSlot, type PendingChart } from './charts.js';

const WIDTHS = [7, 44, 10, 10, 10, 10, 10, 27];
const TEXT_WIDTH = WIDTHS.reduce((a, b) => a + b, 0);
const LAST_COLUMN = WIDTHS.length;
const IMAGE_WIDTH_PX = 860;
const RADAR_WIDTH_PX = 700;

type Row = DimensionScore | (TotalScore & { code: string; name: string });

export const scoreColumns = <T extends Pick<DimensionScore, 'score' | 'ciLow' | 'ciHigh' | 'target' | 'gap' | 'status'>>(): Column<T>[] => [
  { header: headers.score, width: 10, value: (d) => d.score, format: SCORE_FORMAT },
  { header: headers.ciLow, width: 10, value: (d) => d.ciLow, format: SCORE_FORMAT },
  { header: headers.ciHigh, width: 10, value: (d) => d.ciHigh, format: SCORE_FORMAT },
  { header: headers.target, width: 10, value: (d) => d.target, format: SCORE_FORMAT },
  { header: headers.gap, width: 10, value: (d) => d.gap, format: SCORE_FORMAT },
  {
    header: headers.status,
    width: 27,
    value: (d) => (d.target === null ? targetStatusLabels.none : d.status === null ? null : targetStatusLabels[d.status]),
    status: (d) => d.status,
  },
];

/** Writes the sheet with room for the charts (none: no chart section); returns where their images go. */
export function writeSummary(workbook: ExcelJS.Workbook, context: ReportContext, charts: readonly PendingChart[]): ImageSlot[] {
  const { scorecard: s, locale } = context;
  const sheet = workbook.addWorksheet(sheetNames.summary, { properties: { tabColor: { argb: 'FF1F4E79' } } });
  WIDTHS.forEach((w, i) => (sheet.getColumn(i + 1).width = w));
  let row = 1;
  const place = [s.unit.name, s.unit.district, s.unit.province].filter((p) => p.trim() !== '').join(', ');
  writeParagraph(sheet, row, 1, LAST_COLUMN, `${infoLabels.title} — ${place}${s.unit.year === null ? '' : ` — ${s.unit.year}`}`, TEXT_WIDTH / 1.4, {
    bold: true,
    size: 14,
    color: { argb: 'FF1F4E79' },
  });
  row += 2;
  writeParagraph(sheet, row, 1, LAST_COLUMN, infoLabels.summary, TEXT_WIDTH, { bold: true });
  row++;
  for (const paragraph of buildNarrative(s, context.comparison, locale, context.input.problems)) {
    writeParagraph(sheet, row, 1, LAST_COLUMN, paragraph, TEXT_WIDTH);
    row++;
  }
  row++;

  const info: [string, string | number | null, string?][] = [
    [infoLabels.unit, s.unit.name],
    [infoLabels.unitCode, s.unit.code],
    [infoLabels.district, s.unit.district],
    [infoLabels.province, s.unit.province],
    [infoLabels.year, s.unit.year, INTEGER_FORMAT],
    [infoLabels.framework, s.framework],
    [infoLabels.file, s.file],
    [infoLabels.respondents, s.respondents, INTEGER_FORMAT],
    [infoLabels.effectiveN, s.effectiveN, SCORE_FORMAT],
    [infoLabels.confidence, s.confidence, '0%'],
    ...(s.samplePlan?.required != null ? [[infoLabels.samplePlan, s.samplePlan.required, INTEGER_FORMAT] as [string, number, string]] : []),
    // methodology.md §10: the counts here, the rows on the Problems sheet.
    ...(s.quality
      ? [
          [infoLabels.straightLining, s.quality.straightLining, INTEGER_FORMAT] as [string, number, string],
          [infoLabels.nearDuplicates, s.quality.nearDuplicates, INTEGER_FORMAT] as [string, number, string],
        ]
      : []),
  ];
  for (const [label, value, format] of info) {
    sheet.mergeCells(row, 1, row, 2);
    setValue(sheet.getCell(row, 1), label);
    sheet.getCell(row, 1).font = { bold: true };
    setValue(sheet.getCell(row, 3), value, format);
    if (typeof value === 'string') sheet.mergeCells(row, 3, row, LAST_COLUMN);
    else sheet.getCell(row, 3).alignment = { horizontal: 'left' };
    row++;
  }
  row++;

  const rows: Row[] = [{ ...s.total, code: '', name: infoLabels.total8 }, ...s.dimensions];
  const columns: Column<Row>[] = [
    { header: headers.code, width: 7, value: (d) => d.code },
    { header: headers.dimension, width: 46, value: (d) => d.name },
    ...scoreColumns<Row>(),
  ];
  const { headerRow } = writeTable(sheet, row, columns, rows, { setWidths: false });
  sheet.getRow(headerRow + 1).font = { bold: true };
  // The title repeats on every printed page: the header row would repeat above the charts.
  repeatHeaderRow(sheet, 1);
  row = headerRow + rows.length + 2;

  const images: ImageSlot[] = [];
  if (charts.length > 0) {
    // Charts start on a new page, the sub-dimension chart on one of its own: an image cannot break across pages.
    sheet.getRow(row - 1).addPageBreak();
    writeParagraph(sheet, row, 1, LAST_COLUMN, infoLabels.charts, TEXT_WIDTH, { bold: true });
    row++;
    for (const [i, chart] of charts.entries()) {
      if (i === 2) sheet.getRow(row - 1).addPageBreak();
      // The radar is nearly square: full width would make it taller than a page.
      const widthPx = chart.size.height / chart.size.width > 0.85 ? RADAR_WIDTH_PX : IMAGE_WIDTH_PX;
      images.push({ sheet, chart, row, widthPx });
      row += imageRows(chart.size, widthPx);
    }
  }
  setupPage(sheet, 'portrait', context.footer);
  return images;
}
