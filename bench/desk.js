// node bench/desk.js [province|national]: the district and province desk at scale (issue 15).
//
// province: one province of BENCH_DESK_COMMUNES (120) communes in 8 districts,
//   BENCH_DESK_YEARS (5) years to 2024, BENCH_DESK_RESPONDENTS (300) respondents each,
//   uploaded through the real service into SQLite; then the province league
//   (GET /api/league) cold (every workbook re-read once), warm (median of 10) and
//   one district's league.
// national: BENCH_DESK_NATIONAL_COMMUNES (3,321) communes × 300 respondents, one year (2025,
//   directly under 34 provinces), in SQLite (bench/out/desk/data-national-300, loaded once
//   and kept). Measured on `chiso serve` in a process of its own under /usr/bin/time -v (the
//   server's peak RSS, no client in it): start-up to the first answer, a national request
//   right after the start (during the background warming: 200 or 503 league-warming), the
//   time until it answers 200, then the warm national league (median of 10). With
//   BENCH_DESK_BACKFILL=1 it first deletes every stored answers row and times
//   `chiso store migrate` back-filling them (the path of a store written before v3).
// Start-up is the time from startServer() to the first answer on a store that holds it all.
// Peak RSS is the process's (/proc/self/status VmHWM). Workbooks are generated
// once per (commune, year) and cached in bench/out/desk/.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32, deflateRawSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = join(root, 'bench/out/desk');
mkdirSync(out, { recursive: true });
const { loadFramework } = await import(join(root, 'dist/framework/load.js'));
const { generateSample } = await import(join(root, 'dist/sample/index.js'));
const { workbookBuffer } = await import(join(root, 'dist/writer/stableXlsx.js'));
const { startServer } = await import(join(root, 'dist/server/serve.js'));
const { readZipEntries, entryBytes } = await import(join(root, 'dist/zip/directory.js'));
const { inflateEntry } = await import(join(root, 'dist/zip/inflate.js'));

const which = process.argv[2] ?? 'province';
const R = Number(process.env.BENCH_DESK_RESPONDENTS ?? 300);
const framework = loadFramework('papi-29');
const peakMB = () => Number(/VmHWM:\s+(\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))[1]) / 1024;
const ms = (t) => Math.round(performance.now() - t);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function registryCsv() {
  const rows = ['code,name,level,parent,from,to,predecessors'];
  if (which === 'province') {
    const n = Number(process.env.BENCH_DESK_COMMUNES ?? 120);
    rows.push('70,Tỉnh Bench,province,,,,');
    for (let d = 0; d < 8; d++) rows.push(`${700 + d},Huyện ${d + 1},district,70,,2024,`);
    for (let i = 0; i < n; i++) rows.push(`${70000 + i},Xã ${i + 1},commune,${700 + (i % 8)},,2024,`);
  } else {
    const n = Number(process.env.BENCH_DESK_NATIONAL_COMMUNES ?? 3321);
    for (let p = 0; p < 34; p++) rows.push(`${10 + p},Tỉnh ${p + 1},province,,2025,,`);
    for (let i = 0; i < n; i++) rows.push(`${String(100000 + i)},Xã ${i + 1},commune,${10 + (i % 34)},2025,,`);
  }
  return rows.join('\n') + '\n';
}

/** A minimal zip writer (deflate, zlib's CRC-32): enough to re-pack a workbook whose unit code was changed. */
function zip(entries) {
  const chunks = [];
  const central = [];
  let offset = 0;
  for (const { name, data } of entries) {
    const nameBytes = Buffer.from(name);
    const packed = deflateRawSync(data);
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0); local.writeUInt16LE(20, 4); local.writeUInt16LE(0, 6); local.writeUInt16LE(8, 8);
    local.writeUInt32LE(0, 10); local.writeUInt32LE(crc, 14); local.writeUInt32LE(packed.length, 18); local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26); local.writeUInt16LE(0, 28);
    const head = Buffer.alloc(46);
    head.writeUInt32LE(0x02014b50, 0); head.writeUInt16LE(20, 4); head.writeUInt16LE(20, 6); head.writeUInt16LE(0, 8); head.writeUInt16LE(8, 10);
    head.writeUInt32LE(0, 12); head.writeUInt32LE(crc, 16); head.writeUInt32LE(packed.length, 20); head.writeUInt32LE(data.length, 24);
    head.writeUInt16LE(nameBytes.length, 28); head.writeUInt32LE(offset, 42);
    central.push(head, nameBytes);
    chunks.push(local, nameBytes, packed);
    offset += 30 + nameBytes.length + packed.length;
  }
  const size = central.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0); end.writeUInt16LE(entries.length, 8); end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(size, 12); end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...chunks, ...central, end]));
}

/**
 * The national case's 3,321 workbooks: 34 generated ones (one per province, its own seed), each
 * copied per commune with the placeholder code 199999 replaced in the shared strings and the
 * small sheets (the Unit sheet); the Responses sheet is copied as it is. exceljs would take ~0.3 s a workbook.
 */
