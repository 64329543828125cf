// What the service paid per upload to read the stored units registry (ingest.ts read it per request, no cache,
// before registry-cache.ts), and what it pays now: a national-size registry (63 provinces × 11 districts × 15 communes) in SQLite. node bench/registry-per-upload.js after npm run build.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseRegistryCsv } from '../dist/units/index.js';
import { storedRegistry } from '../dist/units/access.js';
import { openStore } from '../dist/store/index.js';
import { currentRegistry } from '../dist/server/registry-cache.js';
const rows = ['code,name,level,parent,from,to,predecessors'];
for (let p = 1; p <= 63; p++) { const pc = String(p).padStart(2, '0'); rows.push(`${pc},Tỉnh ${pc},province,,,2024,`);
  for (let d = 1; d <= 11; d++) { const dc = `${pc}${String(d).padStart(2, '0')}`; rows.push(`${dc},Huyện ${dc},district,${pc},,2024,`);
    for (let c = 1; c <= 15; c++) rows.push(`${dc}${String(c).padStart(2, '0')},Xã,commune,${dc},,2024,`); } }
const { registry } = parseRegistryCsv(`${rows.join('\n')}\n`, 'n.csv');
const dir = await mkdtemp(join(tmpdir(), 'chiso-units2-bench-'));
const store = await openStore({ dataDir: dir, log: () => {} });
await store.replaceRegistry(registry.periods.map(({ row, ...p }) => p));
for (let run = 0; run < 3; run++) {
  const t = performance.now(); const cpu = process.cpuUsage();
  for (let i = 0; i < 20; i++) storedRegistry(await store.listRegistry());
  const c = process.cpuUsage(cpu);
  console.log(`listRegistry + storedRegistry, ${registry.periods.length} rows, per upload: ${((performance.now() - t) / 20).toFixed(1)} ms wall, ${((c.user + c.system) / 1000 / 20).toFixed(1)} ms CPU`);
}
// What the service pays now (src/server/registry-cache.ts): one version query per upload, the registry built once.
for (const thread of [false, true]) {
  const s2 = thread ? await openStore({ dataDir: dir, sqliteThread: true, log: () => {} }) : store;
  await currentRegistry(s2);
  const t = performance.now(); const cpu = process.cpuUsage();
  for (let i = 0; i < 200; i++) await currentRegistry(s2);
  const c = process.cpuUsage(cpu);
  console.log(`cached (registryVersion + cache hit${thread ? ', SQLite in its thread' : ''}), per upload: ${((performance.now() - t) / 200).toFixed(2)} ms wall, ${((c.user + c.system) / 1000 / 200).toFixed(2)} ms CPU`);
  if (thread) await s2.close();
}
await store.close(); await rm(dir, { recursive: true, force: true });
