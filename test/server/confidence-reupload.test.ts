/**
 * Issue 19 item 4: a re-upload of the same bytes with another confidence level
 * is scored at that level (schema v2: a submission is its bytes at one level),
 * while the same bytes at the same level are answered from the store (200).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadFramework } from '../../src/framework/load.js';
import { generateSample } from '../../src/sample/index.js';
import { createApp } from '../../src/server/app.js';
import { pipelineDeps } from '../../src/server/wire.js';
import { openStore, type SqlStore } from '../../src/store/index.js';
import { workbookBuffer } from '../../src/writer/stableXlsx.js';
import { uploadForm } from './fakes.js';

let dir: string;
let store: SqlStore;
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'chiso-confidence-'));
  store = await openStore({ dataDir: dir });
  app = createApp({ ...pipelineDeps(store), store, auth: { mode: 'single-user' }, log: () => undefined });
});
afterAll(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

describe('re-upload at another confidence level', { timeout: 120_000 }, () => {
  it('scores the same bytes again at the asked level; the same level is answered from the store', async () => {
    const unit = { province: 'Đồng Nai', district: 'Long Thành', name: 'Long Thạnh', code: '26041' };
    const bytes = new Uint8Array(await workbookBuffer(generateSample({ framework: loadFramework('papi-29'), unit, year: 2023, respondents: 40, seed: 7 })));
    const upload = (confidence: number) => {
      const form = uploadForm(bytes);
      form.append('confidence', String(confidence));
      return app.request('/api/submissions', { method: 'POST', body: form });
    };
    const at95 = await upload(0.95);
    expect(at95.status).toBe(201);
    const a = await at95.json();
    const at90 = await upload(0.9);
    expect(at90.status).toBe(201); // before schema v2: 200 with the 0.95 submission
    const b = await at90.json();
    expect(b.id).not.toBe(a.id);
    expect(b.confidence).toBe(0.9);
    expect(b.scorecards[0].confidence).toBe(0.9);
    // Same point estimate; the interval narrower by z(0.95)/z(0.975) = 1.645/1.960 ≈ 0.84
    // (t quantiles at these sample sizes give 0.83–0.84).
    const width = (s: { total: { ciLow: number; ciHigh: number } }) => s.total.ciHigh - s.total.ciLow;
    expect(b.scorecards[0].total.score).toBeCloseTo(a.scorecards[0].total.score, 10);
    expect(width(b.scorecards[0]) / width(a.scorecards[0])).toBeGreaterThan(0.8);
    expect(width(b.scorecards[0]) / width(a.scorecards[0])).toBeLessThan(0.86);
    expect((await store.getReportInputs(b.id))?.confidence).toBe(0.9);

    const again = await upload(0.9);
    expect(again.status).toBe(200);
    expect((await again.json()).id).toBe(b.id);
    expect((await store.list()).length).toBe(2);
  });
});
