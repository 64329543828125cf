/**
 * Writing xlsx files: exceljs's Workbook class loaded alone, byte-stable output
 * (pinned dates, a deterministic zip) and the shared look of chiso's workbooks.
 * Used by the template, the report, the samples and the annotated copy.
 */
export { Workbook } from './workbookClass.js';
export { saveWorkbook, workbookBuffer, stampWorkbook, repackStoredZip, workbookDate } from './stableXlsx.js';
export { A4_PAPER, a4PageSetup, DIMENSION_COLOURS, HEADER_FILL, solidFill, THIN_BORDER, writeHeaderRow, text } from './layout.js';
