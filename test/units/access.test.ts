/**
 * Access decided from the registry (issue 14): a token naming a registry unit
 * covers it, the units under it in any year and their predecessors' history, by
 * code; the names an upload types decide nothing.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createToken } from '../../src/server/auth.js';
import { parseRegistryCsv } from '../../src/units/index.js';
import { fakeWorkbook, makeTestApp, type TestContext, uploadForm } from '../server/fakes.js';
import { TEST_REGISTRY_CSV } from './registry.js';

let ctx: TestContext;
afterEach(async () => {
  await ctx?.cleanup();
});

const as = (token: string) => ({ Authorization: `Bearer ${token}` });
const upload = (unit: { name: string; code: string; province: string; district: string; year: number }, token: string) =>
  ctx.app.request('/api/submissions', { method: 'POST', body: uploadForm(fakeWorkbook({ unit }), `${unit.code}-${unit.year}.xlsx`), headers: as(token) });

async function withRegistry() {
  ctx = await makeTestApp({ auth: { mode: 'tokens' } });
  const rows = parseRegistryCsv(TEST_REGISTRY_CSV, 'units.csv').registry!.periods.map(({ row: _row, ...p }) => p);
  await ctx.store.replaceRegistry(rows);
  return (await createToken(ctx.store, 'admin')).token;
}

describe('tokens for registry units', () => {
  it('a district (named by its registry code) covers its communes by code; an upload naming it but claiming another code is 403 and stores nothing', async () => {
    const admin = await withRegistry();
    const dong = (await createToken(ctx.store, 'unit', { unit: '980' })).token;
    expect((await upload({ name: 'Xã An', code: '98001', province: 'Tỉnh Thử Nghiệm', district: 'Huyện Đông', year: 2024 }, dong)).status).toBe(201);
    // The attack: the district's own names, another district's commune code.
    const forged = await upload({ name: 'Xã An', code: '98003', province: 'Tỉnh Thử Nghiệm', district: 'Huyện Đông', year: 2024 }, dong);
    expect(forged.status).toBe(403);
    const all = (await (await ctx.app.request('/api/submissions', { headers: as(admin) })).json()).submissions;
    expect(all).toHaveLength(1);
  });

  it('a 2025 merged commune reads its predecessors’ history, and nothing else', async () => {
    const admin = await withRegistry();
    for (const code of ['98001', '98003', '98005'])
      expect((await upload({ name: code, code, province: '', district: '', year: 2024 }, admin)).status).toBe(201);
    const anBinh = (await createToken(ctx.store, 'unit', { unit: '98101' })).token;
    expect((await ctx.app.request('/api/units/98001/history', { headers: as(anBinh) })).status).toBe(200);
    expect((await ctx.app.request('/api/units/98003/history', { headers: as(anBinh) })).status).toBe(200); // a :part predecessor
    expect((await ctx.app.request('/api/units/98005/history', { headers: as(anBinh) })).status).not.toBe(200);
    const listed = (await (await ctx.app.request('/api/submissions', { headers: as(anBinh) })).json()).submissions;
    expect(listed.flatMap((s: { units: { code: string }[] }) => s.units.map((u) => u.code)).sort()).toEqual(['98001', '98003']);
  });
});
