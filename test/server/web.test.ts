import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestApp, type TestContext } from './fakes.js';

let root: string;
let ctx: TestContext;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'chiso-web-'));
  await mkdir(join(root, 'web', 'assets'), { recursive: true });
  await writeFile(join(root, 'web', 'index.html'), '<!doctype html><title>workbench</title>');
  await writeFile(join(root, 'web', 'assets', 'app-1a2b3c4d5e.js'), 'console.log(1)');
  await writeFile(join(root, 'secret.txt'), 'outside the web root');
  ctx = await makeTestApp({ webDir: join(root, 'web') });
});
afterAll(async () => {
  await ctx.cleanup();
  await rm(root, { recursive: true, force: true });
});

describe('the workbench files', () => {
  it('serves index.html, hashed assets and client-side routes', async () => {
    const home = await ctx.app.request('/');
    expect(await home.text()).toContain('workbench');
    expect(home.headers.get('Content-Type')).toBe('text/html; charset=utf-8');
    const asset = await ctx.app.request('/assets/app-1a2b3c4d5e.js');
    expect(asset.headers.get('Content-Type')).toBe('text/javascript; charset=utf-8');
    expect(asset.headers.get('Cache-Control')).toContain('immutable');
    expect(await (await ctx.app.request('/units/26041')).text()).toContain('workbench');
    expect((await ctx.app.request('/assets/missing.js')).status).toBe(404);
  });

  it('never serves a file outside the web directory', async () => {
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/%2e%2e%2f%2e%2e%2fsecret.txt', '/%00.js']) {
      const res = await ctx.app.request(path);
      expect(await res.text()).not.toContain('outside the web root');
    }
  });
});
