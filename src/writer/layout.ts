import type ExcelJS from 'exceljs';

/** Shared look of chiso workbooks: A4 page setup, header style, dimension colours. */

export const A4_PAPER = 9;

export function a4PageSetup(
  orientation: 'portrait' | 'landscape' = 'portrait',
): Partial<ExcelJS.PageSetup> {
  return {
    paperSize: A4_PAPER as ExcelJS.PaperSize,
    orientation,
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    margins: { left: 0.5, right: 0.5, top: 0.7, bottom: 0.7, header: 0.3, footer: 0.3 },
  };
}

/** Light fills, one per dimension in framework order (cycled). */
export const DIMENSION_COLOURS = [
  'FFDCE6F1', // blue
  'FFE2EFDA', // green
  'FFFFF2CC', // yellow
  'FFFCE4D6', // orange
  'FFEDE1F5', // violet
  'FFDDEBF7', // light blue
  'FFE7F4E4', // light green
  'FFF8CBAD', // salmon
];

export const HEADER_FILL = 'FFD9D9D9';

export function solidFill(argb: string): ExcelJS.Fill {
  return { type: 'pattern', pattern: 'solid', fgColor: { argb } };
}

export const THIN_BORDER: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
};

/**
 * Writes row 1 of a data sheet: exactly the codes (contract.md), bold, grey or
 * the given fill, with the bilingual label as the cell's comment.
 */
export function writeHeaderRow(
  sheet: ExcelJS.Worksheet,
  columns: Array<{ code: string; note?: string; width?: number; fill?: string }>,
): void {
  const row = sheet.getRow(1);
  columns.forEach((column, index) => {
    const cell = row.getCell(index + 1);
    cell.value = column.code;
    cell.font = { bold: true };
    cell.fill = solidFill(column.fill ?? HEADER_FILL);
    cell.alignment = { vertical: 'middle' };
    cell.border = { bottom: { style: 'thin' } };
    if (column.note) cell.note = column.note;
    sheet.getColumn(index + 1).width = column.width ?? 14;
  });
}

/** Keeps user text literal: exceljs writes strings as shared strings, never formulas. */
export function text(value: string | undefined | null): string {
  return value ?? '';
}
