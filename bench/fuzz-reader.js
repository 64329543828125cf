// The reader's differential fuzz test (test/ingest/fuzz.test.ts) run long: many
// more random sheets than the suite's 150, with a seed of your choice.
//   node bench/fuzz-reader.js [cases] [seed]      (defaults: 20000, the time of day)
import { spawnSync } from 'node:child_process';

const cases = process.argv[2] ?? '20000';
const seed = process.argv[3] ?? String(Date.now() % 1e9);
console.log(`fuzz: ${cases} cases, seed ${seed} (rerun with the same seed to reproduce a failure)`);
const started = Date.now();
const run = spawnSync('npx', ['vitest', 'run', 'test/ingest/fuzz.test.ts'], {
  stdio: 'inherit',
  env: { ...process.env, FUZZ_CASES: cases, FUZZ_SEED: seed },
});
console.log(`fuzz: ${((Date.now() - started) / 1000).toFixed(1)} s`);
process.exit(run.status ?? 1);
