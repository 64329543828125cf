/**
 * Builds ODK Central and KoboToolbox exports from a template workbook's Responses
 * sheet, the way those servers lay them out (group paths, metadata columns), with
 * exceljs reading the workbook: independent of chiso's own reader and export ingest.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { loadFramework } from '../../src/framework/load.js';
import { generateSample } from '../../src/sample/index.js';
import { workbookBuffer } from '../../src/writer/index.js';

const dir = mkdtempSync(join(tmpdir(), 'chiso-exports-'));

/**
 * A sample workbook made now from the current framework file (the committed samples/ may
 * predate a framework change, and an export is scored with the framework file): the units,
 * years and sizes of samples/lien-hoi-2024, duong-noi-2021 and errors-demo.
 */
export const SAMPLES = {
  'lien-hoi-2024': { unit: { province: 'Tỉnh Lạng Sơn', district: 'Huyện Văn Quan', name: 'Xã Liên Hội', code: '06268' }, year: 2024, respondents: 366, seed: 1 },
  'duong-noi-2021': { unit: { province: 'Thành phố Hà Nội', district: 'Quận Hà Đông', name: 'Phường Dương Nội', code: '09552' }, year: 2021, respondents: 240, seed: 2 },
  'errors-demo': { unit: { province: 'Tỉnh An Giang', district: 'Thị xã Tân Châu', name: 'Phường Long Thạnh', code: '30316' }, year: 2023, respondents: 120, seed: 3, errors: true },
} as const;

export async function freshSample(name: keyof typeof SAMPLES): Promise<string> {
  const s = SAMPLES[name];
  const framework = loadFramework(s.year >= 2021 ? 'papi-28' : 'papi-29');
  const workbook = generateSample({ framework, unit: s.unit, year: s.year, respondents: s.respondents, seed: s.seed, errors: 'errors' in s ? s.errors : false });
  const file = join(dir, `${name}.xlsx`);
  writeFileSync(file, await workbookBuffer(workbook));
  return file;
}

export type Value = string | number | null;

export interface TemplateResponses {
  header: string[];
  rows: Value[][];
  framework: string;
  year: number;
}

export async function readTemplateResponses(file: string): Promise<TemplateResponses> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const unit = new Map<string, unknown>();
  wb.getWorksheet('Unit')!.eachRow((r) => unit.set(String(r.getCell(1).value), r.getCell(2).value));
  const ws = wb.getWorksheet('Responses')!;
  const width = ws.getRow(1).cellCount;
  const header = Array.from({ length: width }, (_, c) => String(ws.getRow(1).getCell(c + 1).value));
  const rows: Value[][] = [];
  ws.eachRow((row, n) => {
    if (n === 1) return;
    rows.push(header.map((_, c) => {
      const v = row.getCell(c + 1).value;
      return v === null || v === undefined ? null : typeof v === 'number' ? v : String(v);
    }));
  });
  return { header, rows, framework: String(unit.get('framework')), year: Number(unit.get('year')) };
}

export type Flavour = 'odk' | 'kobo';

export interface ExportTable {
  header: string[];
  rows: Value[][];
  /** Template column index → export column index (0-based), for locating problems. */
  columnOf: number[];
}

/**
 * The export's columns: server metadata first, then the form's fields in groups
 * (`dim_1-d1a_01` for ODK Central, `dim_1/d1a_01` for Kobo), the instance id at the end.
 * `withUnit` false drops unit_code and year (then --unit/--year must say them).
 */
export function exportTable(t: TemplateResponses, flavour: Flavour, withUnit = true): ExportTable {
  const sep = flavour === 'odk' ? '-' : '/';
  const framework = loadFramework(t.framework);
  // A filter question (no sub-dimension, dNx_00) sits in the group of dimension N, as chiso xlsform puts it.
  const dimOf = new Map(framework.items.map((i) => [i.code, framework.subdimensions.find((s) => s.code === i.subdimension)?.dimension ?? i.code[1]]));
  const header: string[] = flavour === 'odk' ? ['SubmissionDate', 'start', 'end', 'note_end'] : ['start', 'end', 'note_end'];
  const columnOf: number[] = [];
  const take: number[] = [];
  t.header.forEach((code, c) => {
    if (code === 'respondent_id') return;
    if (!withUnit && code === 'unit_code') return;
    const path = dimOf.has(code) ? `dim_${dimOf.get(code)}${sep}${code}` : code === 'unit_code' || code === 'unit' ? `unit_info${sep}${code}` : `respondent${sep}${code}`;
    columnOf[c] = header.length;
    header.push(path);
    take.push(c);
  });
  if (withUnit) header.push(`unit_info${sep}year`);
  const idAt = t.header.indexOf('respondent_id');
  const tail = flavour === 'odk' ? ['meta-instanceID', 'KEY', 'SubmitterID', 'ReviewState'] : ['meta/instanceID', '_id', '_uuid', '_submission_time', '__version__'];
  const idColumn = header.length + (flavour === 'odk' ? 0 : 2);
  columnOf[idAt] = idColumn;
  header.push(...tail);
  const rows = t.rows.map((row, i) => {
    const id = String(row[idAt]);
    // A free-text note with a delimiter, a quote and a line break: the parser must keep it one field.
    const meta = ['2025-03-01T08:00:00.000+07', '2025-03-01T08:25:00.000+07', i === 0 ? 'Hộ vắng, "hẹn lại",\nphỏng vấn chiều' : ''];
    const fields = take.map((c) => row[c]);
    const unit = withUnit ? [t.year] : [];
    const ids = flavour === 'odk' ? [id, id, '17', 'approved'] : [`uuid:${i}`, 1000 + i, id, '2025-03-01T01:30:00', 'vQ7x'];
    return [...(flavour === 'odk' ? ['2025-03-01T09:00:00.000Z'] : []), ...meta, ...fields, ...unit, ...ids] as Value[];
  });
  return { header, rows, columnOf };
}

export function toCsv(table: ExportTable, delimiter = ','): Uint8Array {
  const field = (v: Value) => {
    const s = v === null ? '' : String(v);
    return /[",;\t\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const text = [table.header, ...table.rows].map((r) => r.map(field).join(delimiter)).join('\r\n') + '\r\n';
  return new TextEncoder().encode(`\uFEFF${text}`);
}

export async function toKoboXlsx(table: ExportTable, sheet = 'PAPI khảo sát'): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheet);
  ws.addRow(table.header);
  // Kobo writes "XML values" as text for select_one answers and numbers for integer fields: mix both.
  for (const row of table.rows) ws.addRow(row.map((v, c) => (typeof v === 'number' && c % 2 === 0 ? String(v) : v)));
  return new Uint8Array(await wb.xlsx.writeBuffer());
}
