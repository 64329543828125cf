/**
 * Token sign-in in real headless Chromium: a service that requires tokens shows
 * the sign-in dialog, refuses a bad token, and after a good one the Explorer
 * lists exactly the units the token covers; downloads then work by plain links.
 */
import { mkdir, mkdtemp, copyFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createToken } from '../../src/server/auth.js';
import { startServer, type RunningServer } from '../../src/server/serve.js';
import { messages } from '../../src/web/i18n.js';
import { browserAvailable, buildWebInto, CHROMIUM, CHROMIUM_ARGS } from './browser.js';

const root = resolve(import.meta.dirname, '../..');
const shots = join(root, 'test-output/workbench');

describe.skipIf(!browserAvailable())('workbench sign-in with an access token', () => {
  let dir: string;
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'chiso-signin-'));
    const webDir = await buildWebInto(dir);
    const samples = join(dir, 'samples');
    await mkdir(samples);
    for (const name of ['long-thanh-2023.xlsx', 'lien-hoi-2024.xlsx']) await copyFile(join(root, 'samples', name), join(samples, name));
    server = await startServer({ port: 0, dataDir: join(dir, 'data'), samplesDir: samples, webDir, requireTokens: true, handleSignals: false, log: () => {} });
    await server.samples;
    await mkdir(shots, { recursive: true });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('asks for a token, refuses a wrong one, then shows only the units the token covers', async () => {
    const { token } = await createToken(server.store, 'unit', { unit: '30316' }); // Phường Long Thạnh
    // An English browser: the workbench is in Vietnamese all the same (issue 16).
    const page = await (await browser.newContext({ viewport: { width: 1200, height: 800 }, locale: 'en-US' })).newPage();
    await page.goto(server.url);
    const input = page.getByLabel(messages.vi.tokenLabel, { exact: true });
    await input.waitFor();
    await page.screenshot({ path: join(shots, '07-sign-in.png') });
    await input.fill('chiso_0000000000000000_wrong');
    await page.getByRole('button', { name: messages.vi.signInButton }).click();
    await expect.poll(() => page.locator('.signin-error').textContent()).toBe(messages.vi.signInFailed);
    await input.fill(token);
    await page.getByRole('button', { name: messages.vi.signInButton }).click();
    await page.locator('[role="treeitem"][aria-level="3"]').first().waitFor();
    const units = await page.locator('[role="treeitem"][aria-level="3"]').allTextContents();
    expect(units.join(' ')).toContain('Long Thạnh');
    expect(units.join(' ')).not.toContain('Liên Hội');
    // The cookie rides along with plain requests, as download links need.
    const submissions = await page.request.get(`${server.url}/api/submissions`);
    expect(submissions.status()).toBe(200);
    const cookies = await page.context().cookies();
    expect(cookies.find((c) => c.name === 'chiso_session')).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
  });
});
