/**
 * A 20,000-respondent workbook in the grid: only the visible cells are in the
 * DOM while it scrolls from top to bottom, and the last row is reached. How
 * long frames take is a measurement, not a test (it depends on the machine's
 * load): it is not asserted here.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../src/server/serve.js';
import { repeatResponses } from './big-workbook.js';
import { browserAvailable, buildWebInto, CHROMIUM, CHROMIUM_ARGS } from './browser.js';

const root = resolve(import.meta.dirname, '../..');
const ROWS = 20_000;
const hasBrowser = browserAvailable();

describe.skipIf(!hasBrowser)('virtual grid with 20,000 rows', () => {
  let dir: string;
  let server: RunningServer;
  let browser: Browser;
  let id: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'chiso-grid-'));
    const webDir = await buildWebInto(dir);
    server = await startServer({ port: 0, dataDir: join(dir, 'data'), samplesDir: null, webDir, handleSignals: false, log: () => {}, limits: { maxFileBytes: 100 * 1024 * 1024 } });
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(await repeatResponses(join(root, 'samples/long-thanh-2023.xlsx'), ROWS))]), 'big.xlsx');
    const response = await fetch(`${server.url}/api/submissions`, { method: 'POST', body: form });
    expect(response.status).toBeLessThan(300);
    id = ((await response.json()) as { id: string }).id;
    expect(id).toBeTruthy();
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('renders only visible cells and scrolls to the last row with short frames', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(server.url);
    await page.locator('[role="treeitem"]').first().waitFor();
    // Open the scores, then the grid.
    await page.evaluate(() => {
      for (const el of Array.from(document.querySelectorAll<HTMLElement>('[role="treeitem"][aria-expanded="false"]'))) el.click();
    });
    await page.locator('[role="treeitem"][aria-level="4"]').first().click();
    await page.locator('[role="treeitem"][aria-level="5"]').first().click();
    await page.locator('.scorecard-view:not([hidden]) .total-score').waitFor({ timeout: 30_000 });
    await page.locator('.scorecard-view:not([hidden]) button[data-action="open-grid"]').click();
    const body = page.locator('.grid-view:not([hidden]) .grid-body');
    await body.waitFor({ timeout: 60_000 });
    expect(Number(await body.getAttribute('aria-rowcount'))).toBe(ROWS + 1);

    // Scroll in 120 steps; the most cells the DOM held at any step is what virtualisation bounds.
    const mostCells = await page.evaluate(async () => {
      const el = document.querySelector<HTMLElement>('.grid-view:not([hidden]) .grid-body')!;
      let most = 0;
      const step = el.scrollHeight / 120;
      for (let i = 1; i <= 120; i++) {
        el.scrollTop = step * i;
        await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
        most = Math.max(most, el.querySelectorAll('.grid-cell').length);
      }
      return most;
    });
    const lastRow = page.locator(`.grid-view:not([hidden]) .grid-cell[data-addr="A${ROWS + 1}"]`);
    await lastRow.waitFor();
    // A 1440×900 window shows ~40 rows × ~20 columns; all 20,001 rows × 150 columns would be 3 million cells.
    expect(mostCells).toBeGreaterThan(100);
    expect(mostCells).toBeLessThan(2000);
    await page.close();
  }, 120_000);
});
