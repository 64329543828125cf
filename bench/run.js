// npm run bench: builds, generates the benchmark workbooks (cached in bench/out/),
// measures each case in a child process (median of 3, 1 for slow baselines)
// and rewrites the results table in bench/README.md.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { generate } from './generate.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const root = fileURLToPath(new URL('..', import.meta.url));
const SIZES = (process.env.BENCH_SIZES ?? '2000,20000,50000,100000').split(',').map(Number);
// BENCH_CASES=reader,ingest measures only those cases (for iterating; the README table is then not rewritten).
const ONLY = process.env.BENCH_CASES ? new Set(process.env.BENCH_CASES.split(',')) : null;
const want = (k) => !ONLY || ONLY.has(k);
const hasTime = existsSync('/usr/bin/time');

/** Runs a command, returning its wall seconds and peak RSS (MB) from /usr/bin/time -v, plus its stdout. */
function timed(cmd, args, { stdoutToNull = false } = {}) {
  const full = hasTime ? ['/usr/bin/time', ['-v', cmd, ...args]] : [cmd, args];
  const started = process.hrtime.bigint();
  const run = spawnSync(full[0], full[1], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 30, stdio: ['ignore', stdoutToNull ? 'ignore' : 'pipe', 'pipe'] });
  const wall = Number(process.hrtime.bigint() - started) / 1e9;
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(run.stderr ?? '')?.[1];
  const failed = run.status !== 0 && !(cmd === 'node' && args.includes('score') && run.status === 1);
  return { wall, rssMB: rss ? Number(rss) / 1024 : null, stdout: run.stdout ?? '', stderr: run.stderr ?? '', failed };
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** A case in bench/case.js: its own measured seconds, peak RSS of the whole process. */
function runCase(kind, file, runs) {
  const results = [];
  for (let k = 0; k < runs; k++) {
    let r = timed('node', ['--max-old-space-size=4096', `${here}case.js`, kind, file]);
    // exceljs's streaming reader deletes its own temporary file before reading it back about one run
    // in ten (ENOENT /tmp/tmp-…): a flake of the reference, not a result; that run is made again (twice at most).
    for (let retry = 0; retry < 2 && r.failed && /ENOENT[^\n]*\/tmp\/tmp-/.test(r.stderr); retry++)
      r = timed('node', ['--max-old-space-size=4096', `${here}case.js`, kind, file]);
    // The process's own last lines, not /usr/bin/time -v's report appended after them.
    const own = r.stderr.split('\tCommand being timed:')[0];
    if (r.failed) return { error: /heap out of memory/i.test(own) ? 'out of memory (4 GB heap)' : own.split('\n').filter((l) => l.trim() && !/^\s+at /.test(l)).slice(-3).join(' ').slice(0, 200) };
    const out = JSON.parse(r.stdout.trim().split('\n').pop());
    results.push({ s: out.ms / 1000, rssMB: r.rssMB ?? out.maxRssKB / 1024, check: out.check });
  }
  return { s: median(results.map((r) => r.s)), rssMB: Math.max(...results.map((r) => r.rssMB)), check: results[0].check, runs };
}

/** chiso score as a user runs it: process start, read, ingest, score, JSON out. */
function runCli(file, runs, extra = ['--json']) {
  const results = [];
  for (let k = 0; k < runs; k++) {
    const r = timed('node', ['bin/chiso.js', 'score', file, ...extra], { stdoutToNull: true });
    if (r.failed) return { error: r.stderr.split('\n').filter(Boolean).slice(-2).join(' ') };
    results.push(r);
  }
  return { s: median(results.map((r) => r.wall)), rssMB: Math.max(...results.map((r) => r.rssMB ?? 0)), runs };
}

