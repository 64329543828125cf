// Deterministic national-size workbooks for the benchmark, written with exceljs's
// streaming WorkbookWriter (a full exceljs Workbook of 100k rows needs > 1 GB).
// Template-shaped: Unit, Responses (every papi-28 item), Codebook, Framework.
import ExcelJS from 'exceljs';
import { existsSync, mkdirSync } from 'node:fs';
import { loadFramework } from '../dist/framework/load.js';
import { compileRelevant, parseRelevant, relevantNumber } from '../dist/framework/relevant.js';
import { Random } from '../dist/sample/random.js';

/** The sample generator's seeded PRNG (mulberry32), so every run writes the same file. */
function random(seed) {
  const generator = new Random(seed);
  return () => generator.next();
}

export async function generate(respondents, file) {
  if (existsSync(file)) return file;
  mkdirSync(new URL('./out/', import.meta.url), { recursive: true });
  const framework = loadFramework('papi-28');
  const rand = random(respondents);
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true, useStyles: false });
  const sheet = (name, rows) => {
    const ws = wb.addWorksheet(name);
    for (const r of rows) ws.addRow(r).commit();
    ws.commit();
  };
  sheet('Unit', [['field', 'value'], ['province', 'An Giang'], ['district', 'Tân Châu'], ['unit', 'Bench'], ['unit_code', '30337'], ['year', 2024], ['framework', framework.id]]);
  const ws = wb.addWorksheet('Responses');
  ws.addRow(['respondent_id', 'unit_code', 'gender', 'age', 'ethnicity', 'weight', ...framework.items.map((i) => i.code)]).commit();
  // Questions the skip conditions skip are left blank, as a filled form has them.
  const index = new Map(framework.items.map((item, j) => [item.code, j]));
  const conditions = framework.items.map((i) => {
    const parsed = i.relevant === undefined ? null : parseRelevant(i.relevant);
    return parsed && parsed.ok ? compileRelevant(parsed.condition, (code) => index.get(code)) : null;
  });
  const typed = new Float64Array(framework.items.length);
  for (let r = 0; r < respondents; r++) {
    const answers = framework.items.map((i, j) => {
      const u = rand();
      let value;
      if (conditions[j] && !conditions[j](typed)) value = null;
      else if (u < 0.05) value = null; // blank
      else if (u < 0.08 && i.missing.length) value = i.missing[0]; // don't know
      else value = i.type === 'number' ? Math.round(i.min + rand() * (i.max - i.min)) : i.min + Math.floor(rand() * (i.max - i.min + 1));
      typed[j] = relevantNumber(value);
      return value;
    });
    ws.addRow([`R${r + 1}`, '30337', rand() < 0.5 ? 'nam' : 'nữ', 18 + Math.floor(rand() * 60), 'Kinh', 1, ...answers]).commit();
  }
  ws.commit();
  // With the framework's filter questions and relevant conditions, so ingest evaluates them on every row.
  sheet('Codebook', [
    ['code', 'subdimension', 'type', 'min', 'max', 'direction', 'missing', 'zero', 'weight', 'text_vi', 'text_en', 'relevant'],
    ...framework.items.map((i) => [i.code, i.subdimension || null, i.type, i.min, i.max, i.direction, i.missing.join(','), i.zero.join(','), i.weight === 1 ? null : i.weight, i.textVi, i.textEn, i.relevant ?? null]),
  ]);
  sheet('Framework', [
    ['code', 'parent', 'name_vi', 'name_en'],
    ...framework.dimensions.map((d) => [d.code, null, d.nameVi, d.nameEn]),
    ...framework.subdimensions.map((s) => [s.code, s.dimension, s.nameVi, s.nameEn]),
  ]);
  await wb.commit();
  return file;
}
