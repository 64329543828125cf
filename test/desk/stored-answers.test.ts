/**
 * The desk pools from the answers stored with each submission (schema v3), and
 * gives exactly what re-ingesting the workbooks gives (the only way before v3,
 * and what AnswerCache still does for a submission stored before it): the codec
 * is lossless and the items are the submission's own framework's, so every
 * number must be the same bit for bit (toEqual on numbers is Object.is), not
 * merely close. And the national league during its background warming answers
 * 503 league-warming with Retry-After, in Vietnamese unless asked otherwise.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli.js';
import { Desk } from '../../src/desk/league.js';
import { AnswerCache, backfillAnswers } from '../../src/desk/surveys.js';
import { loadFramework } from '../../src/framework/load.js';
import { generateSample } from '../../src/sample/index.js';
import { createApp } from '../../src/server/app.js';
import { pipelineDeps } from '../../src/server/wire.js';
import { openStore, type SqlStore, type SubmissionStore } from '../../src/store/index.js';
import { workbookBuffer } from '../../src/writer/stableXlsx.js';
import { uploadForm } from '../server/fakes.js';
import { TEST_REGISTRY_CSV } from '../units/registry.js';

const framework = loadFramework('papi-29');
let dir: string;
let store: SqlStore;
let app: ReturnType<typeof createApp>;

async function upload(target: ReturnType<typeof createApp>, code: string, year: number, seed: number) {
  const wb = generateSample({ framework, unit: { province: 'Tỉnh Thử Nghiệm', district: '', name: `Xã ${code}`, code }, year, respondents: 40, seed, quality: Object.fromEntries(framework.dimensions.map((d) => [d.code, 2 + (seed % 7)])) });
  const res = await target.request('/api/submissions', { method: 'POST', body: uploadForm(new Uint8Array(await workbookBuffer(wb)), `${code}-${year}.xlsx`) });
  expect(res.status).toBe(201);
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'chiso-desk-answers-'));
  store = await openStore({ dataDir: dir });
  app = createApp({ ...pipelineDeps(store), store, auth: { mode: 'single-user' }, log: () => undefined });
  expect((await app.request('/api/units', { method: 'POST', headers: { 'Content-Type': 'text/csv' }, body: TEST_REGISTRY_CSV })).status).toBe(200);
  let seed = 1;
  for (const year of [2023, 2024]) for (const code of ['98001', '98002', '98003', '98005']) await upload(app, code, year, seed++);
}, 120_000);
afterAll(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

describe('roll-ups from the stored answers', { timeout: 60_000 }, () => {
  it('equal the roll-ups from re-ingested workbooks exactly, and back-fill what was missing', async () => {
    const fromBlobs = new Desk(store);
    const league = await fromBlobs.league('98', 2024);
    const national = await fromBlobs.national(2024);
    expect(fromBlobs.answers.reads).toBe(0); // not one workbook read again
    expect(fromBlobs.answers.rowReads).toBe(8); // 2024's four and, for the changes, 2023's four
    expect(league.scorecards.filter((c) => c.level !== 'unit').map((c) => `${c.level} ${c.unit.code}`)).toEqual(['district 980', 'district 981', 'province 98']);
    expect(league.changes.length).toBeGreaterThan(0);

    // As before v3: no stored answers, every workbook re-ingested (and its answers back-filled).
    await store.db.batch([{ sql: 'DELETE FROM submission_answers' }]);
    expect((await store.submissionsWithoutAnswers()).length).toBe(8);
    const reingested = new Desk(store);
    expect(await reingested.league('98', 2024)).toEqual(league);
    expect(await reingested.national(2024)).toEqual(national);
    expect(reingested.answers.reads).toBe(8);
    expect(await store.submissionsWithoutAnswers()).toEqual([]);

    // The back-filled rows give the same again, with no workbook read.
    const again = new Desk(store);
    expect(await again.league('98', 2024)).toEqual(league);
    expect(again.answers.reads).toBe(0);
  });

  it('chiso store migrate’s back-fill stores every missing row, one workbook at a time', async () => {
    const ids = (await store.list()).map((s) => s.id);
    await store.db.batch([{ sql: 'DELETE FROM submission_answers WHERE submission_id IN (?, ?)', args: [ids[0], ids[1]] }]);
    const progress: number[] = [];
    expect(await backfillAnswers(store, { onProgress: (done) => progress.push(done) })).toEqual({ filled: 2, unreadable: [] });
    expect(progress).toEqual([1, 2]);
    expect(await store.submissionsWithoutAnswers()).toEqual([]);
  });

  it('a damaged answers row is read from its workbook instead (same numbers), never decoded into wrong ones', async () => {
    const league = await new Desk(store).league('98', 2024);
    const ids = (await store.list()).map((s) => s.id);
    for (const id of ids) await store.db.batch([{ sql: 'UPDATE submission_answers SET bytes = ? WHERE submission_id = ?', args: [new Uint8Array([67, 72, 65, 49, 9]), id] }]);
    const desk = new Desk(store);
    expect(await desk.league('98', 2024)).toEqual(league);
    expect(desk.answers.reads).toBe(8);
    await store.db.batch([{ sql: 'DELETE FROM submission_answers' }]);
    await backfillAnswers(store);
  });

  it('chiso store migrate back-fills a store written before v3', async () => {
    await store.db.batch([{ sql: 'DELETE FROM submission_answers' }]);
    const lines: string[] = [];
    const io = { out: (t: string) => lines.push(t), err: (t: string) => lines.push(t), progress: () => undefined };
    expect(await run(['store', 'migrate', '--data', dir], io)).toBe(0);
    // Vietnamese by default (cli-messages storeBackfilling / storeBackfilled).
    expect(lines.join('\n')).toContain('chiso store: đang lưu câu trả lời đã mã hóa của 8 tệp đã gửi trước phiên bản cấu trúc 3');
    expect(lines.join('\n')).toContain('chiso store: đã lưu câu trả lời đã mã hóa của 8 tệp đã gửi');
    expect(await store.submissionsWithoutAnswers()).toEqual([]);
  });

  it('keeps the encoded rows within its byte bound', async () => {
    const ids = (await store.list()).map((s) => s.id);
    const one = (await store.getAnswers(ids[0]))!.bytes.byteLength;
    const cache = new AnswerCache(store, { maxBytes: one * 2.5 });
    for (const id of ids) expect(await cache.get(id)).toBeDefined();
    expect(cache.heldBytes).toBeLessThanOrEqual(one * 2.5 * 1.2); // rows differ a little in size
    expect(cache.heldBytes).toBeGreaterThan(0);
  });
});

describe('the national league while it warms', { timeout: 60_000 }, () => {
  it('answers 503 league-warming with Retry-After (not a 504) until warmed, then 200; an upload warms it again', async () => {
    // The desk's store reads each answers row slowly, so the warming at start takes a while.
    const slow: SubmissionStore = Object.assign(Object.create(store) as SqlStore, {
      getAnswers: async (id: string) => {
        await new Promise((resolve) => setTimeout(resolve, 150));
        return store.getAnswers(id);
      },
    });
    const desk = new Desk(slow);
    const warming = createApp({ ...pipelineDeps(store), store, auth: { mode: 'single-user' }, log: () => undefined, desk, warmDesk: true, limits: { leagueWaitMs: 20 } });
    await new Promise((resolve) => setTimeout(resolve, 5)); // the warming starts on the next turn
    expect(desk.warming).toBe(true);
    const res = await warming.request('/api/league/national?year=2024');
    expect(res.status).toBe(503);
    expect(res.headers.get('Retry-After')).toBe('10');
    const body = await res.json();
    expect(body.error.code).toBe('league-warming');
    expect(body.error.message).toBe('bảng xếp hạng đang được tính (lần đầu sau khi máy chủ khởi động hoặc sau khi có tệp mới được gửi); hãy thử lại sau 10 giây');
    const en = await (await warming.request('/api/league/national?year=2024&lang=en')).json();
    expect(en.error.message).toMatch(/^the league is still being computed/);

    await desk.settled();
    expect(desk.warmed).toBe(2); // 2024 and 2023, newest first
    const t = performance.now();
    const ready = await warming.request('/api/league/national?year=2024');
    expect(ready.status).toBe(200);
    expect(performance.now() - t).toBeLessThan(5_000); // memoised: no row read (each would take 150 ms)
    const before = (await ready.json()).scorecards[0].respondents;

    await upload(warming, '98004', 2024, 99);
    expect(desk.warming).toBe(true); // due after the burst delay
    await desk.settled();
    const after = await (await warming.request('/api/league/national?year=2024')).json();
    expect(after.scorecards[0].respondents).toBe(before + 40);
    await desk.close();
  });
});
