// CPU time of ingestWorkbook (or the reader alone) from any build, one line per call:
// for comparing two builds interleaved on a shared machine, where wall time is noise.
//
//     node bench/ingest-cpu.js DIST FILE [ingest|reader] [calls]
//     node bench/ingest-cpu.js dist bench/out/papi28-relevant-20000.xlsx ingest 4
//
// The first call is what the CLI pays (JIT warm-up included). Under callgrind with
// synchronous compiles the instruction count repeats to about 1% (bench/README.md):
//
//     valgrind --tool=callgrind --callgrind-out-file=/dev/null node --no-concurrent-recompilation bench/ingest-cpu.js dist FILE ingest 1
//     (the same with 0 calls gives the start-up to subtract)
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [distArg = 'dist', file, kind = 'ingest', calls = '1'] = process.argv.slice(2);
if (!file) {
  console.error('usage: node bench/ingest-cpu.js DIST FILE [ingest|reader] [calls]');
  process.exit(64);
}
const dist = pathToFileURL(resolve(distArg)).href;
const bytes = new Uint8Array(await readFile(file));
const { ingestWorkbook } = await import(`${dist}/ingest/index.js`);
const { openXlsx } = await import(`${dist}/ingest/xlsx/index.js`);
const { cliLimits } = await import(`${dist}/limits.js`);
const out = [];
for (let i = 0; i < Number(calls); i++) {
  const before = process.cpuUsage();
  if (kind === 'ingest') await ingestWorkbook(bytes, { fileName: file });
  else {
    const source = await openXlsx(bytes, cliLimits);
    for await (const _ of source.rows('Responses'));
  }
  const cpu = process.cpuUsage(before);
  out.push(Math.round((cpu.user + cpu.system) / 1000));
}
console.log(`${kind} ${distArg}: CPU ms per call ${out.join(' ')}`);
