/**
 * The attacks of issue 19 in a real browser: a page on another origin (a second
 * local server, on another port: "same-site" to the browser) tries to upload
 * into a loopback chiso with a no-cors fetch, and to swap a signed-in
 * official's session with a text/plain form; a DNS-rebinding page
 * (evil.example mapped to 127.0.0.1 by --host-resolver-rules) tries to read.
 * The same requests from chiso's own page go through.
 */
import { createServer, type Server } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createToken } from '../../src/server/auth.js';
import { startServer, type RunningServer } from '../../src/server/serve.js';
import { fakeScore, fakeWorkbook } from '../server/fakes.js';
import { browserAvailable, CHROMIUM, CHROMIUM_ARGS } from './browser.js';

const WORKBOOK = new TextDecoder().decode(fakeWorkbook({ unit: { name: 'Long Thạnh', code: '26041', province: 'Đồng Nai', district: 'Long Thành', year: 2023 } }));

/** The attacker's pages, each aimed at `target` (chiso's URL). */
function attackerPages(target: string): Record<string, string> {
  return {
    '/upload': `<!doctype html><title>wait</title><script>
      const form = new FormData();
      form.append('file', new Blob([${JSON.stringify(WORKBOOK)}]), 'evil.xlsx');
      fetch(${JSON.stringify(`${target}/api/submissions`)}, { method: 'POST', mode: 'no-cors', body: form })
        .then(() => (document.title = 'sent'), () => (document.title = 'sent'));
    </script>`,
    // enctype text/plain writes name=value: the name carries JSON, the value closes it.
    // The attacker's own valid token (an official of another commune) comes in the query.
    '/session': `<!doctype html><form method="POST" enctype="text/plain" action=${JSON.stringify(`${target}/api/session`)}>
      <input></form><script>
      const input = document.querySelector('input');
      input.name = '{"token":"' + new URLSearchParams(location.search).get('t') + '","x":"';
      input.value = '"}';
      document.forms[0].submit();
    </script>`,
  };
}

async function listen(server: Server): Promise<number> {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return (server.address() as AddressInfo).port;
}

describe.skipIf(!browserAvailable())('cross-site requests and DNS rebinding in Chromium', () => {
  let dir: string;
  let single: RunningServer;
  let tokens: RunningServer;
  let attacker: Server;
  let attackerUrl: string;
  let browser: Browser;
  const pagesFor = new Map<string, Record<string, string>>();

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'chiso-xsite-'));
    const common = { port: 0, samplesDir: null, webDir: null, handleSignals: false, log: () => {}, deps: { score: fakeScore } } as const;
    single = await startServer({ ...common, dataDir: join(dir, 'single') });
    tokens = await startServer({ ...common, dataDir: join(dir, 'tokens'), requireTokens: true });
    attacker = createServer((req, res) => {
      const [, which, path] = /^\/(single|tokens)(\/\w+)(?:\?.*)?$/.exec(req.url ?? '') ?? [];
      const html = which ? pagesFor.get(which)?.[path] : undefined;
      res.writeHead(html ? 200 : 404, { 'Content-Type': 'text/html' }).end(html ?? 'no');
    });
    attackerUrl = `http://127.0.0.1:${await listen(attacker)}`;
    pagesFor.set('single', attackerPages(single.url));
    pagesFor.set('tokens', attackerPages(tokens.url));
    browser = await chromium.launch({ executablePath: CHROMIUM, args: [...CHROMIUM_ARGS, '--host-resolver-rules=MAP evil.example 127.0.0.1'] });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise((r) => attacker?.close(r));
    await single?.close();
    await tokens?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('a no-cors upload from another origin stores nothing', async () => {
    const page = await browser.newPage();
    const seen: number[] = [];
    page.on('response', (r) => r.url().startsWith(single.url) && seen.push(r.status()));
    await page.goto(`${attackerUrl}/single/upload`);
    await page.waitForFunction(() => document.title === 'sent');
    expect(seen).toEqual([403]); // it reached the server, which refused it
    expect(await single.store.list()).toEqual([]);
    await page.close();
  });

  it('a text/plain form cannot replace the session of a signed-in official', async () => {
    const { token } = await createToken(tokens.store, 'unit', { unit: '26041' });
    const { token: attackerToken } = await createToken(tokens.store, 'unit', { unit: '30001' });
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(tokens.url);
    const signIn = await page.evaluate(
      async (t) => (await fetch('/api/session', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ token: t }) })).status,
      token,
    );
    expect(signIn).toBe(200);
    const attack = await context.newPage();
    const answer = attack.waitForResponse((r) => r.url() === `${tokens.url}/api/session`);
    await attack.goto(`${attackerUrl}/tokens/session?t=${attackerToken}`);
    expect((await answer).status()).toBe(403);
    // Still signed in as the official, not as the attacker.
    const who = await page.evaluate(async () => (await fetch('/api/whoami')).json());
    expect(who).toMatchObject({ scope: 'unit', target: { unit: '26041' } });
    await context.close();
  });

  it('a DNS-rebinding page (evil.example → 127.0.0.1) gets 421 and no data', async () => {
    const first = await fetch(`${single.url}/api/submissions`, { method: 'POST', body: (() => {
      const f = new FormData();
      f.append('file', new Blob([WORKBOOK]), 'Long Thạnh 2023.xlsx');
      return f;
    })() });
    expect(first.status).toBe(201); // curl-like: no Origin, no Sec-Fetch-Site
    const port = new URL(single.url).port;
    const page = await browser.newPage();
    const response = await page.goto(`http://evil.example:${port}/`);
    expect(response?.status()).toBe(421);
    // Now same-origin to the browser: only the Host header gives it away.
    const read = await page.evaluate(async () => {
      const res = await fetch('/api/submissions');
      return { status: res.status, body: await res.text() };
    });
    expect(read.status).toBe(421);
    expect(read.body).not.toContain('Long');
    await page.close();
  });

  it("chiso's own page uploads as before", async () => {
    const page = await browser.newPage();
    await page.goto(single.url);
    const status = await page.evaluate(async (text) => {
      const form = new FormData();
      form.append('file', new Blob([text.replace('2023', '2024')]), 'Long Thạnh 2024.xlsx');
      return (await fetch('/api/submissions', { method: 'POST', body: form })).status;
    }, WORKBOOK);
    expect(status).toBe(201);
    await page.close();
  });
});
