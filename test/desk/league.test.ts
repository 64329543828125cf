/**
 * The desk over the store (issue 15): GET /api/league on the made-up registry of
 * test/units/registry.ts, every expected number worked out by hand below.
 *
 * Framework oneDimension: T = 1 + 9·S, S = (m1 + m2)/2, m1 = Σw·q1/Σw,
 * m2 = Σw·(q2 − 1)/4 / Σw. Rows are [weight, q1, q2].
 *
 * 2024 (province 98: districts 980 = 98001, 98002; 981 = 98003, 98004, 98005):
 *   98001 [1,1,5] [1,0,1]         m1 = 1/2, m2 = 1/2,  T = 5.5
 *   98002 [1,1,5] [1,1,3]         m1 = 1,   m2 = 3/4,  T = 8.875
 *   98003 [2,0,1] [1,1,3]         m1 = 1/3, m2 = 1/6,  T = 3.25
 *   98004 no submission           (missing)
 *   98005 [1,1,4] [1,1,2]         m1 = 1,   m2 = 1/2,  T = 7.75
 *   groups (R-7 on [3.25, 5.5, 7.75, 8.875]): Q1 = 3.25 + 0.75·2.25 = 4.9375,
 *   median = (5.5 + 7.75)/2 = 6.625, Q3 = 7.75 + 0.25·1.125 = 8.03125 →
 *   98003 lowest, 98001 low-average, 98005 high-average, 98002 best.
 *   district 980 pool: W = 4, m1 = 3/4, m2 = 2.5/4,          T = 1 + 9·0.6875 = 7.1875
 *   district 981 pool: W = 5, m1 = 3/5, m2 = 1.5/5,          T = 1 + 9·0.45 = 5.05
 *   province 98 pool:  W = 9, m1 = 6/9, m2 = 4/9, S = 5/9,   T = 6
 * 2025 (communes directly under 98):
 *   98101 (= 98001 + 98002 + part of 98003) [1,1,5] [1,0,3]  m1 = 1/2, m2 = 3/4, T = 6.625
 *     from: pool of 98001, 98002, 98003 in 2024: W = 7, m1 = 4/7, m2 = 3/7, S = 1/2, T = 5.5 (approximate)
 *   98005 [1,1,5] [1,1,4]  m1 = 1, m2 = 7/8, T = 9.4375; from its own 2024: 7.75
 *   98102 no submission (missing)
 *   province 98 pool: W = 4, m1 = 3/4, m2 = 3.25/4, S = 0.78125, T = 8.03125;
 *     from the province's 2024 pool (T = 6), incomplete: 98004
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scoreWorkbook } from '../../src/pipeline.js';
import { createApp } from '../../src/server/app.js';
import { createToken } from '../../src/server/auth.js';
import { pipelineDeps } from '../../src/server/wire.js';
import type { SqlStore } from '../../src/store/index.js';
import { backends, open, type Scratch } from '../store/databases.js';
import type { Scorecard } from '../../src/scoring/types.js';
import { buildWorkbook, toBytes } from '../ingest/workbook.js';
import { uploadForm } from '../server/fakes.js';
import { TEST_REGISTRY_CSV } from '../units/registry.js';
import { oneDimension, type Row } from '../units/workbooks.js';
import { column, rowWhere } from '../league/sheets.js';

type R = Row;
const rows2024: Record<string, R[]> = {
  '98001': [[1, 1, 5], [1, 0, 1]],
  '98002': [[1, 1, 5], [1, 1, 3]],
  '98003': [[2, 0, 1], [1, 1, 3]],
  '98005': [[1, 1, 4], [1, 1, 2]],
};
const rows2025: Record<string, R[]> = {
  '98101': [[1, 1, 5], [1, 0, 3]],
  '98005': [[1, 1, 5], [1, 1, 4]],
};

/** A second, simple implementation of T for oneDimension (see the header). */
function handTotal(rows: readonly R[]): number {
  const W = rows.reduce((s, r) => s + r[0], 0);
  const m1 = rows.reduce((s, r) => s + r[0] * r[1], 0) / W;
  const m2 = rows.reduce((s, r) => s + (r[0] * (r[2] - 1)) / 4, 0) / W;
  return 1 + 9 * ((m1 + m2) / 2);
}

