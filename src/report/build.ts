/** The report workbook: scores against targets, plan tasks, charts and problems. */
import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { compareScorecards } from '../scoring/compare.js';
import type { Comparison, Scorecard } from '../scoring/types.js';
import { FIXED_DATE, type ReportContext, type ReportInput } from './context.js';
import { infoLabels } from './labels.js';
import { writeIndicators, writeDimensions, writeSubdimensions } from './sheets/tables.js';
import { writeMethod } from './sheets/method.js';
import { writeProblems } from './sheets/problems.js';
import { writeSummary } from './sheets/summary.js';
import { writeTargets } from './sheets/targets.js';
import { writeYearOverYear } from './sheets/yearOverYear.js';

function newWorkbook(date: Date | undefined): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'chiso';
  workbook.lastModifiedBy = 'chiso';
  workbook.created = date ?? FIXED_DATE;
  workbook.modified = date ?? FIXED_DATE;
  return workbook;
}

function footerOf(s: Scorecard): string {
  return `${s.unit.name}${s.unit.year === null ? '' : ` ${s.unit.year}`} — chiso`;
}

/** Sheets: Summary, Dimensions, Subdimensions, Indicators, Targets, YearOverYear (with a comparison), Problems, Method. */
export function buildReport(input: ReportInput): ExcelJS.Workbook {
  const { scorecard } = input;
  const comparison = input.comparison ?? (input.previous ? compareScorecards(input.previous, scorecard) : undefined);
  const context: ReportContext = {
    input,
    scorecard,
    comparison,
    locale: input.locale ?? 'vi',
    footer: footerOf(scorecard),
  };
  const workbook = newWorkbook(input.date);
  writeSummary(workbook, context);
  writeDimensions(workbook, context);
  writeSubdimensions(workbook, context);
  writeIndicators(workbook, context);
  writeTargets(workbook, context);
  if (comparison) {
    writeYearOverYear(workbook, comparison, scorecard, { footer: context.footer, charts: input.charts !== false, locale: context.locale });
  }
  writeProblems(workbook, context);
  writeMethod(workbook, context);
  return workbook;
}

/** Year over year on its own (`chiso compare A B -o F`): a title sheet and the YearOverYear sheet. */
export function buildComparisonReport(
  comparison: Comparison,
  from: Scorecard,
  to: Scorecard,
  options: { locale?: ReportInput['locale']; charts?: boolean; date?: Date } = {},
): ExcelJS.Workbook {
  const workbook = newWorkbook(options.date);
  const footer = `${to.unit.name} ${comparison.from.year ?? ''}–${comparison.to.year ?? ''} — chiso`;
  writeYearOverYear(workbook, comparison, to.dimensions.length > 0 ? to : from, {
    title: `${infoLabels.comparisonTitle}: ${from.unit.name} ${comparison.from.year ?? ''} → ${to.unit.name} ${comparison.to.year ?? ''}`,
    footer,
    charts: options.charts !== false,
    locale: options.locale ?? 'vi',
  });
  return workbook;
}

/** Writes a report (a built workbook, or the input to build one) to a path or a stream. */
export async function writeReport(report: ReportInput | ExcelJS.Workbook, target: string | Writable): Promise<void> {
  const workbook = report instanceof ExcelJS.Workbook ? report : buildReport(report);
  if (typeof target === 'string') await workbook.xlsx.writeFile(target);
  else await workbook.xlsx.write(target);
}
