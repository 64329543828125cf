import { afterEach, describe, expect, it } from 'vitest';
import { scoreWorkbook } from '../../src/pipeline.js';
import { writeZip } from '../hostile/zip.js';
import { unitRows, workbookBytes } from '../league/helpers.js';
import { makeTestApp, type TestContext } from './fakes.js';

let ctx: TestContext;
afterEach(async () => {
  await ctx?.cleanup();
});

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function form(files: { name: string; bytes: Uint8Array; type?: string }[], fields: Record<string, string> = {}): FormData {
  const f = new FormData();
  for (const file of files) f.append('file', new File([file.bytes as Uint8Array<ArrayBuffer>], file.name, { type: file.type ?? XLSX }));
  for (const [k, v] of Object.entries(fields)) f.append(k, v);
  return f;
}

const qualities = [0, 1, 1, 3];
const units = () =>
  Promise.all(
    qualities.map(async (q, i) => ({
      name: `xa-${i + 1}.xlsx`,
      bytes: await workbookBytes(unitRows(`r${i}`, q), { unit_code: `U0${i + 1}`, unit: `Xã ${i + 1}` }),
    })),
  );

describe('POST /api/batches', () => {
  it('scores several workbooks: one scorecard per unit with performance groups, plus the roll-up', async () => {
    ctx = await makeTestApp({ score: scoreWorkbook });
    const res = await ctx.app.request('/api/batches', { method: 'POST', body: form(await units(), { rollup: 'district' }) });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.files).toEqual(['xa-1.xlsx', 'xa-2.xlsx', 'xa-3.xlsx', 'xa-4.xlsx']);
    expect(body.scorecards.map((c: { level: string; unit: { code: string } }) => `${c.level}:${c.unit.code}`)).toEqual([
      'unit:U01',
      'unit:U02',
      'unit:U03',
      'unit:U04',
      'district:An Giang/Tân Châu',
    ]);
    expect(body.scorecards.slice(0, 4).map((c: { groups: { total: string } }) => c.groups.total)).toEqual(['lowest', 'high-average', 'high-average', 'best']);
    expect(body.scorecards[4].groups).toBeUndefined();
    expect(body.scorecards[4].respondents).toBe(24);
    expect(body.problems).toEqual([]);
    // Nothing is stored.
    expect((await (await ctx.app.request('/api/submissions')).json()).submissions).toEqual([]);
  });

  it('scores one zip of commune workbooks; problems carry "batch.zip/entry.xlsx"', async () => {
    ctx = await makeTestApp({ score: scoreWorkbook });
    const entries = await units();
    entries[1].bytes = await workbookBytes([...unitRows('r1', 1), ['bad', 1, 7, 1, 1, 1, 1]], { unit_code: 'U02' });
    const zip = writeZip([...entries.map((e) => ({ name: e.name, data: e.bytes })), { name: 'ghi-chu.docx', data: new Uint8Array(10) }]);
    const res = await ctx.app.request('/api/batches', { method: 'POST', body: form([{ name: 'batch.zip', bytes: zip, type: 'application/zip' }]) });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.scorecards.map((c: { file: string }) => c.file)).toEqual(['batch.zip/xa-1.xlsx', 'batch.zip/xa-2.xlsx', 'batch.zip/xa-3.xlsx', 'batch.zip/xa-4.xlsx']);
    expect(body.scorecards.every((c: { groups?: unknown }) => c.groups)).toBe(true);
    expect(body.problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ file: 'batch.zip/ghi-chu.docx', severity: 'info', code: 'ignored-entry' }),
        expect.objectContaining({ file: 'batch.zip/xa-2.xlsx', sheet: 'Responses', code: 'invalid-answer' }),
      ]),
    );
  });

  it('answers 422 with the problems when nothing can be scored, 400 without files, 413 past the limit', async () => {
    ctx = await makeTestApp({ score: scoreWorkbook });
    const junk = await ctx.app.request('/api/batches', { method: 'POST', body: form([{ name: 'junk.xlsx', bytes: new TextEncoder().encode('not a workbook') }]) });
    expect(junk.status).toBe(422);
    const error = (await junk.json()).error;
    expect(error.code).toBe('unscorable');
    expect(error.problems[0].file).toBe('junk.xlsx');

    const empty = await ctx.app.request('/api/batches', { method: 'POST', body: form([], { rollup: 'district' }) });
    expect(empty.status).toBe(400);

    await ctx.cleanup();
    ctx = await makeTestApp({ score: scoreWorkbook, limits: { maxUncompressedBytes: 1024, maxEntryBytes: 1024 } });
    const zip = writeZip([{ name: 'a.xlsx', data: new Uint8Array(4096) }]);
    const big = await ctx.app.request('/api/batches', { method: 'POST', body: form([{ name: 'b.zip', bytes: zip }]) });
    expect(big.status).toBe(413);
  });
});