async function workbook(code: string, year: number, rows: readonly R[], options: { header?: string[]; targets?: unknown[][] } = {}): Promise<Uint8Array> {
  const header = options.header ?? ['respondent_id', 'weight', 'q1', 'q2'];
  return toBytes(
    buildWorkbook({
      framework: oneDimension,
      unit: { province: 'typed province', district: 'typed district', unit: `typed ${code}`, unit_code: code, year },
      header,
      rows: rows.map((r, i) => [`${code}-${year}-${i}`, ...r].slice(0, header.length)),
      ...(options.targets ? { targets: options.targets as never } : {}),
    }),
  );
}

// The same tests on each store the service runs on: SQLite always, PostgreSQL where one answers
// (required under CI: test/store/databases.ts).
for (const backend of backends) {
  describe.skipIf(backend.skip)(`the desk over ${backend.name}`, () => {
    let scratch: Scratch | undefined;
    let store: SqlStore;
    let app: ReturnType<typeof createApp>;
    let tokenApp: ReturnType<typeof createApp>;


    async function upload(code: string, year: number, rows: readonly R[], header?: string[]) {
      const res = await app.request('/api/submissions', { method: 'POST', body: uploadForm(await workbook(code, year, rows, { header }), `${code}-${year}.xlsx`) });
      expect(res.status).toBe(201);
    }

    beforeAll(async () => {
      scratch = await backend.scratch();
      store = await open(scratch.location);
      app = createApp({ ...pipelineDeps(store), store, auth: { mode: 'single-user' }, log: () => undefined });
      tokenApp = createApp({ ...pipelineDeps(store), store, auth: { mode: 'tokens' }, log: () => undefined });
      const reg = await app.request('/api/units', { method: 'POST', headers: { 'Content-Type': 'text/csv' }, body: TEST_REGISTRY_CSV });
      expect(reg.status).toBe(200); // routes/registry.ts: {imported, units, problems}
      for (const [code, rows] of Object.entries(rows2024)) await upload(code, 2024, rows);
      for (const [code, rows] of Object.entries(rows2025)) await upload(code, 2025, rows);
    }, 120_000);
    afterAll(async () => {
      await store?.close();
      await scratch?.drop();
    });

    const card = (body: { scorecards: Scorecard[] }, level: string, code: string) => body.scorecards.find((c) => c.level === level && c.unit.code === code);

    describe('GET /api/league', { timeout: 60_000 }, () => {
      it('a province before 2025: communes of all districts ranked together, groups, district and province roll-ups, missing', async () => {
        const res = await app.request('/api/league?unit=98&year=2024');
        expect(res.status).toBe(200);
        const body = await res.json();
        expect(body.unit).toEqual({ code: '98', name: 'Tỉnh Thử Nghiệm', level: 'province' });
        expect(body.missing).toEqual([{ code: '98004', name: 'Xã Dương', parent: '981' }]);
        const expected = { '98001': 5.5, '98002': 8.875, '98003': 3.25, '98005': 7.75 };
        for (const [code, total] of Object.entries(expected)) {
          expect(card(body, 'unit', code)?.total.score).toBeCloseTo(total, 10);
          expect(handTotal(rows2024[code])).toBeCloseTo(total, 10);
        }
        // Named by the registry, whatever the workbook typed.
        expect(card(body, 'unit', '98001')?.unit).toMatchObject({ name: 'Xã An', district: 'Huyện Đông', province: 'Tỉnh Thử Nghiệm', year: 2024 });
        expect(Object.fromEntries(Object.keys(expected).map((c) => [c, card(body, 'unit', c)?.groups?.total]))).toEqual({
          '98001': 'low-average',
          '98002': 'best',
          '98003': 'lowest',
          '98005': 'high-average',
        });
        expect(body.cuts.total).toEqual({ q1: 4.9375, median: 6.625, q3: 8.03125 });
        expect(card(body, 'district', '980')?.total.score).toBeCloseTo(7.1875, 10);
        expect(card(body, 'district', '981')?.total.score).toBeCloseTo(5.05, 10);
        // Two districts: fewer than 4, so no groups among them.
        expect(card(body, 'district', '980')?.groups).toBeUndefined();
        const province = card(body, 'province', '98')!;
        expect(province.total.score).toBeCloseTo(6, 10);
        expect(province.respondents).toBe(8);
      });

      it("the province roll-up's CI equals scoring one workbook of all its respondents", async () => {
        const all = Object.values(rows2024).flat();
        const single = await scoreWorkbook(await workbook('98', 2024, all), { fileName: 'all.xlsx' });
        const body = await (await app.request('/api/league?unit=98&year=2024')).json();
        const province = card(body, 'province', '98')!;
        expect(single.scorecards[0].total.score).toBeCloseTo(6, 10);
        expect(province.total.se).toBeCloseTo(single.scorecards[0].total.se!, 12);
        expect(province.total.ciLow).toBeCloseTo(single.scorecards[0].total.ciLow!, 12);
        expect(province.total.ciHigh).toBeCloseTo(single.scorecards[0].total.ciHigh!, 12);
      });

      it('a district league holds only its communes', async () => {
        const body = await (await app.request('/api/league?unit=981&year=2024')).json();
        expect(body.unit.level).toBe('district');
        expect(body.scorecards.filter((c: Scorecard) => c.level === 'unit').map((c: Scorecard) => c.unit.code)).toEqual(['98003', '98005']);
        expect(body.missing.map((m: { code: string }) => m.code)).toEqual(['98004']);
        expect(card(body, 'district', '981')?.total.score).toBeCloseTo(5.05, 10);
      });

      it('2025: the merged communes directly under the province, each with its pooled 2024 comparison', async () => {
        const body = await (await app.request('/api/league?unit=98&year=2025')).json();
        expect(body.scorecards.filter((c: Scorecard) => c.level === 'unit').map((c: Scorecard) => c.unit.code)).toEqual(['98005', '98101']);
        expect(body.scorecards.some((c: Scorecard) => c.level === 'district')).toBe(false);
        expect(body.missing).toEqual([{ code: '98102', name: 'Xã Cát Dương', parent: '98' }]);
        const change = (code: string) => body.changes.find((c: { code: string }) => c.code === code)?.comparison;
        const merged = change('98101');
        expect(merged.total.from).toBeCloseTo(5.5, 10);
        expect(handTotal([...rows2024['98001'], ...rows2024['98002'], ...rows2024['98003']])).toBeCloseTo(5.5, 10);
        expect(merged.total.to).toBeCloseTo(6.625, 10);
        expect(merged.from.units).toEqual(['98001', '98002', '98003']);
        expect(merged.approximate).toBe(true);
        expect(merged.incomplete).toEqual([]);
        const kept = change('98005');
        expect(kept.total.from).toBeCloseTo(7.75, 10);
        expect(kept.total.to).toBeCloseTo(9.4375, 10);
        const province = change('98');
        expect(province.total.from).toBeCloseTo(6, 10);
        expect(province.total.to).toBeCloseTo(8.03125, 10);
        expect(province.incomplete).toEqual(['98004']);
      });

      it("the national league: every province's roll-up, with how many communes submitted", async () => {
        const body = await (await app.request('/api/league/national?year=2024')).json();
        expect(body.scorecards.map((c: Scorecard) => `${c.level}:${c.unit.code}`)).toEqual(['province:98']);
        expect(body.scorecards[0].total.score).toBeCloseTo(6, 10);
        expect(body.submitted).toEqual({ '98': 4 });
        expect(body.communes).toEqual({ '98': 5 });
      });

      it("finds a commune's province or district in the year's registry", async () => {
        expect(await (await app.request('/api/league/of?unit=98003&year=2024&level=district')).json()).toEqual({ place: { code: '981', name: 'Huyện Tây', level: 'district' } });
        expect(await (await app.request('/api/league/of?unit=98101&year=2025&level=province')).json()).toEqual({ place: { code: '98', name: 'Tỉnh Thử Nghiệm', level: 'province' } });
        // From 2025 there is no district.
        expect(await (await app.request('/api/league/of?unit=98101&year=2025&level=district')).json()).toEqual({ place: null });
      });

      it('refuses what is not a league, with a code', async () => {
        expect((await (await app.request('/api/league?unit=98001&year=2024')).json()).error.code).toBe('not-a-parent');
        const unknown = await app.request('/api/league?unit=97&year=2024');
        expect(unknown.status).toBe(404);
        expect((await unknown.json()).error.code).toBe('unknown-unit');
        expect((await app.request('/api/league?unit=98&year=abc')).status).toBe(400);
        expect((await app.request('/api/league?unit=98%3Bdrop&year=2024')).status).toBe(400);
      });
    });

    describe('GET /api/league.xlsx', { timeout: 60_000 }, () => {
      it('the league workbook: ranking, roll-up against targets, changes and missing communes, on A4', async () => {
        const res = await app.request('/api/league.xlsx?unit=98&year=2025');
        expect(res.status).toBe(200);
        expect(res.headers.get('Content-Disposition')).toContain('league.xlsx');
        const workbook = new ExcelJS.Workbook();
        await workbook.xlsx.load(await res.arrayBuffer());
        // The one league builder (src/report/league.ts), as `score --rollup -o` writes it (test/desk/cli-workbook.test.ts).
        expect(workbook.worksheets.map((w) => w.name)).toEqual(['League', 'Chart', 'RollUp', 'Changes', 'Missing', 'BelowTarget', 'Intervals', 'Problems']);
        for (const sheet of workbook.worksheets) expect(sheet.pageSetup.paperSize, sheet.name).toBe(9);
        const missing = workbook.getWorksheet('Missing')!;
        expect(missing.getRow(2).values).toEqual([undefined, '98102', 'Xã Cát Dương', 'Tỉnh Thử Nghiệm (98)', 2025]);
        const changes = workbook.getWorksheet('Changes')!;
        const merged = rowWhere(changes, 1, { 1: '98101' });
        expect(merged.getCell(column(changes, 1, 'Tổng điểm trước')).value).toBe(5.5);
        expect(String(merged.getCell(column(changes, 1, 'Ghi chú')).value)).toContain('98001 + 98002 + 98003');
        const rollUp = workbook.getWorksheet('RollUp')!;
        // Total row: 8.03125, shown and stored as 8.03 (report score cells hold the rounded value, methodology §5).
        expect(rollUp.getRow(4).getCell(column(rollUp, 3, 'Điểm')).value).toBe(8.03);
        const league = workbook.getWorksheet('League')!;
        // 98005 (9.4375) above 98101 (6.625) among the communes.
        expect(rowWhere(league, 3, { 3: '98005' }).getCell(1).value).toBe(1);
      });
    });

    describe('access follows the token', { timeout: 60_000 }, () => {
      const get = async (token: string, url: string) => tokenApp.request(url, { headers: { Authorization: `Bearer ${token}` } });

      it("a commune token sees its own row, its group's cut points and the roll-up, not the other communes", async () => {
        const { token } = await createToken(store, 'unit', '98001');
        const res = await get(token, '/api/league?unit=98&year=2024');
        expect(res.status).toBe(200);
        const body = await res.json();
        expect(body.scorecards.map((c: Scorecard) => `${c.level}:${c.unit.code}`)).toEqual(['unit:98001', 'province:98']);
        expect(body.scorecards[0].groups.total).toBe('low-average');
        expect(body.cuts.total.median).toBe(6.625);
        expect(body.missing).toEqual([]);
        expect(JSON.stringify(body)).not.toContain('98002');
        // Not a commune of the 2025 league (it was merged into 98101).
        expect((await get(token, '/api/league?unit=98&year=2025')).status).toBe(403);
      });

      it("a merged commune's token reads its predecessors' rows of the earlier year; a unit token for the province code reads it all", async () => {
        const merged = (await createToken(store, 'unit', '98101')).token;
        const body = await (await get(merged, '/api/league?unit=98&year=2024')).json();
        expect(body.scorecards.map((c: Scorecard) => `${c.level}:${c.unit.code}`)).toEqual(['unit:98001', 'unit:98002', 'unit:98003', 'province:98']);
        const province = (await createToken(store, 'unit', '98')).token;
        expect((await (await get(province, '/api/league?unit=98&year=2024')).json()).scorecards).toHaveLength(7);
      });

      it('a district token reads its district, not the province; a province token reads the province', async () => {
        const district = (await createToken(store, 'district', { district: 'Huyện Đông', province: 'Tỉnh Thử Nghiệm' })).token;
        expect((await get(district, '/api/league?unit=980&year=2024')).status).toBe(200);
        expect((await get(district, '/api/league?unit=981&year=2024')).status).toBe(403);
        expect((await get(district, '/api/league?unit=98&year=2024')).status).toBe(403);
        const province = (await createToken(store, 'province', { province: 'Thử Nghiệm' })).token;
        const res = await get(province, '/api/league?unit=98&year=2024');
        expect(res.status).toBe(200);
        expect((await res.json()).scorecards).toHaveLength(7);
        const other = (await createToken(store, 'province', { province: 'Đồng Nai' })).token;
        expect((await get(other, '/api/league?unit=98&year=2024')).status).toBe(403);
        expect((await get(other, '/api/league?unit=98&year=2024')).status).toBe(403);
        expect((await get(province, '/api/league/national?year=2024')).status).toBe(403);
        // Replacing the registry is an admin's.
        expect((await tokenApp.request('/api/units', { method: 'POST', headers: { Authorization: `Bearer ${province}`, 'Content-Type': 'text/csv' }, body: TEST_REGISTRY_CSV })).status).toBe(403);
      });
    });

    describe('plans and codebooks', { timeout: 60_000 }, () => {
      it("a province's plan gives its roll-up targets and statuses (§5)", async () => {
        const plan = toBytes(
          buildWorkbook({ framework: oneDimension, unit: { province: '', district: '', unit: '', unit_code: '98', year: 2024 }, header: ['respondent_id'], rows: [], targets: [['total', '6,50']], plan: [['total', 'Tăng cường tuyên truyền', 'Phòng Nội vụ', '', 'Quý III']] }),
        );
        const res = await app.request('/api/plans', { method: 'POST', body: uploadForm(await plan, 'plan 98 2024.xlsx') });
        expect(res.status).toBe(201);
        const body = await (await app.request('/api/league?unit=98&year=2024')).json();
        const total = card(body, 'province', '98')!.total;
        expect(total.target).toBe(6.5);
        // r = 6.00 < 6.50: close when the CI reaches the target, else below.
        expect(total.status).toBe(total.ciHigh! >= 6.5 ? 'close' : 'below');
        expect(body.plan.tasks[0]).toMatchObject({ task: 'Tăng cường tuyên truyền', responsible: 'Phòng Nội vụ', timing: 'Quý III' });
        // Commune targets are never the parent's: the communes keep none of the plan's.
        expect(card(body, 'unit', '98001')!.total.target).toBeNull();
      });

      it("a district's own plan: its targets on the district's roll-up, its tasks under it on the workbook's RollUp sheet", async () => {
        const plan = toBytes(
          buildWorkbook({ framework: oneDimension, unit: { province: '', district: '', unit: '', unit_code: '981', year: 2024 }, header: ['respondent_id'], rows: [], targets: [['total', '5,00']], plan: [['total', 'Rà soát thủ tục một cửa', 'Văn phòng huyện', '', 'Quý IV']] }),
        );
        expect((await app.request('/api/plans', { method: 'POST', body: uploadForm(await plan, 'plan 981 2024.xlsx') })).status).toBe(201);
        const body = await (await app.request('/api/league?unit=98&year=2024')).json();
        // District 981 pools to T = 5.05 (the header comment): a target of 5.00 is met or close, never below.
        expect(card(body, 'district', '981')!.total.target).toBe(5);
        expect(body.districtPlans).toEqual([{ code: '981', fileName: 'plan 981 2024.xlsx', tasks: [expect.objectContaining({ task: 'Rà soát thủ tục một cửa', responsible: 'Văn phòng huyện' })] }]);
        const res = await app.request('/api/league.xlsx?unit=98&year=2024');
        const workbook = new ExcelJS.Workbook();
        await workbook.xlsx.load(await res.arrayBuffer());
        const rollUp = workbook.getWorksheet('RollUp')!;
        const texts: string[] = [];
        rollUp.eachRow((row) => texts.push(row.values.toString()));
        const taskRow = texts.find((t) => t.includes('Rà soát thủ tục một cửa'));
        expect(taskRow, texts.join('\n')).toBeDefined();
        expect(taskRow).toContain('Văn phòng huyện');
      });

      it('a plan of a commune, or with no unit code, is refused with a code', async () => {
        const commune = toBytes(buildWorkbook({ framework: oneDimension, unit: { unit_code: '98001', year: 2024 }, header: ['respondent_id'], rows: [], targets: [['total', '6']] }));
        const res = await app.request('/api/plans', { method: 'POST', body: uploadForm(await commune, 'p.xlsx') });
        expect(res.status).toBe(422);
        expect((await res.json()).error.code).toBe('unknown-unit');
        const blank = toBytes(buildWorkbook({ framework: oneDimension, unit: { unit_code: '', year: 2024 }, header: ['respondent_id'], rows: [] }));
        expect((await app.request('/api/plans', { method: 'POST', body: uploadForm(await blank, 'p.xlsx') })).status).toBe(422);
        const notXlsx = await app.request('/api/plans', { method: 'POST', body: uploadForm(new TextEncoder().encode('hello'), 'p.xlsx') });
        expect(notXlsx.status).toBe(422);
      });

      it('workbooks whose codebooks differ: the roll-up warns and pools only the shared items', async () => {
        // 2023: 98001 without q2, 98002 with both. Shared: q1 only, so S = m1 of the pool:
        // q1 = 1, 0, 1, 1 with weights 1 → m1 = 3/4, T = 1 + 9·3/4 = 7.75. (Pooling the union of the
        // items would give m2 = 1 from 98002 alone, S = 0.875, T = 8.875.)
        await upload('98001', 2023, [[1, 1, 5], [1, 0, 1]], ['respondent_id', 'weight', 'q1']);
        await upload('98002', 2023, [[1, 1, 5], [1, 1, 5]]);
        const body = await (await app.request('/api/league?unit=980&year=2023&lang=en')).json();
        expect(card(body, 'district', '980')!.total.score).toBeCloseTo(7.75, 10);
        const warning = body.problems.find((p: { code: string }) => p.code === 'rollup-items-differ');
        expect(warning).toMatchObject({ severity: 'warning' });
        expect(warning.message).toContain('q2');
        // Asked again (the roll-up now comes from the desk's memo): the warning again, once.
        const again = await (await app.request('/api/league?unit=980&year=2023&lang=en')).json();
        expect(again.problems.filter((p: { code: string }) => p.code === 'rollup-items-differ')).toHaveLength(1);
      });
    });
  });
}
