/**
 * POST /api/submissions takes ODK Central / KoboToolbox exports through the same
 * ingest as the CLI (src/ingest/exports), with `unit` and `year` form fields for an
 * export that has no unit_code / year columns.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/server/app.js';
import { pipelineDeps } from '../../src/server/wire.js';
import { openStore, type SqlStore } from '../../src/store/index.js';
import { columnLetters } from '../../src/diagnostics/problem.js';
import { createToken } from '../../src/server/auth.js';
import { parseRegistryCsv } from '../../src/units/index.js';
import { uploadForm } from '../server/fakes.js';
import { TEST_REGISTRY_CSV } from '../units/registry.js';
import { exportTable, freshSample, readTemplateResponses, toCsv, toKoboXlsx } from './exports.js';

let dir: string;
let store: SqlStore;
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'chiso-service-exports-'));
  store = await openStore({ dataDir: dir });
  app = createApp({ ...pipelineDeps(store), store, auth: { mode: 'single-user' }, log: () => undefined });
});
afterAll(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

function withFields(bytes: Uint8Array, name: string, fields: Record<string, string>): FormData {
  const form = uploadForm(bytes, name);
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  return form;
}

describe('the service takes ODK / Kobo exports', { timeout: 120_000 }, async () => {
  const sample = await freshSample('lien-hoi-2024');
  const responses = await readTemplateResponses(sample);

  it('an ODK CSV with unit and year fields scores as the template with the same answers', async () => {
    const template = await app.request('/api/submissions', { method: 'POST', body: uploadForm(new Uint8Array(await readFile(sample)), 'lien-hoi-2024.xlsx') });
    expect(template.status).toBe(201);
    const fromTemplate = (await template.json()).scorecards[0];

    const csv = toCsv(exportTable(responses, 'odk', false));
    const res = await app.request('/api/submissions', { method: 'POST', body: withFields(csv, 'lien-hoi-2024.csv', { unit: '06268', year: '2024' }) });
    expect(res.status).toBe(201);
    const card = (await res.json()).scorecards[0];
    expect(card.unit).toMatchObject({ code: '06268', year: 2024 });
    expect(card.respondents).toBe(fromTemplate.respondents);
    expect(card.total.score).toBe(fromTemplate.total.score);
    expect(card.total.se).toBe(fromTemplate.total.se);
  });

  it('a Kobo XLSX export names its own unit and year (columns) and needs no fields', async () => {
    const res = await app.request('/api/submissions', { method: 'POST', body: uploadForm(await toKoboXlsx(exportTable(responses, 'kobo')), 'kobo.xlsx') });
    expect(res.status).toBe(201);
    expect((await res.json()).scorecards[0].unit).toMatchObject({ code: '06268', year: 2024 });
  });

  it('an export that does not say its unit is refused (422) with the catalogue problem, in English with ?lang=en', async () => {
    // Other bytes than the first test's: the store answers the same bytes with their first submission
    // whatever the fields say (a known limit: the content hash does not include unit/year).
    const csv = toCsv(exportTable({ ...responses, rows: responses.rows.slice(1) }, 'odk', false));
    const res = await app.request('/api/submissions?lang=en', { method: 'POST', body: withFields(csv, 'no-unit.csv', { year: '2024' }) });
    expect(res.status).toBe(422);
    const body = JSON.stringify(await res.json());
    expect(body).toContain('export-no-unit');
    expect(body).toContain('the export does not say which unit it is');
  });

  it('a unit or year field of the wrong form is a 400, before any scoring', async () => {
    const csv = toCsv(exportTable(responses, 'odk', false));
    const res = await app.request('/api/submissions', { method: 'POST', body: withFields(csv, 'x.csv', { unit: 'Xã Liên Hội', year: '2024' }) });
    expect(res.status).toBe(400);
  });
});

describe('an export upload is checked against the stored registry like a template', { timeout: 120_000 }, async () => {
  // Tokens mode (single-user mode registers an unknown code instead of refusing it); the test registry
  // plus Liên Hội (06268) under its Huyện Đông, as test/server/units-service.test.ts stores it.
  const REGISTRY = `${TEST_REGISTRY_CSV}06268,Xã Liên Hội,commune,980,,2024,\n`;
  const sample = await freshSample('lien-hoi-2024');
  const responses = await readTemplateResponses(sample);
  let tokenDir: string;
  let tokenStore: SqlStore;
  let tokenApp: ReturnType<typeof createApp>;
  let admin: string;
  beforeAll(async () => {
    tokenDir = await mkdtemp(join(tmpdir(), 'chiso-service-exports-registry-'));
    tokenStore = await openStore({ dataDir: tokenDir });
    tokenApp = createApp({ ...pipelineDeps(tokenStore), store: tokenStore, auth: { mode: 'tokens' }, log: () => undefined });
    await tokenStore.replaceRegistry(parseRegistryCsv(REGISTRY, 'units.csv').registry!.periods.map(({ row: _row, ...p }) => p));
    admin = (await createToken(tokenStore, 'admin')).token;
  });
  afterAll(async () => {
    await tokenStore.close();
    await rm(tokenDir, { recursive: true, force: true });
  });
  const post = (body: FormData) => tokenApp.request('/api/submissions', { method: 'POST', body, headers: { Authorization: `Bearer ${admin}` } });
  /** The sample's rows from `from` on (other bytes each time: the store answers known bytes from the store). */
  const rows = (from: number) => ({ ...responses, rows: responses.rows.slice(from) });

  it('an unknown unit_code column is 422 unknown-unit at the column’s first cell, and nothing is stored', async () => {
    const table = exportTable({ ...rows(0), rows: rows(0).rows.map((r) => r.map((v, c) => (responses.header[c] === 'unit_code' ? '98999' : v))) }, 'odk');
    const res = await post(uploadForm(toCsv(table), 'unknown.csv'));
    expect(res.status).toBe(422);
    const body = await res.json();
    expect(body.error.code).toBe('unknown-unit');
    const unitColumn = columnLetters(table.header.indexOf('unit_info-unit_code') + 1);
    expect(body.error.problems).toContainEqual(expect.objectContaining({ code: 'unknown-unit', cell: `${unitColumn}2` }));
    expect(await tokenStore.list()).toEqual([]);
  });

  it('an unknown `unit` form field is 422 unknown-unit as well, nothing stored', async () => {
    const res = await post(withFields(toCsv(exportTable(rows(1), 'odk', false)), 'field.csv', { unit: '98999', year: '2024' }));
    expect(res.status).toBe(422);
    expect((await res.json()).error.code).toBe('unknown-unit');
    expect(await tokenStore.list()).toEqual([]);
  });

  it('a registered code is stored under the registry’s names; 6268 is matched to 06268 with a warning', async () => {
    const res = await post(withFields(toCsv(exportTable(rows(2), 'odk', false)), 'padded.csv', { unit: '6268', year: '2024' }));
    expect(res.status).toBe(201);
    const stored = await res.json();
    expect(stored.problems).toContainEqual(expect.objectContaining({ code: 'unit-code-padded' }));
    expect(stored.units[0]).toMatchObject({ code: '06268', name: 'Xã Liên Hội', district: 'Huyện Đông', province: 'Tỉnh Thử Nghiệm' });
  });
});