const bases = new Map();
async function nationalWorkbook(code, province) {
  if (!bases.has(province)) {
    const bytes = await workbook('199999', 2025, province * 7 + 1);
    const entries = [];
    for (const e of readZipEntries(bytes)) {
      if (e.name.endsWith('/')) continue;
      const parts = [];
      for await (const part of inflateEntry(entryBytes(bytes, e), e.method, 1 << 20)) parts.push(part);
      entries.push({ name: e.name, data: Buffer.concat(parts) });
    }
    bases.set(province, entries);
  }
  return zip(bases.get(province).map(({ name, data }) => ({ name, data: data.length < 200_000 ? Buffer.from(data.toString('utf8').replaceAll('199999', code)) : data })));
}

async function workbook(code, year, seed) {
  const file = join(out, `${code}-${year}-${R}.xlsx`);
  if (existsSync(file)) return new Uint8Array(readFileSync(file));
  const quality = 3 + (seed % 7);
  const wb = generateSample({ framework, unit: { province: 'Bench', district: '', name: `Xã ${code}`, code }, year, respondents: R, seed, quality: Object.fromEntries(framework.dimensions.map((d) => [d.code, quality])) });
  const bytes = new Uint8Array(await workbookBuffer(wb));
  writeFileSync(file, bytes);
  return bytes;
}

async function post(url, path, body, type) {
  const res = await fetch(`${url}${path}`, { method: 'POST', body, headers: type ? { 'Content-Type': type } : {} });
  if (res.status >= 300) throw new Error(`${path}: ${res.status} ${await res.text()}`);
}

// The national store is named by its size too, so a small trial run (BENCH_DESK_NATIONAL_COMMUNES=68) keeps its own.
const dataDir = join(out, which === 'national' ? `data-national-${R}-${process.env.BENCH_DESK_NATIONAL_COMMUNES ?? 3321}` : `data-${which}-${R}`);
const loaded = existsSync(join(dataDir, 'loaded'));
let server = await startServer({ port: 0, dataDir, samplesDir: null, webDir: null, handleSignals: false, log: () => {} });
const url = () => server.url;
if (!loaded) {
  const t = performance.now();
  await post(url(), '/api/units', registryCsv(), 'text/csv');
  const codes = registryCsv().split('\n').slice(1).filter((l) => l.includes(',commune,')).map((l) => l.split(',')[0]);
  const years = which === 'province' ? Array.from({ length: Number(process.env.BENCH_DESK_YEARS ?? 5) }, (_, k) => 2024 - k) : [2025];
  let done = 0;
  for (const year of years)
    for (const [i, code] of codes.entries()) {
      const form = new FormData();
      const bytes = which === 'province' ? await workbook(code, year, i * 31 + year) : await nationalWorkbook(code, i % 34);
      form.append('file', new File([bytes], `${code}-${year}.xlsx`));
      await post(url(), '/api/submissions', form);
      if (++done % 200 === 0) console.error(`  ${done} uploaded (${ms(t)} ms)`);
    }
  writeFileSync(join(dataDir, 'loaded'), '');
  console.error(`loaded ${done} workbooks in ${ms(t)} ms`);
}
if (which === 'national') {
  await server.close();
  const results = { case: which, respondents: R, ...(await nationalInProcess()) };
  console.log(JSON.stringify(results));
  process.exit(0);
}
// Start-up on the full store: a fresh server, to its first answer.
await server.close();
let t = performance.now();
server = await startServer({ port: 0, dataDir, samplesDir: null, webDir: null, handleSignals: false, log: () => {} });
await fetch(`${url()}/api/whoami`);
const startup = ms(t);

const results = { case: which, respondents: R, startupMs: startup };
const get = async (path) => {
  const res = await fetch(`${url()}${path}`);
  if (res.status !== 200) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return res.json();
};
if (which === 'province') {
  t = performance.now();
  const cold = await get('/api/league?unit=70&year=2024');
  results.coldMs = ms(t);
  results.rows = cold.scorecards.length;
  results.changes = cold.changes.length;
  // The background warming (every year's national league, here the province's roll-ups) may still run: the
  // warm requests are measured once it is done, as on a server that has been up a while.
  t = performance.now();
  await server.desk.settled();
  results.warmingLeftMs = ms(t);
  const warm = [];
  for (let k = 0; k < 10; k++) {
    t = performance.now();
    await get('/api/league?unit=70&year=2024');
    warm.push(ms(t));
  }
  results.warmMedianMs = median(warm);
  results.warmMaxMs = Math.max(...warm);
  t = performance.now();
  await get('/api/league?unit=700&year=2024');
  results.districtMs = ms(t);
}
results.peakRssMB = Math.round(peakMB());
await server.close();

