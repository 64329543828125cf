/**
 * The workbench speaks Vietnamese first (issue 16 item 6), in real headless
 * Chromium against the real server: Vietnamese on an English browser, every
 * visible control named in the page's language, one click from a unit to its
 * latest scores, the banner of a superseded submission, the question as the
 * Responses header's tooltip, Vietnamese sheet tabs; screenshots of vi-VN and
 * en-US browsers go to test-output/workbench/ to be looked at.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import ExcelJS from 'exceljs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../src/server/serve.js';
import { messages } from '../../src/web/i18n.js';
import type { Hierarchy, SubmissionSummary } from '../../src/web/types.js';
import { browserAvailable, buildWebInto, CHROMIUM, CHROMIUM_ARGS, copySamples } from './browser.js';

const root = resolve(import.meta.dirname, '../..');
const shots = join(root, 'test-output/workbench');
const hasBrowser = browserAvailable();

/**
 * Every visible control's name (aria-label, else its text, else its title),
 * leaving out parts marked lang="en" (the "English" switch) or translate="no"
 * (quoted from the file: a sheet's own name, "Responses!D5"), and the
 * service's problem messages (the diagnostics catalogue renders them in the
 * language asked for, ?lang, and has its own tests): those are not the
 * workbench's words.
 */
function controlNames(page: Page): Promise<{ name: string; html: string }[]> {
  return page.evaluate(() => {
    const text = (el: Element): string => {
      let out = '';
      for (const node of Array.from(el.childNodes)) {
        if (node.nodeType === Node.TEXT_NODE) out += node.textContent ?? '';
        else if (node instanceof Element && node.getAttribute('lang') !== 'en' && node.getAttribute('translate') !== 'no' && node.getAttribute('aria-hidden') !== 'true' && !node.matches('.problem .message')) out += text(node);
      }
      return out;
    };
    return Array.from(document.querySelectorAll('button, input, select, a[href], [role="treeitem"], [role="tab"], [role="grid"]'))
      .filter((el) => !el.closest('[hidden]') && (el as HTMLElement).offsetParent !== null && el.getAttribute('lang') !== 'en')
      .map((el) => ({
        name: (el.getAttribute('aria-label') || text(el).trim() || el.getAttribute('title') || '').replace(/\s+/g, ' '),
        html: el.outerHTML.slice(0, 160),
      }));
  });
}

/** Catalogue messages of `other` that `lang` says differently: none may name a control when the page is in `lang`. */
function foreignMessages(lang: 'vi' | 'en'): string[] {
  const other = lang === 'vi' ? 'en' : 'vi';
  const own = new Set(Object.values(messages[lang]).map((m) => m.toLowerCase()));
  return Object.values(messages[other])
    .filter((m) => m.length >= 3 && !own.has(m.toLowerCase()))
    .map((m) => m.toLowerCase());
}

/** Names the users gave (files, units): data, in no language of ours ("errors-demo.xlsx" is not the word "errors"). */
async function dataNames(page: Page, url: string): Promise<string[]> {
  const hierarchy = (await (await page.request.get(`${url}/api/units`)).json()) as Hierarchy;
  const { submissions } = (await (await page.request.get(`${url}/api/submissions`)).json()) as { submissions: SubmissionSummary[] };
  return [
    ...submissions.map((s) => s.fileName),
    ...hierarchy.provinces.flatMap((p) => [p.name, ...p.districts.flatMap((d) => [d.name, ...d.units.map((u) => u.name)])]),
  ].filter(Boolean).sort((a, b) => b.length - a.length);
}

/** Controls with no letter in their name (a bare ☰ or ◐), or with a message of the other language in it. */
async function misnamed(page: Page, lang: 'vi' | 'en', url: string): Promise<string[]> {
  const foreign = foreignMessages(lang);
  const data = await dataNames(page, url);
  return (await controlNames(page))
    .filter(({ name }) => {
      const own = data.reduce((text, d) => text.split(d).join(' '), name).toLowerCase();
      return !/\p{L}/u.test(name) || foreign.some((m) => own.includes(m));
    })
    .map(({ name, html }) => `${JSON.stringify(name)} ${html}`);
}

