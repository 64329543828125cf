/**
 * Every error the service answers says its message in the requester's language: a
 * representative request of each kind of refusal (404, 415, 400, 413, 422, the desk's, 500)
 * answered in Vietnamese by default and in English with ?lang=en, the code the same in both
 * (the code is the contract, docs/contract.md). Before, these were English whatever ?lang said.
 * And the source holds no error message outside src/diagnostics/api-errors.ts.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_ERRORS, apiErrorMessage } from '../../src/diagnostics/api-errors.js';
import { Desk, DeskError } from '../../src/desk/league.js';
import { ENGLISH, VIETNAMESE, withoutNames } from '../diagnostics/english.js';
import { TEST_REGISTRY_CSV } from '../units/registry.js';
import { fakeScore, fakeWorkbook, LONG_THANH, makeTestApp, uploadForm, type TestContext } from './fakes.js';

type AppName = 'bare' | 'registry';
interface Case {
  name: string;
  app: AppName;
  path: string;
  init?: () => RequestInit;
  status: number;
  code: string;
}

const json = (body: unknown): RequestInit => ({ method: 'POST', body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } });
const files = (count: number, fields: Record<string, string> = {}): FormData => {
  const form = new FormData();
  for (let i = 0; i < count; i++) form.append('file', new File([fakeWorkbook({ unit: { ...LONG_THANH, year: 2023 } }) as Uint8Array<ArrayBuffer>], `x${i}.xlsx`));
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  return form;
};

const CASES: Case[] = [
  { name: '404 an unknown submission', app: 'bare', path: '/api/submissions/0123456789abcdef0123', status: 404, code: 'not-found' },
  { name: '404 a submission id that is no id', app: 'bare', path: '/api/submissions/xyz', status: 404, code: 'not-found' },
  { name: '404 an unknown address', app: 'bare', path: '/api/nothing-here', status: 404, code: 'not-found' },
  { name: '404 the history of an unknown unit', app: 'bare', path: '/api/units/99999/history', status: 404, code: 'not-found' },
  { name: '404 a comparison without its upload', app: 'bare', path: '/api/compare?unit=99999&from=2022&to=2023', status: 404, code: 'not-found' },
  { name: '400 a comparison without its unit', app: 'bare', path: '/api/compare?from=2022&to=2023', status: 400, code: 'bad-request' },
  { name: '415 an upload that is not a form', app: 'bare', path: '/api/submissions', init: () => json({}), status: 415, code: 'unsupported-media-type' },
  {
    name: '400 an upload form cut short',
    app: 'bare',
    path: '/api/submissions',
    init: () => ({ method: 'POST', body: '--x\r\nContent-Disposition: form-data; name="file"; filename="a.xlsx"\r\n\r\nabc', headers: { 'Content-Type': 'multipart/form-data; boundary=x' } }),
    status: 400,
    code: 'bad-request',
  },
  { name: '400 an upload without its file', app: 'bare', path: '/api/submissions', init: () => ({ method: 'POST', body: files(0, { other: 'x' }) }), status: 400, code: 'bad-request' },
  { name: '400 an upload at confidence 2', app: 'bare', path: '/api/submissions', init: () => ({ method: 'POST', body: files(1, { confidence: '2' }) }), status: 400, code: 'bad-request' },
  { name: '415 a batch that is not a form', app: 'bare', path: '/api/batches', init: () => ({ method: 'POST', body: 'x', headers: { 'Content-Type': 'text/plain' } }), status: 415, code: 'unsupported-media-type' },
  { name: '413 a batch of too many files', app: 'bare', path: '/api/batches', init: () => ({ method: 'POST', body: files(3) }), status: 413, code: 'too-large' },
  { name: '400 a batch rolled up to a region', app: 'bare', path: '/api/batches', init: () => ({ method: 'POST', body: files(1, { rollup: 'region' }) }), status: 400, code: 'bad-request' },
  { name: '415 a registry as JSON', app: 'bare', path: '/api/units', init: () => json({}), status: 415, code: 'unsupported-media-type' },
  { name: '415 a plan as CSV', app: 'bare', path: '/api/plans', init: () => ({ method: 'POST', body: 'a,b', headers: { 'Content-Type': 'text/csv' } }), status: 415, code: 'unsupported-media-type' },
  { name: '415 a sign-in that is not JSON', app: 'bare', path: '/api/session', init: () => ({ method: 'POST', body: 'token=x', headers: { 'Content-Type': 'text/plain' } }), status: 415, code: 'unsupported-media-type' },
  { name: '400 a sign-in without its token', app: 'bare', path: '/api/session', init: () => json({ key: 'x' }), status: 400, code: 'bad-request' },
  { name: '404 a league without a registry', app: 'bare', path: '/api/league?unit=887&year=2024', status: 404, code: 'no-registry' },
  { name: '400 a league of a commune', app: 'registry', path: '/api/league?unit=98001&year=2024', status: 400, code: 'not-a-parent' },
  { name: '404 a league of a unit the registry does not know', app: 'registry', path: '/api/league?unit=99999&year=2024', status: 404, code: 'unknown-unit' },
  { name: '400 a league of the year 1900', app: 'registry', path: '/api/league?unit=98&year=1900', status: 400, code: 'bad-request' },
  { name: '500 a bug', app: 'bare', path: '/api/submissions', init: () => ({ method: 'POST', body: uploadForm(new Uint8Array([1]), 'boom.xlsx') }), status: 500, code: 'internal' },
];

const withLang = (path: string, lang: string) => `${path}${path.includes('?') ? '&' : '?'}lang=${lang}`;

/** What is left of a Vietnamese message to check for English: not the names it quotes ("file", paths, chiso commands). */
const ownWords = (message: string) => withoutNames(message);