// Start-up as an official sees it: `chiso serve` in a new process on this store, to its first answer.
results.processStartupMs = await new Promise((resolveStart, reject) => {
  const started = performance.now();
  const child = spawn(process.execPath, [join(root, 'bin/chiso.js'), 'serve', '--data', dataDir, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let text = '';
  // serve prints its address on stderr when that is not a terminal.
  const onData = async (chunk) => {
    text += chunk;
    const m = /(http:\/\/127\.0\.0\.1:\d+)/.exec(text);
    if (!m) return;
    child.stdout.removeAllListeners('data');
    child.stderr.removeAllListeners('data');
    await fetch(`${m[1]}/api/whoami`);
    const took = Math.round(performance.now() - started);
    child.kill('SIGTERM');
    resolveStart(took);
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  child.on('error', reject);
  setTimeout(() => { child.kill('SIGKILL'); reject(new Error(`no start in 30 s: ${text}`)); }, 30_000).unref();
});
console.log(JSON.stringify(results));

/** The national measurements on `chiso serve` in its own process (see the header). */
async function nationalInProcess() {
  const out = {};
  if (process.env.BENCH_DESK_BACKFILL === '1') {
    const { openStore } = await import(join(root, 'dist/store/index.js'));
    const store = await openStore({ dataDir, log: () => {} });
    await store.db.batch([{ sql: 'DELETE FROM submission_answers' }]);
    await store.close();
    const t0 = performance.now();
    const { code, stderr } = await run(['/usr/bin/time', '-v', process.execPath, join(root, 'bin/chiso.js'), 'store', 'migrate', '--data', dataDir]);
    out.backfillMs = ms(t0);
    out.backfillPeakRssMB = maxRss(stderr);
    out.backfillExit = code;
  }
  const started = performance.now();
  const child = spawn('/usr/bin/time', ['-v', process.execPath, join(root, 'bin/chiso.js'), 'serve', '--data', dataDir, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let text = '';
  const base = await new Promise((resolveUrl, reject) => {
    const onData = (chunk) => {
      text += chunk;
      const m = /(http:\/\/127\.0\.0\.1:\d+)/.exec(text);
      if (m) resolveUrl(m[1]);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('error', reject);
    setTimeout(() => reject(new Error(`no start in 30 s: ${text}`)), 30_000).unref();
  });
  await fetch(`${base}/api/whoami`);
  out.processStartupMs = ms(started);
  // Right after the start: the warming is under way.
  let t1 = performance.now();
  const first = await fetch(`${base}/api/league/national?year=2025`);
  out.firstStatus = first.status;
  out.firstRetryAfter = first.headers.get('retry-after');
  out.firstMs = ms(t1);
  if (first.status === 503) out.firstMessage = (await first.json()).error.message;
  else await first.arrayBuffer();
  // Until it answers 200 (polling as a client told Retry-After would, but every second).
  let status = first.status;
  let tries = 1;
  while (status !== 200) {
    if (status !== 503 || tries > 600) throw new Error(`national: ${status}`);
    await new Promise((r) => setTimeout(r, 1000));
    const res = await fetch(`${base}/api/league/national?year=2025`);
    status = res.status;
    await res.arrayBuffer();
    tries++;
  }
  out.readyAfterStartMs = ms(started);
  out.requestsUntilReady = tries;
  const warm = [];
  let body;
  for (let k = 0; k < 10; k++) {
    const t = performance.now();
    const res = await fetch(`${base}/api/league/national?year=2025`);
    body = await res.json();
    warm.push(ms(t));
  }
  out.provinces = body.scorecards.length;
  out.pooledRespondents = body.scorecards.reduce((s, c) => s + c.respondents, 0);
  out.warmMedianMs = median(warm);
  out.warmMaxMs = Math.max(...warm);
  const exited = new Promise((r) => child.on('close', r));
  // /usr/bin/time passes no signal on: end the server itself, time's only child (by its pid), and time reports.
  const children = readFileSync(`/proc/${child.pid}/task/${child.pid}/children`, 'utf8').trim().split(/\s+/).map(Number);
  for (const pid of children) process.kill(pid, 'SIGTERM');
  await exited;
  out.serverPeakRssMB = maxRss(text);
  // The server's CPU over its whole life (start, warming, the 12 requests): steadier than wall time on a shared machine.
  out.serverCpuS = Number(/User time \(seconds\): ([\d.]+)/.exec(text)?.[1]) + Number(/System time \(seconds\): ([\d.]+)/.exec(text)?.[1]);
  return out;
}

function run(argv) {
  return new Promise((resolveRun, reject) => {
    const child = spawn(argv[0], argv.slice(1), { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (c) => (stderr += c));
    child.stdout.on('data', (c) => (stderr += c));
    child.on('error', reject);
    child.on('close', (code) => resolveRun({ code, stderr }));
  });
}

function maxRss(timeOutput) {
  const m = /Maximum resident set size \(kbytes\): (\d+)/.exec(timeOutput);
  return m ? Math.round(Number(m[1]) / 1024) : null;
}