const rows = [];
for (const n of SIZES) {
  const file = await generate(n, `${here}out/papi28-relevant-${n}.xlsx`);
  const mb = statSync(file).size / 1e6;
  console.error(`${n} respondents (${mb.toFixed(1)} MB)…`);
  const cases = {};
  cases.raw = runCase('raw', file, 3);
  if (want('reader')) cases.reader = runCase('reader', file, 3);
  if (want('ingest')) cases.ingest = runCase('ingest', file, 3);
  if (want('score')) cases.score = runCase('score', file, 3);
  if (want('cli')) cases.cli = runCli(file, 3);
  if (want('cliReport') && existsSync(`${root}dist/report/index.js`) && process.env.BENCH_REPORT !== '0') cases.cliReport = runCli(file, 3, ['-o', `${here}out/report-${n}.xlsx`]);
  if (want('exceljsStream')) cases.exceljsStream = runCase('exceljsStream', file, n <= 20000 ? 3 : 1);
  if (want('exceljs')) cases.exceljs = n <= 20000 ? runCase('exceljs', file, 3) : n <= 50000 ? runCase('exceljs', file, 1) : process.env.BENCH_EXCELJS_100K ? runCase('exceljs', file, 1) : { error: 'out of memory (baselines.md: 4 GB heap); not re-run, set BENCH_EXCELJS_100K=1' };
  rows.push({ n, mb, cases });
  console.error(JSON.stringify(cases));
}

const cell = (c, raw) => {
  if (!c) return '—';
  if (c.error) return c.error;
  const ratio = raw && !raw.error ? ` (${(c.s / raw.s).toFixed(2)}×)` : '';
  return `${c.s.toFixed(c.s < 1 ? 3 : 2)} s${ratio} / ${Math.round(c.rssMB)} MB${c.runs === 1 ? ' (1 run)' : ''}`;
};
const LABELS = [
  ['raw', 'raw lower bound (central directory + zlib inflate stream + byte scan of <c>/<v>)'],
  ['reader', 'openXlsx: Responses rows only (one pass over the bytes)'],
  ['ingest', 'ingestWorkbook (preflight, all sheets, coding)'],
  ['score', 'scoreSurvey with CIs alone (in memory, after a warm-up call)'],
  ['cli', '`chiso score F --json` end to end (process start to exit; read, score with CIs, JSON)'],
  ['cliReport', '`chiso score F -o report.xlsx` end to end (read, score with CIs, report with charts)'],
  ['exceljsStream', 'exceljs streaming reader (WorkbookReader, Responses rows)'],
  ['exceljs', 'exceljs full load (reference loadWithExcelJS, Responses rows)'],
];
const header = `| case | ${rows.map((r) => `${r.n.toLocaleString('en')} rows (${r.mb.toFixed(1)} MB)`).join(' | ')} |`;
const table = [header, `|---|${rows.map(() => '---').join('|')}|`, ...LABELS.filter(([k]) => rows.some((r) => r.cases[k])).map(([k, label]) => `| ${label} | ${rows.map((r) => cell(r.cases[k], k === 'raw' ? null : r.cases.raw)).join(' | ')} |`)].join('\n');
const exceljsVersion = JSON.parse(readFileSync(`${root}node_modules/exceljs/package.json`, 'utf8')).version;
const machine = `${cpus()[0]?.model ?? 'unknown cpu'}, ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(1)} GB memory; Node ${process.version}; exceljs ${exceljsVersion}; ${new Date().toISOString().slice(0, 10)}; git ${execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim()}`;

const readmePath = `${here}README.md`;
const readme = existsSync(readmePath) ? readFileSync(readmePath, 'utf8') : '';
const start = '<!-- results:start -->';
const end = '<!-- results:end -->';
const block = `${start}\n${machine}\n\nSeconds of the measured work (ratio to the raw lower bound) / peak RSS of the process; median of 3 runs unless marked.\n\n${table}\n${end}`;
if (ONLY) {
  console.log(table);
  process.exit(0);
}
writeFileSync(readmePath, readme.includes(start) ? readme.replace(new RegExp(`${start}[\\s\\S]*${end}`), block) : `${readme}\n${block}\n`);
writeFileSync(`${here}out/last.json`, JSON.stringify({ machine, rows }, null, 2));
console.log(table);

// The service load benchmark (bench/load.js) after the table, unless BENCH_LOAD=0.
if (process.env.BENCH_LOAD !== '0') {
  const load = spawnSync('node', [`${here}load.js`], { cwd: root, stdio: 'inherit' });
  if (load.status !== 0) console.error(`bench: load.js exited ${load.status}`);
}

// The store benchmark (bench/store.js), unless BENCH_STORE=0.
if (process.env.BENCH_STORE !== '0') {
  const store = spawnSync('node', [`${here}store.js`], { cwd: root, stdio: 'inherit' });
  if (store.status !== 0) console.error(`bench: store.js exited ${store.status}`);
}
