/**
 * Issue 14 on the service side: the registry over HTTP (POST /api/units,
 * GET /api/units/registry), uploads checked against the stored registry,
 * provisional units in single-user mode, a code claimed elsewhere refused, and
 * "not yours" answered exactly as "not there" on every read route.
 */
import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { createToken } from '../../src/server/auth.js';
import { pipelineDeps } from '../../src/server/wire.js';
import { parseRegistryCsv } from '../../src/units/index.js';
import { AN_PHU, fakeWorkbook, LONG_THANH, makeTestApp, PHUOC_THAI, type TestContext, uploadForm } from './fakes.js';
import { TEST_REGISTRY_CSV } from '../units/registry.js';
import { workdir, type Row } from '../units/workbooks.js';

let ctx: TestContext;
afterEach(async () => {
  await ctx?.cleanup();
});

const as = (token: string) => ({ Authorization: `Bearer ${token}` });
/** The test registry plus a commune whose code starts with a zero (for the padding test). */
const REGISTRY = `${TEST_REGISTRY_CSV}06268,Xã Liên Hội,commune,980,,2024,\n`;
const ROWS: Row[] = [
  [1, 1, 5],
  [1, 0, 2],
];

async function realApp(mode: 'tokens' | 'single-user') {
  ctx = await makeTestApp({ auth: { mode } });
  ctx.app = (await import('../../src/server/app.js')).createApp({ ...pipelineDeps(ctx.store), store: ctx.store, auth: { mode }, log: () => undefined });
  const rows = parseRegistryCsv(REGISTRY, 'units.csv').registry!.periods.map(({ row: _row, ...p }) => p);
  await ctx.store.replaceRegistry(rows);
}

const w = workdir('chiso-units-service-');
const workbookBytes = async (name: string, unit: Record<string, unknown>) => new Uint8Array(await readFile(await w.workbook(name, unit, ROWS)));

describe('POST /api/units and GET /api/units/registry', () => {
  it('admins replace the registry (CSV body or multipart); errors are 422 with located problems and import nothing; others are 403', async () => {
    ctx = await makeTestApp({ auth: { mode: 'tokens' } });
    const admin = (await createToken(ctx.store, 'admin')).token;
    const unitToken = (await createToken(ctx.store, 'unit', { unit: '98001' })).token;
    const post = (body: BodyInit, token: string, type?: string) =>
      ctx.app.request('/api/units', { method: 'POST', body, headers: { ...as(token), ...(type ? { 'Content-Type': type } : {}) } });

    expect((await post(TEST_REGISTRY_CSV, unitToken, 'text/csv')).status).toBe(403);
    expect(await ctx.store.listRegistry()).toEqual([]);

    // Row 3, column D (parent): 999 does not exist.
    const bad = 'code,name,level,parent,from,to,predecessors\n98,Tỉnh Thử Nghiệm,province,,,,\n98009,Xã Lạ,commune,999,,2024,\n';
    const refused = await post(bad, admin, 'text/csv; charset=utf-8');
    expect(refused.status).toBe(422);
    const body = await refused.json();
    expect(body.error.code).toBe('invalid-registry');
    expect(body.error.problems).toContainEqual(expect.objectContaining({ severity: 'error', cell: 'D3' }));
    expect(await ctx.store.listRegistry()).toEqual([]);

    const imported = await post(TEST_REGISTRY_CSV, admin, 'text/csv');
    expect(imported.status).toBe(200);
    // 12 rows in TEST_REGISTRY_CSV; 98005 has two periods, so 11 codes.
    expect(await imported.json()).toMatchObject({ imported: 12, units: 11 });

    const form = new FormData();
    form.append('file', new File([REGISTRY], 'units.csv', { type: 'text/csv' }));
    expect((await post(form, admin)).status).toBe(200);
    expect((await ctx.store.listRegistry()).map((r) => r.code)).toContain('06268');

    expect((await post('x', admin, 'text/plain')).status).toBe(415);

    // The Explorer's route is unchanged; the registry has its own path.
    expect(await (await ctx.app.request('/api/units', { headers: as(admin) })).json()).toEqual({ provinces: [] });
    const all = (await (await ctx.app.request('/api/units/registry', { headers: as(admin) })).json()).units;
    expect(all).toHaveLength(13);
    // A token for 980 (Huyện Đông) covers itself and its communes 98001, 98002, 06268; read per request.
    const dong = (await createToken(ctx.store, 'unit', { unit: '980' })).token;
    const mine = (await (await ctx.app.request('/api/units/registry', { headers: as(dong) })).json()).units;
    expect(mine.map((r: { code: string }) => r.code).sort()).toEqual(['06268', '980', '98001', '98002']);
  });
});

