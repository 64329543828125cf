import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { Item } from '../../src/framework/schema.js';
import { scoreWorkbook } from '../../src/pipeline.js';
import { generateSample } from '../../src/sample/generate.js';
import { unitQuality } from '../../src/sample/quality.js';
import { workbookBuffer } from '../../src/template/index.js';
import { smallFramework } from '../template/smallFramework.js';

const framework = smallFramework();
const unit = { province: 'An Giang', district: 'Tân Châu', name: 'Long Thạnh', code: '30316' };

function responses(workbook: ExcelJS.Workbook): unknown[][] {
  const sheet = workbook.getWorksheet('Responses')!;
  const rows: unknown[][] = [];
  sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
}

function answers(rows: unknown[][]): Array<{ item: Item; value: unknown }> {
  const header = rows[0] as string[];
  const out: Array<{ item: Item; value: unknown }> = [];
  for (const row of rows.slice(1)) {
    framework.items.forEach((item) => out.push({ item, value: row[header.indexOf(item.code)] }));
  }
  return out;
}

function validAnswer(item: Item, value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (typeof value !== 'number') return false;
  if ([...item.missing, ...item.zero].includes(value)) return true;
  if (item.type === 'number') return value >= item.min && value <= item.max;
  return Number.isInteger(value) && value >= item.min && value <= item.max;
}

describe('generateSample', () => {
  const base = { framework, unit, year: 2023, respondents: 240, seed: 42 };
  const a = generateSample(base);
  const rowsA = responses(a);

  it('is deterministic for a seed and differs between seeds', () => {
    expect(responses(generateSample(base))).toEqual(rowsA);
    expect(responses(generateSample({ ...base, seed: 43 }))).not.toEqual(rowsA);
  });

  it('writes the byte-identical workbook twice', async () => {
    const x = await workbookBuffer(a);
    const y = await workbookBuffer(generateSample(base));
    expect(x.equals(y)).toBe(true);
  });

  it('has one row per respondent with unique ids and plausible demographics', () => {
    const header = rowsA[0] as string[];
    const data = rowsA.slice(1);
    expect(data).toHaveLength(240);
    const ids = data.map((r) => r[header.indexOf('respondent_id')] as string);
    expect(new Set(ids).size).toBe(240);
    expect(ids[0]).toBe('LT-2023-0001');
    for (const r of data) {
      const weight = r[header.indexOf('weight')] as number;
      expect(weight).toBeGreaterThanOrEqual(0.5);
      expect(weight).toBeLessThanOrEqual(2);
      expect(Math.round(weight * 100) / 100).toBe(weight);
      expect(['Nam', 'Nữ']).toContain(r[header.indexOf('gender')]);
      const age = r[header.indexOf('age')] as number;
      expect(age).toBeGreaterThanOrEqual(18);
      expect(age).toBeLessThanOrEqual(80);
      expect(r[header.indexOf('unit_code')]).toBe('30316');
    }
    const ethnicities = new Set(data.map((r) => r[header.indexOf('ethnicity')]));
    expect(ethnicities.has('Kinh')).toBe(true);
  });

  it('has 2–10 % missing codes and only valid answers', () => {
    const all = answers(rowsA);
    const missing = all.filter(({ item, value }) => typeof value === 'number' && item.missing.includes(value)).length;
    const share = missing / all.length;
    expect(share).toBeGreaterThanOrEqual(0.02);
    expect(share).toBeLessThanOrEqual(0.1);
    expect(all.filter(({ item, value }) => !validAnswer(item, value))).toEqual([]);
    expect(all.some(({ item, value }) => typeof value === 'number' && item.zero.includes(value))).toBe(true);
  });

  it('plants realistic errors when asked', () => {
    const rows = responses(generateSample({ ...base, errors: true }));
    const bad = answers(rows).filter(({ item, value }) => !validAnswer(item, value));
    expect(bad.length).toBeGreaterThanOrEqual(4);
    expect(bad.some(({ value }) => value === 'không rõ')).toBe(true);
    expect(bad.some(({ item, value }) => item.type === 'scale' && typeof value === 'number' && value > item.max)).toBe(true);
    expect(bad.some(({ value }) => value instanceof Date)).toBe(true);
    expect(bad.some(({ value }) => value === true)).toBe(true);
    const header = rows[0] as string[];
    const ids = rows.slice(1).map((r) => r[header.indexOf('respondent_id')]);
    expect(new Set(ids).size).toBeLessThan(ids.length);
    expect(rows.slice(1).some((r) => (r[header.indexOf('weight')] as number) < 0)).toBe(true);
  });

  it('fills Unit, Targets and Plan', () => {
    const wb = generateSample({
      ...base,
      targets: [{ levels: ['1'], target: 6 }],
      plan: [{ levels: ['8a'], task: 'Tuyên truyền sử dụng cổng thông tin', responsible: 'Văn phòng UBND', coordinating: '', timing: '2023' }],
    });
    expect(wb.getWorksheet('Unit')!.getCell('B4').value).toBe('Long Thạnh');
    expect(wb.getWorksheet('Unit')!.getCell('B6').value).toBe(2023);
    expect(wb.getWorksheet('Targets')!.getCell('B2').value).toBe(6);
    expect(wb.getWorksheet('Plan')!.getCell('A2').value).toBe('8a');
  });

  it('scores, through ingest, near the unit\'s latent quality without errors', async () => {
    const result = await scoreWorkbook(await workbookBuffer(a), { fileName: 'long-thanh-2023.xlsx' });
    expect(result.problems.filter((p) => p.severity === 'error')).toEqual([]);
    const quality = unitQuality(framework, unit.code, 2023);
    const card = result.scorecards[0];
    expect(card.respondents).toBe(240);
    for (const d of card.dimensions) {
      expect(Math.abs((d.score ?? 0) - quality.dimensions[d.code]), `dimension ${d.code}`).toBeLessThan(0.6);
    }
  });
});
