// The Responses grid's frame times (issue 17 item 7 moved this out of the test
// suite: a p95 is a measurement of the machine's load, not a test). Starts the
// service on a scratch data dir, uploads a 20,000-respondent workbook (the
// generated bench workbook, bench/out/), opens its grid in headless Chromium
// and scrolls it top to bottom in 120 steps, timing each step to the second
// animation frame after it. Prints p50/p95/max of those times, the most grid
// cells the DOM held, and the load average (say it next to the numbers).
//
//     npm run build && node bench/grid.js              # 20,000 rows
//     BENCH_GRID_ROWS=2000 node bench/grid.js          # another size
//     CHISO_CHROMIUM=/path/to/chrome node bench/grid.js
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { execFileSync } from 'node:child_process';
import { chromium } from 'playwright-core';
import { generate } from './generate.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const root = fileURLToPath(new URL('..', import.meta.url));
const ROWS = Number(process.env.BENCH_GRID_ROWS ?? 20000);
const STEPS = 120;
const CHROMIUM = process.env.CHISO_CHROMIUM ?? '/usr/bin/chromium';
if (!existsSync(CHROMIUM)) {
  console.error(`bench/grid.js: no browser at ${CHROMIUM} (set CHISO_CHROMIUM)`);
  process.exit(2);
}
if (!existsSync(join(root, 'dist/server/serve.js'))) {
  console.error('bench/grid.js: run `npm run build` first');
  process.exit(2);
}

const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];

const dir = await mkdtemp(join(tmpdir(), 'chiso-grid-bench-'));
const { startServer } = await import(pathToFileURL(join(root, 'dist/server/serve.js')).href);
const { buildWeb } = await import(pathToFileURL(join(root, 'scripts/build-web.mjs')).href);
let server;
let browser;
try {
  const webDir = join(dir, 'web');
  await buildWeb(webDir);
  server = await startServer({ port: 0, dataDir: join(dir, 'data'), samplesDir: null, webDir, handleSignals: false, log: () => {}, limits: { maxFileBytes: 200 * 1024 * 1024 } });
  const file = await generate(ROWS, `${here}out/papi28-relevant-${ROWS}.xlsx`);
  const form = new FormData();
  form.append('file', new Blob([await readFile(file)]), `papi28-${ROWS}.xlsx`);
  const uploaded = await fetch(`${server.url}/api/submissions`, { method: 'POST', body: form });
  if (uploaded.status >= 300) throw new Error(`upload answered ${uploaded.status}: ${(await uploaded.text()).slice(0, 300)}`);

  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.goto(server.url);
  await page.locator('[role="treeitem"]').first().waitFor();
  // The workbench tree down to the submission, its scorecard, then the grid (as test/web/grid-scroll.test.ts does).
  await page.evaluate(() => {
    for (const el of Array.from(document.querySelectorAll('[role="treeitem"][aria-expanded="false"]'))) el.click();
  });
  await page.locator('[role="treeitem"][aria-level="4"]').first().click();
  await page.locator('[role="treeitem"][aria-level="5"]').first().click();
  await page.locator('.scorecard-view:not([hidden]) .total-score').waitFor({ timeout: 60_000 });
  const opened = Date.now();
  await page.locator('.scorecard-view:not([hidden]) button[data-action="open-grid"]').click();
  const body = page.locator('.grid-view:not([hidden]) .grid-body');
  await body.waitFor({ timeout: 120_000 });
  const openMs = Date.now() - opened;
  const rowCount = Number(await body.getAttribute('aria-rowcount'));

  const load = loadavg().map((x) => x.toFixed(2)).join(' ');
  const result = await page.evaluate(async (steps) => {
    const el = document.querySelector('.grid-view:not([hidden]) .grid-body');
    const times = [];
    let most = 0;
    const step = el.scrollHeight / steps;
    let last = performance.now();
    for (let i = 1; i <= steps; i++) {
      el.scrollTop = step * i;
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      const now = performance.now();
      times.push(now - last);
      last = now;
      most = Math.max(most, el.querySelectorAll('.grid-cell').length);
    }
    return { times, most };
  }, STEPS);
  await page.locator(`.grid-view:not([hidden]) .grid-cell[data-addr="A${ROWS + 1}"]`).waitFor({ timeout: 10_000 });
  const sorted = [...result.times].sort((a, b) => a - b);
  const git = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
  console.log(`${cpus()[0]?.model ?? 'cpu'}, ${cpus().length} cores; load average ${load}; ${new Date().toISOString().slice(0, 16)} UTC; git ${git}`);
  console.log(`grid of ${rowCount.toLocaleString('en')} rows (header included), opened in ${openMs} ms`);
  console.log(`scroll top to bottom in ${STEPS} steps, each to its second animation frame: p50 ${quantile(sorted, 0.5).toFixed(1)} ms, p95 ${quantile(sorted, 0.95).toFixed(1)} ms, max ${sorted[sorted.length - 1].toFixed(1)} ms`);
  console.log(`most grid cells in the DOM at once: ${result.most}; last row reached`);
} finally {
  await browser?.close();
  await server?.close();
  await rm(dir, { recursive: true, force: true });
}
