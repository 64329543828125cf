import ExcelJS from 'exceljs';
import type { Framework } from '../../src/framework/schema.js';

type Cell = ExcelJS.CellValue;

/** Builds a template-shaped workbook by hand, for ingest tests (independent of src/template). */
export function buildWorkbook(options: {
  framework: Framework;
  unit?: Record<string, Cell>;
  header: string[];
  rows: Cell[][];
  targets?: Cell[][];
  plan?: Cell[][];
  omitSheets?: string[];
  codebookRows?: Cell[][];
}): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  const sheet = (name: string, rows: Cell[][]) => {
    if (options.omitSheets?.includes(name)) return;
    const ws = wb.addWorksheet(name);
    rows.forEach((r) => ws.addRow(r));
  };
  const unit = { province: 'An Giang', district: 'Tân Châu', unit: 'Phường Long Thạnh', unit_code: '30337', year: 2023, framework: options.framework.id, ...options.unit };
  sheet('Unit', [['field', 'value'], ...Object.entries(unit).map(([k, v]) => [k, v])]);
  sheet('Responses', [options.header, ...options.rows]);
  // The optional relevant column only where some item has a condition.
  const relevant = options.framework.items.some((i) => i.relevant !== undefined) || (options.codebookRows ?? []).some((r) => r.length > 11);
  sheet('Codebook', [
    ['code', 'subdimension', 'type', 'min', 'max', 'direction', 'missing', 'zero', 'weight', 'text_vi', 'text_en', ...(relevant ? ['relevant'] : [])],
    ...(options.codebookRows ??
      options.framework.items.map((i) => [
        i.code, i.subdimension || null, i.type, i.min, i.max, i.direction, i.missing.join(','), i.zero.join(','), i.weight === 1 ? null : i.weight, i.textVi, i.textEn,
        ...(relevant ? [i.relevant ?? null] : []),
      ])),
  ]);
  sheet('Framework', [
    ['code', 'parent', 'name_vi', 'name_en'],
    ...options.framework.dimensions.map((d) => [d.code, null, d.nameVi, d.nameEn]),
    ...options.framework.subdimensions.map((s) => [s.code, s.dimension, s.nameVi, s.nameEn]),
  ]);
  if (options.targets) sheet('Targets', [['level', 'target'], ...options.targets]);
  if (options.plan) sheet('Plan', [['level', 'task', 'responsible', 'coordinating', 'timing'], ...options.plan]);
  return wb;
}

export async function toBytes(wb: ExcelJS.Workbook): Promise<Uint8Array> {
  return new Uint8Array(await wb.xlsx.writeBuffer());
}
