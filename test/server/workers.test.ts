/**
 * The scoring worker pool (src/server/workers/) on built JavaScript: vitest
 * runs TypeScript sources, where createScorer() scores in-process, so this
 * test bundles the worker entry with esbuild (as tsc would emit it, one file)
 * and runs the real worker threads on it.
 */
import { mkdir, readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scoreWorkbook } from '../../src/pipeline.js';
import { ingestWorkbook } from '../../src/server/ingest.js';
import { defaultServerLimits } from '../../src/server/deps.js';
import { createScorer, ScorePool } from '../../src/server/workers/index.js';
import type { UnitInfo } from '../../src/scoring/types.js';
import { loadRegistryFile } from '../../src/units/load.js';
import { cliLimits } from '../../src/limits.js';
import { loadFramework } from '../../src/framework/load.js';
import { generateSample } from '../../src/sample/index.js';
import { workbookBuffer } from '../../src/writer/stableXlsx.js';
import { encodeSurvey } from '../../src/store/answers-codec.js';
import { Worker } from 'node:worker_threads';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { startServer } from '../../src/server/serve.js';
import type { Registry } from '../../src/units/types.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
let workerUrl: URL;
let sample: Uint8Array;
const pools: ScorePool[] = [];
const poolOf = (memoryMb = 512, size = 1) => {
  const pool = new ScorePool({ workerUrl, size, memoryMb });
  pools.push(pool);
  return pool;
};

beforeAll(async () => {
  // Inside node_modules/ so that the bundle's external packages resolve as from the project.
  const outfile = join(root, 'node_modules/.cache/chiso-test-workers/score-worker.mjs');
  await mkdir(dirname(outfile), { recursive: true });
  await build({ entryPoints: [join(root, 'src/server/workers/score-worker.ts')], outfile, bundle: true, platform: 'node', format: 'esm', packages: 'external', logLevel: 'warning' });
  workerUrl = pathToFileURL(outfile);
  sample = new Uint8Array(await readFile(join(root, 'samples/lien-hoi-2024.xlsx')));
}, 60_000);

afterAll(async () => {
  await Promise.all(pools.map((p) => p.close()));
});

