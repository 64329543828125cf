/**
 * Hygiene (issue 19, item 5): file names capped and cleaned, downloads always
 * .xlsx, every error JSON without a stack or a path, the store owner-only,
 * HTTPS directly (--tls-cert/--tls-key) or behind a trusted proxy.
 */
import { execFileSync } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { request as httpsRequest } from 'node:https';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createToken } from '../../src/server/auth.js';
import { safeFileName } from '../../src/server/content-disposition.js';
import { API_METHODS } from '../../src/server/guard/methods.js';
import { startServer, type RunningServer } from '../../src/server/serve.js';
import { fakeScore, fakeWorkbook, LONG_THANH, makeTestApp, REPORT_BYTES, uploadForm, type TestContext } from './fakes.js';

let ctx: TestContext | undefined;
afterEach(async () => {
  await ctx?.cleanup();
  ctx = undefined;
});

describe('file names', () => {
  it('caps a 100,000-character upload name at 200 characters without control characters, and the header stays small', async () => {
    ctx = await makeTestApp();
    const long = `${'Long Thạnh\u0007\u001b[31m\u202e'.repeat(10_000)}.xlsx`;
    const res = await ctx.app.request('/api/submissions', { method: 'POST', body: uploadForm(fakeWorkbook({ unit: { ...LONG_THANH, year: 2023 } }), long) });
    expect(res.status).toBe(201);
    const { id } = await res.json();
    const stored = (await ctx.store.get(id))!.fileName;
    expect([...stored].length).toBeLessThanOrEqual(200);
    expect(stored).toMatch(/^Long Thạnh/);
    expect(stored.endsWith('.xlsx')).toBe(true);
    // eslint-disable-next-line no-control-regex
    expect(stored).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202e]/);
    const download = await ctx.app.request(`/api/submissions/${id}/input.xlsx`);
    expect(download.headers.get('Content-Disposition')!.length).toBeLessThan(2000);
  });

  it('names every download .xlsx, whatever the upload was called', async () => {
    ctx = await makeTestApp();
    const res = await ctx.app.request('/api/submissions', { method: 'POST', body: uploadForm(fakeWorkbook({ unit: { ...LONG_THANH, year: 2023 } }), 'payload.html') });
    const { id } = await res.json();
    const cd = (await ctx.app.request(`/api/submissions/${id}/input.xlsx`)).headers.get('Content-Disposition')!;
    expect(cd).toBe(`attachment; filename="payload.xlsx"; filename*=UTF-8''payload.xlsx`);
  });

  it('safeFileName keeps the extension when it cuts', () => {
    const name = safeFileName(`${'a'.repeat(300)}.xlsx`);
    expect(name).toBe(`${'a'.repeat(195)}.xlsx`);
    expect(safeFileName('\u0000\u0001')).toBe('download');
  });
});

