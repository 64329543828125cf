// Store benchmark (issue 13): the SQL store on SQLite and, when it answers, PostgreSQL.
//   1. 200 commune submissions stored one after another (put p50/p95/total), then listed
//      (list() and listUnits(), median of 10).
//   2. The store filled to 5,000 submissions (1,000 communes × 5 years, real 300-respondent
//      scorecards), then: `chiso serve` start-up to listening, as a child process (median of 3),
//      against an empty store; listUnits() and GET /api/units (median of 10).
// Inputs are the real workbook bytes plus a unique suffix (so every submission has its own
// hash); for the 5,000 the input is cut to 16 KB to keep the database a few hundred MB.
// Run: node bench/store.js (needs a build). BENCH_STORE_PG=0 skips PostgreSQL;
// BENCH_STORE_N=5000 sets the size of part 2. Writes the block between the store markers in bench/README.md.
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { cpus, tmpdir, totalmem, loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const here = fileURLToPath(new URL('.', import.meta.url));
const root = fileURLToPath(new URL('..', import.meta.url));
const PG_ADMIN = process.env.CHISO_TEST_DATABASE_URL || 'postgresql://postgres@127.0.0.1:5432/postgres';
const N = Number(process.env.BENCH_STORE_N ?? 5000);

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const percentile = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)];
const ms = (x) => (x >= 1000 ? `${(x / 1000).toFixed(2)} s` : x >= 10 ? `${Math.round(x)} ms` : `${x.toFixed(1)} ms`);

async function timed(fn, runs = 10) {
  const times = [];
  let value;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    value = await fn();
    times.push(performance.now() - t);
  }
  return { ms: median(times), value };
}

async function postgresAnswers() {
  if (process.env.BENCH_STORE_PG === '0') return false;
  const c = new pg.Client({ connectionString: PG_ADMIN, connectionTimeoutMillis: 2000 });
  try {
    await c.connect();
    return true;
  } catch {
    return false;
  } finally {
    await c.end().catch(() => {});
  }
}