describe('score pool (worker threads)', () => {
  it('scores as scoreWorkbook does in-process, at the asked confidence, and leaves the caller its bytes', async () => {
    const pool = poolOf();
    const before = sample.byteLength;
    const [viaWorker, inProcess] = await Promise.all([
      pool.score(sample, { fileName: 'lien-hoi-2024.xlsx', confidence: 0.9 }),
      scoreWorkbook(sample, { fileName: 'lien-hoi-2024.xlsx', confidence: 0.9 }),
    ]);
    expect(sample.byteLength).toBe(before); // a copy was transferred, not the caller's buffer
    expect(viaWorker.fatal).toBe(false);
    expect(viaWorker.scorecards.length).toBeGreaterThan(0);
    // The second implementation is the in-process pipeline itself: the clone must not change a number.
    expect(viaWorker.scorecards).toEqual(inProcess.scorecards);
    expect(viaWorker.problems).toEqual(inProcess.problems);
    expect(viaWorker.survey.plan).toEqual(inProcess.survey.plan);
    expect(viaWorker.survey.responses.n).toBe(inProcess.survey.responses.n);
    expect(viaWorker.survey.responses.x).toBeInstanceOf(Float64Array);
    // The answers the store keeps, encoded in the worker and transferred: byte for byte what the service would
    // encode from the in-process survey, and the transferred x is the in-process x.
    expect(viaWorker.answers).toBeInstanceOf(Uint8Array);
    expect(viaWorker.answers).toEqual(encodeSurvey(inProcess.survey));
    expect(viaWorker.survey.responses.x).toEqual(inProcess.survey.responses.x);
    expect(pool.workers).toBe(1);
  });

  it('asks authorize on the service side with the units read, and scores nothing when it says no', async () => {
    const pool = poolOf();
    const asked: UnitInfo[][] = [];
    const result = await pool.score(sample, {
      fileName: 'x.xlsx',
      authorize: async (units) => {
        asked.push([...units]);
        return false;
      },
    });
    expect(asked).toHaveLength(1);
    expect(asked[0][0].name).toBeTruthy();
    expect(result.refused).toEqual(asked[0]);
    expect(result.scorecards).toEqual([]);
  });

  it('the deadline terminates the worker: the call rejects with its reason, and a fresh worker scores the next one', async () => {
    const pool = poolOf();
    const deadline = new AbortController();
    const reason = new Error('deadline');
    reason.name = 'TimeoutError';
    // Fires while the worker waits between reading and scoring: deterministic, no timing.
    const stopped = pool.score(sample, { fileName: 'x.xlsx', signal: deadline.signal, authorize: () => (deadline.abort(reason), true) });
    await expect(stopped).rejects.toBe(reason);
    expect(pool.workers).toBe(0); // terminated, not left running
    const next = await pool.score(sample, { fileName: 'x.xlsx' });
    expect(next.scorecards.length).toBeGreaterThan(0);
    expect(pool.workers).toBe(1);
  });

  it('a workbook past the memory limit kills only its worker: memory-limit (413 in ingest), nothing stored', async () => {
    // 4 MB of heap is too little for any workbook: the worker dies as a hostile workbook's would.
    const pool = poolOf(4);
    const result = await pool.score(sample, { fileName: 'big.xlsx' });
    expect(result.fatal).toBe(true);
    expect(result.problems.map((p) => p.code)).toEqual(['memory-limit']);
    expect(pool.workers).toBe(0);

    let stored = 0;
    const store = { findByHash: async () => undefined, listRegistry: async () => [], listUnits: async () => [], put: async () => (stored++, Promise.reject(new Error('must not store'))) };
    const outcome = await ingestWorkbook(
      { store: store as never, score: pool.score, limits: defaultServerLimits },
      { bytes: sample, fileName: 'big.xlsx', confidence: 0.95, principal: { scope: 'admin' } as never },
    );
    expect(outcome).toMatchObject({ kind: 'unscorable', tooLarge: true });
    expect(stored).toBe(0);
    // The other pool's workers are untouched, and this pool still answers (a fresh worker each time).
    expect(pool.workers).toBe(0);
  });

  it('passes the units registry to the worker (results as in-process with it, which differ from without)', async () => {
    const { registry } = await loadRegistryFile(join(root, 'samples/units.csv'), cliLimits);
    expect(registry).not.toBeNull();
    const pool = poolOf();
    // A unit code the registry does not know: with the registry, a problem says so.
    const unit = { province: 'Đồng Nai', district: 'Long Thành', name: 'Nơi Khác', code: '99999' };
    const bytes = new Uint8Array(await workbookBuffer(generateSample({ framework: loadFramework('papi-29'), unit, year: 2024, respondents: 20, seed: 3 })));
    const options = { fileName: 'noi-khac-2024.xlsx', registry: registry! };
    const [viaWorker, inProcess, without] = await Promise.all([pool.score(bytes, options), scoreWorkbook(bytes, options), scoreWorkbook(bytes, { fileName: 'noi-khac-2024.xlsx' })]);
    expect(viaWorker.scorecards).toEqual(inProcess.scorecards);
    expect(viaWorker.problems).toEqual(inProcess.problems);
    expect([inProcess.scorecards, inProcess.problems]).not.toEqual([without.scorecards, without.problems]);
  });

  it('sends a registry to a worker once; later jobs name it, and another registry is sent again', async () => {
    const { registry } = await loadRegistryFile(join(root, 'samples/units.csv'), cliLimits);
    // The same registry loaded again: equal content, another object (as after a re-import: a new cache entry).
    const { registry: other } = await loadRegistryFile(join(root, 'samples/units.csv'), cliLimits);
    const pool = poolOf();
    const unit = { province: 'Đồng Nai', district: 'Long Thành', name: 'Nơi Khác', code: '99999' };
    const bytes = new Uint8Array(await workbookBuffer(generateSample({ framework: loadFramework('papi-29'), unit, year: 2024, respondents: 20, seed: 3 })));
    const sent: boolean[] = [];
    const post = Worker.prototype.postMessage;
    Worker.prototype.postMessage = function (this: Worker, message: unknown, transfer?: never) {
      const m = message as { type?: string; registry?: Registry };
      if (m.type === 'job') sent.push(m.registry !== undefined);
      return post.call(this, message, transfer);
    };
    try {
      const expected = await scoreWorkbook(bytes, { fileName: 'x.xlsx', registry: registry! });
      const without = await scoreWorkbook(bytes, { fileName: 'x.xlsx' });
      for (const [r, want] of [[registry, expected], [registry, expected], [undefined, without], [registry, expected], [other, expected]] as const) {
        const got = await pool.score(bytes, { fileName: 'x.xlsx', registry: r ?? undefined });
        expect(got.problems).toEqual(want.problems);
      }
    } finally {
      Worker.prototype.postMessage = post;
    }
    // One worker: the registry crosses with the first job and with the first job of the other object only.
    expect(sent).toEqual([true, false, false, false, true]);
  });

  it('startServer starts as many scoring workers as --max-scorings (limits.maxConcurrentScorings) allows', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'chiso-pool-size-'));
    try {
      for (const scorings of [1, 3]) {
        const server = await startServer({ port: 0, dataDir: join(dir, String(scorings)), samplesDir: null, webDir: null, handleSignals: false, log: () => undefined, workers: { workerUrl }, limits: { maxConcurrentScorings: scorings } });
        try {
          expect(server.scorePool?.options.size).toBe(scorings);
          expect(server.scorePool?.workers).toBe(scorings); // started with the server (warm)
        } finally {
          await server.close();
        }
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('createScorer scores in-process when no built worker sits beside it (vitest on sources)', async () => {
    const scorer = createScorer({ workerUrl: new URL('file:///nonexistent/score-worker.js') });
    expect(scorer.pool).toBeNull();
    const result = await scorer.score(sample, { fileName: 'x.xlsx' });
    expect(result.scorecards.length).toBeGreaterThan(0);
  });
});
