import type ExcelJS from 'exceljs';
import type { RawAnswer } from '../scoring/coding.js';

/**
 * The cells of a workbook, sheet by sheet, as plain values: formulas replaced by
 * their cached results (never evaluated), rich text and hyperlinks by their text.
 * Ingest depends on this interface only, so a streaming reader can stand in for
 * the exceljs one without touching the validation code.
 */
export interface SheetRow {
  /** 1-based sheet row number. */
  number: number;
  /** values[c] is the value of 1-based column c (sparse). */
  values: RawAnswer[];
  /** 1-based columns whose cell held a formula. */
  formulaColumns: number[];
  hidden: boolean;
  /** 1-based columns covered by a merge whose value sits in another cell (read as blank). */
  mergedColumns?: number[];
}

export interface WorkbookSource {
  sheetNames: string[];
  hiddenSheets: string[];
  /** Rows in sheet order; a streaming source yields them as it reads. */
  rows(sheet: string): AsyncIterable<SheetRow>;
  /**
   * After a sheet's rows were read to the end without one recognised row: how
   * many row and cell elements it has in a namespace the reader does not know
   * (undefined when none). Ingest reports it instead of "no such column".
   */
  unrecognisedElements?(sheet: string): number | undefined;
  /**
   * While a sheet's rows are read: about how many rows it has in all (its declared
   * size over the bytes per row so far), or undefined. A hint for sizing buffers
   * once instead of doubling them; it can be wrong either way.
   */
  rowEstimate?(sheet: string): number | undefined;
}

type ExcelValue = ExcelJS.CellValue;

/** exceljs's cell value → RawAnswer; `formula` tells whether the cell held one. */
export function plainValue(value: ExcelValue): { value: RawAnswer; formula: boolean } {
  if (value === null || value === undefined) return { value: null, formula: false };
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean' || value instanceof Date)
    return { value, formula: false };
  if (typeof value === 'object') {
    if ('formula' in value || 'sharedFormula' in value) {
      const result = (value as ExcelJS.CellFormulaValue).result;
      if (result === undefined || result === null) return { value: null, formula: true };
      if (typeof result === 'object' && result !== null && 'error' in result) return { value: { error: String(result.error) }, formula: true };
      return { value: result as RawAnswer, formula: true };
    }
    if ('richText' in value) return { value: value.richText.map((r) => r.text).join(''), formula: false };
    if ('error' in value) return { value: { error: String(value.error) }, formula: false };
    if ('text' in value) return { value: String((value as ExcelJS.CellHyperlinkValue).text), formula: false };
  }
  return { value: String(value), formula: false };
}

export async function loadWithExcelJS(bytes: Uint8Array): Promise<WorkbookSource> {
  // The reference reader: imported on demand, since ingest itself reads through src/ingest/xlsx.
  const { default: Excel } = await import('exceljs');
  const workbook = new Excel.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const sheets = new Map(workbook.worksheets.map((ws) => [ws.name, ws]));
  return {
    sheetNames: [...sheets.keys()],
    hiddenSheets: workbook.worksheets.filter((ws) => ws.state !== 'visible').map((ws) => ws.name),
    async *rows(name: string) {
      const ws = sheets.get(name);
      if (!ws) return;
      // Only the rows the sheet has: a lone <row r="1000000"> must not make a million empty rows.
      const present: ExcelJS.Row[] = [];
      ws.eachRow({ includeEmpty: false }, (row) => present.push(row));
      for (const row of present) {
        const values: RawAnswer[] = [];
        const formulaColumns: number[] = [];
        const mergedColumns: number[] = [];
        row.eachCell({ includeEmpty: false }, (cell, col) => {
          // A merged cell repeats its master's value in exceljs; only the master holds the answer.
          if (cell.isMerged && cell.master !== cell) {
            mergedColumns.push(col);
            return;
          }
          const { value, formula } = plainValue(cell.value);
          values[col] = value;
          if (formula) formulaColumns.push(col);
        });
        yield { number: row.number, values, formulaColumns, hidden: row.hidden, mergedColumns };
      }
    },
  };
}