describe('the service answers every refusal in the requester language', () => {
  const apps = {} as Record<AppName, TestContext>;
  beforeAll(async () => {
    const score: typeof fakeScore = async (input, options) => {
      if (options.fileName === 'boom.xlsx') throw new Error('a bug in the scoring');
      return fakeScore(input, options);
    };
    apps.bare = await makeTestApp({ score, limits: { maxBatchWorkbooks: 2 } });
    apps.registry = await makeTestApp();
    const loaded = await apps.registry.app.request('/api/units', { method: 'POST', headers: { 'Content-Type': 'text/csv' }, body: TEST_REGISTRY_CSV });
    expect(loaded.status).toBe(200);
  });
  afterAll(async () => {
    await apps.bare?.cleanup();
    await apps.registry?.cleanup();
  });

  it.each(CASES)('$name: Vietnamese by default, English with ?lang=en', async ({ app, path, init, status, code }) => {
    const vi = await apps[app].app.request(path, init?.());
    expect(vi.status).toBe(status);
    const viError = (await vi.json()).error;
    expect(viError.code).toBe(code);
    expect(viError.message).toMatch(VIETNAMESE);
    expect(ownWords(viError.message)).not.toMatch(ENGLISH);

    const en = await apps[app].app.request(withLang(path, 'en'), init?.());
    expect(en.status).toBe(status);
    const enError = (await en.json()).error;
    expect(enError.code).toBe(code);
    expect(enError.message).not.toMatch(VIETNAMESE);
    expect(enError.message).not.toBe(viError.message);
  });

  it('says which field was wrong and what it must be (written out by hand)', async () => {
    const vi = await (await apps.registry.app.request('/api/league?unit=98&year=1900')).json();
    expect(vi.error.message).toBe('yêu cầu có trường không hợp lệ, hãy sửa rồi gửi lại: "year" phải là một năm từ 2000 đến 2100');
    const en = await (await apps.registry.app.request('/api/league?unit=98&year=1900&lang=en')).json();
    expect(en.error.message).toBe('the request has fields that are not valid: "year" must be a year from 2000 to 2100');
    // Every wrong field, once each.
    const both = await (await apps.bare.app.request('/api/compare?unit=&from=x&to=2023&format=pdf')).json();
    expect(both.error.message).toBe(
      'yêu cầu có trường không hợp lệ, hãy sửa rồi gửi lại: "unit" còn thiếu: hãy ghi mã của đơn vị cần so sánh; "from" phải là một năm (ví dụ 2023) hoặc mã của một tệp đã gửi; "format" phải là json hoặc xlsx',
    );
    const batch = await (await apps.bare.app.request('/api/batches?lang=en', { method: 'POST', body: files(1, { rollup: 'region', confidence: '1.5' }) })).json();
    expect(batch.error.message).toBe('the request has fields that are not valid: "rollup" must be district or province (or left out); "confidence" must be a number between 0 and 1 (e.g. 0.95)');
  });

  it('413 for too many files names the count and the limit', async () => {
    const vi = await (await apps.bare.app.request('/api/batches', { method: 'POST', body: files(3) })).json();
    expect(vi.error.message).toBe('bộ tệp có 3 tệp, nhiều hơn giới hạn 2 tệp; hãy chia ra và gửi thành nhiều lần');
    const en = await (await apps.bare.app.request('/api/batches?lang=en', { method: 'POST', body: files(3) })).json();
    expect(en.error.message).toBe('the batch holds 3 files; the limit is 2 workbooks — send it in parts');
  });

  it('a registry refused (422) says its first error in the requester language, around the located problem', async () => {
    const bad = 'code,name,level,parent,from,to,predecessors\n98,Tỉnh Thử Nghiệm,planet,,,,\n';
    const vi = await (await apps.bare.app.request('/api/units', { method: 'POST', headers: { 'Content-Type': 'text/csv' }, body: bad })).json();
    expect(vi.error.code).toBe('invalid-registry');
    expect(vi.error.message).toMatch(/^danh mục đơn vị không được nhập, không có gì thay đổi: \S+ /);
    expect(vi.error.message).toContain(vi.error.problems[0].message);
    const en = await (await apps.bare.app.request('/api/units?lang=en', { method: 'POST', headers: { 'Content-Type': 'text/csv' }, body: bad })).json();
    expect(en.error.message).toMatch(/^the registry was not imported: \S+ /);
    expect(en.error.message).toContain(en.error.problems[0].message);
  });

  it('a 500 keeps the details in the server log, not in the answer', async () => {
    const res = await apps.bare.app.request('/api/submissions', { method: 'POST', body: uploadForm(new Uint8Array([1]), 'boom.xlsx') });
    expect((await res.json()).error).toEqual({ code: 'internal', message: API_ERRORS.internal.vi });
    expect(apps.bare.logs.join('\n')).toContain('a bug in the scoring');
  });
});

