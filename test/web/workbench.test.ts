/**
 * The workbench in real headless Chromium against the real server: upload a
 * workbook through the file input, see its scores, click a problem and land on
 * its cell, download the report; screenshots go to test-output/.
 */
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import ExcelJS from 'exceljs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../src/server/serve.js';
import { browserAvailable, buildWebInto, CHROMIUM, CHROMIUM_ARGS, copySamples } from './browser.js';

const root = resolve(import.meta.dirname, '../..');
const shots = join(root, 'test-output/workbench');
const hasBrowser = browserAvailable();

describe.skipIf(!hasBrowser)('workbench in headless Chromium', () => {
  let dir: string;
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'chiso-web-'));
    const webDir = await buildWebInto(dir);
    // Every sample but errors-demo, which the test uploads itself.
    const samples = await copySamples(dir, ['errors-demo.xlsx']);
    server = await startServer({ port: 0, dataDir: join(dir, 'data'), samplesDir: samples, webDir, handleSignals: false, log: () => {} });
    await server.samples;
    await mkdir(shots, { recursive: true });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'en-US', acceptDownloads: true });
    page = await context.newPage();
    page.on('pageerror', (e) => pageErrors.push(String(e)));
    page.on('console', (m) => { if (m.type() === 'error') pageErrors.push(`${m.text()} ${m.location().url}`); });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('shows the Explorer tree of the stored samples', async () => {
    await page.goto(server.url);
    await page.locator('[role="treeitem"]').first().waitFor();
    expect(await page.locator('[role="treeitem"][aria-level="1"]').count()).toBeGreaterThan(0);
    await expect.poll(() => page.locator('[role="treeitem"][aria-level="3"]').count()).toBeGreaterThan(0);
    expect(await page.locator('.welcome-view a[href^="/api/template.xlsx?"][href*="lang="]').count()).toBe(1);
    const template = await page.request.get(`${server.url}/api/template.xlsx`);
    expect((await template.body()).subarray(0, 2).toString('latin1')).toBe('PK');
    await page.screenshot({ path: join(shots, '01-welcome.png') });
  });

  it('uploads a workbook through the file input and shows its scores and problems', async () => {
    await page.setInputFiles('#file-input', join(root, 'samples/errors-demo.xlsx'));
    await page.locator('.scorecard-view:not([hidden]) .total-score').waitFor({ timeout: 20_000 });
    await expect.poll(() => page.locator('[data-status="upload"]').textContent()).toContain('errors-demo.xlsx');
    expect(await page.locator('[data-status="total"]').textContent()).toMatch(/\d/);
    expect(await page.locator('table.targets tbody tr').count()).toBeGreaterThanOrEqual(9);
    // The scorecard's three charts (the history section below may draw one more: the unit has two years).
    expect(await page.locator('.scorecard-view canvas:not(.unit-section canvas)').count()).toBe(3);
    expect(await page.locator('button.problem').count()).toBeGreaterThan(0);
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(shots, '02-scores.png') });
  });

  it('opens the grid at the cell of a clicked problem', async () => {
    const problem = page.locator('button.problem[data-sheet="Responses"]:not([data-cell=""])').first();
    const cell = await problem.getAttribute('data-cell');
    expect(cell).toMatch(/^[A-Z]+\d+$/);
    await problem.click();
    const selected = page.locator('.grid-view:not([hidden]) .grid-cell.selected');
    await selected.waitFor({ timeout: 15_000 });
    expect(await selected.getAttribute('data-addr')).toBe(cell);
    expect(await selected.getAttribute('class')).toMatch(/\bbad\b/);
    await expect.poll(() => selected.isVisible()).toBe(true);
    // Virtualised: far fewer cells in the DOM than in the sheet.
    expect(await page.locator('.grid-view:not([hidden]) .grid-cell').count()).toBeLessThan(1500);
    // F8 goes on to the next problem's cell.
    const second = await page.locator('button.problem[data-sheet]:not([data-cell=""])').nth(1).getAttribute('data-cell');
    await page.keyboard.press('F8');
    await page.keyboard.press('F8');
    await expect.poll(() => page.locator('.grid-view:not([hidden]) .grid-cell.selected').getAttribute('data-addr')).toBe(second);
    await page.screenshot({ path: join(shots, '03-grid-problem.png') });
  });

  it('downloads the report workbook', async () => {
    await page.locator('.tab-title', { hasText: /Scores|Điểm/ }).first().click();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('.scorecard-view:not([hidden]) a[data-action="download-report"]').click(),
    ]);
    const bytes = await readFile((await download.path())!);
    expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
    expect(workbook.getWorksheet('Summary')).toBeTruthy();
  });

  it('runs commands from the palette: compare years, language, theme; Escape closes it', async () => {
    await page.locator('[role="treeitem"][aria-level="3"]').first().click();
    await page.keyboard.press('Control+Shift+P');
    const input = page.locator('.palette-input');
    await input.waitFor();
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('.palette').isHidden()).toBe(true);

    await page.keyboard.press('Control+Shift+P');
    await input.fill('compare');
    await page.keyboard.press('Enter');
    await page.locator('.compare-view:not([hidden]) canvas').waitFor({ timeout: 15_000 });
    expect(await page.locator('.compare-view:not([hidden]) table.targets tbody tr').count()).toBeGreaterThanOrEqual(9);
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(shots, '04-compare.png') });

    const before = await page.locator('html').getAttribute('lang');
    await page.keyboard.press('Control+Shift+P');
    await input.fill('');
    await page.locator('#cmd-language').click();
    expect(await page.locator('html').getAttribute('lang')).not.toBe(before);

    await page.keyboard.press('Control+Shift+P');
    await page.locator('#cmd-theme').click();
    const theme = await page.locator('html').getAttribute('data-theme');
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(shots, `05-compare-${theme}.png`) });
  });

  it('works from the keyboard in the Explorer tree', async () => {
    const first = page.locator('[role="treeitem"][tabindex="0"]');
    await first.focus();
    await page.keyboard.press('Home');
    // Walk down to the first submission (level 5), expanding as we go.
    for (let i = 0; i < 20; i++) {
      const level = await page.locator('[role="treeitem"][tabindex="0"]').getAttribute('aria-level');
      if (level === '5') break;
      const expanded = await page.locator('[role="treeitem"][tabindex="0"]').getAttribute('aria-expanded');
      await page.keyboard.press(expanded === 'false' ? 'ArrowRight' : 'ArrowDown');
    }
    expect(await page.locator('[role="treeitem"][tabindex="0"]').getAttribute('aria-level')).toBe('5');
    await page.keyboard.press('Enter');
    await page.locator('.scorecard-view:not([hidden]) .total-score').waitFor();
    await page.keyboard.press('ArrowLeft');
    expect(await page.locator('[role="treeitem"][tabindex="0"]').getAttribute('aria-level')).toBe('4');
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(shots, '06-scores-keyboard.png') });
    expect(pageErrors).toEqual([]);
  });

  it('uploads by drag and drop, and shows why a file that is not a workbook was refused', async () => {
    await page.evaluate(() => {
      const file = new File(['this is not a workbook'], 'notes.xlsx', { type: 'application/octet-stream' });
      const data = new DataTransfer();
      data.items.add(file);
      window.dispatchEvent(new DragEvent('dragenter', { dataTransfer: data, bubbles: true }));
      window.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
    });
    const status = page.locator('[data-status="upload"]');
    await expect.poll(() => status.getAttribute('class')).toContain('upload-failed');
    expect(await status.textContent()).toMatch(/notes\.xlsx|failed|không thành công|zip|workbook/i);
    expect(await page.locator('.dropzone').isHidden()).toBe(true);
    await page.screenshot({ path: join(shots, '08-rejected-upload.png') });
  });

  it('opens the palette with the keyboard and lists the commands', async () => {
    await page.keyboard.press('Control+Shift+P');
    await page.locator('.palette-input').waitFor();
    const ids = await page.locator('.palette-list [role="option"]').evaluateAll((els) => els.map((e) => e.id));
    expect(ids).toEqual(['cmd-upload', 'cmd-template', 'cmd-report', 'cmd-compare', 'cmd-language', 'cmd-theme', 'cmd-next-problem', 'cmd-sign-in', 'cmd-sign-out']);
    await page.keyboard.press('ArrowDown');
    expect(await page.locator('.palette-input').getAttribute('aria-activedescendant')).toBe('cmd-template');
    await page.screenshot({ path: join(shots, '09-palette.png') });
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('.palette').isHidden()).toBe(true);
  });

  it('labels every control', async () => {
    const unlabelled = await page.evaluate(() =>
      Array.from(document.querySelectorAll('button, input, select, a[href], [role="treeitem"], [role="grid"]'))
        .filter((el) => !(el as HTMLElement).hidden && !el.closest('[hidden]'))
        .filter((el) => !(el.getAttribute('aria-label') || el.textContent?.trim() || el.closest('label')))
        .map((el) => el.outerHTML.slice(0, 120)),
    );
    expect(unlabelled).toEqual([]);
  });
});
