import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { Problem } from '../../src/diagnostics/problem.js';
import { buildAnnotatedCopy } from '../../src/report/annotate.js';
import { goodWorkbook, RESPONSES_PART } from '../hostile/cases.js';
import { decode, readZip, utf8, writeZip } from '../hostile/zip.js';

/**
 * The annotated copy is written for any workbook the engine reads (issue 17):
 * exceljs's own copy when it loads the input and reads what chiso read, else a
 * copy rebuilt from chiso's reading, with the same marks.
 */
const problem: Problem = { file: 'w.xlsx', sheet: 'Responses', cell: 'C3', severity: 'error', code: 'invalid-answer', message: 'giá trị không hợp lệ' };

async function parts(edit?: (wb: ExcelJS.Workbook) => void): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const [name, data] of readZip(await goodWorkbook(undefined, undefined, edit))) out.set(name, decode(data));
  return out;
}
const zip = (p: Map<string, string>) => writeZip([...p].map(([name, text]) => ({ name, data: utf8(text) })));

async function reloaded(workbook: ExcelJS.Workbook): Promise<ExcelJS.Workbook> {
  const again = new ExcelJS.Workbook();
  await again.xlsx.load(await workbook.xlsx.writeBuffer());
  return again;
}

describe('the annotated copy', () => {
  it('keeps an Excel-like input as it is, with the marks', async () => {
    const { workbook, mode } = await buildAnnotatedCopy(await goodWorkbook(), [problem], 'en');
    expect(mode).toBe('kept');
    const ws = (await reloaded(workbook)).getWorksheet('Responses')!;
    expect(ws.getCell('C3').note).toMatch(/invalid-answer/);
    expect(ws.getCell('B2').value).toBe(1);
  });

  it('an openpyxl-style workbook (comments at xl/comments/comment1.xml, absolute target) that exceljs cannot load', async () => {
    const p = await parts((wb) => {
      wb.getWorksheet('Responses')!.getCell('B2').note = 'a note';
    });
    // As openpyxl lays it out: the comments part in its own folder, named by an absolute target.
    p.set('xl/comments/comment1.xml', p.get('xl/comments2.xml')!);
    p.delete('xl/comments2.xml');
    const rels = 'xl/worksheets/_rels/sheet2.xml.rels';
    p.set(rels, p.get(rels)!.replace('Target="../comments2.xml"', 'Target="/xl/comments/comment1.xml"'));
    const bytes = zip(p);
    // The crash of the issue: exceljs itself cannot load this file.
    await expect(new ExcelJS.Workbook().xlsx.load(bytes as unknown as ArrayBuffer)).rejects.toThrow(/comments/);
    const { workbook, mode } = await buildAnnotatedCopy(bytes, [problem], 'en');
    expect(mode).toBe('rebuilt');
    const again = await reloaded(workbook);
    expect(again.worksheets.map((w) => w.name)).toEqual(['Unit', 'Responses', 'Codebook', 'Framework']);
    const ws = again.getWorksheet('Responses')!;
    expect(ws.getCell('C3').note).toMatch(/invalid-answer/);
    // The values chiso read (goodRows: r1 1 5 3 1 2 / r2 0 3 4 0 1), as values.
    expect([ws.getCell('A2').value, ws.getCell('B2').value, ws.getCell('C3').value]).toEqual(['r1', 1, 3]);
  });

  it('a workbook exceljs loads but misreads (x:-prefixed elements read as empty sheets)', async () => {
    const p = await parts();
    const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
    p.set(RESPONSES_PART, p.get(RESPONSES_PART)!.replace(`xmlns="${MAIN}"`, `xmlns:x="${MAIN}"`).replace(/<(\/?)([A-Za-z_][\w.-]*)(?=[\s/>])/g, (_m, s: string, n: string) => `<${s}x:${n}`));
    const { workbook, mode } = await buildAnnotatedCopy(zip(p), [problem], 'vi');
    expect(mode).toBe('rebuilt');
    const ws = (await reloaded(workbook)).getWorksheet('Responses')!;
    expect(ws.getCell('C3').value).toBe(3);
    expect(ws.getCell('C3').note).toMatch(/^Lỗi \(invalid-answer\)/);
  });

  it('finds the template sheet a problem names in a tab written otherwise', async () => {
    const p = await parts();
    p.set('xl/workbook.xml', p.get('xl/workbook.xml')!.replace('name="Responses"', 'name="responses"'));
    const { workbook } = await buildAnnotatedCopy(zip(p), [problem], 'en');
    expect((await reloaded(workbook)).getWorksheet('responses')!.getCell('C3').note).toMatch(/invalid-answer/);
  });
});
