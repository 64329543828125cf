// Service load benchmark (issues 6.7, 8.4): the real `chiso serve` server
// (startServer from dist/server/serve.js, temp data dir, no samples, port 0) in
// a child process, driven over HTTP from this one.
//   1. 20 concurrent uploads of distinct 300-respondent commune workbooks:
//      latency p50/p95/max, errors (must be none).
//   2. One 20,000-respondent upload while small GET /api/units requests run
//      back to back: their latency during the upload, against an idle baseline,
//      shows whether scoring blocks the event loop.
// Run: node bench/load.js (needs a build; npm run bench runs it too unless
// BENCH_LOAD=0). Writes the block between the load markers in bench/README.md.
import { fork } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { execFileSync } from 'node:child_process';
import { resolve as resolvePath } from 'node:path';

/**
 * Issue 13's "no regression of the 20-concurrent-uploads p95": against git 658f9d9 (the file store, scoring
 * on the event loop), measured in the same minutes on the same machine, because a shared or virtual machine's
 * speed drifts by ±20 % between runs. With BENCH_LOAD_REFERENCE_DIST=<658f9d9's dist> the burst runs
 * BENCH_LOAD_ROUNDS times (default 5) for each build, alternately, each in a fresh server, and the verdict is the
 * ratio of the two medians (met at ≤ 1.10). To build the reference:
 *   git worktree add /tmp/ref 658f9d9 && (cd /tmp/ref && npm ci && npm run build)
 * Without it, one burst, compared with BENCH_LOAD_REFERENCE_MS (default 490 ms: 658f9d9 on the quiet AMD EPYC
 * machine of 2026-12-01 13:50; not this machine's number unless measured here).
 */
const REFERENCE_P95_MS = Number(process.env.BENCH_LOAD_REFERENCE_MS ?? 490);
const TOLERANCE = 1.1;

const here = fileURLToPath(new URL('.', import.meta.url));
const root = fileURLToPath(new URL('..', import.meta.url));

if (process.argv[2] === '--server') {
  // The child: the server as `chiso serve` runs it, reporting its URL and, on request, its peak RSS.
  const { startServer } = await import(pathToFileURL(join(process.argv[4], 'server/serve.js')).href);
  const server = await startServer({ dataDir: process.argv[3], samplesDir: null, webDir: null, port: 0, handleSignals: false, log: () => {} });
  // Event-loop delay inside the server process, the direct measure of blocking.
  const { monitorEventLoopDelay } = await import('node:perf_hooks');
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  process.on('message', async (m) => {
    if (m === 'reset') {
      delay.reset();
      process.send({ reset: true });
    } else if (m === 'stats') {
      process.send({ maxRssMB: process.resourceUsage().maxRSS / 1024, loopDelayMaxMs: delay.max / 1e6, loopDelayP99Ms: delay.percentile(99) / 1e6 });
    } else if (m === 'threads') {
      process.send({ threads: threadCpu() });
    } else if (m === 'close') {
      await server.close();
      process.exit(0);
    }
  });
  process.send({ url: server.url });
} else {
  await main();
}

/** Per-thread CPU (ms) of this process, by thread name (Linux /proc; empty elsewhere). */
function threadCpu() {
  const out = {};
  let tasks = [];
  try { tasks = readdirSync('/proc/self/task'); } catch { return out; }
  for (const t of tasks) {
    try {
      const stat = readFileSync(`/proc/self/task/${t}/stat`, 'utf8');
      const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const ms = ((Number(f[11]) + Number(f[12])) * 1000) / 100;
      out[`${name}#${t}`] = ms;
    } catch {}
  }
  return out;
}

function percentile(xs, p) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
}
function ms(x) {
  return x >= 1000 ? `${(x / 1000).toFixed(2)} s` : `${Math.round(x)} ms`;
}

async function upload(url, bytes, name) {
  const form = new FormData();
  form.set('file', new Blob([bytes], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }), name);
  const t = performance.now();
  const res = await fetch(`${url}/api/submissions`, { method: 'POST', body: form });
  const body = await res.text();
  return { ms: performance.now() - t, status: res.status, body };
}