describe.skipIf(!hasBrowser)('the workbench in Vietnamese first', () => {
  let dir: string;
  let server: RunningServer;
  let browser: Browser;
  let en: BrowserContext;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'chiso-web-vi-'));
    const webDir = await buildWebInto(dir);
    // Every sample but errors-demo: uploaded later, it supersedes long-thanh-2023 (same unit, same year).
    const samples = await copySamples(dir, ['errors-demo.xlsx']);
    server = await startServer({ port: 0, dataDir: join(dir, 'data'), samplesDir: samples, webDir, handleSignals: false, log: () => {} });
    await server.samples;
    await mkdir(shots, { recursive: true });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    en = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'en-US' });
    page = await en.newPage();
    page.on('pageerror', (e) => pageErrors.push(String(e)));
    page.on('console', (m) => { if (m.type() === 'error') pageErrors.push(`${m.text()} ${m.location().url}`); });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const api = async <T>(path: string): Promise<T> => (await (await page.request.get(`${server.url}${path}`)).json()) as T;
  const visibleScores = () => page.locator('.scorecard-view:not([hidden])');

  it('opens in Vietnamese on an en-US browser, every visible control named in Vietnamese', async () => {
    expect(await page.evaluate(() => navigator.language)).toBe('en-US');
    await page.goto(server.url);
    await page.locator('[role="treeitem"][aria-level="3"]').first().waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('vi');
    expect(await page.locator('#explorer-heading').textContent()).toBe(messages.vi.explorer);
    // The activity bar says what each button does, in words.
    expect(await page.locator('.activitybar .activity-label').allTextContents()).toEqual([
      messages.vi.activityExplorer, messages.vi.activityUpload, messages.vi.activityPalette,
    ]);
    await page.getByRole('button', { name: messages.vi.activityUpload, exact: true }).waitFor();
    expect(await misnamed(page, 'vi', server.url)).toEqual([]);
    // No file open: no problem counts ("0 lỗi" would read as a clean file).
    expect(await page.locator('[data-status="problems"]').count()).toBe(0);
  });

  it('reaches a unit\'s latest scores with one click in the Explorer', async () => {
    const hierarchy = await api<Hierarchy>('/api/units');
    const unit = hierarchy.provinces.flatMap((p) => p.districts.flatMap((d) => d.units)).find((u) => u.name.includes('Liên Hội'))!;
    // The samples hold Liên Hội 2023 and 2024: the latest is 2024.
    const latest = unit.years.find((y) => y.year === 2024)!;
    expect(latest).toBeTruthy();
    await page.locator('[role="treeitem"][aria-level="3"]', { hasText: 'Liên Hội' }).click();
    await visibleScores().locator('.total-score').waitFor({ timeout: 15_000 });
    expect(await visibleScores().locator('h2').first().textContent()).toBe(`${messages.vi.scores}: Xã Liên Hội 2024`);
    // Two decimals with a decimal comma, from the stored score (not from the page).
    const expected = latest.total.score!.toFixed(2).replace('.', ',');
    expect(await visibleScores().locator('.total-score').textContent()).toContain(expected);
    // Its years, each one click away, under the scores.
    expect(await visibleScores().locator('.history tbody tr').count()).toBe(2);
    expect(await misnamed(page, 'vi', server.url)).toEqual([]);
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(shots, 'vi-01-unit-scores.png') });
    // The sub-dimension chart: points on each sub-dimension's own scale, the scale said in its subtitle.
    const subChart = visibleScores().locator(':scope > figure.chart').nth(1);
    await subChart.scrollIntoViewIfNeeded();
    await subChart.screenshot({ path: join(shots, 'vi-01b-subdimensions.png') });
  });

  it('shows a banner on a superseded submission, with one click to the current one', async () => {
    await page.setInputFiles('#file-input', join(root, 'samples/errors-demo.xlsx'));
    await expect.poll(() => page.locator('[data-status="upload"]').getAttribute('class'), { timeout: 20_000 }).toContain('upload-done');
    const submissions = (await api<{ submissions: SubmissionSummary[] }>('/api/submissions')).submissions;
    const current = submissions.find((s) => s.fileName === 'errors-demo.xlsx')!;
    const old = submissions.find((s) => s.fileName === 'long-thanh-2023.xlsx')!;
    expect(old.supersededBy).toBe(current.id);
    // The current file has no banner.
    await visibleScores().locator('.total-score').waitFor();
    expect(await visibleScores().locator('.superseded-banner').count()).toBe(0);

    await page.locator('[role="treeitem"].superseded', { hasText: 'long-thanh-2023' }).click();
    const banner = page.locator(`#panel-scores_${old.id}_30316 .superseded-banner`);
    await banner.waitFor({ timeout: 15_000 });
    expect(await banner.textContent()).toContain(messages.vi.supersededTitle);
    expect(await banner.textContent()).toContain('errors-demo.xlsx');
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(shots, 'vi-02-superseded.png') });
    await banner.getByRole('button', { name: messages.vi.openCurrent }).click();
    await expect.poll(() => page.locator(`#panel-scores_${current.id}_30316`).isVisible()).toBe(true);
    expect(await page.locator(`#panel-scores_${current.id}_30316 .superseded-banner`).count()).toBe(0);
  });

  it('gives Responses headers the question as tooltip and Vietnamese sheet tabs', async () => {
    // The question as the workbook's Codebook states it, read with exceljs (not the page's reader).
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(join(root, 'samples/errors-demo.xlsx'));
    const codebook = book.getWorksheet('Codebook')!;
    const head = (codebook.getRow(1).values as unknown[]).map(String);
    const [codeCol, viCol] = [head.indexOf('code'), head.indexOf('text_vi')];
    let question = '';
    codebook.eachRow((row) => { if (row.getCell(codeCol).text === 'd1a_01') question = row.getCell(viCol).text; });
    expect(question.length).toBeGreaterThan(10);

    await visibleScores().getByRole('button', { name: messages.vi.openResponses }).click();
    const grid = page.locator('.grid-view:not([hidden])');
    const header = grid.locator('.grid-cell.head', { hasText: /^d1a_01$/ });
    await header.waitFor({ timeout: 15_000 });
    expect(await header.getAttribute('title')).toBe(question);
    // A fixed column: the template's own meaning of it.
    expect(await grid.locator('.grid-cell.head[data-addr="A1"]').getAttribute('title')).toBe('Mã phiếu (không ghi họ tên)');

    const tabs = grid.locator('.sheet-tab');
    expect(await grid.locator('.sheet-tab[data-sheet="Responses"]').textContent()).toBe(`${messages.vi.sheetResponses}Responses`);
    expect(await grid.locator('.sheet-tab[data-sheet="Guide"]').textContent()).toBe(messages.vi.sheetGuide);
    expect(await tabs.count()).toBeGreaterThanOrEqual(7);
    // No tab is cut or wrapped: each is one line, inside the strip's scroll width.
    const heights = await tabs.evaluateAll((els) => els.map((e) => (e as HTMLElement).getBoundingClientRect().height));
    expect(Math.max(...heights)).toBeLessThan(30);
    expect(await misnamed(page, 'vi', server.url)).toEqual([]);
    await page.screenshot({ path: join(shots, 'vi-03-grid.png') });
  });

  it('has the palette and status bar in Vietnamese, and finds commands typed without diacritics', async () => {
    await page.keyboard.press('Control+Shift+P');
    const input = page.locator('.palette-input');
    await input.waitFor();
    expect(await input.getAttribute('placeholder')).toBe(messages.vi.palettePlaceholder);
    await input.fill('bao cao');
    expect(await page.locator('.palette-list [role="option"]').allTextContents()).toEqual([messages.vi.downloadReport]);
    await input.fill('');
    expect(await misnamed(page, 'vi', server.url)).toEqual([]);
    await page.screenshot({ path: join(shots, 'vi-04-palette.png') });
    await page.keyboard.press('Escape');
    // Problem counts in words, not ✖ ⚠ ℹ.
    expect(await page.locator('[data-status="problems"]').textContent()).toMatch(/^\d+ lỗi · \d+ cảnh báo · \d+ lưu ý$/);
    expect(await page.locator('[data-status="theme"]').textContent()).toBe(messages.vi.themeToDark);
  });

  it('switches to English in one click and remembers it; back to Vietnamese likewise', async () => {
    await page.locator('[data-status="language"]').click();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await misnamed(page, 'en', server.url)).toEqual([]);
    await page.reload();
    await page.locator('[role="treeitem"]').first().waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.locator('#explorer-heading').textContent()).toBe(messages.en.explorer);
    await page.locator('[role="treeitem"][aria-level="3"]', { hasText: 'Long Thạnh' }).click();
    await visibleScores().locator('.total-score').waitFor({ timeout: 15_000 });
    expect(await misnamed(page, 'en', server.url)).toEqual([]);
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(shots, 'en-01-unit-scores.png') });
    await page.locator('[data-status="language"]').click();
    await page.reload();
    await page.locator('[role="treeitem"]').first().waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('vi');
  });

  it('shows interview-quality counts and next year\'s sample size where a scorecard has them', async () => {
    // fieldwork's Scorecard.quality and samplePlan are not on this branch yet: the service's answer is given them here.
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'en-US' });
    await context.route(/\/api\/submissions\/[^/?]+\?lang=/, async (route) => {
      const body = await (await route.fetch()).json();
      for (const card of body.scorecards) if (card.level === 'unit') {
        card.quality = { straightLining: 3, nearDuplicates: 4, nearDuplicatePairs: 2, duplicateCheck: 'pairwise' };
        card.samplePlan = { required: 412, margin: 0.25, respondents: card.respondents, confidence: 0.95, dimensions: [] };
      }
      await route.fulfill({ json: body });
    });
    const other = await context.newPage();
    await other.goto(server.url);
    await other.locator('[role="treeitem"][aria-level="3"]', { hasText: 'Phường 2' }).click();
    const section = other.locator('.scorecard-view:not([hidden]) .quality');
    await section.waitFor({ timeout: 15_000 });
    expect(await section.locator('h3').textContent()).toBe(messages.vi.quality);
    expect(await section.locator('dd').allTextContents()).toEqual(['3', '4 (2 cặp)', '412']);
    expect(await section.locator('dt').nth(2).textContent()).toBe(`${messages.vi.sampleRequired} ±0,25 điểm`);
    await other.locator('.scorecard-view:not([hidden]) .quality').scrollIntoViewIfNeeded();
    await other.screenshot({ path: join(shots, 'vi-06-quality.png') });
    await context.close();
  });

  it('opens in Vietnamese on a vi-VN browser too (screenshots at 1440×900)', async () => {
    const vi = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'vi-VN' });
    const other = await vi.newPage();
    await other.goto(server.url);
    await other.locator('[role="treeitem"][aria-level="3"]', { hasText: 'Long Thạnh' }).click();
    await other.locator('.scorecard-view:not([hidden]) .total-score').waitFor({ timeout: 15_000 });
    expect(await other.locator('html').getAttribute('lang')).toBe('vi');
    expect(await misnamed(other, 'vi', server.url)).toEqual([]);
    await other.waitForTimeout(300);
    await other.screenshot({ path: join(shots, 'vi-05-vi-VN-scores.png'), fullPage: false });
    await vi.close();
    expect(pageErrors).toEqual([]);
  });
});