describe('uploads checked against the stored registry', () => {
  it('an unknown code is 422 unknown-unit and stores nothing; a code that lost its zero is padded with a warning; the registry names are used', async () => {
    await realApp('tokens');
    const admin = (await createToken(ctx.store, 'admin')).token;
    const upload = (bytes: Uint8Array, name: string) => ctx.app.request('/api/submissions', { method: 'POST', body: uploadForm(bytes, name), headers: as(admin) });

    const unknown = await upload(await workbookBytes('unknown.xlsx', { unit_code: '98999', unit: 'Xã Ma', year: 2024 }), 'unknown.xlsx');
    expect(unknown.status).toBe(422);
    const body = await unknown.json();
    expect(body.error.code).toBe('unknown-unit');
    expect(body.error.problems).toContainEqual(expect.objectContaining({ code: 'unknown-unit', sheet: 'Unit' }));
    expect(await ctx.store.list()).toEqual([]);

    const padded = await upload(await workbookBytes('lh.xlsx', { unit_code: 6268, unit: 'Liên Hội', district: 'Typed district', year: 2024 }), 'lh.xlsx');
    expect(padded.status).toBe(201);
    const stored = await padded.json();
    expect(stored.problems).toContainEqual(expect.objectContaining({ code: 'unit-code-padded' }));
    expect(stored.units[0]).toMatchObject({ code: '06268', name: 'Xã Liên Hội', district: 'Huyện Đông', province: 'Tỉnh Thử Nghiệm' });
  });

  it('single-user mode registers an unknown code by its first upload; the same code claimed elsewhere later is 409 and stores nothing', async () => {
    await realApp('single-user');
    const upload = (bytes: Uint8Array, name: string) => ctx.app.request('/api/submissions', { method: 'POST', body: uploadForm(bytes, name) });
    const place = { unit_code: '98999', unit: 'Xã Mới', district: 'Huyện Đông', province: 'Tỉnh Thử Nghiệm' };
    const first = await upload(await workbookBytes('new-2024.xlsx', { ...place, year: 2024 }), 'new-2024.xlsx');
    expect(first.status).toBe(201);
    expect((await first.json()).problems).toContainEqual(expect.objectContaining({ code: 'unit-provisional', severity: 'warning' }));
    // Same code and place another year: the same unit.
    expect((await upload(await workbookBytes('new-2023.xlsx', { ...place, year: 2023 }), 'new-2023.xlsx')).status).toBe(201);

    const elsewhere = await upload(await workbookBytes('other.xlsx', { ...place, province: 'Tỉnh Khác', year: 2024, district: 'Huyện Khác' }), 'other.xlsx');
    expect(elsewhere.status).toBe(409);
    const body = await elsewhere.json();
    expect(body.error.code).toBe('unit-code-elsewhere');
    const vi = body.error.problems.find((p: { code: string }) => p.code === 'unit-code-elsewhere');
    expect(vi.message).toContain('đã được ghi nhận là "Xã Mới, Huyện Đông, Tỉnh Thử Nghiệm"');
    expect(vi.message).toContain('Tỉnh Khác');
    expect(await ctx.store.list()).toHaveLength(2);
  });

  it('without a registry a token cannot take over a code stored for another province by typing its own names (was 201)', async () => {
    ctx = await makeTestApp({ auth: { mode: 'tokens' } });
    const admin = (await createToken(ctx.store, 'admin')).token;
    const district = (await createToken(ctx.store, 'district', { district: 'Long Thành', province: 'Đồng Nai' })).token;
    const post = (unit: object, token: string) =>
      ctx.app.request('/api/submissions', { method: 'POST', body: uploadForm(fakeWorkbook({ unit: { ...unit, year: 2023 } as never })), headers: as(token) });
    expect((await post(AN_PHU, admin)).status).toBe(201);
    const forged = await post({ ...LONG_THANH, code: AN_PHU.code }, district);
    expect(forged.status).toBe(409);
    expect((await ctx.store.list()).map((s) => s.units[0].province)).toEqual(['An Giang']);
  });
});

