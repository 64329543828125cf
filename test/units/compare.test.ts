/**
 * Year over year across the made-up 2025 merger (test/units/registry.ts), with
 * expected numbers from a second, plain implementation of methodology.md §3–4 and
 * §6 over the respondents pooled by hand.
 */
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli.js';
import { captureIo } from '../cli/io.js';
import { type Row, workdir } from './workbooks.js';

/**
 * §3–4 written out for the one-dimension framework of workbooks.ts, all answers present:
 *   m1 = Σ w·q1 / W,  m2 = Σ w·(q2 − 1)/4 / W,  S = (m1 + m2)/2,  T = 1 + 9·S
 *   u_i = w_i · ½·((x1_i − m1) + (x2_i − m2)) / W,  SE(S) = sqrt(n/(n−1)·Σ u_i²),  SE(T) = 9·SE(S)
 */
function byHand(rows: Row[]): { total: number; se: number } {
  const W = rows.reduce((s, [w]) => s + w, 0);
  const x2 = (a: number) => (a - 1) / 4;
  const m1 = rows.reduce((s, [w, q1]) => s + w * q1, 0) / W;
  const m2 = rows.reduce((s, [w, , q2]) => s + w * x2(q2), 0) / W;
  const S = (m1 + m2) / 2;
  const n = rows.length;
  const sumU2 = rows.reduce((s, [w, q1, q2]) => s + (w * 0.5 * ((q1 - m1) + (x2(q2) - m2)) / W) ** 2, 0);
  return { total: 1 + 9 * S, se: 9 * Math.sqrt((n / (n - 1)) * sumU2) };
}

// 2024: the predecessors of 98101 Xã An Bình (98001 whole, 98002 whole, 98003 part).
const an2024: Row[] = [[1, 1, 5], [2, 0, 3], [1, 1, 4]];
const cat2024: Row[] = [[1, 0, 1], [1, 1, 2], [3, 0, 2]];
// 98002 has no 2024 workbook: the comparison is incomplete.
const anBinh2025: Row[] = [[1, 1, 5], [1, 1, 5], [2, 1, 4], [1, 0, 5]];

