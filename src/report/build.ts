/** The report workbook: scores against targets, plan tasks, charts and problems. */
import type { Writable } from 'node:stream';
import type ExcelJS from 'exceljs';
import { Workbook } from '../writer/workbookClass.js';
import { compareScorecards } from '../scoring/compare.js';
import { saveWorkbook } from '../writer/stableXlsx.js';
import type { Comparison, Scorecard } from '../scoring/types.js';
import { FIXED_DATE, type ReportContext, type ReportInput } from './context.js';
import { infoLabels } from './labels.js';
import { writeIndicators, writeDimensions, writeSubdimensions } from './sheets/tables.js';
import { writeMethod } from './sheets/method.js';
import { writeProblems } from './sheets/problems.js';
import { placeImages, summaryCharts, yearOverYearChart, type PendingChart } from './sheets/charts.js';
import { writeSummary } from './sheets/summary.js';
import { writePlan } from './sheets/plan.js';
import { writeTargets } from './sheets/targets.js';
import { writeYearOverYear } from './sheets/yearOverYear.js';
import { historyChart, writeHistory } from './sheets/history.js';

function newWorkbook(date: Date | undefined): ExcelJS.Workbook {
  const workbook = new Workbook();
  workbook.creator = 'chiso';
  workbook.lastModifiedBy = 'chiso';
  workbook.created = date ?? FIXED_DATE;
  workbook.modified = date ?? FIXED_DATE;
  return workbook;
}

function footerOf(s: Scorecard): string {
  return `${s.unit.name}${s.unit.year === null ? '' : ` ${s.unit.year}`} — chiso`;
}

/** The report's charts, started: each is drawn now and encoded in the background. */
function startCharts(context: ReportContext): { summary: PendingChart[]; yearOverYear?: PendingChart } {
  const { scorecard, comparison, locale } = context;
  return {
    summary: summaryCharts(scorecard, locale),
    yearOverYear: comparison && yearOverYearChart(comparison, scorecard.dimensions, locale),
  };
}

/**
 * Sheets: Summary, Dimensions, Subdimensions, Indicators, Targets, YearOverYear (with a comparison), Problems, Method.
 * The charts start first and encode in the background while the tables are written; their images go in last.
 */
export async function buildReport(input: ReportInput): Promise<ExcelJS.Workbook> {
  const { scorecard } = input;
  const comparison = input.comparison ?? (input.previous ? compareScorecards(input.previous, scorecard) : undefined);
  const context: ReportContext = {
    input,
    scorecard,
    comparison,
    locale: input.locale ?? 'vi',
    footer: footerOf(scorecard),
  };
  const charts = input.charts === false ? { summary: [] } : startCharts(context);
  const workbook = newWorkbook(input.date);
  const images = writeSummary(workbook, context, charts.summary);
  writeDimensions(workbook, context);
  writeSubdimensions(workbook, context);
  writeIndicators(workbook, context);
  writeTargets(workbook, context);
  writePlan(workbook, context);
  if (comparison) {
    images.push(...writeYearOverYear(workbook, comparison, scorecard, { footer: context.footer, chart: charts.yearOverYear }));
  }
  if (input.history && input.history.points.length >= 3) {
    const chart = input.charts === false ? undefined : historyChart(input.history, context.locale);
    images.push(...writeHistory(workbook, input.history, { footer: context.footer, chart }));
  }
  writeProblems(workbook, context);
  writeMethod(workbook, context);
  await placeImages(workbook, images);
  return workbook;
}

/** Year over year on its own (`chiso compare A B -o F`): a title sheet and the YearOverYear sheet. */
export async function buildComparisonReport(
  comparison: Comparison,
  from: Scorecard,
  to: Scorecard,
  options: { locale?: ReportInput['locale']; charts?: boolean; date?: Date } = {},
): Promise<ExcelJS.Workbook> {
  const names = to.dimensions.length > 0 ? to : from;
  const chart = options.charts !== false ? yearOverYearChart(comparison, names.dimensions, options.locale ?? 'vi') : undefined;
  const workbook = newWorkbook(options.date);
  const footer = `${to.unit.name} ${comparison.from.year ?? ''}–${comparison.to.year ?? ''} — chiso`;
  const images = writeYearOverYear(workbook, comparison, names, {
    title: `${infoLabels.comparisonTitle}: ${from.unit.name} ${comparison.from.year ?? ''} → ${to.unit.name} ${comparison.to.year ?? ''}`,
    footer,
    chart,
  });
  await placeImages(workbook, images);
  return workbook;
}

/** Writes a report (a built workbook, or the input to build one) to a path or a stream, as saveWorkbook writes every workbook. */
export async function writeReport(report: ReportInput | ExcelJS.Workbook, target: string | Writable): Promise<void> {
  await saveWorkbook(report instanceof Workbook ? report : await buildReport(report), target);
}
