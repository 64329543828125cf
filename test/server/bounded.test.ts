/**
 * Bounded work (issue 19, item 3): a fixed number of scorings at once, a
 * queue, then 503 + Retry-After; a deadline that stops the work and stores
 * nothing; caps on the work of one batch; authorization before scoring.
 */
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createToken } from '../../src/server/auth.js';
import type { ScoreFn } from '../../src/server/deps.js';
import { WorkQueue } from '../../src/server/guard/queue.js';
import { scoreWorkbook } from '../../src/pipeline.js';
import { writeZip } from '../hostile/zip.js';
import { unitRows, workbookBytes } from '../league/helpers.js';
import { fakeScore, fakeWorkbook, LONG_THANH, makeTestApp, PHUOC_THAI, uploadForm, type TestContext } from './fakes.js';

let ctx: TestContext;
afterEach(async () => {
  await ctx?.cleanup();
});

const root = resolve(import.meta.dirname, '../..');
const sample = (name: string) => readFile(join(root, 'samples', name)).then((b) => new Uint8Array(b));
const upload = (bytes: Uint8Array, headers: Record<string, string> = {}) => ctx.app.request('/api/submissions', { method: 'POST', body: uploadForm(bytes), headers });

/** A score function whose calls wait until `release()`; counts how many started. */
function gatedScore() {
  let open: () => void = () => {};
  const gate = new Promise<void>((r) => (open = r));
  const state = { started: 0, release: () => open() };
  const score: ScoreFn = async (input, options) => {
    state.started++;
    await gate;
    return fakeScore(input, options);
  };
  return { state, score };
}

describe('WorkQueue', () => {
  it('runs `concurrency` at once, queues `maxWaiting` more in order, and refuses the next', async () => {
    const queue = new WorkQueue(2, 1);
    const a = queue.enter()!;
    const b = queue.enter()!;
    const c = queue.enter()!;
    expect(queue.enter()).toBeNull(); // 2 running + 1 waiting places taken
    const order: string[] = [];
    await a.start();
    await b.start();
    const cStarted = c.start().then(() => order.push('c'));
    await new Promise((r) => setTimeout(r, 5));
    expect(order).toEqual([]); // c waits for a turn
    a.release();
    await cStarted;
    expect(order).toEqual(['c']);
    expect(queue.load).toEqual({ running: 2, places: 2 });
    b.release();
    c.release();
    c.release(); // twice is harmless
    expect(queue.load).toEqual({ running: 0, places: 0 });
  });

  it('endTurn gives the turn to the next in line but keeps the place until release', async () => {
    const queue = new WorkQueue(1, 1);
    const a = queue.enter()!;
    const b = queue.enter()!;
    expect(queue.enter()).toBeNull();
    a.endTurn(); // not running yet: no effect
    await a.start();
    let bRunning = false;
    const bStarted = b.start().then(() => (bRunning = true));
    await new Promise((r) => setTimeout(r, 5));
    expect(bRunning).toBe(false);
    a.endTurn();
    await bStarted;
    // b runs while a finishes; a still holds its place, so the queue is still full.
    expect(queue.load).toEqual({ running: 1, places: 2 });
    expect(queue.enter()).toBeNull();
    a.endTurn(); // twice is harmless
    a.release();
    expect(queue.load).toEqual({ running: 1, places: 1 });
    b.release();
    expect(queue.load).toEqual({ running: 0, places: 0 });
  });

  it('gives back a queued place whose signal fires before its turn', async () => {
    const queue = new WorkQueue(1, 1);
    const a = queue.enter()!;
    await a.start();
    const b = queue.enter()!;
    const controller = new AbortController();
    const waiting = b.start(controller.signal);
    controller.abort(new DOMException('deadline', 'TimeoutError'));
    await expect(waiting).rejects.toMatchObject({ name: 'TimeoutError' });
    b.release();
    expect(queue.load).toEqual({ running: 1, places: 1 });
    const c = queue.enter()!;
    a.release();
    await c.start(); // the aborted one left no turn behind: c runs
    expect(queue.load.running).toBe(1);
  });
});