async function getUnits(url) {
  const t = performance.now();
  const res = await fetch(`${url}/api/units`);
  await res.arrayBuffer();
  return { ms: performance.now() - t, status: res.status };
}

async function main() {
  if (!existsSync(`${root}dist/server/serve.js`)) throw new Error('build first (npm run build)');
  // BENCH_LOAD_DIST=/work/main/dist: the server from another build (the workbooks still come from this one); printed only.
  const dist = resolvePath(process.env.BENCH_LOAD_DIST || `${root}dist`);
  const own = dist === resolvePath(`${root}dist`);
  if (!existsSync(join(dist, 'server/serve.js'))) throw new Error(`no build at ${dist}`);
  const referenceDist = process.env.BENCH_LOAD_REFERENCE_DIST ? resolvePath(process.env.BENCH_LOAD_REFERENCE_DIST) : null;
  if (referenceDist && !existsSync(join(referenceDist, 'server/serve.js'))) throw new Error(`no build at ${referenceDist}`);
  const { generateSample } = await import('../dist/sample/index.js');
  const { loadFramework } = await import('../dist/framework/load.js');
  const { generate } = await import('./generate.js');
  const framework = loadFramework('papi-28');

  // 20 distinct commune workbooks: different units and seeds, so no upload is a duplicate of another.
  const N = Number(process.env.BENCH_LOAD_UPLOADS ?? 20);
  const communes = [];
  for (let k = 0; k < N; k++) {
    const wb = generateSample({ framework, unit: { province: 'An Giang', district: 'Tân Châu', name: `Xã Bench ${k + 1}`, code: String(31000 + k) }, year: 2024, respondents: 300, seed: 1000 + k, errors: false });
    communes.push(new Uint8Array(await wb.xlsx.writeBuffer()));
  }
  const warm = generateSample({ framework, unit: { province: 'An Giang', district: 'Tân Châu', name: 'Xã Warm', code: '30999' }, year: 2024, respondents: 300, seed: 999, errors: false });
  const warmBytes = new Uint8Array(await warm.xlsx.writeBuffer());
  const nationalFile = await generate(20000, `${here}out/papi28-20000.xlsx`);
  const national = new Uint8Array(readFileSync(nationalFile));

  // 1. Concurrent commune uploads: once, or alternately with the reference build.
  const rounds = referenceDist ? Number(process.env.BENCH_LOAD_ROUNDS ?? 5) : 1;
  const ab = { ours: [], reference: [] };
  for (let round = 0; round < rounds; round++) {
    for (const which of referenceDist ? ['reference', 'ours'] : ['ours']) {
      const server = await startChild(which === 'reference' ? referenceDist : dist);
      try {
        const result = await burst(server, warmBytes, communes);
        console.error(which, JSON.stringify(result));
        ab[which].push(result);
        // 2. On this build's last server: the national upload against small GETs.
        if (which === 'ours' && round === rounds - 1) {
          const blocking = await blockingRun(server, national);
          console.error('blocking', JSON.stringify(blocking));
          writeResults(result, blocking, own ? null : dist, referenceDist ? { dist: referenceDist, ours: ab.ours, reference: ab.reference } : null);
        }
      } finally {
        await server.stop();
      }
    }
  }
}

