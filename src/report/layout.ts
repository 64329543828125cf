/**
 * Shared layout of the report sheets: page setup, header rows, number formats,
 * status fills, and writing values so that user text always stays text.
 */
import type ExcelJS from 'exceljs';
import type { ChangeStatus, TargetStatus } from '../scoring/types.js';
import { roundScore } from '../format/score.js';
import { NONE } from './labels.js';

export const SCORE_FORMAT = '0.00';
export const INTEGER_FORMAT = '0';

const fills = {
  header: 'FF1F4E79',
  met: 'FFC8E6C9',
  close: 'FFFFE082',
  below: 'FFFFCDD2',
  none: 'FFEEEEEE',
} as const;

export type Orientation = 'portrait' | 'landscape';

export interface Column<T> {
  header: string;
  /** Width in characters. */
  width: number;
  value: (row: T) => string | number | null;
  /** Number format for numeric values; text columns wrap. */
  format?: string;
  /** Fill the cell by this status. */
  status?: (row: T) => TargetStatus | ChangeStatus | null;
}

function solid(argb: string): ExcelJS.Fill {
  return { type: 'pattern', pattern: 'solid', fgColor: { argb } };
}

export function statusFill(status: TargetStatus | ChangeStatus | null): ExcelJS.Fill | undefined {
  switch (status) {
    case 'met':
    case 'improved':
      return solid(fills.met);
    case 'close':
      return solid(fills.close);
    case 'below':
    case 'declined':
      return solid(fills.below);
    case 'not comparable':
      return solid(fills.none);
    default:
      return undefined;
  }
}

/** Excel header/footer text treats & as a control character. */
function headerFooterText(text: string): string {
  return text.replace(/&/g, '&&');
}

/** A4, fit to one page wide, header row repeated on every printed page. */
export function setupPage(sheet: ExcelJS.Worksheet, orientation: Orientation, footer: string): void {
  sheet.pageSetup = {
    ...sheet.pageSetup,
    paperSize: 9,
    orientation,
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    horizontalCentered: true,
    margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
  };
  sheet.headerFooter = {
    ...sheet.headerFooter,
    oddFooter: `&L${headerFooterText(footer)}&R&P / &N`,
  };
}

export function repeatHeaderRow(sheet: ExcelJS.Worksheet, row: number): void {
  sheet.pageSetup.printTitlesRow = `${row}:${row}`;
}

/**
 * Writes a value as what it is: numbers stay numbers (with a format), null is
 * "–", and every string is a plain string value — text that starts with "=" is
 * never turned into a formula.
 */
export function setValue(cell: ExcelJS.Cell, value: string | number | null, format?: string): void {
  if (value === null || (typeof value === 'number' && !Number.isFinite(value))) {
    cell.value = NONE;
    cell.alignment = { horizontal: 'center', vertical: 'top' };
    return;
  }
  if (typeof value === 'number') {
    // A shown score holds the rounded value (src/format/score.ts), so Excel's own
    // rounding of 1.6749999999999998 ("1,68") cannot differ from the report's ("1,67").
    cell.value = (format ?? SCORE_FORMAT) === SCORE_FORMAT ? roundScore(value) : value;
    cell.numFmt = format ?? SCORE_FORMAT;
    cell.alignment = { vertical: 'top' };
    return;
  }
  // A string is assigned as a string; exceljs only makes formulas of { formula } objects.
  cell.value = String(value);
  cell.alignment = { wrapText: true, vertical: 'top' };
}

export function styleHeaderRow(row: ExcelJS.Row): void {
  row.font = { bold: true, color: { argb: 'FFFFFFFF' } };
  row.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
  row.eachCell((cell) => {
    cell.fill = solid(fills.header);
    cell.border = { bottom: { style: 'thin', color: { argb: 'FF000000' } } };
  });
  row.height = 32;
}

/** Writes a header row and one row per item; returns the header row number and the last row. */
export function writeTable<T>(
  sheet: ExcelJS.Worksheet,
  startRow: number,
  columns: Column<T>[],
  rows: readonly T[],
  options: { setWidths?: boolean; startColumn?: number } = {},
): { headerRow: number; lastRow: number } {
  const first = options.startColumn ?? 1;
  const header = sheet.getRow(startRow);
  columns.forEach((c, i) => {
    setValue(header.getCell(first + i), c.header);
    if (options.setWidths !== false) sheet.getColumn(first + i).width = c.width;
  });
  styleHeaderRow(header);
  // Bold headers are wider than body text.
  header.height = Math.max(32, ...columns.map((c) => wrappedHeight(c.header, c.width / 1.15)));
  rows.forEach((item, r) => {
    const row = sheet.getRow(startRow + 1 + r);
    columns.forEach((c, i) => {
      const cell = row.getCell(first + i);
      setValue(cell, c.value(item), c.format);
      const fill = c.status ? statusFill(c.status(item)) : undefined;
      if (fill) cell.fill = fill;
      cell.border = { bottom: { style: 'hair', color: { argb: 'FFBDBDBD' } } };
    });
    // Neither exceljs nor LibreOffice fits row heights to wrapped text; estimate it.
    const height = Math.max(
      ...columns.map((c) => {
        const v = c.value(item);
        return typeof v === 'string' ? wrappedHeight(v, c.width) : 15;
      }),
    );
    if (height > 15) row.height = height;
  });
  return { headerRow: startRow, lastRow: startRow + rows.length };
}

/** Rough row height (points) for wrapped text in a merged block `widthChars` wide. */
export function wrappedHeight(text: string, widthChars: number, lineHeight = 15): number {
  // Vietnamese text in the default font averages a little under one width unit per character.
  const lines = text.split('\n').reduce((n, part) => n + Math.max(1, Math.ceil((part.length * 0.9) / Math.max(1, widthChars - 1))), 0);
  return Math.max(lineHeight, lines * lineHeight + 4);
}

/** One wrapped paragraph merged across columns from..to. */
export function writeParagraph(
  sheet: ExcelJS.Worksheet,
  row: number,
  fromColumn: number,
  toColumn: number,
  text: string,
  widthChars: number,
  font?: Partial<ExcelJS.Font>,
): void {
  sheet.mergeCells(row, fromColumn, row, toColumn);
  const cell = sheet.getCell(row, fromColumn);
  setValue(cell, text);
  if (font) cell.font = font;
  sheet.getRow(row).height = wrappedHeight(text, widthChars, font?.size ? font.size * 1.4 : 15);
}
