/** ScoreHistory: the unit's total and dimensions across years (and across its predecessors), as a table and a chart. */
import type ExcelJS from 'exceljs';
import { historyChartConfig } from '../../charts/history.js';
import { chartSizes } from '../../charts/render.js';
import type { History, HistoryPoint } from '../../units/history.js';
import { headers } from '../labels.js';
import { SCORE_FORMAT, repeatHeaderRow, setupPage, writeTable, type Column } from '../layout.js';
import { startChart, type ImageSlot, type PendingChart } from './charts.js';
import type { ReportLocale } from '../labels.js';

const CHART_WIDTH_PX = 860;
const both = (vi: string, en: string) => `${vi} / ${en}`;

export function historyChart(history: History, locale: ReportLocale): PendingChart {
  return startChart(historyChartConfig(history, locale), chartSizes.wide);
}

export function writeHistory(workbook: ExcelJS.Workbook, history: History, options: { footer: string; chart?: PendingChart }): ImageSlot[] {
  const sheet = workbook.addWorksheet('ScoreHistory') // "History" is a name Excel reserves;
  const dimensionCodes = history.points[history.points.length - 1]?.dimensions.map((d) => d.code) ?? [];
  const columns: Column<HistoryPoint>[] = [
    { header: both('Năm', 'Year'), width: 8, value: (p) => p.year, format: '0' },
    { header: headers.code, width: 14, value: (p) => p.code ?? p.units.join(' + ') },
    { header: headers.name, width: 34, value: (p) => p.name },
    { header: both('Số người trả lời', 'Respondents'), width: 12, value: (p) => p.respondents, format: '0' },
    { header: both('Tổng hợp', 'Total'), width: 10, value: (p) => p.total.score, format: SCORE_FORMAT },
    { header: headers.ciLow, width: 10, value: (p) => p.total.ciLow, format: SCORE_FORMAT },
    { header: headers.ciHigh, width: 10, value: (p) => p.total.ciHigh, format: SCORE_FORMAT },
    ...dimensionCodes.map((code): Column<HistoryPoint> => ({ header: code, width: 7, value: (p) => p.dimensions.find((d) => d.code === code)?.score ?? null, format: SCORE_FORMAT })),
    {
      header: both('Ghi chú', 'Note'),
      width: 40,
      value: (p) =>
        [
          p.code === null ? both('gộp các đơn vị tiền thân', 'pooled predecessors') : '',
          p.approximate ? both('gần đúng (có đơn vị chỉ nhập một phần)', 'approximate (a unit gave only part)') : '',
          p.incomplete.length ? `${both('thiếu số liệu', 'no data')}: ${p.incomplete.join(', ')}` : '',
        ]
          .filter(Boolean)
          .join('; '),
    },
  ];
  const table = writeTable(sheet, 1, columns, history.points);
  repeatHeaderRow(sheet, table.headerRow);
  sheet.views = [{ state: 'frozen', ySplit: table.headerRow }];
  const images: ImageSlot[] = [];
  if (options.chart) images.push({ sheet, chart: options.chart, row: table.lastRow + 2, widthPx: CHART_WIDTH_PX });
  setupPage(sheet, 'landscape', options.footer);
  return images;
}
