/** The chart images of the report: rendered once per report, embedded with exceljs (which has no chart API). */
import type ExcelJS from 'exceljs';
import {
  dimensionBarsConfig,
  dimensionRadarConfig,
  subdimensionBarsConfig,
  yearOverYearConfig,
  type ChangeDatum,
  type ChartLocale,
} from '../../charts/configs.js';
import { chartSizes, renderChart, type ChartSize } from '../../charts/render.js';
import type { Comparison, Scorecard } from '../../scoring/types.js';

/** Default row height in Excel is 15 pt = 20 px. */
const ROW_PX = 20;

export interface PlacedImage {
  /** Rows the image covers. */
  rows: number;
}

/** Adds a PNG anchored at (row, column 1), `widthPx` wide; returns the rows it covers. */
export function placeImage(
  workbook: ExcelJS.Workbook,
  sheet: ExcelJS.Worksheet,
  png: Buffer,
  size: ChartSize,
  row: number,
  widthPx: number,
): PlacedImage {
  const id = workbook.addImage({ buffer: png as unknown as ExcelJS.Buffer, extension: 'png' });
  const height = Math.round((widthPx * size.height) / size.width);
  sheet.addImage(id, { tl: { col: 0, row: row - 1 }, ext: { width: widthPx, height }, editAs: 'oneCell' });
  return { rows: Math.ceil(height / ROW_PX) + 1 };
}

function named<T extends { name: string; nameEn: string }>(items: T[], locale: ChartLocale): T[] {
  return locale === 'vi' ? items : items.map((d) => ({ ...d, name: d.nameEn }));
}

export function summaryCharts(scorecard: Scorecard, locale: ChartLocale): { png: Buffer; size: ChartSize }[] {
  const dims = named(scorecard.dimensions, locale);
  return [
    { png: renderChart(dimensionBarsConfig(dims, { locale }), chartSizes.wide), size: chartSizes.wide },
    { png: renderChart(dimensionRadarConfig(dims, { locale }), chartSizes.square), size: chartSizes.square },
    {
      png: renderChart(subdimensionBarsConfig(named(scorecard.subdimensions, locale), { locale }), chartSizes.tall),
      size: chartSizes.tall,
    },
  ];
}

export function yearOverYearChart(
  comparison: Comparison,
  names: Scorecard['dimensions'],
  locale: ChartLocale,
): { png: Buffer; size: ChartSize } {
  const byCode = new Map(names.map((d) => [d.code, locale === 'vi' ? d.name : d.nameEn]));
  const rows: ChangeDatum[] = comparison.dimensions.map((c) => ({
    code: c.code ?? '',
    name: byCode.get(c.code ?? '') ?? '',
    from: c.from,
    to: c.to,
    delta: c.delta,
    status: c.status,
  }));
  const years = {
    from: String(comparison.from.year ?? comparison.from.framework),
    to: String(comparison.to.year ?? comparison.to.framework),
  };
  return { png: renderChart(yearOverYearConfig(rows, years, { locale }), chartSizes.wide), size: chartSizes.wide };
}
