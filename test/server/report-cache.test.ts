/**
 * Report downloads are built once and cached (issue 19, item 4): 10 parallel
 * downloads of one submission used to build (and re-score) 10 times.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { ScoreFn } from '../../src/server/deps.js';
import { ReportCache } from '../../src/server/report-cache.js';
import { fakeScore, fakeWorkbook, LONG_THANH, makeTestApp, uploadForm, type TestContext } from './fakes.js';

let ctx: TestContext;
afterEach(async () => {
  await ctx?.cleanup();
});

const upload = async (bytes: Uint8Array) => ctx.app.request('/api/submissions', { method: 'POST', body: uploadForm(bytes) });

describe('report downloads', () => {
  it('build once for 10 parallel downloads, then serve from the cache until a new upload', async () => {
    let builds = 0;
    ctx = await makeTestApp({
      renderReport: async (submission) => {
        builds++;
        await new Promise((r) => setTimeout(r, 50));
        return new TextEncoder().encode(`PK report of ${submission.id} #${builds}`);
      },
    });
    const { id } = await (await upload(fakeWorkbook({ unit: { ...LONG_THANH, year: 2023 } }))).json();
    const downloads = await Promise.all(Array.from({ length: 10 }, () => ctx.app.request(`/api/submissions/${id}/report.xlsx`)));
    expect(downloads.map((r) => r.status)).toEqual(Array(10).fill(200));
    const bodies = new Set(await Promise.all(downloads.map((r) => r.text())));
    expect([...bodies]).toEqual([`PK report of ${id} #1`]);
    expect(builds).toBe(1);
    expect((await ctx.app.request(`/api/submissions/${id}/report.xlsx`)).status).toBe(200);
    expect(builds).toBe(1);
    // Each language is its own report.
    expect(await (await ctx.app.request(`/api/submissions/${id}/report.xlsx?lang=en`)).text()).toBe(`PK report of ${id} #2`);
    expect(await (await ctx.app.request(`/api/submissions/${id}/report.xlsx?lang=en`)).text()).toBe(`PK report of ${id} #2`);
    // A new upload (perhaps this unit's previous year) clears the cache.
    await upload(fakeWorkbook({ unit: { ...LONG_THANH, year: 2022 } }));
    expect(await (await ctx.app.request(`/api/submissions/${id}/report.xlsx`)).text()).toBe(`PK report of ${id} #3`);
  });

  it('serves a cached report even when the work queue is full, and checks access first', async () => {
    let open: () => void = () => {};
    const gate = new Promise<void>((r) => (open = r));
    let gated = false;
    const score: ScoreFn = async (input, options) => {
      if (gated) await gate;
      return fakeScore(input, options);
    };
    ctx = await makeTestApp({ score, limits: { maxConcurrentScorings: 1, maxQueuedUploads: 0 } });
    const { id } = await (await upload(fakeWorkbook({ unit: { ...LONG_THANH, year: 2023 } }))).json();
    expect((await ctx.app.request(`/api/submissions/${id}/report.xlsx`)).status).toBe(200); // built and cached
    gated = true;
    const busy = upload(fakeWorkbook({ unit: { ...LONG_THANH, year: 2021 } })); // holds the only place
    await new Promise((r) => setTimeout(r, 20));
    expect((await upload(fakeWorkbook({ unit: { ...LONG_THANH, year: 2020 } }))).status).toBe(503);
    expect((await ctx.app.request(`/api/submissions/${id}/report.xlsx`)).status).toBe(200);
    open();
    expect((await busy).status).toBe(201);
  });
});

describe('ReportCache', () => {
  it('drops the least recently used past its entry and byte bounds, and keeps no failed build', async () => {
    const cache = new ReportCache(2, 10);
    const bytes = (n: number) => new Uint8Array(n);
    await cache.get('a', async () => bytes(4));
    await cache.get('b', async () => bytes(4));
    cache.peek('a'); // a is now the most recent
    await cache.get('c', async () => bytes(4)); // 3 entries > 2: b goes
    expect([cache.peek('a') !== undefined, cache.peek('b') !== undefined, cache.peek('c') !== undefined]).toEqual([true, false, true]);
    await cache.get('d', async () => bytes(9)); // 4 + 4 + 9 > 10 bytes: a and c go
    expect(cache.size).toBe(1);
    await expect(cache.get('e', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(cache.peek('e')).toBeUndefined();
  });

  it('does not keep a build that started before clear()', async () => {
    const cache = new ReportCache();
    let finish: (b: Uint8Array) => void = () => {};
    const pending = cache.get('a', () => new Promise((r) => (finish = r)));
    cache.clear();
    finish(new Uint8Array(1));
    await pending;
    expect(cache.peek('a')).toBeUndefined();
  });
});
