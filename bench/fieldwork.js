// node bench/fieldwork.js: field-work costs (issue 18), on the built dist/.
//  - near-duplicates, pairwise, 5,000 respondents × 120 items: realistic answers (the
//    benchmark workbook's) and the adversarial case (every pair ~95% alike, all scanned in full)
//  - exact-duplicate hashing for one unit of 20,000 respondents
//  - an ODK Central CSV of the 20,000-row benchmark file: csv-parse alone, a naive
//    split-on-commas lower bound, and scoreInput end to end against the xlsx
// Medians of 3 runs in this process; the CPU is shared, so compare within one run.
import { readFile, writeFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { generate } from './generate.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const { ingestWorkbook } = await import('../dist/ingest/index.js');
const { nearDuplicates } = await import('../dist/scoring/quality.js');
const { selectRows } = await import('../dist/scoring/responses.js');
const { csvRows } = await import('../dist/ingest/exports/csv.js');
const { scoreInput, scoreWorkbook } = await import('../dist/pipeline.js');
const { openXlsx } = await import('../dist/ingest/xlsx/index.js');
const { cliLimits } = await import('../dist/limits.js');

async function median3(fn) {
  const times = [];
  let check;
  for (let k = 0; k < 3; k++) {
    const t = performance.now();
    check = await fn();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { ms: times[1], check };
}
const show = (label, { ms, check }) => console.log(`${label}: ${(ms / 1000).toFixed(3)} s${check === undefined ? '' : ` (${check})`}`);

const file = await generate(20000, `${here}out/papi28-20000.xlsx`);
const bytes = new Uint8Array(await readFile(file));
const survey = await ingestWorkbook(bytes, { fileName: file });
const J = 120;
const first = (coded, n, width) => {
  const rows = selectRows(coded, Array.from({ length: n }, (_, i) => i));
  const x = new Float64Array(n * width);
  for (let i = 0; i < n; i++) x.set(rows.x.subarray(i * coded.items.length, i * coded.items.length + width), i * width);
  return { items: coded.items.slice(0, width), n, weights: rows.weights, x };
};
const realistic = first(survey.responses, 5000, J);
const all = Array.from({ length: 5000 }, (_, i) => i);
show(`near-duplicates pairwise, 5,000 × ${J}, realistic answers`, await median3(() => nearDuplicates(realistic, all).pairCount + ' pairs'));

// Adversarial: one base form, each respondent changes 2 random items → pairs differ on ≤ 4 of 120 (≥ 96.7%).
const adversarial = { ...realistic, x: new Float64Array(realistic.x.length) };
let seed = 1;
const rand = () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32);
for (let i = 0; i < 5000; i++) {
  adversarial.x.set(realistic.x.subarray(0, J), i * J);
  for (let k = 0; k < 2; k++) {
    const j = Math.floor(rand() * J);
    adversarial.x[i * J + j] = adversarial.x[i * J + j] === 1 ? 0 : 1;
  }
}
show(`near-duplicates pairwise, 5,000 × ${J}, adversarial (every pair alike)`, await median3(() => nearDuplicates(adversarial, all).pairCount + ' pairs'));
const everyone = Array.from({ length: survey.responses.n }, (_, i) => i);
show(`near-duplicates exact hashing, one unit of ${survey.responses.n} × ${survey.responses.items.length}`, await median3(() => nearDuplicates(survey.responses, everyone).pairCount + ' pairs'));

// The same file as an ODK Central CSV (group paths joined by "-").
const source = await openXlsx(bytes, cliLimits);
const lines = [];
let header;
for await (const row of source.rows('Responses')) {
  const values = Array.from({ length: row.values.length - 1 }, (_, c) => row.values[c + 1] ?? '');
  if (row.number === 1) {
    header = values.map(String);
    lines.push(['SubmissionDate', ...header.map((h) => (h === 'respondent_id' ? 'meta-instanceID' : /^d\d/.test(h) ? `dim_${h[1]}-${h}` : `unit_info-${h}`)), 'unit_info-year'].join(','));
  } else lines.push(['2025-03-01T09:00:00.000Z', ...values.map(String), '2024'].join(','));
}
const csv = new TextEncoder().encode(lines.join('\r\n') + '\r\n');
const csvFile = `${here}out/odk-20000.csv`;
await writeFile(csvFile, csv);
console.log(`ODK CSV: ${(csv.length / 1e6).toFixed(1)} MB, ${lines.length - 1} rows`);
show('csv-parse (csvRows), every record', await median3(async () => {
  let n = 0;
  for await (const _ of csvRows(csv)) n++;
  return `${n} records`;
}));
show('naive lower bound: decode + split lines and commas (no quotes)', await median3(() => {
  const text = new TextDecoder().decode(csv);
  let cells = 0;
  for (const line of text.split('\r\n')) cells += line.split(',').length;
  return `${cells} cells`;
}));
show('scoreInput(ODK CSV) end to end in process', await median3(async () => (await scoreInput(csv, { fileName: 'odk.csv', limits: cliLimits })).scorecards[0].respondents));
show('scoreWorkbook(xlsx) end to end in process, the same answers', await median3(async () => (await scoreWorkbook(bytes, { fileName: file, limits: cliLimits })).scorecards[0].respondents));
