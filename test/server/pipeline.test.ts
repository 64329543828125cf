import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadFramework } from '../../src/framework/load.js';
import { generateSample } from '../../src/sample/index.js';
import { createApp, XLSX_TYPE } from '../../src/server/app.js';
import { pipelineDeps } from '../../src/server/wire.js';
import { openStore, type SqlStore } from '../../src/store/index.js';
import { workbookBuffer } from '../../src/writer/stableXlsx.js';
import { uploadForm } from './fakes.js';

/** The service with the real pipeline (wire.ts): ingest, scoring, report, comparison and template. */
let dir: string;
let store: SqlStore;
let app: ReturnType<typeof createApp>;
const unit = { province: 'Đồng Nai', district: 'Long Thành', name: 'Long Thạnh', code: '26041' };

async function sample(year: number): Promise<Uint8Array> {
  const workbook = generateSample({ framework: loadFramework('papi-29'), unit, year, respondents: 40, seed: year });
  return new Uint8Array(await workbookBuffer(workbook));
}

async function sheetNames(bytes: ArrayBuffer): Promise<string[]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes);
  return workbook.worksheets.map((w) => w.name);
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'chiso-pipeline-'));
  store = await openStore({ dataDir: dir });
  app = createApp({ ...pipelineDeps(store), store, auth: { mode: 'single-user' }, log: () => undefined });
});
afterAll(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

describe('the service on the real pipeline', { timeout: 120_000 }, () => {
  it('scores uploads, renders the report and the comparison, serves the template', async () => {
    const ids: string[] = [];
    for (const year of [2022, 2023]) {
      const res = await app.request('/api/submissions', { method: 'POST', body: uploadForm(await sample(year), `Long Thạnh ${year}.xlsx`) });
      expect(res.status).toBe(201);
      const body = await res.json();
      expect(body.scorecards[0].unit).toMatchObject({ code: '26041', year });
      expect(body.scorecards[0].total.score).toBeGreaterThan(8);
      ids.push(body.id);
    }

    // What the report is rebuilt from was stored with the upload: the codebook (papi-29) and the engine version.
    const inputs = await store.getReportInputs(ids[1]);
    // papi-29: 126 scored items and 9 filter questions (d3b_00, d3c_00, d5a_00–d5d_00, d6a_00, d6b_00, d8c_00).
    expect(inputs?.framework.items).toHaveLength(135);
    expect(inputs?.engineVersion).toMatch(/^chiso \d+\.\d+\.\d+/);
    const report = await app.request(`/api/submissions/${ids[1]}/report.xlsx`);
    expect(report.status).toBe(200);
    expect(report.headers.get('Content-Type')).toBe(XLSX_TYPE);
    expect(await sheetNames(await report.arrayBuffer())).toContain('YearOverYear');
    // The report follows ?lang: its narrative (and problems) in English, Vietnamese by default.
    for (const [query, opening] of [['', 'Kết quả khảo sát mô phỏng'], ['?lang=en', 'Results of a 2023 mock survey']]) {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(await (await app.request(`/api/submissions/${ids[1]}/report.xlsx${query}`)).arrayBuffer());
      const summary: string[] = [];
      wb.getWorksheet('Summary')!.eachRow((row) => summary.push(String(row.getCell(1).value ?? '')));
      expect(summary.some((line) => line.startsWith(opening))).toBe(true);
    }

    const comparison = await (await app.request('/api/compare?unit=26041&from=2022&to=2023')).json();
    expect(comparison.from.year).toBe(2022);
    expect(comparison.dimensions.length).toBeGreaterThan(0);
    const xlsx = await app.request('/api/compare.xlsx?unit=26041&from=2022&to=2023');
    expect(xlsx.status).toBe(200);
    expect(await sheetNames(await xlsx.arrayBuffer())).toContain('YearOverYear');

    const template = await app.request('/api/template.xlsx');
    expect(await sheetNames(await template.arrayBuffer())).toEqual(expect.arrayContaining(['Unit', 'Responses', 'Codebook', 'Framework']));
  });

  it('refuses a blank template (no respondents) with 422 and does not store it; messages follow ?lang', async () => {
    const blank = new Uint8Array(await (await app.request('/api/template.xlsx')).arrayBuffer());
    const before = (await (await app.request('/api/submissions')).json()).submissions.length;
    const res = await app.request('/api/submissions', { method: 'POST', body: uploadForm(blank, 'trống.xlsx') });
    expect(res.status).toBe(422);
    const body = await res.json();
    const empty = body.error.problems.find((p: { code: string }) => p.code === 'no-respondents');
    expect(empty).toMatchObject({ file: 'trống.xlsx', sheet: 'Responses', cell: 'A2', severity: 'error' });
    expect(empty.message).toBe('trang Responses không có dòng người trả lời nào để chấm; tệp không được chấm và không được lưu');
    expect((await (await app.request('/api/submissions')).json()).submissions.length).toBe(before);
    const en = await (await app.request('/api/submissions?lang=en', { method: 'POST', body: uploadForm(blank, 'blank.xlsx') })).json();
    expect(en.error.problems.find((p: { code: string }) => p.code === 'no-respondents').message).toBe('the Responses sheet has no respondent rows to score; the file is not scored or stored');
  });

  it('answers 422 with located problems for a file that is not a workbook', async () => {
    const res = await app.request('/api/submissions', { method: 'POST', body: uploadForm(new TextEncoder().encode('hello'), 'notes.xlsx') });
    expect(res.status).toBe(422);
    const body = await res.json();
    expect(body.error.problems[0]).toMatchObject({ file: 'notes.xlsx', severity: 'error', code: 'not-a-workbook' });
  });
});