/** `chiso serve` from the build at `dist` in a child process, on a scratch data directory. */
async function startChild(dist) {
  const dataDir = mkdtempSync(join(tmpdir(), 'chiso-load-'));
  const child = fork(fileURLToPath(import.meta.url), ['--server', dataDir, dist], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  const ask = (m) => new Promise((resolve) => { child.once('message', resolve); child.send(m); });
  const { url } = await new Promise((resolve, reject) => { child.once('message', resolve); child.once('exit', (code) => reject(new Error(`server exited ${code}`))); });
  const stop = async () => {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.send('close');
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
    child.kill();
    rmSync(dataDir, { recursive: true, force: true });
  };
  return { url, ask, stop };
}

/** One warm-up upload, a pause, then the uploads all at once: latencies, errors and (BENCH_LOAD_THREADS=1) the server's CPU by thread. */
async function burst({ url, ask }, warmBytes, communes) {
  // Warm-up: one GET and one small upload of an extra workbook, so module loading and JIT are not in the numbers.
  await getUnits(url);
  const w = await upload(url, warmBytes, 'warm.xlsx');
  if (w.status >= 300) throw new Error(`warm-up upload failed: ${w.status} ${w.body.slice(0, 300)}`);
  // Then a pause, for every build alike: a server's background start-up work (scoring workers warming their
  // JIT on a bundled workbook, the desk's first pooling 1 s after start and 2 s after an upload) is over, so the
  // burst measures a server in service, as an official meets it, not one still starting.
  await new Promise((r) => setTimeout(r, 3000));
  const before = (await ask('threads')).threads;
  const t0 = performance.now();
  const results = await Promise.all(communes.map((bytes, k) => upload(url, bytes, `commune-${k + 1}.xlsx`)));
  const wall = performance.now() - t0;
  const after = (await ask('threads')).threads;
  const latencies = results.map((r) => r.ms);
  const errors = results.filter((r) => r.status !== 201);
  const cpuMs = Object.entries(after).reduce((sum, [k, v]) => sum + v - (before[k] ?? 0), 0);
  if (process.env.BENCH_LOAD_THREADS) {
    const rows = Object.entries(after).map(([k, v]) => [k, v - (before[k] ?? 0)]).filter(([, v]) => v > 0).sort((a, b) => b[1] - a[1]);
    console.error('server CPU by thread during the burst (ms):', rows.map(([k, v]) => `${k} ${v}`).join(', '));
  }
  return {
    uploads: communes.length,
    kbEach: Math.round(communes.reduce((s, b) => s + b.length, 0) / communes.length / 1024),
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    max: Math.max(...latencies),
    wall,
    cpuMs,
    errors: errors.length,
    errorSample: errors.slice(0, 3).map((e) => `${e.status} ${e.body.slice(0, 200)}`),
  };
}

/** Idle baseline of the small GET, then the same GETs back to back during a national upload. */
async function blockingRun({ url, ask }, national) {
  const idle = [];
  for (let k = 0; k < 30; k++) idle.push((await getUnits(url)).ms);
  await ask('reset');
  let done = false;
  const big = upload(url, national, 'national-20000.xlsx').then((r) => ((done = true), r));
  const during = [];
  const getErrors = [];
  while (!done) {
    const g = await getUnits(url);
    if (g.status !== 200) getErrors.push(g.status);
    during.push(g.ms);
    await new Promise((r) => setTimeout(r, 20));
  }
  const bigResult = await big;
  const stats = await ask('stats');
  return {
    uploadMB: national.length / 1e6,
    uploadStatus: bigResult.status,
    uploadError: bigResult.status === 201 ? '' : bigResult.body.slice(0, 300),
    uploadMs: bigResult.ms,
    idleP50: percentile(idle, 50),
    idleP95: percentile(idle, 95),
    gets: during.length,
    getErrors: getErrors.length,
    duringP50: percentile(during, 50),
    duringP95: percentile(during, 95),
    duringMax: Math.max(...during),
    loopDelayMaxMs: stats.loopDelayMaxMs,
    serverMaxRssMB: stats.maxRssMB,
  };
}

function median(xs) {
  return percentile(xs, 50);
}

/** The interleaved comparison with the reference build: every round's p95 and server CPU, the medians, the verdict. */
function abVerdict({ dist, ours, reference }) {
  const line = (runs) => runs.map((r) => `${ms(r.p95)} (CPU ${(r.cpuMs / 1000).toFixed(2)} s)`).join(', ');
  const ratio = median(ours.map((r) => r.p95)) / median(reference.map((r) => r.p95));
  const errors = [...ours, ...reference].reduce((s, r) => s + r.errors, 0);
  return [
    `20-concurrent p95 by round, alternately in fresh servers: 658f9d9 (${dist}) ${line(reference)}; this build ${line(ours)}.`,
    `Verdict (issue 13, no regression of the 20-concurrent p95): ${ratio <= TOLERANCE && errors === 0 ? 'met' : 'NOT met'}: median ${ms(median(ours.map((r) => r.p95)))} against 658f9d9's ${ms(median(reference.map((r) => r.p95)))} in the same minutes, ${ratio.toFixed(2)}× (target ≤ ${TOLERANCE.toFixed(2)}×)${errors ? `, ${errors} errors` : ''}.`,
  ].join('\n');
}

function writeResults(c, b, otherDist, ab) {
  const version = (p) => JSON.parse(readFileSync(`${root}node_modules/${p}/package.json`, 'utf8')).version;
  const git = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
  const machine = `${cpus()[0]?.model ?? 'unknown cpu'}, ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(1)} GB memory; Node ${process.version}; hono ${version('hono')}, @hono/node-server ${version('@hono/node-server')}, exceljs ${version('exceljs')}; ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC; git ${git}`;
  const stalls = b.duringP95 > 1000;
  const load = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  const targetMs = REFERENCE_P95_MS * TOLERANCE;
  const p95Met = c.errors === 0 && c.p95 <= targetMs;
  const lines = [
    `${machine}; load average ${load} at the end${otherDist ? `; server from ${otherDist}` : ''}`,
    '',
    `| measurement | result |`,
    `|---|---|`,
    `| ${c.uploads} concurrent uploads of distinct 300-respondent commune workbooks (${c.kbEach} KB each) | p50 ${ms(c.p50)}, p95 ${ms(c.p95)}, max ${ms(c.max)}; all done in ${ms(c.wall)}; errors: ${c.errors}${c.errors ? ` (${c.errorSample.join('; ')})` : ''} |`,
    `| small GET /api/units, idle server (30 in a row) | p50 ${ms(b.idleP50)}, p95 ${ms(b.idleP95)} |`,
    `| one 20,000-respondent upload (${b.uploadMB.toFixed(1)} MB) | ${ms(b.uploadMs)}, status ${b.uploadStatus}${b.uploadError ? ` (${b.uploadError})` : ''} |`,
    `| the same GETs back to back during that upload (${b.gets} requests) | p50 ${ms(b.duringP50)}, p95 ${ms(b.duringP95)}, max ${ms(b.duringMax)}; errors: ${b.getErrors} |`,
    `| server event loop during the upload (monitorEventLoopDelay) | longest block ${ms(b.loopDelayMaxMs)}; server peak RSS ${Math.round(b.serverMaxRssMB)} MB |`,
    '',
    stalls
      ? `Verdict: scoring a national file blocks the event loop — small requests wait up to ${ms(b.duringMax)} (p95 ${ms(b.duringP95)} > 1 s). See "Proposal: worker threads" below.`
      : `Verdict: small requests stay under 1 s at p95 (${ms(b.duringP95)}) during a national upload; the longest event-loop block was ${ms(b.loopDelayMaxMs)}.`,
    ab ? abVerdict(ab) : `Verdict (issue 13, no regression of the 20-concurrent p95): ${p95Met ? 'met' : 'NOT met'}: p95 ${ms(c.p95)} against ${ms(targetMs)} (658f9d9's ${ms(REFERENCE_P95_MS)} + 10 %, measured on another machine)${c.errors ? `, ${c.errors} errors` : ''}.`,
  ];
  if (otherDist) {
    // Another build: printed only, the README keeps this branch's numbers.
    console.log(lines.join('\n'));
    return;
  }
  const readmePath = `${here}README.md`;
  const readme = readFileSync(readmePath, 'utf8');
  const start = '<!-- load:start -->';
  const end = '<!-- load:end -->';
  const block = `${start}\n${lines.join('\n')}\n${end}`;
  writeFileSync(readmePath, readme.includes(start) ? readme.replace(new RegExp(`${start}[\\s\\S]*${end}`), block) : `${readme}\n## Service load (bench/load.js)\n\n${block}\n`);
  writeFileSync(`${here}out/load.json`, JSON.stringify({ machine, concurrent: c, blocking: b }, null, 2));
  console.log(lines.join('\n'));
}