describe('compare across a merger (methodology.md §8)', () => {
  it('pools the predecessors valid in the earlier year: numbers by hand, approximate, incomplete, from.units', async () => {
    const w = workdir('chiso-units-cmp-');
    const a = await w.workbook('an-2024.xlsx', { unit_code: '98001', unit: 'Xã An', year: 2024 }, an2024);
    const c = await w.workbook('cat-2024.xlsx', { unit_code: '98003', unit: 'Xã Cát', year: 2024 }, cat2024);
    const b = await w.workbook('an-binh-2025.xlsx', { unit_code: '98101', unit: 'Xã An Bình', year: 2025 }, anBinh2025);
    const io = captureIo();
    expect(await run(['compare', b, a, c, '--units', w.registry, '--json', '--lang', 'en'], io)).toBe(0);
    const json = JSON.parse(io.stdout.join(''));
    const from = byHand([...an2024, ...cat2024]);
    const to = byHand(anBinh2025);
    expect(json.from).toMatchObject({ code: null, year: 2024, units: ['98001', '98003'], unit: 'Xã An + Xã Cát' });
    expect(json.to).toMatchObject({ code: '98101', year: 2025, unit: 'Xã An Bình' });
    expect(json.approximate).toBe(true);
    expect(json.incomplete).toEqual(['98002']);
    expect(json.total.from).toBeCloseTo(from.total, 10);
    expect(json.total.to).toBeCloseTo(to.total, 10);
    const delta = to.total - from.total;
    const se = Math.sqrt(from.se ** 2 + to.se ** 2);
    expect(json.total.delta).toBeCloseTo(delta, 10);
    expect(json.total.se).toBeCloseTo(se, 10);
    expect(json.total.status).toBe(delta > 1.959963984540054 * se ? 'improved' : delta < -1.959963984540054 * se ? 'declined' : 'no significant change');
  });

  it('leaves out, with a warning, an earlier workbook the later unit does not descend from', async () => {
    const w = workdir('chiso-units-cmp-');
    const a = await w.workbook('an-2024.xlsx', { unit_code: '98001', year: 2024 }, an2024);
    const d = await w.workbook('duong-2024.xlsx', { unit_code: '98004', year: 2024 }, cat2024);
    const b = await w.workbook('an-binh-2025.xlsx', { unit_code: '98101', year: 2025 }, anBinh2025);
    const io = captureIo();
    expect(await run(['compare', a, d, b, '--units', w.registry, '--json', '--lang', 'en'], io)).toBe(0);
    expect(io.stderr).toContainEqual(expect.stringMatching(/duong-2024\.xlsx:Unit!B5: warning not-predecessor: /));
    const json = JSON.parse(io.stdout.join(''));
    expect(json.from.units).toEqual(['98001']);
    expect(json.total.from).toBeCloseTo(byHand(an2024).total, 10);
    expect(json.approximate).toBe(false); // 98001 went whole into 98101
    expect(json.incomplete).toEqual(['98002', '98003']);
  });

  it('several later units give one comparison each; a unit that kept its code compares with itself', async () => {
    const w = workdir('chiso-units-cmp-');
    const files = [
      await w.workbook('an-2024.xlsx', { unit_code: '98001', year: 2024 }, an2024),
      await w.workbook('dh-2024.xlsx', { unit_code: '98005', year: 2024 }, cat2024),
      await w.workbook('an-binh-2025.xlsx', { unit_code: '98101', year: 2025 }, anBinh2025),
      await w.workbook('dh-2025.xlsx', { unit_code: '98005', year: 2025 }, an2024),
    ];
    const io = captureIo();
    expect(await run(['compare', ...files, '--units', w.registry, '--json', '--lang', 'en'], io)).toBe(0);
    const { comparisons } = JSON.parse(io.stdout.join(''));
    expect(comparisons.map((c: { to: { code: string } }) => c.to.code).sort()).toEqual(['98005', '98101']);
    const dongHai = comparisons.find((c: { to: { code: string } }) => c.to.code === '98005');
    expect(dongHai.from).toMatchObject({ code: '98005', year: 2024 });
    expect(dongHai.from.units).toBeUndefined();
    expect(dongHai.total.from).toBeCloseTo(byHand(cat2024).total, 10);
  });

  it('a history across three years and the predecessors: score --previous … --previous …', async () => {
    const w = workdir('chiso-units-hist-');
    const an2023: Row[] = [[1, 0, 2], [1, 0, 1], [1, 1, 3]];
    const files2023 = await w.workbook('an-2023.xlsx', { unit_code: '98001', year: 2023 }, an2023);
    const a = await w.workbook('an-2024.xlsx', { unit_code: '98001', year: 2024 }, an2024);
    const c = await w.workbook('cat-2024.xlsx', { unit_code: '98003', year: 2024 }, cat2024);
    const b = await w.workbook('an-binh-2025.xlsx', { unit_code: '98101', year: 2025 }, anBinh2025);
    const io = captureIo();
    const report = `${w.dir}/report.xlsx`;
    expect(await run(['score', b, '--previous', files2023, '--previous', a, '--previous', c, '--units', w.registry, '--json', '-o', report, '--lang', 'en'], io)).toBe(0);
    const json = JSON.parse(io.stdout.join(''));
    expect(json.history.points.map((p: { year: number; code: string | null; units: string[] }) => [p.year, p.code, p.units])).toEqual([
      [2023, null, ['98001']],
      [2024, null, ['98001', '98003']],
      [2025, '98101', []],
    ]);
    expect(json.history.points.map((p: { total: { score: number } }) => p.total.score)).toEqual([
      expect.closeTo(byHand(an2023).total, 10),
      expect.closeTo(byHand([...an2024, ...cat2024]).total, 10),
      expect.closeTo(byHand(anBinh2025).total, 10),
    ]);
    expect(json.comparison.from.year).toBe(2024);
    expect(json.comparison.approximate).toBe(true);
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(report);
    const sheet = wb.getWorksheet('ScoreHistory')!;
    expect(sheet.getColumn(1).values.slice(2, 5)).toEqual([2023, 2024, 2025]);
    expect(sheet.getCell('B3').value).toBe('98001 + 98003');
    expect((wb.getWorksheet('ScoreHistory') as unknown as { getImages(): unknown[] }).getImages()).toHaveLength(1);
    const yoy = wb.getWorksheet('YearOverYear')!;
    const texts: string[] = [];
    yoy.eachRow((row) => row.eachCell((cell) => typeof cell.value === 'string' && texts.push(cell.value)));
    expect(texts.some((t) => t.includes('Approximate'))).toBe(true);
    expect(texts.some((t) => t.includes('98002'))).toBe(true);
  });
});