describe('every error is JSON, with no stack trace and no path', () => {
  const noLeak = (text: string) => {
    expect(text).not.toMatch(/\bat \S+ \(|node_modules|\/tmp\/|\/work\/|\.ts:\d+/);
  };

  it('404 routes, 405 methods, malformed multipart, oversize, wrong type', async () => {
    ctx = await makeTestApp({ limits: { maxFileBytes: 1000 } });
    const cases: [string, RequestInit, number][] = [
      ['/api/nothing', {}, 404],
      [`/api/${'x'.repeat(5000)}`, {}, 404],
      ['/no/such/page.html', {}, 404],
      ['/api/whoami', { method: 'POST' }, 405],
      ['/api/submissions', { method: 'PUT' }, 405],
      ['/', { method: 'POST' }, 405],
      ['/api/submissions', { method: 'POST', body: '--x\r\nContent-Disposition: form-data; name="file"; filename="a"\r\n\r\nabc', headers: { 'Content-Type': 'multipart/form-data; boundary=x' } }, 400],
      ['/api/submissions', { method: 'POST', body: 'x'.repeat(200_000), headers: { 'Content-Type': 'multipart/form-data; boundary=x' } }, 413],
      ['/api/submissions', { method: 'POST', body: '{}', headers: { 'Content-Type': 'application/json' } }, 415],
      ['/api/session', { method: 'POST', body: 'token=x', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } }, 415],
      ['/api/session', { method: 'POST', body: '{"token":"x"}', headers: { 'Content-Type': 'text/plain' } }, 415],
    ];
    for (const [path, init, status] of cases) {
      const res = await ctx.app.request(path, init);
      expect(res.status, `${init.method ?? 'GET'} ${path.slice(0, 40)}`).toBe(status);
      expect(res.headers.get('Content-Type')).toMatch(/^application\/json/);
      const text = await res.text();
      noLeak(text);
      expect(text.length).toBeLessThan(1000);
      expect(JSON.parse(text).error.code).toMatch(/^[a-z-]+$/);
    }
  });

  it('the 405 table names only routes the app has (each answers something other than 404 or 405)', async () => {
    ctx = await makeTestApp();
    const sample = (pattern: RegExp) =>
      pattern.source.replace(/^\^\\\//, '/').replace(/\$$/, '').replace(/\\\//g, '/').replace(/\(\\\.xlsx\)\?/, '').replace(/\[\^\/\]\+/g, '0123456789abcdef01234567').replace(/\((\w+)\|\w+\)/, '$1').replace(/\\\./g, '.');
    for (const [pattern, methods] of API_METHODS) {
      const path = sample(pattern);
      expect(pattern.test(path), path).toBe(true);
      for (const method of methods) {
        const res = await ctx.app.request(path, { method, headers: { 'Content-Type': 'application/json' }, body: method === 'GET' ? undefined : '{}' });
        expect(res.status, `${method} ${path}`).not.toBe(405);
      }
    }
  });
});

describe('the store is owner-only', () => {
  it('creates the data directory 0700 and its files 0600, and tightens what was left readable', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'chiso-perm-'));
    const dataDir = join(dir, 'data');
    await mkdir(dataDir, { mode: 0o755 });
    await writeFile(join(dataDir, 'old.txt'), 'x');
    await chmod(join(dataDir, 'old.txt'), 0o644);
    await chmod(dataDir, 0o755);
    const server = await startServer({ port: 0, dataDir, samplesDir: null, webDir: null, handleSignals: false, log: () => {}, deps: { score: fakeScore, renderReport: async () => REPORT_BYTES } });
    try {
      const res = await fetch(`${server.url}/api/submissions`, { method: 'POST', body: uploadForm(fakeWorkbook({ unit: { ...LONG_THANH, year: 2023 } })) });
      expect(res.status).toBe(201);
      expect((await stat(dataDir)).mode & 0o777).toBe(0o700);
      expect((await stat(join(dataDir, 'old.txt'))).mode & 0o777).toBe(0o600);
      const { readdir } = await import('node:fs/promises');
      const walk = async (d: string): Promise<string[]> =>
        (await Promise.all((await readdir(d, { withFileTypes: true })).map((e) => (e.isDirectory() ? walk(join(d, e.name)).then((x) => [join(d, e.name), ...x]) : [join(d, e.name)])))).flat();
      const entries = await walk(dataDir);
      expect(entries.length).toBeGreaterThan(2);
      for (const entry of entries) expect((await stat(entry)).mode & 0o077, entry).toBe(0);
    } finally {
      await server.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('HTTPS', () => {
  let dir: string;
  let cert: Buffer;
  let key: Buffer;
  let server: RunningServer;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'chiso-tls-'));
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'), '-days', '1', '-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1'], { stdio: 'ignore' });
    cert = await readFile(join(dir, 'cert.pem'));
    key = await readFile(join(dir, 'key.pem'));
    server = await startServer({ port: 0, host: '127.0.0.1', requireTokens: true, dataDir: join(dir, 'data'), samplesDir: null, webDir: null, handleSignals: false, log: () => {}, tls: { cert, key } });
  }, 30_000);
  afterAll(async () => {
    await server?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const get = (path: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}) =>
    new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }>((resolveRequest, reject) => {
      const req = httpsRequest(`${server.url}${path}`, { ca: cert, method: init.method ?? 'GET', headers: init.headers }, (res) => {
        let body = '';
        res.on('data', (d) => (body += d));
        res.on('end', () => resolveRequest({ status: res.statusCode!, headers: res.headers, body }));
      });
      req.on('error', reject);
      req.end(init.body);
    });

  it('serves over TLS with --tls-cert/--tls-key and sets a Secure session cookie', async () => {
    expect(server.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const { token } = await createToken(server.store, 'admin');
    const res = await get('/api/session', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ token }) });
    expect(res.status).toBe(200);
    expect(String(res.headers['set-cookie'])).toMatch(/; Secure/);
  });
});

describe('behind a reverse proxy', () => {
  const signIn = async (headers: Record<string, string>) => {
    const { token } = await createToken(ctx!.store, 'admin');
    return ctx!.app.request('http://chiso.tinh.gov.vn/api/session', {
      method: 'POST',
      headers: { Host: 'chiso.tinh.gov.vn', 'Content-Type': 'application/json', ...headers },
      body: JSON.stringify({ token }),
    });
  };

  it('believes X-Forwarded-Proto only with --trust-proxy', async () => {
    ctx = await makeTestApp({ auth: { mode: 'tokens' }, network: { loopback: false, trustProxy: true } });
    expect((await signIn({ 'X-Forwarded-Proto': 'https' })).headers.get('Set-Cookie')).toMatch(/; Secure/);
    expect((await signIn({ 'X-Forwarded-Proto': 'http' })).headers.get('Set-Cookie')).not.toMatch(/Secure/);
    await ctx.cleanup();
    ctx = await makeTestApp({ auth: { mode: 'tokens' }, network: { loopback: false, trustProxy: false } });
    expect((await signIn({ 'X-Forwarded-Proto': 'https' })).headers.get('Set-Cookie')).not.toMatch(/Secure/);
  });
});

describe('a Host header that is not a host', () => {
  it('is answered 400 JSON by the real server (node-server would send an empty 400), in the language of ?lang=', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'chiso-host-'));
    const server = await startServer({ port: 0, dataDir: join(dir, 'data'), samplesDir: null, webDir: null, handleSignals: false, log: () => {} });
    try {
      const { port } = new URL(server.url);
      const ask = (target: string) =>
        new Promise<string>((resolveRaw, reject) => {
          const socket = connect(Number(port), '127.0.0.1', () => socket.end(`GET ${target} HTTP/1.1\r\nHost: a b/c\r\nConnection: close\r\n\r\n`));
          let text = '';
          socket.on('data', (d) => (text += d));
          socket.on('end', () => resolveRaw(text));
          socket.on('error', reject);
        });
      const raw = await ask('/api/whoami');
      expect(raw).toMatch(/^HTTP\/1\.1 400/);
      expect(raw).toContain('application/json');
      const body = (raw: string) => JSON.parse(raw.slice(raw.indexOf('\r\n\r\n') + 4));
      expect(body(raw).error).toEqual({ code: 'bad-request', message: 'tiêu đề Host của yêu cầu không phải tên máy hợp lệ; hãy mở chiso bằng đúng địa chỉ của máy chủ' });
      expect(body(await ask('/api/whoami?lang=en')).error).toEqual({ code: 'bad-request', message: 'the Host header is not a host name' });
    } finally {
      await server.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