describe('not yours is answered as not there', () => {
  it('submission, report, input, history and compare give the same 404 for a covered-elsewhere code as for a missing one', async () => {
    ctx = await makeTestApp({ auth: { mode: 'tokens' } });
    const admin = (await createToken(ctx.store, 'admin')).token;
    const unit = (await createToken(ctx.store, 'unit', { unit: LONG_THANH.code })).token;
    const post = async (u: object, year: number) =>
      (await ctx.app.request('/api/submissions', { method: 'POST', body: uploadForm(fakeWorkbook({ unit: { ...u, year } as never })), headers: as(admin) })).json();
    await post(LONG_THANH, 2023);
    const theirs = await post(PHUOC_THAI, 2023);
    await post(PHUOC_THAI, 2022);
    const missing = 'ab'.repeat(32);
    expect(theirs.id).toMatch(/^[0-9a-f]+$/);

    const answer = async (path: string) => {
      const res = await ctx.app.request(path, { headers: as(unit) });
      return { status: res.status, body: await res.json() };
    };
    for (const suffix of ['', '/report.xlsx', '/input.xlsx']) {
      const notYours = await answer(`/api/submissions/${theirs.id}${suffix}`);
      const notThere = await answer(`/api/submissions/${missing}${suffix}`);
      expect(notYours.status).toBe(404);
      // The same answer but for the id the request itself gave.
      expect(JSON.stringify(notYours.body).replace(theirs.id, 'ID')).toBe(JSON.stringify(notThere.body).replace(missing, 'ID'));
    }
    const history = await answer(`/api/units/${PHUOC_THAI.code}/history`);
    expect(history).toEqual({ status: 404, body: { error: { code: 'not-found', message: `không tìm thấy đơn vị ${PHUOC_THAI.code}; hãy kiểm tra lại mã đơn vị` } } });
    const compare = await answer(`/api/compare?unit=${PHUOC_THAI.code}&from=2022&to=2023`);
    expect(compare).toEqual({ status: 404, body: { error: { code: 'not-found', message: `chưa có tệp nào được gửi cho đơn vị ${PHUOC_THAI.code} năm 2023` } } });
    const compareMissing = await answer(`/api/compare?unit=99999&from=2022&to=2023`);
    expect(compareMissing).toEqual({ status: 404, body: { error: { code: 'not-found', message: 'chưa có tệp nào được gửi cho đơn vị 99999 năm 2023' } } });
    // The same in English: not yours and not there alike.
    const compareEn = await answer(`/api/compare?unit=${PHUOC_THAI.code}&from=2022&to=2023&lang=en`);
    expect(compareEn.body.error.message).toBe(`no upload for unit ${PHUOC_THAI.code} in 2023`);
    expect((await answer(`/api/compare?unit=99999&from=2022&to=2023&lang=en`)).body.error.message).toBe('no upload for unit 99999 in 2023');
  });
});

