/**
 * Loopback hardening through app.request with raw headers (issue 19, item 1):
 * DNS rebinding (a page at http://evil.example:8787 resolving to 127.0.0.1)
 * sends Host: evil.example:8787; a cross-site form or fetch sends an Origin of
 * another site or Sec-Fetch-Site: cross-site / same-site. The Chromium test
 * (test/web/cross-site.test.ts) sends the same through a real browser.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { isCrossSite, isLoopbackHost } from '../../src/server/guard/host.js';
import { fakeWorkbook, LONG_THANH, makeTestApp, uploadForm, type TestContext } from './fakes.js';

let ctx: TestContext;
afterEach(async () => {
  await ctx?.cleanup();
});

const PORT = 8787;
const loopbackApp = () => makeTestApp({ network: { loopback: true, port: () => PORT } });
const at = (path: string) => `http://127.0.0.1:${PORT}${path}`;

async function storedCount(): Promise<number> {
  return (await ctx.store.list()).length;
}

describe('Host on a loopback server', () => {
  it('refuses a DNS-rebinding read: Host evil.example:8787 gets 421 and no data', async () => {
    ctx = await loopbackApp();
    const ok = await ctx.app.request(at('/api/submissions'), { method: 'POST', body: uploadForm(fakeWorkbook({ unit: { ...LONG_THANH, year: 2023 } })) });
    expect(ok.status).toBe(201);
    const { id } = await ok.json();

    for (const path of ['/api/submissions', `/api/submissions/${id}`, `/api/submissions/${id}/input.xlsx`, '/api/units', '/']) {
      const res = await ctx.app.request(at(path), { headers: { Host: 'evil.example:8787' } });
      expect(res.status, path).toBe(421);
      const body = await res.json();
      expect(body.error.code).toBe('wrong-host');
      expect(JSON.stringify(body)).not.toContain('Long');
    }
  });

  it('refuses a rebinding write: the upload is not stored', async () => {
    ctx = await loopbackApp();
    const res = await ctx.app.request(at('/api/submissions'), {
      method: 'POST',
      body: uploadForm(fakeWorkbook({ unit: { ...LONG_THANH, year: 2023 } })),
      headers: { Host: 'evil.example:8787' },
    });
    expect(res.status).toBe(421);
    expect(await storedCount()).toBe(0);
  });

  it('answers the loopback names with the right port, and refuses another port', async () => {
    ctx = await loopbackApp();
    for (const host of ['127.0.0.1:8787', 'localhost:8787', 'LOCALHOST:8787', '[::1]:8787']) {
      const res = await ctx.app.request(at('/api/whoami'), { headers: { Host: host } });
      expect(res.status, host).toBe(200);
    }
    for (const host of ['127.0.0.1:9999', 'localhost', '127.0.0.2:8787', '127.0.0.1.evil.example:8787', 'localhost.:8787', '0.0.0.0:8787', '']) {
      const res = await ctx.app.request(at('/api/whoami'), { headers: { Host: host } });
      expect(res.status, host).toBe(421);
    }
  });

  it('is not applied off loopback (tokens decide access there)', async () => {
    ctx = await makeTestApp({ network: { loopback: false }, auth: { mode: 'tokens' } });
    const res = await ctx.app.request('http://chiso.tinh.gov.vn/api/template.xlsx', { headers: { Host: 'chiso.tinh.gov.vn' } });
    expect(res.status).toBe(200);
  });
});

describe('cross-site requests that change things', () => {
  const upload = (headers: Record<string, string>) =>
    ctx.app.request(at('/api/submissions'), {
      method: 'POST',
      body: uploadForm(fakeWorkbook({ unit: { ...LONG_THANH, year: 2023 } })),
      headers: { Host: `127.0.0.1:${PORT}`, ...headers },
    });

  it('refuses an upload from another site (Origin) and stores nothing', async () => {
    ctx = await loopbackApp();
    for (const origin of ['http://evil.example', 'http://127.0.0.1:9999', 'http://localhost:8787', 'null', 'file://']) {
      const res = await upload({ Origin: origin });
      expect(res.status, origin).toBe(403);
      expect((await res.json()).error.code).toBe('cross-site');
    }
    expect(await storedCount()).toBe(0);
  });

  it('refuses what Sec-Fetch-Site marks cross-site or same-site (another port of this machine)', async () => {
    ctx = await loopbackApp();
    for (const site of ['cross-site', 'same-site']) expect((await upload({ 'Sec-Fetch-Site': site })).status, site).toBe(403);
    // Same Origin but the fetch metadata says cross-site: refused (both must agree).
    expect((await upload({ Origin: `http://127.0.0.1:${PORT}`, 'Sec-Fetch-Site': 'cross-site' })).status).toBe(403);
    expect(await storedCount()).toBe(0);
  });

  it('refuses a cross-site sign-out and session swap', async () => {
    ctx = await loopbackApp();
    const del = await ctx.app.request(at('/api/session'), { method: 'DELETE', headers: { Origin: 'http://evil.example' } });
    expect(del.status).toBe(403);
    const post = await ctx.app.request(at('/api/session'), {
      method: 'POST',
      body: JSON.stringify({ token: 'x' }),
      headers: { 'Content-Type': 'application/json', Origin: 'http://evil.example' },
    });
    expect(post.status).toBe(403);
  });

  it('allows the workbench itself (same origin) and scripts (neither header)', async () => {
    ctx = await loopbackApp();
    expect((await upload({ Origin: `http://127.0.0.1:${PORT}`, 'Sec-Fetch-Site': 'same-origin' })).status).toBe(201);
    // The same bytes again from curl: the existing submission.
    expect((await upload({})).status).toBe(200);
    expect(await storedCount()).toBe(1);
  });

  it('lets reads from anywhere through to the Host check (a cross-site GET cannot read the answer anyway)', async () => {
    ctx = await loopbackApp();
    const res = await ctx.app.request(at('/api/whoami'), { headers: { Host: `127.0.0.1:${PORT}`, 'Sec-Fetch-Site': 'cross-site' } });
    expect(res.status).toBe(200);
  });

  it('refuses cross-site writes in token mode too (the session cookie would otherwise ride along)', async () => {
    ctx = await makeTestApp({ auth: { mode: 'tokens' }, network: { loopback: false } });
    const res = await ctx.app.request('http://chiso.tinh.gov.vn/api/submissions', {
      method: 'POST',
      body: uploadForm(fakeWorkbook({ unit: { ...LONG_THANH, year: 2023 } })),
      headers: { Host: 'chiso.tinh.gov.vn', Origin: 'https://evil.example' },
    });
    expect(res.status).toBe(403);
    expect(await storedCount()).toBe(0);
  });
});

describe('the header rules', () => {
  it('isLoopbackHost: name and port', () => {
    expect(isLoopbackHost('127.0.0.1:80', undefined)).toBe(true);
    expect(isLoopbackHost('127.0.0.1', 80)).toBe(true); // no port in Host means 80
    expect(isLoopbackHost('evil.example', undefined)).toBe(false);
    expect(isLoopbackHost('[::1]:1', 1)).toBe(true);
    expect(isLoopbackHost('user@127.0.0.1:1', 1)).toBe(false);
  });

  it('isCrossSite: default ports filled in, schemes other than http(s) refused', () => {
    expect(isCrossSite({ origin: 'https://x.vn', host: 'x.vn:443' })).toBe(false);
    expect(isCrossSite({ origin: 'http://x.vn', host: 'x.vn' })).toBe(false);
    expect(isCrossSite({ origin: 'http://x.vn:8080', host: 'x.vn' })).toBe(true);
    expect(isCrossSite({ origin: 'file://', host: 'x.vn' })).toBe(true);
    expect(isCrossSite({ secFetchSite: 'none', host: 'x.vn' })).toBe(false);
    expect(isCrossSite({ host: 'x.vn' })).toBe(false);
  });
});
