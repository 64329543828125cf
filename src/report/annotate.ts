import type ExcelJS from 'exceljs';
import { Workbook } from '../template/workbookClass.js';
import { readFile } from 'node:fs/promises';
import { DEFAULT_LANG, type Lang } from '../diagnostics/lang.js';
import { messageIn, type Problem } from '../diagnostics/problem.js';

const FILL: Record<Problem['severity'], string> = { error: 'FFFFC7CE', warning: 'FFFFEB9C', info: 'FFDDEBF7' };
const SEVERITY_WORD: Record<Lang, Record<Problem['severity'], string>> = {
  vi: { error: 'Lỗi', warning: 'Cảnh báo', info: 'Lưu ý' },
  en: { error: 'Error', warning: 'Warning', info: 'Info' },
};

/**
 * A copy of the input with each problem cell filled (red error, amber warning)
 * and a cell note giving the messages. Charts of the input are not kept (exceljs
 * drops them on save); the cell values are untouched.
 */
export async function buildAnnotatedCopy(input: Uint8Array | string, problems: readonly Problem[], lang: Lang = DEFAULT_LANG): Promise<ExcelJS.Workbook> {
  const bytes = typeof input === 'string' ? await readFile(input) : input;
  const workbook = new Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const byCell = new Map<string, Problem[]>();
  for (const p of problems) {
    if (!p.sheet || !p.cell) continue;
    const key = `${p.sheet}!${p.cell}`;
    byCell.set(key, [...(byCell.get(key) ?? []), p]);
  }
  for (const [key, list] of byCell) {
    const [sheetName, address] = [key.slice(0, key.lastIndexOf('!')), key.slice(key.lastIndexOf('!') + 1)];
    const sheet = workbook.getWorksheet(sheetName);
    if (!sheet) continue;
    const cell = sheet.getCell(address);
    const worst = list.some((p) => p.severity === 'error') ? 'error' : list.some((p) => p.severity === 'warning') ? 'warning' : 'info';
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: FILL[worst] } };
    // The code stays as it is in every language: it is what docs/diagnostics.md explains.
    cell.note = list.map((p) => `${SEVERITY_WORD[lang][p.severity]} (${p.code}): ${messageIn(p, lang)}`).join('\n');
  }
  return workbook;
}

export async function writeAnnotatedCopy(input: Uint8Array | string, problems: readonly Problem[], output: string, lang: Lang = DEFAULT_LANG): Promise<void> {
  const workbook = await buildAnnotatedCopy(input, problems, lang);
  await workbook.xlsx.writeFile(output);
}