describe('DeskError', () => {
  it('carries its api-errors.ts text and parameters; its message is the English of that text', async () => {
    const ctx = await makeTestApp();
    try {
      const error = await new Desk(ctx.store).league('98', 2024).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DeskError);
      const desk = error as DeskError;
      expect([desk.status, desk.code, desk.textId]).toEqual([404, 'no-registry', 'no-registry']);
      expect(desk.message).toBe(API_ERRORS['no-registry'].en);
      expect(apiErrorMessage(desk.textId, 'vi', desk.params)).toBe(API_ERRORS['no-registry'].vi);
    } finally {
      await ctx.cleanup();
    }
  });
});

describe('the source', () => {
  const root = join(import.meta.dirname, '../../src');
  const sources = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
  // The service's side: src/web is the browser's, with its own message table (its own parity tests).
  const files = sources(root)
    .map((file) => ({ file: relative(root, file), text: readFileSync(file, 'utf8') }))
    .filter(({ file }) => !file.startsWith(`web${sep}`));

  it('builds no ApiError outside errors.ts and no JSON error body by hand: every message is an api-errors.ts text', () => {
    expect(files.length).toBeGreaterThan(50);
    const offenders = files
      .filter(({ file }) => file !== join('server', 'errors.ts'))
      .flatMap(({ file, text }) =>
        text
          .split('\n')
          .map((line, i) => ({ line, at: `${file}:${i + 1}` }))
          // `new ApiError(` at all (the constructor is private; this catches a cast around it), or an
          // `{ error: { code: …, message: '…' } }` written out, as the 500 and the bad Host header were.
          .filter(({ line }) => /new ApiError\(|error:\s*\{\s*code:\s*['"][^'"]+['"],\s*message:\s*['"`]/.test(line))
          .map(({ at }) => at),
      );
    expect(offenders).toEqual([]);
  });

  it('gives DeskError and MultipartError a text id, never a sentence', () => {
    const sentences = files.flatMap(({ file, text }) =>
      [...text.matchAll(/new (DeskError|MultipartError)\(([^)]*)\)/g)]
        .filter((m) => [...m[2].matchAll(/'([^']*)'|"([^"]*)"|`([^`]*)`/g)].some((q) => /\s/.test(q[1] ?? q[2] ?? q[3]))) // a quoted string with a space in it
        .map((m) => `${file}: ${m[0]}`),
    );
    expect(sentences).toEqual([]);
  });
});