async function scratch(backend) {
  if (backend === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'chiso-bench-store-'));
    return { location: { dataDir: dir }, args: ['--data', dir], drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const name = `chiso_store_bench_${process.pid}_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(PG_ADMIN);
  url.pathname = `/${name}`;
  return {
    location: { databaseUrl: url.toString() },
    args: ['--database', url.toString()],
    drop: async () => {
      const a = new pg.Client({ connectionString: PG_ADMIN });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    },
  };
}

/** `chiso serve` as a user starts it: process spawn to its start line ("chiso: trang làm việc tại URL …", in English "chiso workbench: URL …"). */
function startUp(args) {
  return new Promise((resolve, reject) => {
    const t = performance.now();
    const child = spawn(process.execPath, [`${root}bin/chiso.js`, 'serve', '--port', '0', '--no-samples', ...args], { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (chunk) => {
      err += chunk.toString();
      const match = /^chiso(?: workbench)?: (?:trang làm việc tại )?(https?:\/\/\S+)/m.exec(err);
      if (match) {
        const elapsed = performance.now() - t;
        resolve({ ms: elapsed, url: match[1], stop: () => new Promise((r) => { child.once('exit', r); child.kill('SIGTERM'); }) });
      }
    });
    child.once('exit', (code) => reject(new Error(`serve exited ${code}: ${err}`)));
  });
}

async function main() {
  if (!existsSync(`${root}dist/store/index.js`)) throw new Error('build first (npm run build)');
  const { openStore } = await import('../dist/store/index.js');
  const { generateSample } = await import('../dist/sample/index.js');
  const { loadFramework } = await import('../dist/framework/load.js');
  const { scoreWorkbook } = await import('../dist/pipeline.js');
  const framework = loadFramework('papi-29');
  const wb = generateSample({ framework, unit: { province: 'An Giang', district: 'Tân Châu', name: 'Xã Bench', code: '31000' }, year: 2024, respondents: 300, seed: 7, errors: false });
  const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
  const result = await scoreWorkbook(bytes, { fileName: 'bench.xlsx' });
  const card = result.scorecards[0];
  const reportInputs = { framework: result.survey.framework, targets: result.survey.targets, plan: result.survey.plan, engineVersion: 'chiso bench', confidence: 0.95 };
  const submissionFor = (k, year) => ({
    fileName: `xa-${k}-${year}.xlsx`,
    files: [`xa-${k}-${year}.xlsx`],
    problems: result.problems,
    scorecards: [{ ...card, unit: { ...card.unit, code: String(40000 + k), name: `Xã ${k}`, district: `Huyện ${k % 20}`, year } }],
    confidence: 0.95,
    reportInputs,
  });
  const inputFor = (k, year, cut) => {
    const base = cut ? bytes.subarray(0, cut) : bytes;
    const out = new Uint8Array(base.length + 16);
    out.set(base);
    out.set(new TextEncoder().encode(`${String(k).padStart(8, '0')}${year}0000`).subarray(0, 16), base.length);
    return out;
  };

  const backends = ['sqlite', ...((await postgresAnswers()) ? ['postgres'] : [])];
  const rows = [];
  for (const backend of backends) {
    const place = await scratch(backend);
    try {
      const empty = [];
      for (let i = 0; i < 3; i++) {
        const s = await startUp(place.args);
        empty.push(s.ms);
        await s.stop();
      }
      const store = await openStore({ ...place.location, log: () => {} });
      // 1. 200 communes, one upload each.
      const puts = [];
      const t0 = performance.now();
      for (let k = 0; k < 200; k++) {
        const t = performance.now();
        await store.put(submissionFor(k, 2024), inputFor(k, 2024));
        puts.push(performance.now() - t);
      }
      const putWall = performance.now() - t0;
      const list200 = await timed(() => store.list());
      const units200 = await timed(() => store.listUnits());
      if (list200.value.length !== 200 || units200.value.length !== 200) throw new Error('200 submissions expected');

      // 2. Fill to N: 1,000 communes × 5 years (the 200 above are commune 0..199 of 2024).
      const tFill = performance.now();
      let count = 200;
      for (let year = 2020; year <= 2024 && count < N; year++)
        for (let k = 0; k < N / 5 && count < N; k++) {
          if (year === 2024 && k < 200) continue;
          await store.put(submissionFor(k, year), inputFor(k, year, 16 * 1024));
          count++;
        }
      const fillMs = performance.now() - tFill;
      const unitsN = await timed(() => store.listUnits());
      const listN = await timed(() => store.list(), 5);
      await store.close();
      const starts = [];
      let server;
      for (let i = 0; i < 3; i++) {
        server = await startUp(place.args);
        starts.push(server.ms);
        if (i < 2) await server.stop();
      }
      // A server in service, as load.js measures it: the scoring workers' JIT warm-up and the desk's first
      // pooling run in the background for the first seconds after a start and would be timed with the request.
      await new Promise((r) => setTimeout(r, Number(process.env.BENCH_STORE_SETTLE_MS ?? 8000)));
      await fetch(`${server.url}/api/units`).then((r) => r.arrayBuffer());
      const httpUnits = await timed(async () => {
        const res = await fetch(`${server.url}/api/units`);
        await res.arrayBuffer();
        return res.status;
      });
      await server.stop();
      rows.push({
        backend,
        put: { p50: percentile(puts, 50), p95: percentile(puts, 95), wall: putWall },
        list200: list200.ms,
        units200: units200.ms,
        fill: { count, ms: fillMs },
        unitsN: unitsN.ms,
        unitCount: unitsN.value.length,
        listN: listN.ms,
        startEmpty: median(empty),
        startN: median(starts),
        httpUnits: httpUnits.ms,
      });
      console.error(backend, JSON.stringify(rows.at(-1)));
    } finally {
      await place.drop();
    }
  }
  write(rows, bytes.length);
}

function write(rows, kb) {
  const version = (p) => JSON.parse(readFileSync(`${root}node_modules/${p}/package.json`, 'utf8')).version;
  const git = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
  const machine = `${cpus()[0]?.model ?? 'unknown cpu'}, ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(1)} GB memory; load average ${loadavg()[0].toFixed(1)} at the end; Node ${process.version}; @libsql/client ${version('@libsql/client')}, pg ${version('pg')}; PostgreSQL on the same machine; ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC; git ${git}`;
  const lines = [machine, '', `| measurement | ${rows.map((r) => r.backend).join(' | ')} |`, `|---|${rows.map(() => '---|').join('')}`];
  const row = (label, f) => lines.push(`| ${label} | ${rows.map(f).join(' | ')} |`);
  row(`200 commune submissions stored one after another (${Math.round(kb / 1024)} KB workbook, real 300-respondent scorecard)`, (r) => `put p50 ${ms(r.put.p50)}, p95 ${ms(r.put.p95)}; all 200 in ${ms(r.put.wall)}`);
  row('list() of the 200 / listUnits() of the 200 (median of 10)', (r) => `${ms(r.list200)} / ${ms(r.units200)}`);
  row(`filled to ${rows[0]?.fill.count ?? N} submissions (1,000 communes × 5 years; 16 KB inputs)`, (r) => `${ms(r.fill.ms)}`);
  row(`\`chiso serve\` start-up, process spawn to listening (median of 3): empty store → ${rows[0]?.fill.count ?? N} submissions`, (r) => `${ms(r.startEmpty)} → ${ms(r.startN)}`);
  row(`listUnits() with ${rows[0]?.fill.count ?? N} submissions (${rows[0]?.unitCount} units × 5 years; median of 10)`, (r) => ms(r.unitsN));
  row(`GET /api/units over HTTP, same store (median of 10)`, (r) => ms(r.httpUnits));
  row(`list() of all ${rows[0]?.fill.count ?? N} (median of 5)`, (r) => ms(r.listN));
  const readmePath = `${here}README.md`;
  const readme = readFileSync(readmePath, 'utf8');
  const start = '<!-- store:start -->';
  const end = '<!-- store:end -->';
  const block = `${start}\n${lines.join('\n')}\n${end}`;
  writeFileSync(readmePath, readme.includes(start) ? readme.replace(new RegExp(`${start}[\\s\\S]*${end}`), block) : `${readme}\n## The store (bench/store.js)\n\n${block}\n`);
  console.log(lines.join('\n'));
}

await main();
