/** Finding cells of a report sheet by its headers, so tests do not hang on column positions. */
import type ExcelJS from 'exceljs';

/** The column whose header (row `headerRow`) starts with `start`. */
export function column(sheet: ExcelJS.Worksheet, headerRow: number, start: string): number {
  const values = sheet.getRow(headerRow).values as unknown[];
  const index = values.findIndex((v) => typeof v === 'string' && v.startsWith(start));
  if (index < 0) throw new Error(`${sheet.name}: no column "${start}" in ${JSON.stringify(values)}`);
  return index;
}

/** The row (after `headerRow`) whose cells in `columns` read `values`. */
export function rowWhere(sheet: ExcelJS.Worksheet, headerRow: number, match: Record<number, unknown>): ExcelJS.Row {
  for (let r = headerRow + 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    if (Object.entries(match).every(([c, v]) => row.getCell(Number(c)).value === v)) return row;
  }
  throw new Error(`${sheet.name}: no row with ${JSON.stringify(match)}`);
}
