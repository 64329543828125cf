/**
 * The API's error messages (src/diagnostics/api-errors.ts): both languages
 * for every code, the same placeholders in each, and the service answering in
 * the requester's language (Vietnamese unless ?lang=en).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { API_ERRORS, apiErrorMessage } from '../../src/diagnostics/api-errors.js';
import { scoreInput } from '../../src/pipeline.js';
import { fakeWorkbook, LONG_THANH, makeTestApp, uploadForm, type TestContext } from '../server/fakes.js';
import { ENGLISH, VIETNAMESE, withoutNames } from './english.js';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
/** A Vietnamese text's own words: without its placeholders, the names it quotes (english.ts) and sheet names ("trang Units"). */
const ownWords = (s: string) => withoutNames(s.replace(/\{\w+\}/g, '')).replace(/\btrang [A-Z]\w*/g, '');

describe('API error catalogue', () => {
  it('has a Vietnamese and an English message for each text, with the same placeholders, and no English in the Vietnamese', () => {
    for (const [code, entry] of Object.entries(API_ERRORS)) {
      expect(entry.vi, code).not.toBe(entry.en);
      expect(entry.vi.trim(), code).not.toBe('');
      expect(placeholders(entry.vi), code).toEqual(placeholders(entry.en));
      // Vietnamese text has Vietnamese letters (a copy of the English would not).
      expect(entry.vi, code).toMatch(VIETNAMESE);
      expect(ownWords(entry.vi), code).not.toMatch(ENGLISH);
    }
  });

  it('uses the terms of docs/vietnamese.md, not the words it lists as "not"', () => {
    const not = /sổ tính|sổ đăng ký|\bnộp\b|vấn đề|mục tiêu|khung chỉ số|bàn làm việc|\bKTC\b|phiếu hỏi|cơ sở dữ liệu/i;
    for (const [code, entry] of Object.entries(API_ERRORS)) expect(entry.vi, code).not.toMatch(not);
  });

  it('the English-word check bites on the English texts', () => {
    for (const code of ['upload-wrong-type', 'no-registry', 'too-many-files', 'invalid-fields'] as const) expect(ownWords(API_ERRORS[code].en), code).toMatch(ENGLISH);
  });

  it('has no text the service does not use (each is named in src/ besides api-errors.ts)', () => {
    const root = join(import.meta.dirname, '../../src');
    const sources = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') && e.name !== 'api-errors.ts' ? [join(dir, e.name)] : []));
    const text = sources(root).map((file) => readFileSync(file, 'utf8')).join('\n');
    const unused = Object.keys(API_ERRORS).filter((code) => !text.includes(`'${code}'`));
    expect(unused).toEqual([]);
  });

  it('fills placeholders in each language', () => {
    expect(apiErrorMessage('busy', 'vi', { seconds: 10 })).toBe('máy chủ đang chấm nhiều tệp nhất có thể và hàng chờ đã đầy; hãy gửi lại sau 10 giây');
    expect(apiErrorMessage('timeout', 'en', { seconds: 60 })).toBe('the work took longer than 60 s and was stopped; nothing was stored. Try again later or split the file');
  });
});

describe('the service answers errors in the requester language', () => {
  let ctx: TestContext;
  afterEach(async () => {
    await ctx?.cleanup();
  });
  const PORT = 8787;
  const at = (path: string) => `http://127.0.0.1:${PORT}${path}`;

  it('wrong-host (421) and cross-site (403): Vietnamese by default, English with ?lang=en', async () => {
    ctx = await makeTestApp({ network: { loopback: true, port: () => PORT } });
    const vi = await (await ctx.app.request(at('/api/whoami'), { headers: { Host: 'evil.example:8787' } })).json();
    expect(vi.error).toEqual({ code: 'wrong-host', message: API_ERRORS['wrong-host'].vi });
    const en = await (await ctx.app.request(at('/api/whoami?lang=en'), { headers: { Host: 'evil.example:8787' } })).json();
    expect(en.error.message).toBe(API_ERRORS['wrong-host'].en);

    const cross = await ctx.app.request(at('/api/submissions?lang=vi'), {
      method: 'POST',
      body: uploadForm(fakeWorkbook({ unit: { ...LONG_THANH, year: 2023 } })),
      headers: { Origin: 'http://evil.example' },
    });
    expect(cross.status).toBe(403);
    expect((await cross.json()).error).toEqual({ code: 'cross-site', message: API_ERRORS['cross-site'].vi });
  });

  it('method-not-allowed (405) names the method and what is allowed, in each language', async () => {
    ctx = await makeTestApp();
    const res = await ctx.app.request('/api/whoami', { method: 'DELETE' });
    expect(res.status).toBe(405);
    const allow = res.headers.get('Allow') ?? '';
    const body = await res.json();
    expect(body.error.code).toBe('method-not-allowed');
    expect(body.error.message).toBe(`không dùng được DELETE ở địa chỉ này; hãy dùng ${allow.split(/,\s*/).join(' / ')}`);
    const en = await (await ctx.app.request('/api/whoami?lang=en', { method: 'DELETE' })).json();
    expect(en.error.message).toBe(`DELETE is not allowed here; use ${allow.split(/,\s*/).join(' / ')}`);
  });

  it('an upload refused as unscorable: the message and its problems in one language (it was an English prefix before a Vietnamese reason)', async () => {
    ctx = await makeTestApp({ score: (input, options) => scoreInput(input, options) }); // the real pipeline, its real problem
    const bytes = new TextEncoder().encode('ghi chú, không phải sổ tính');
    const vi = await ctx.app.request('/api/submissions', { method: 'POST', body: uploadForm(bytes, 'ghi-chu.xlsx') });
    expect(vi.status).toBe(422);
    const viBody = (await vi.json()).error;
    expect(viBody.code).toBe('unscorable');
    // Written out by hand: api-errors.ts 'unscorable-workbook' around the catalogue's not-a-workbook text.
    expect(viBody.message).toMatch(/^không chấm được tệp này: đây không phải tệp Excel \(\.xlsx\)/);
    expect(viBody.problems[0].message).toMatch(/^đây không phải tệp Excel/);
    const en = await ctx.app.request('/api/submissions?lang=en', { method: 'POST', body: uploadForm(bytes, 'notes.xlsx') });
    const enBody = (await en.json()).error;
    expect(enBody.message).toMatch(/^the workbook could not be scored: this is not an Excel workbook \(\.xlsx\)/);
    expect(enBody.problems[0].message).toMatch(/^this is not an Excel workbook/);
  });

  it('sign-in refusals (401) in the requester language', async () => {
    ctx = await makeTestApp({ auth: { mode: 'tokens' } });
    const none = await ctx.app.request('/api/submissions');
    expect(none.status).toBe(401);
    expect((await none.json()).error).toEqual({ code: 'unauthorized', message: 'dịch vụ này cần mã truy cập: đăng nhập trên trang làm việc, hoặc gửi kèm "Authorization: Bearer <mã truy cập>"' });
    const wrong = await ctx.app.request('/api/session?lang=en', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ token: 'chiso_0000000000000000_wrong' }) });
    expect(wrong.status).toBe(401);
    expect((await wrong.json()).error.message).toBe('this access token is not valid (wrong, expired or revoked)');
  });
});
