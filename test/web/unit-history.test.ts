/**
 * The workbench's "Qua các năm" across a reorganisation (issue 14 item 6), in
 * headless Chromium against the real server: a 2025 merged commune with its
 * own 2025–2026 uploads and its predecessors' 2023–2024 ones draws a chart of
 * four years, lists the predecessors (a part one flagged), and its comparison
 * says approximate / incomplete. The screenshot goes to test-output/workbench/.
 */
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../src/server/serve.js';
import { messages } from '../../src/web/i18n.js';
import { TEST_REGISTRY_CSV } from '../units/registry.js';
import { workdir, type Row } from '../units/workbooks.js';
import { browserAvailable, buildWebInto, CHROMIUM, CHROMIUM_ARGS } from './browser.js';

const root = resolve(import.meta.dirname, '../..');
const shots = join(root, 'test-output/workbench');

describe.skipIf(!browserAvailable())('a unit across the years and its predecessors', () => {
  let dir: string;
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'chiso-web-history-'));
    const webDir = await buildWebInto(dir);
    server = await startServer({ port: 0, dataDir: join(dir, 'data'), samplesDir: null, webDir, handleSignals: false, log: () => {} });
    const post = (path: string, init: RequestInit) => fetch(`${server.url}${path}`, init);
    expect((await post('/api/units', { method: 'POST', body: TEST_REGISTRY_CSV, headers: { 'Content-Type': 'text/csv' } })).status).toBe(200);
    const w = workdir('chiso-web-history-wb-');
    const rows = (a: number, b: number): Row[] => [[1, a, b], [1, 1, 4], [1, 0, 3]];
    const uploads: [string, number, Row[]][] = [
      ['98001', 2023, rows(0, 2)], ['98001', 2024, rows(1, 3)], ['98003', 2024, rows(1, 5)],
      ['98101', 2025, rows(1, 4)], ['98101', 2026, rows(1, 5)],
    ];
    for (const [code, year, r] of uploads) {
      const form = new FormData();
      const name = `${code}-${year}.xlsx`;
      form.append('file', new File([await readFile(await w.workbook(name, { unit_code: code, year }, r))], name));
      expect((await post('/api/submissions', { method: 'POST', body: form })).status, name).toBe(201);
    }
    await mkdir(shots, { recursive: true });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('draws the total and dimensions by year with the predecessors, and flags the comparison', async () => {
    const page = await (await browser.newContext({ viewport: { width: 1366, height: 1000 }, locale: 'vi-VN' })).newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(server.url);
    // A 2025 commune stands directly under its province (level 2), not under a "–" district node (issue 14).
    await page.locator('[role="treeitem"][aria-level="2"]', { hasText: 'Xã An Bình' }).first().click();
    const section = page.locator('.scorecard-view:not([hidden]) .unit-section.history');
    await section.locator('canvas').waitFor();
    expect(await section.locator('h3').textContent()).toBe(messages.vi.history);
    expect(await section.locator('canvas').getAttribute('aria-label')).toBe(messages.vi.historyChart);
    const predecessorRows = await section.locator('table.predecessors tbody tr').allTextContents();
    // 98001 in 2023 and 2024 (whole), 98003 in 2024 (part); 98005 was never uploaded.
    expect(predecessorRows).toHaveLength(3);
    expect(predecessorRows.filter((r) => r.includes('98001') && r.includes(messages.vi.predecessorWhole))).toHaveLength(2);
    expect(predecessorRows.filter((r) => r.includes('98003') && r.includes(messages.vi.predecessorPart))).toHaveLength(1);
    // The chart has four years on its axis: 2023 … 2026.
    expect(await section.locator('figure.chart').getAttribute('data-years')).toBe('2023 2024 2025 2026');
    await section.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(shots, 'history-vi.png'), fullPage: true });

    // The comparison view offers the predecessors' years; 2024 → 2025 says what it pooled, approximate and incomplete.
    await page.getByRole('button', { name: messages.vi.compareYears }).first().click();
    const view = page.locator('.compare-view:not([hidden])');
    await view.locator('select').first().locator('option', { hasText: '2024' }).waitFor({ state: 'attached' });
    await view.locator('select').first().selectOption('2024');
    await view.locator('select').nth(1).selectOption('2025');
    await view.locator('p.note.approximate').waitFor();
    expect(await view.locator('p.note.approximate').textContent()).toBe(messages.vi.compareApproximate);
    expect(await view.locator('p.note.incomplete').textContent()).toBe(`${messages.vi.compareIncomplete} 98002`);
    expect(await view.locator('p.note.pooled').textContent()).toBe(`${messages.vi.comparePooled} 98001, 98003`);
    await page.screenshot({ path: join(shots, 'compare-merged-vi.png') });
    expect(errors).toEqual([]);
  });
});
