/**
 * The desk in real headless Chromium (issue 15): the made-up registry of
 * test/units/registry.ts, PAPI sample workbooks for four communes of province
 * 98 in 2024 (98004 has none) and two of them in 2023, the province's plan with
 * a total target. Clicking the province in the Explorer opens its desk;
 * screenshots go to test-output/desk/.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadFramework } from '../../src/framework/load.js';
import { generateSample } from '../../src/sample/index.js';
import { startServer, type RunningServer } from '../../src/server/serve.js';
import { workbookBuffer } from '../../src/writer/stableXlsx.js';
import { buildWorkbook, toBytes } from '../ingest/workbook.js';
import { TEST_REGISTRY_CSV } from '../units/registry.js';
import { browserAvailable, buildWebInto, CHROMIUM, CHROMIUM_ARGS } from './browser.js';
import { contrast, textColours } from './contrast.js';

const root = resolve(import.meta.dirname, '../..');
const shots = join(root, 'test-output/desk');
const hasBrowser = browserAvailable();

const communes = [
  { code: '98001', name: 'Xã An', district: 'Huyện Đông', quality: 5.5 },
  { code: '98002', name: 'Xã Bình', district: 'Huyện Đông', quality: 8 },
  { code: '98003', name: 'Xã Cát', district: 'Huyện Tây', quality: 2.5 },
  { code: '98005', name: 'Xã Đông Hải', district: 'Huyện Tây', quality: 6.5 },
];

describe.skipIf(!hasBrowser)('the desk in headless Chromium', () => {
  let dir: string;
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  const post = async (path: string, body: BodyInit, type?: string) => {
    const res = await fetch(`${server.url}${path}`, { method: 'POST', body, headers: type ? { 'Content-Type': type } : {} });
    // The registry is replaced (200, routes/registry.ts); submissions and plans are created (201).
    expect(res.status, `${path}: ${await res.clone().text()}`).toBe(path === '/api/units' ? 200 : 201);
  };
  const form = (bytes: Uint8Array, name: string) => {
    const f = new FormData();
    f.append('file', new File([bytes as Uint8Array<ArrayBuffer>], name));
    return f;
  };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'chiso-desk-web-'));
    const webDir = await buildWebInto(dir);
    server = await startServer({ port: 0, dataDir: join(dir, 'data'), samplesDir: null, webDir, handleSignals: false, log: () => {} });
    await post('/api/units', TEST_REGISTRY_CSV, 'text/csv');
    const framework = loadFramework('papi-29');
    for (const year of [2023, 2024])
      for (const [i, c] of communes.entries()) {
        if (year === 2023 && i >= 2) continue;
        const wb = generateSample({ framework, unit: { province: 'Tỉnh Thử Nghiệm', district: c.district, name: c.name, code: c.code }, year, respondents: 60, seed: year * 10 + i, quality: Object.fromEntries(framework.dimensions.map((d) => [d.code, c.quality])) });
        await post('/api/submissions', form(new Uint8Array(await workbookBuffer(wb)), `${c.name} ${year}.xlsx`));
      }
    const plan = await toBytes(buildWorkbook({ framework, unit: { unit_code: '98', year: 2024 }, header: ['respondent_id'], rows: [], targets: [['total', '45,00']] }));
    await post('/api/plans', form(plan, 'Kế hoạch tỉnh 2024.xlsx'));
    await mkdir(shots, { recursive: true });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    const context = await browser.newContext({ viewport: { width: 1440, height: 1000 }, locale: 'vi-VN' });
    page = await context.newPage();
    page.on('pageerror', (e) => pageErrors.push(String(e)));
    page.on('console', (m) => { if (m.type() === 'error') pageErrors.push(`${m.text()} ${m.location().url}`); });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('opens the province desk from the Explorer: ranked league with group colours, chart with the target, missing list', async () => {
    await page.goto(server.url);
    const province = page.locator('[role="treeitem"][aria-level="1"]').first();
    await province.waitFor();
    await province.click();
    const rows = page.locator('.desk-view:not([hidden]) table.desk-league tbody tr');
    await expect.poll(() => rows.count(), { timeout: 20_000 }).toBe(4);
    // Opening the desk keeps the province unfolded (a click used to fold its districts away); the twisty folds.
    expect(await province.getAttribute('aria-expanded')).toBe('true');
    await province.locator('.twisty').click();
    expect(await province.getAttribute('aria-expanded')).toBe('false');
    await province.locator('.twisty').click();
    expect(await province.getAttribute('aria-expanded')).toBe('true');
    // Vietnamese first.
    expect(await page.locator('.desk-view:not([hidden]) h3#desk-league-heading').textContent()).toBe('Xếp hạng các xã, phường');
    // Ranked by total: the rank column reads 1..4 down the table, the totals descending.
    expect(await rows.locator('td:nth-child(1)').allTextContents()).toEqual(['1', '2', '3', '4']);
    const totals = (await rows.locator('td:nth-child(4)').allTextContents()).map((x) => Number(x.replace(',', '.')));
    expect([...totals].sort((a, b) => b - a)).toEqual(totals);
    // Four communes: four groups, best first (§7).
    expect(await rows.locator('td:nth-child(4)').evaluateAll((tds) => tds.map((td) => td.getAttribute('data-group')))).toEqual(['best', 'high-average', 'low-average', 'lowest']);
    expect(await page.locator('.desk-view:not([hidden]) td[data-group]').count()).toBeGreaterThan(4 * 8);
    // The plan's target on the chart, one whisker per commune.
    expect(await page.locator('.desk-view:not([hidden]) svg.desk-chart line.target').count()).toBe(1);
    expect(await page.locator('.desk-view:not([hidden]) svg.desk-chart line.whisker').count()).toBe(4);
    expect(await page.locator('.desk-view:not([hidden]) .desk-missing li').allTextContents()).toEqual(['Xã Dương (98004) · Huyện Tây']); // with the district to ask
    // Two communes have 2023: their change is shown with its significance word.
    expect(await rows.locator('td.change .change-word').count()).toBe(2);
    await page.screenshot({ path: join(shots, '01-province-desk.png'), fullPage: true });
    // A district's name in the province's desk opens the district's desk (2024: Huyện Tây has 98003 and 98005).
    await page.locator('.desk-view:not([hidden]) table.desk-districts button.link', { hasText: 'Huyện Tây' }).click();
    await page.locator('.desk-view:not([hidden]) h2', { hasText: 'Huyện Tây' }).waitFor({ timeout: 20_000 });
    await expect.poll(() => page.locator('.desk-view:not([hidden]) table.desk-league tbody tr').count(), { timeout: 20_000 }).toBe(2);
    await page.locator('[role="tab"]', { hasText: 'Tỉnh Thử Nghiệm' }).first().click();
    await page.locator('.desk-view:not([hidden]) h2', { hasText: 'Tỉnh Thử Nghiệm' }).waitFor({ timeout: 20_000 });
    // The workbook behind the desk's download link, kept to look at as printed pages (scripts/report-to-pdf.sh).
    const href = await page.locator('.desk-view:not([hidden]) a[href^="/api/league.xlsx"]').getAttribute('href');
    const xlsx = await page.request.get(`${server.url}${href}`);
    expect(xlsx.status()).toBe(200);
    await writeFile(join(shots, 'league-98-2024.xlsx'), await xlsx.body());
  });

  it('every coloured text of the desk reads at 4.5:1 or more (WCAG AA), light and dark; labels start with a capital', async () => {
    const desk = '.desk-view:not([hidden])';
    // The roll-up's target badge ("45,00 (Đạt)" or another status), the group cells and legend, the changes.
    const selectors = [`${desk} [data-status]`, `${desk} td[data-group]`, `${desk} .legend-item`, `${desk} .change.improved`, `${desk} .change.declined`, `${desk} .change`, `${desk} .change-word`, `${desk} .change-note`, `${desk} .legend-note`];
    expect(await page.locator(`${desk} [data-status]`).count()).toBe(1);
    try {
      for (const theme of ['light', 'dark']) {
        await page.evaluate((t) => (document.documentElement.dataset.theme = t), theme);
        const failing: string[] = [];
        let measured = 0;
        for (const selector of selectors)
          for (const c of await textColours(page, selector)) {
            measured++;
            const ratio = contrast(c.colour, c.background);
            if (ratio < 4.5) failing.push(`${theme} ${selector} "${c.text}": ${c.colour} on ${c.background} = ${ratio.toFixed(2)}`);
          }
        expect(measured).toBeGreaterThan(4 * 9);
        expect(failing).toEqual([]);
      }
    } finally {
      await page.evaluate(() => (document.documentElement.dataset.theme = 'light'));
    }
    // A label at the head of a row, a cell, a legend or a heading starts with a capital ("Chỉ tiêu kế hoạch").
    const labels = await page.locator(`${desk} :is(h2, h3, dt, th, caption, .legend-item, label)`).evaluateAll((els) => els.map((e) => (e.firstChild?.textContent ?? e.textContent ?? '').trim()).filter(Boolean));
    expect(labels).toContain('Chỉ tiêu kế hoạch');
    expect(labels.filter((l) => /^\p{Ll}/u.test(l))).toEqual([]);
  });

  it('sorts by a column heading and opens a commune from its name', async () => {
    const rows = page.locator('.desk-view:not([hidden]) table.desk-league tbody tr');
    await page.locator('.desk-view:not([hidden]) button.sort[data-sort="name"]').click();
    const names = await rows.locator('th button').allTextContents();
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'vi')));
    expect(await page.locator('.desk-view:not([hidden]) th[aria-sort="ascending"] button[data-sort="name"]').count()).toBe(1);
    await page.locator('.desk-view:not([hidden]) button.sort[data-sort="total"]').click();
    const totals = (await rows.locator('td:nth-child(4)').allTextContents()).map((x) => Number(x.replace(',', '.')));
    expect([...totals].sort((a, b) => b - a)).toEqual(totals);
    await rows.locator('th button', { hasText: 'Xã Cát' }).click();
    await page.locator('.scorecard-view:not([hidden]) .total-score').waitFor({ timeout: 20_000 });
    // Its page says where it stands: the lowest group, with the thresholds.
    const standing = page.locator('.scorecard-view:not([hidden]) section.standing');
    await standing.waitFor({ state: 'visible', timeout: 20_000 });
    expect(await standing.locator('tbody tr').first().textContent()).toContain('Nhóm đạt điểm thấp nhất');
    // Lowest of the four 2024 communes.
    expect(await standing.locator('.standing-rank').textContent()).toBe('Hạng: 4 / 4');
    await standing.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(shots, '02-commune-standing.png'), fullPage: true });
    expect(pageErrors).toEqual([]);
  });
});
