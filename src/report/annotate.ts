import type ExcelJS from 'exceljs';
import { readFile } from 'node:fs/promises';
import { DEFAULT_LANG, type Lang } from '../diagnostics/lang.js';
import { messageIn, type Problem } from '../diagnostics/problem.js';
import { findSheetName } from '../ingest/sheetNames.js';
import type { SheetRow } from '../ingest/source.js';
import { openXlsx, type XlsxSource } from '../ingest/xlsx/index.js';
import { cliLimits, type Limits } from '../limits.js';
import type { RawAnswer } from '../scoring/coding.js';
import { saveWorkbook } from '../writer/stableXlsx.js';
import { Workbook } from '../writer/workbookClass.js';

const FILL: Record<Problem['severity'], string> = { error: 'FFFFC7CE', warning: 'FFFFEB9C', info: 'FFDDEBF7' };
const SEVERITY_WORD: Record<Lang, Record<Problem['severity'], string>> = {
  vi: { error: 'Lỗi', warning: 'Cảnh báo', info: 'Thông tin' },
  en: { error: 'Error', warning: 'Warning', info: 'Info' },
};

export interface AnnotatedCopy {
  workbook: ExcelJS.Workbook;
  /**
   * 'kept': the input loaded into exceljs and reads as chiso read it, so its
   * styles, validation and layout are kept. 'rebuilt': exceljs could not load it
   * (openpyxl's comment parts, prefixed elements, parts not where exceljs looks)
   * or loaded other values than chiso scored, so the copy holds chiso's own
   * reading of every sheet's values, without the input's formatting.
   */
  mode: 'kept' | 'rebuilt';
}

/**
 * A copy of the input with each problem cell filled (red error, amber warning)
 * and a cell note giving the messages. Written for every workbook the engine
 * reads: when exceljs cannot round-trip the input, the marks go on a copy of the
 * values chiso's reader saw (so a mark never lands on a cell exceljs misread).
 * Charts of the input are not kept (exceljs drops them on save).
 */
export async function buildAnnotatedCopy(input: Uint8Array | string, problems: readonly Problem[], lang: Lang = DEFAULT_LANG, limits: Limits = cliLimits): Promise<AnnotatedCopy> {
  const bytes = typeof input === 'string' ? await readFile(input) : input;
  const source = await openXlsx(bytes, limits);
  const sheets = new Map<string, SheetRow[]>();
  for (const name of source.sheetNames) {
    const rows: SheetRow[] = [];
    for await (const row of source.rows(name)) rows.push(row);
    sheets.set(name, rows);
  }
  let workbook = await loadIfFaithful(bytes, sheets);
  const mode = workbook ? 'kept' : 'rebuilt';
  workbook ??= rebuild(source, sheets);
  mark(workbook, problems, lang);
  return { workbook, mode };
}

/** The input in exceljs, or null when it cannot load it or reads a value other than chiso's reader. */
async function loadIfFaithful(bytes: Uint8Array, sheets: Map<string, SheetRow[]>): Promise<ExcelJS.Workbook | null> {
  const workbook = new Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    return null;
  }
  const names = workbook.worksheets.map((ws) => ws.name);
  if (names.length !== sheets.size || names.some((n) => !sheets.has(n))) return null;
  for (const [name, rows] of sheets) {
    const ws = workbook.getWorksheet(name)!;
    for (const row of rows)
      for (let c = 1; c < row.values.length; c++) {
        const v = row.values[c];
        if (v === null || v === undefined) continue;
        const theirs = ws.findCell(row.number, c)?.value;
        if (theirs === null || theirs === undefined) return null; // exceljs lost a cell chiso read (a prefixed sheet reads empty there)
      }
  }
  return workbook;
}

function plain(value: RawAnswer): ExcelJS.CellValue {
  if (value === undefined) return null;
  if (typeof value === 'object' && value !== null && !(value instanceof Date)) return value.malformed ? value.error : ({ error: value.error } as ExcelJS.CellErrorValue);
  return value;
}

/** A new workbook holding the values chiso read, sheet by sheet, as text and numbers (never formulas). */
function rebuild(source: XlsxSource, sheets: Map<string, SheetRow[]>): ExcelJS.Workbook {
  const workbook = new Workbook();
  workbook.creator = 'chiso';
  for (const [name, rows] of sheets) {
    const ws = workbook.addWorksheet(name, { state: source.hiddenSheets.includes(name) ? 'hidden' : 'visible' });
    for (const row of rows) {
      const out = ws.getRow(row.number);
      for (let c = 1; c < row.values.length; c++) {
        const v = plain(row.values[c]);
        if (v !== null) out.getCell(c).value = v;
      }
      if (row.hidden) out.hidden = true;
    }
  }
  return workbook;
}

function mark(workbook: ExcelJS.Workbook, problems: readonly Problem[], lang: Lang): void {
  const names = workbook.worksheets.map((ws) => ws.name);
  const byCell = new Map<string, Problem[]>();
  for (const p of problems) {
    if (!p.sheet || !p.cell) continue;
    const key = `${p.sheet}!${p.cell}`;
    byCell.set(key, [...(byCell.get(key) ?? []), p]);
  }
  for (const [key, list] of byCell) {
    const [sheetName, address] = [key.slice(0, key.lastIndexOf('!')), key.slice(key.lastIndexOf('!') + 1)];
    // Problems name the template's sheet ("Responses"); the tab may be written "responses" (ingest/sheetNames.ts).
    const found = findSheetName(names, sheetName);
    const sheet = found === undefined ? undefined : workbook.getWorksheet(found);
    if (!sheet) continue;
    const cell = sheet.getCell(address);
    const worst = list.some((p) => p.severity === 'error') ? 'error' : list.some((p) => p.severity === 'warning') ? 'warning' : 'info';
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: FILL[worst] } };
    // The code stays as it is in every language: it is what docs/diagnostics.md explains.
    cell.note = list.map((p) => `${SEVERITY_WORD[lang][p.severity]} (${p.code}): ${messageIn(p, lang)}`).join('\n');
  }
}

export async function writeAnnotatedCopy(input: Uint8Array | string, problems: readonly Problem[], output: string, lang: Lang = DEFAULT_LANG, limits?: Limits): Promise<AnnotatedCopy['mode']> {
  const { workbook, mode } = await buildAnnotatedCopy(input, problems, lang, limits);
  await saveWorkbook(workbook, output);
  return mode;
}
