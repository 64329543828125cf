/** Problems: every diagnostic, with a link to its cell in the annotated copy of the input. */
import type ExcelJS from 'exceljs';
import type { Problem } from '../../diagnostics/problem.js';
import type { ReportContext } from '../context.js';
import { headers, infoLabels, severityLabels, sheetNames } from '../labels.js';
import { INTEGER_FORMAT, repeatHeaderRow, setValue, setupPage, writeTable, type Column } from '../layout.js';

/**
 * `<annotated file>#'Sheet'!$F$12`: an external link, since the cell is in
 * another file. The reference is absolute ($F$12, the same cell) because
 * exceljs takes anything ending in "!F12" for an internal link and would write
 * the whole target as a location inside this workbook.
 */
export function annotatedCellLink(annotatedFileName: string, problem: Problem): string | null {
  if (problem.cell === '') return null;
  const match = /^([A-Za-z]+)(\d+)$/.exec(problem.cell);
  const cell = match ? `$${match[1].toUpperCase()}$${match[2]}` : problem.cell;
  return `${annotatedFileName}#'${problem.sheet.replace(/'/g, "''")}'!${cell}`;
}

function linkFor(context: ReportContext, problem: Problem): string | null {
  if (context.input.problemLink) return context.input.problemLink(problem);
  if (context.input.annotatedFileName) return annotatedCellLink(context.input.annotatedFileName, problem);
  return null;
}

const severityFill = { error: 'below', warning: 'close', info: null } as const;

export function writeProblems(workbook: ExcelJS.Workbook, context: ReportContext): void {
  const sheet = workbook.addWorksheet(sheetNames.problems);
  const columns: Column<Problem>[] = [
    { header: headers.file, width: 24, value: (p) => p.file },
    { header: headers.sheet, width: 14, value: (p) => p.sheet },
    { header: headers.cell, width: 8, value: (p) => p.cell },
    { header: headers.severity, width: 14, value: (p) => severityLabels[p.severity], status: (p) => severityFill[p.severity] },
    { header: headers.problemCode, width: 22, value: (p) => p.code },
    { header: headers.message, width: 70, value: (p) => p.message },
  ];
  const problems = context.input.problems;
  const { headerRow, lastRow } = writeTable(sheet, 1, columns, problems);
  problems.forEach((p, i) => {
    const link = linkFor(context, p);
    if (link === null) return;
    const cell = sheet.getCell(headerRow + 1 + i, 3);
    cell.value = { text: p.cell, hyperlink: link, tooltip: link };
    cell.font = { color: { argb: 'FF0563C1' }, underline: true };
  });
  // Merged across the table: in one narrow column the sentence was cut off when printed.
  if (problems.length === 0) {
    sheet.mergeCells(headerRow + 1, 1, headerRow + 1, columns.length);
    setValue(sheet.getCell(headerRow + 1, 1), infoLabels.noProblems);
  }
  // methodology.md §10: the interview-quality counts below the list (the rows are in it).
  const quality = context.scorecard.quality;
  if (quality) {
    const below = Math.max(lastRow, headerRow + 1) + 2;
    for (const [k, [label, count]] of ([[infoLabels.straightLining, quality.straightLining], [infoLabels.nearDuplicates, quality.nearDuplicates]] as const).entries()) {
      // The label over the first three columns (it was cut off), the count as a whole number (it read "0.00").
      sheet.mergeCells(below + k, 1, below + k, 3);
      setValue(sheet.getCell(below + k, 1), label);
      sheet.getCell(below + k, 1).font = { bold: true };
      setValue(sheet.getCell(below + k, 4), count);
      sheet.getCell(below + k, 4).numFmt = INTEGER_FORMAT;
    }
  }
  repeatHeaderRow(sheet, headerRow);
  sheet.views = [{ state: 'frozen', ySplit: headerRow }];
  sheet.autoFilter = { from: { row: headerRow, column: 1 }, to: { row: headerRow, column: columns.length } };
  setupPage(sheet, 'landscape', context.footer);
}