describe('uploads under load', () => {
  it('answers 503 with Retry-After once the running and queued places are taken, and stores the rest', async () => {
    const { state, score } = gatedScore();
    ctx = await makeTestApp({ score, limits: { maxConcurrentScorings: 1, maxQueuedUploads: 1 } });
    const first = upload(fakeWorkbook({ unit: { ...LONG_THANH, year: 2023 } }));
    const second = upload(fakeWorkbook({ unit: { ...PHUOC_THAI, year: 2023 } }));
    await new Promise((r) => setTimeout(r, 20));
    expect(state.started).toBe(1); // one at a time: the second waits its turn
    const third = await upload(fakeWorkbook({ unit: { ...LONG_THANH, year: 2022 } }));
    expect(third.status).toBe(503);
    expect(third.headers.get('Retry-After')).toBe('10');
    expect((await third.json()).error.code).toBe('busy');
    // whoami is never queued
    expect((await ctx.app.request('/api/whoami')).status).toBe(200);
    state.release();
    expect((await first).status).toBe(201);
    expect((await second).status).toBe(201);
    expect(state.started).toBe(2);
    expect((await ctx.store.list()).length).toBe(2);
    // Places are given back: a new upload goes through.
    expect((await upload(fakeWorkbook({ unit: { ...LONG_THANH, year: 2021 } }))).status).toBe(201);
  });

  it('gives the place back when the body is bad', async () => {
    ctx = await makeTestApp({ limits: { maxConcurrentScorings: 1, maxQueuedUploads: 0 } });
    for (let i = 0; i < 3; i++) {
      const res = await ctx.app.request('/api/submissions', { method: 'POST', body: 'not multipart', headers: { 'Content-Type': 'multipart/form-data; boundary=x' } });
      expect(res.status).toBe(400);
    }
    expect((await upload(fakeWorkbook({ unit: { ...LONG_THANH, year: 2023 } }))).status).toBe(201);
  });
});

describe('the deadline', () => {
  it('stops the work where it checks the signal, answers 503 (not 504) and stores nothing', async () => {
    let steps = 0;
    let stepsAtAnswer = -1;
    // Like the reader: a step, then a check of the signal (it throws the signal's reason).
    const slowScore: ScoreFn = async (input, options) => {
      for (;;) {
        await new Promise((r) => setTimeout(r, 5));
        options.signal?.throwIfAborted();
        steps++;
        if (steps > 10_000) return fakeScore(input, options);
      }
    };
    ctx = await makeTestApp({ score: slowScore, limits: { requestTimeoutMs: 100 } });
    const res = await upload(fakeWorkbook({ unit: { ...LONG_THANH, year: 2023 } }));
    stepsAtAnswer = steps;
    expect(res.status).toBe(503);
    expect(res.headers.get('Retry-After')).toBe('10');
    expect((await res.json()).error.code).toBe('timeout');
    await new Promise((r) => setTimeout(r, 100));
    expect(steps).toBe(stepsAtAnswer); // nothing runs on after the answer
    expect(stepsAtAnswer).toBeLessThan(30); // ~100 ms of 5 ms steps, far from the 10,000 it would take
    expect(await ctx.store.list()).toEqual([]);
  });

  it('stores nothing when the deadline fires in the last stretch, after scoring', async () => {
    const lateScore: ScoreFn = async (input, options) => {
      const result = await fakeScore(input, options);
      await new Promise((r) => setTimeout(r, 80)); // past the deadline, and no check of the signal here
      return result;
    };
    ctx = await makeTestApp({ score: lateScore, limits: { requestTimeoutMs: 30 } });
    const res = await upload(fakeWorkbook({ unit: { ...LONG_THANH, year: 2023 } }));
    expect(res.status).toBe(503);
    expect(await ctx.store.list()).toEqual([]);
  });

  it('reaches the real reader: an aborted signal stops scoreWorkbook with its reason, not a problem', async () => {
    const bytes = await sample('long-thanh-2023.xlsx');
    const controller = new AbortController();
    controller.abort(new DOMException('deadline', 'TimeoutError'));
    await expect(scoreWorkbook(bytes, { fileName: 'x.xlsx', signal: controller.signal })).rejects.toMatchObject({ name: 'TimeoutError' });
    // Aborted between reading and scoring (from the authorize hook, which runs in between).
    const late = new AbortController();
    const authorize = () => {
      late.abort(new DOMException('deadline', 'TimeoutError'));
      return true;
    };
    await expect(scoreWorkbook(bytes, { fileName: 'x.xlsx', signal: late.signal, authorize })).rejects.toMatchObject({ name: 'TimeoutError' });
    // And without a signal it scores.
    expect((await scoreWorkbook(bytes, { fileName: 'x.xlsx' })).scorecards).toHaveLength(1);
  });

  it('with the real pipeline: 503 and nothing stored', async () => {
    ctx = await makeTestApp({ score: scoreWorkbook, limits: { requestTimeoutMs: 1 } });
    const res = await upload(await sample('long-thanh-2023.xlsx'));
    expect(res.status).toBe(503);
    expect(await ctx.store.list()).toEqual([]);
  });
});

