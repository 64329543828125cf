/**
 * The chart images of the report: rendered once per report, embedded with exceljs (which has no chart API).
 * A builder starts its charts first (drawn at once, encoded in the background), lays the sheets out with
 * image slots, and places the images once the PNGs are ready.
 */
import type { ChartConfiguration } from 'chart.js';
import type ExcelJS from 'exceljs';
import {
  dimensionBarsConfig,
  dimensionRadarConfig,
  subdimensionBarsConfig,
  yearOverYearConfig,
  type ChangeDatum,
  type ChartLocale,
} from '../../charts/configs.js';
import { chartSizes, renderChartAsync, type ChartSize } from '../../charts/render.js';
import type { Comparison, Scorecard } from '../../scoring/types.js';

/** Default row height in Excel is 15 pt = 20 px. */
const ROW_PX = 20;

/** A chart already drawn whose PNG is still being encoded: its size is known now, its bytes later. */
export interface PendingChart {
  png: Promise<Buffer>;
  size: ChartSize;
}

/** Where a chart goes: anchored at (row, column 1) of the sheet, `widthPx` wide. */
export interface ImageSlot {
  sheet: ExcelJS.Worksheet;
  chart: PendingChart;
  row: number;
  widthPx: number;
}

/** Starts a chart: draws it now, encodes it in the background. */
export function startChart(config: ChartConfiguration, size: ChartSize): PendingChart {
  const png = renderChartAsync(config, size);
  // If the builder throws before awaiting this, a failed encode must not also crash the
  // process as an unhandled rejection; placeImages still sees the failure when it awaits.
  png.catch(() => {});
  return { png, size };
}

function imageHeight(size: ChartSize, widthPx: number): number {
  return Math.round((widthPx * size.height) / size.width);
}

/** Rows an image of this size covers at `widthPx` wide: the layout needs only the size, not the bytes. */
export function imageRows(size: ChartSize, widthPx: number): number {
  return Math.ceil(imageHeight(size, widthPx) / ROW_PX) + 1;
}

function placeImage(workbook: ExcelJS.Workbook, slot: ImageSlot, png: Buffer): void {
  const id = workbook.addImage({ buffer: png as unknown as ExcelJS.Buffer, extension: 'png' });
  slot.sheet.addImage(id, {
    tl: { col: 0, row: slot.row - 1 },
    ext: { width: slot.widthPx, height: imageHeight(slot.chart.size, slot.widthPx) },
    editAs: 'oneCell',
  });
}

/** Waits for the PNGs and adds the images in the slots' order, which fixes the media ids. */
export async function placeImages(workbook: ExcelJS.Workbook, slots: readonly ImageSlot[]): Promise<void> {
  const pngs = await Promise.all(slots.map((slot) => slot.chart.png));
  slots.forEach((slot, i) => placeImage(workbook, slot, pngs[i]));
}

function named<T extends { name: string; nameEn: string }>(items: T[], locale: ChartLocale): T[] {
  return locale === 'vi' ? items : items.map((d) => ({ ...d, name: d.nameEn }));
}

/** The Summary's chart configurations and sizes (test/charts/fontCoverage.test.ts reads their texts). */
export function summaryChartConfigs(scorecard: Scorecard, locale: ChartLocale): [ChartConfiguration, ChartSize][] {
  const dims = named(scorecard.dimensions, locale);
  return [
    [dimensionBarsConfig(dims, { locale }), chartSizes.wide],
    [dimensionRadarConfig(dims, { locale }), chartSizes.square],
    [subdimensionBarsConfig(named(scorecard.subdimensions, locale), { locale }), chartSizes.tall],
  ];
}

export function summaryCharts(scorecard: Scorecard, locale: ChartLocale): PendingChart[] {
  return summaryChartConfigs(scorecard, locale).map(([config, size]) => startChart(config, size));
}

export function yearOverYearChart(comparison: Comparison, names: Scorecard['dimensions'], locale: ChartLocale): PendingChart {
  return startChart(yearOverYearChartConfig(comparison, names, locale), chartSizes.wide);
}

export function yearOverYearChartConfig(
  comparison: Comparison,
  names: Scorecard['dimensions'],
  locale: ChartLocale,
): ChartConfiguration {
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
  return yearOverYearConfig(rows, years, { locale });
}