describe('GET /api/compare across a reorganisation', () => {
  it('a 2025 merged commune is compared with the pool of its 2024 predecessors, approximate for a :part one, incomplete for one without data', async () => {
    await realApp('tokens');
    const admin = (await createToken(ctx.store, 'admin')).token;
    const upload = async (name: string, unit: Record<string, unknown>, rows: Row[]) => {
      const bytes = new Uint8Array(await readFile(await w.workbook(name, unit, rows)));
      const res = await ctx.app.request('/api/submissions', { method: 'POST', body: uploadForm(bytes, name), headers: as(admin) });
      expect(res.status, name).toBe(201);
    };
    // 98101 Xã An Bình (2025) = 98001 + 98002 + part of 98003. 98002 has no 2024 data: incomplete.
    await upload('an-2024.xlsx', { unit_code: '98001', year: 2024 }, [[1, 1, 5], [1, 1, 5]]);
    await upload('cat-2024.xlsx', { unit_code: '98003', year: 2024 }, [[1, 1, 3], [1, 0, 3]]);
    await upload('hai-2024.xlsx', { unit_code: '98005', year: 2024 }, [[1, 0, 1], [1, 0, 1]]); // not a predecessor: left out
    await upload('an-binh-2025.xlsx', { unit_code: '98101', year: 2025 }, [[1, 1, 5], [1, 0, 2]]);
    const anBinh = (await createToken(ctx.store, 'unit', { unit: '98101' })).token;
    const res = await ctx.app.request('/api/compare?unit=98101&from=2024&to=2025', { headers: as(anBinh) });
    expect(res.status).toBe(200);
    const comparison = await res.json();
    expect(comparison.from).toMatchObject({ code: null, units: ['98001', '98003'], year: 2024 });
    expect(comparison.approximate).toBe(true);
    expect(comparison.incomplete).toEqual(['98002']);
    // By hand (T = 1 + 9·S, S = (m1 + m2)/2, m2 = mean of (q2 − 1)/4; every weight 1):
    // pool 2024 = four rows: q1 = 1,1,1,0 → m1 = 0.75; q2 = 5,5,3,3 → (1 + 1 + 0.5 + 0.5)/4 = 0.75; S = 0.75, T = 7.75.
    // 2025: q1 = 1,0 → 0.5; q2 = 5,2 → (1 + 0.25)/2 = 0.625; S = 0.5625, T = 6.0625.
    expect(comparison.total.from).toBeCloseTo(7.75, 6);
    expect(comparison.total.to).toBeCloseTo(6.0625, 6);
    expect(comparison.total.delta).toBeCloseTo(-1.6875, 6);
    // The history follows the predecessors (98005 is none of them).
    const history = await (await ctx.app.request('/api/units/98101/history', { headers: as(anBinh) })).json();
    expect(history.entries.map((e: { year: number }) => e.year)).toEqual([2025]);
    expect(history.predecessors.map((p: { code: string; part: boolean; entries: { year: number }[] }) => [p.code, p.part, p.entries.map((e) => e.year)])).toEqual([
      ['98001', false, [2024]],
      ['98003', true, [2024]],
    ]);
    // The report download compares with the same pool, and says so on its YearOverYear sheet.
    const submissionId = history.entries[0].submissionId;
    const report = await ctx.app.request(`/api/submissions/${submissionId}/report.xlsx`, { headers: as(anBinh) });
    expect(report.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await report.arrayBuffer());
    const texts = book.worksheets.flatMap((ws) => { const out: string[] = []; ws.eachRow((row) => row.eachCell((cell) => out.push(String(cell.value ?? '')))); return out; }).join('\n');
    expect(texts).toContain('pools the predecessor units: 98001, 98003');
    expect(texts).toContain('Incomplete: no data for 98002');
    const xlsx = await ctx.app.request('/api/compare.xlsx?unit=98101&from=2024&to=2025', { headers: as(anBinh) });
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers.get('Content-Type')).toMatch(/spreadsheetml/);
  });

  it('a merged commune none of whose predecessors has data is 422 not-comparable, its reason located and in the requester language', async () => {
    await realApp('single-user');
    // 98102 Xã Cát Dương (2025) = part of 98003 + 98004; neither has a 2024 upload.
    const bytes = await workbookBytes('cat-duong-2025.xlsx', { unit_code: '98102', year: 2025 });
    expect((await ctx.app.request('/api/submissions', { method: 'POST', body: uploadForm(bytes, 'cat-duong-2025.xlsx') })).status).toBe(201);
    const vi = await ctx.app.request('/api/compare?unit=98102&from=2024&to=2025');
    expect(vi.status).toBe(422);
    const viError = (await vi.json()).error;
    expect(viError.code).toBe('not-comparable');
    expect(viError.message).toBe('không so sánh được hai năm: không có số liệu năm 2024 của 98102 hay các đơn vị tiền thân của nó');
    expect(viError.problems).toMatchObject([{ code: 'not-comparable', message: 'không có số liệu năm 2024 của 98102 hay các đơn vị tiền thân của nó' }]);
    const en = (await (await ctx.app.request('/api/compare?unit=98102&from=2024&to=2025&lang=en')).json()).error;
    expect(en.message).toBe('the years cannot be compared: no data for 2024 of 98102 or any unit it descends from');
    expect(en.problems[0].message).toBe('no data for 2024 of 98102 or any unit it descends from');
  });
});