describe('authorization before scoring', () => {
  it('refuses a workbook of a unit the token does not cover once it is read, before scoring it', async () => {
    const calls: { refused: boolean; scorecards: number }[] = [];
    const spy: ScoreFn = async (input, options) => {
      const result = await scoreWorkbook(input, options);
      calls.push({ refused: result.refused !== undefined, scorecards: result.scorecards.length });
      return result;
    };
    ctx = await makeTestApp({ score: spy, auth: { mode: 'tokens' } });
    const { token } = await createToken(ctx.store, 'unit', { unit: '99999' });
    const res = await upload(await sample('long-thanh-2023.xlsx'), { Authorization: `Bearer ${token}` });
    expect(res.status).toBe(403);
    expect(calls).toEqual([{ refused: true, scorecards: 0 }]);
    expect(await ctx.store.list()).toEqual([]);
  });
});

describe('one batch request is bounded', () => {
  const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  const form = (files: { name: string; bytes: Uint8Array }[]) => {
    const f = new FormData();
    for (const file of files) f.append('file', new File([file.bytes as Uint8Array<ArrayBuffer>], file.name, { type: XLSX }));
    return f;
  };
  const communes = () =>
    Promise.all([0, 1, 2, 3].map(async (i) => ({ name: `xa-${i + 1}.xlsx`, bytes: await workbookBytes(unitRows(`r${i}`, i % 3), { unit_code: `U0${i + 1}`, unit: `Xã ${i + 1}` }) })));

  it('refuses more workbooks than maxBatchWorkbooks, as files or inside a zip, before scoring any', async () => {
    let scored = 0;
    const counting: ScoreFn = async (input, options) => {
      scored++;
      return scoreWorkbook(input, options);
    };
    ctx = await makeTestApp({ score: counting, limits: { maxBatchWorkbooks: 3 } });
    const files = await communes();
    const asFiles = await ctx.app.request('/api/batches', { method: 'POST', body: form(files) });
    expect(asFiles.status).toBe(413);
    const zip = writeZip(files.map((f) => ({ name: f.name, data: f.bytes })));
    const asZip = await ctx.app.request('/api/batches', { method: 'POST', body: form([{ name: 'huyen.zip', bytes: zip }]) });
    expect(asZip.status).toBe(413);
    expect((await asZip.json()).error.problems.map((p: { code: string }) => p.code)).toContain('too-many-workbooks');
    expect(scored).toBe(0);
    const three = await ctx.app.request('/api/batches', { method: 'POST', body: form(files.slice(0, 3)) });
    expect(three.status).toBe(200);
  });

  it('stops at the batch budget of response cells and says which workbooks were not scored', async () => {
    // Each workbook: 6 respondents × 7 columns read (respondent_id, weight, i1..i5) = 42 cells,
    // 6 × 5 items = 30 coded cells. Budget 70: the first spends 30, leaving 40 < 42 for the second.
    ctx = await makeTestApp({ score: scoreWorkbook, limits: { maxBatchCells: 70 } });
    const res = await ctx.app.request('/api/batches', { method: 'POST', body: form(await communes()) });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.scorecards.filter((s: { level: string }) => s.level === 'unit').map((s: { unit: { code: string } }) => s.unit.code)).toEqual(['U01']);
    const over = body.problems.filter((p: { code: string }) => p.code === 'batch-too-large').map((p: { file: string }) => p.file);
    expect(over).toEqual(['xa-2.xlsx', 'xa-3.xlsx', 'xa-4.xlsx']);
  });

  it('answers a batch past the deadline with 503', async () => {
    ctx = await makeTestApp({ score: scoreWorkbook, limits: { requestTimeoutMs: 1 } });
    const res = await ctx.app.request('/api/batches', { method: 'POST', body: form(await communes()) });
    expect(res.status).toBe(503);
  });
});
