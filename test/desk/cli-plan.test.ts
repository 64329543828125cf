/**
 * `chiso score --rollup district --plan F` (contract.md "Plans"): the plan's targets go to the roll-up of
 * its unit_code and year. District 980 pools 98001 [1,1,5] [1,0,1] and 98002 [1,1,5] [1,1,3]
 * (test/desk/league.test.ts): W = 4, m1 = 3/4, m2 = 2.5/4, S = 0.6875, T = 1 + 9·0.6875 = 7.1875 → shown 7.19.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli.js';
import { captureIo } from '../cli/io.js';
import { buildWorkbook, toBytes } from '../ingest/workbook.js';
import { oneDimension, workdir } from '../units/workbooks.js';

describe('score --rollup --plan', () => {
  it("gives the district's roll-up the plan's targets and statuses; the communes keep theirs", async () => {
    const w = workdir('chiso-desk-plan-');
    const a = await w.workbook('a.xlsx', { unit: 'Xã An', unit_code: '98001' }, [[1, 1, 5], [1, 0, 1]]);
    const b = await w.workbook('b.xlsx', { unit: 'Xã Bình', unit_code: '98002' }, [[1, 1, 5], [1, 1, 3]]);
    const plan = join(w.dir, 'plan.xlsx');
    // 7.19 ≥ 7.00: met; 7.19 < 9.50: close or below by the CI.
    writeFileSync(plan, await toBytes(buildWorkbook({ framework: oneDimension, unit: { unit_code: '980', year: 2024 }, header: ['respondent_id'], rows: [], targets: [['total', '7,00'], ['1', '9,50']] })));
    const io = captureIo();
    const code = await run(['score', a, b, '--units', w.registry, '--rollup', 'district', '--plan', plan, '--json'], io);
    expect(io.stderr.join('\n')).not.toContain('plan-without-rollup');
    expect(code).toBe(0);
    const cards = JSON.parse(io.stdout.join('')).scorecards;
    const district = cards.find((c: { level: string }) => c.level === 'district');
    expect(district.unit.code).toBe('980');
    expect(district.total.score).toBeCloseTo(7.1875, 10);
    expect(district.total).toMatchObject({ target: 7, status: 'met' });
    expect(district.total.gap).toBeCloseTo(0.19, 10);
    const d1 = district.dimensions[0];
    expect(d1.target).toBe(9.5);
    expect(d1.status).toBe(d1.ciHigh >= 9.5 ? 'close' : 'below');
    for (const c of cards.filter((c: { level: string }) => c.level === 'unit')) expect(c.total.target).toBeNull();
  });

  it('with a registry, the communes of a roll-up that gave no workbook are listed (info)', async () => {
    const w = workdir('chiso-desk-missing-');
    const c = await w.workbook('c.xlsx', { unit: 'Xã Cát', unit_code: '98003' }, [[1, 1, 5], [1, 0, 1]]);
    const io = captureIo();
    expect(await run(['score', c, '--units', w.registry, '--rollup', 'province', '--json', '--lang', 'en'], io)).toBe(0);
    const missing = JSON.parse(io.stdout.join('')).problems.filter((p: { code: string }) => p.code === 'rollup-missing-unit');
    // 2024: district 981 holds 98003, 98004, 98005; province 98 also 98001 and 98002 (district 980), each listed once.
    expect(missing.map((p: { params: { code: string } }) => p.params.code).sort()).toEqual(['98001', '98002', '98004', '98005']);
    expect(missing.find((p: { params: { code: string } }) => p.params.code === '98004').message).toBe('Xã Dương (98004) lies under Huyện Tây in 2024 but has no workbook');
  });

  it('a plan no roll-up matches is an error; --plan without --rollup is a usage error', async () => {
    const w = workdir('chiso-desk-plan2-');
    const a = await w.workbook('a.xlsx', { unit: 'Xã An', unit_code: '98001' }, [[1, 1, 5], [1, 0, 1]]);
    const plan = join(w.dir, 'plan.xlsx');
    writeFileSync(plan, await toBytes(buildWorkbook({ framework: oneDimension, unit: { unit_code: '981', year: 2024 }, header: ['respondent_id'], rows: [], targets: [['total', '7']] })));
    const io = captureIo();
    expect(await run(['score', a, '--units', w.registry, '--rollup', 'district', '--plan', plan, '--json', '--lang', 'en'], io)).not.toBe(0);
    expect(JSON.parse(io.stdout.join('')).problems.map((p: { code: string }) => p.code)).toContain('plan-without-rollup');
    const usage = captureIo();
    expect(await run(['score', a, '--plan', plan], usage)).toBe(64);
  });
});
