/** Dimensions, Subdimensions and Indicators: every number of the scorecard, one row per score. */
import type ExcelJS from 'exceljs';
import type { Item } from '../../framework/schema.js';
import type { DimensionScore, IndicatorScore, SubdimensionScore, TotalScore } from '../../scoring/types.js';
import type { ReportContext } from '../context.js';
import { headers, infoLabels, sheetNames } from '../labels.js';
import { subdimensionScaleNote } from '../../format/subdimensionScale.js';
import { INTEGER_FORMAT, SCORE_FORMAT, repeatHeaderRow, setupPage, writeParagraph, writeTable, type Column } from '../layout.js';
import { scoreColumns } from './summary.js';

type DimensionRow = DimensionScore | (TotalScore & { code: string; name: string; nameEn: string; definedSubdimensions?: undefined; subdimensionCount?: undefined });

export function writeDimensions(workbook: ExcelJS.Workbook, context: ReportContext): void {
  const s = context.scorecard;
  const sheet = workbook.addWorksheet(sheetNames.dimensions);
  const rows: DimensionRow[] = [...s.dimensions, { ...s.total, code: '', name: infoLabels.total8, nameEn: 'Total' }];
  const columns: Column<DimensionRow>[] = [
    { header: headers.code, width: 7, value: (d) => d.code },
    { header: headers.nameVi, width: 40, value: (d) => d.name },
    { header: headers.nameEn, width: 30, value: (d) => d.nameEn },
    ...scoreColumns<DimensionRow>().slice(0, 1),
    { header: headers.se, width: 10, value: (d) => d.se, format: '0.000' },
    ...scoreColumns<DimensionRow>().slice(1),
    {
      header: headers.defined,
      width: 14,
      value: (d) => (d.subdimensionCount === undefined ? null : `${d.definedSubdimensions}/${d.subdimensionCount}`),
    },
  ];
  const { headerRow, lastRow } = writeTable(sheet, 1, columns, rows);
  sheet.getRow(lastRow).font = { bold: true };
  repeatHeaderRow(sheet, headerRow);
  sheet.views = [{ state: 'frozen', ySplit: headerRow }];
  setupPage(sheet, 'landscape', context.footer);
}

/**
 * Sub-dimensions in points on their own scale (1/k to 10/k), the one scale a
 * sub-dimension is shown on; the scale is explained above the table, once.
 */
export function writeSubdimensions(workbook: ExcelJS.Workbook, context: ReportContext): void {
  const sheet = workbook.addWorksheet(sheetNames.subdimensions);
  const columns: Column<SubdimensionScore>[] = [
    { header: headers.code, width: 7, value: (d) => d.code },
    { header: headers.dimension, width: 10, value: (d) => d.dimension },
    { header: headers.nameVi, width: 40, value: (d) => d.name },
    { header: headers.nameEn, width: 28, value: (d) => d.nameEn },
    { header: headers.points, width: 9, value: (d) => d.score, format: SCORE_FORMAT },
    { header: headers.min, width: 11, value: (d) => d.min, format: SCORE_FORMAT },
    { header: headers.max, width: 11, value: (d) => d.max, format: SCORE_FORMAT },
    ...scoreColumns<SubdimensionScore>().slice(1),
  ];
  const subs = context.scorecard.subdimensions;
  const width = columns.reduce((a, c) => a + c.width, 0);
  const note = `${subdimensionScaleNote(subs, 'vi')}\n${subdimensionScaleNote(subs, 'en')}`;
  writeParagraph(sheet, 1, 1, columns.length, note, width);
  const { headerRow } = writeTable(sheet, 3, columns, subs);
  repeatHeaderRow(sheet, headerRow);
  sheet.views = [{ state: 'frozen', ySplit: headerRow }];
  setupPage(sheet, 'landscape', context.footer);
}

export function writeIndicators(workbook: ExcelJS.Workbook, context: ReportContext): void {
  const sheet = workbook.addWorksheet(sheetNames.indicators);
  const items = new Map<string, Item>((context.input.survey?.framework.items ?? []).map((i) => [i.code, i]));
  const columns: Column<IndicatorScore>[] = [
    { header: headers.code, width: 12, value: (d) => d.code },
    { header: headers.subdimension, width: 13, value: (d) => d.subdimension },
    { header: headers.question, width: 50, value: (d) => items.get(d.code)?.textVi ?? null },
    { header: headers.questionEn, width: 36, value: (d) => items.get(d.code)?.textEn ?? null },
    { header: headers.answered, width: 10, value: (d) => d.answered, format: INTEGER_FORMAT },
    { header: headers.missing, width: 9, value: (d) => d.missing, format: INTEGER_FORMAT },
    { header: headers.invalid, width: 10, value: (d) => d.invalid, format: INTEGER_FORMAT },
    { header: headers.score, width: 9, value: (d) => d.score, format: SCORE_FORMAT },
    { header: headers.ciLow, width: 9, value: (d) => d.ciLow, format: SCORE_FORMAT },
    { header: headers.ciHigh, width: 9, value: (d) => d.ciHigh, format: SCORE_FORMAT },
  ];
  const { headerRow } = writeTable(sheet, 1, columns, context.scorecard.indicators);
  repeatHeaderRow(sheet, headerRow);
  sheet.views = [{ state: 'frozen', ySplit: headerRow }];
  setupPage(sheet, 'landscape', context.footer);
}
