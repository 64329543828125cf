/**
 * The service's `score`: in worker threads when the built worker is there
 * (dist/, which `npm ci` and `npm run build` make), in-process otherwise —
 * vitest runs the TypeScript sources, where no .js worker sits beside this
 * file. test/server/workers.test.ts runs the worker path on built JS.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { ScoreFn } from '../deps.js';
import { ScorePool } from './pool.js';

export { ScorePool } from './pool.js';

/** Each worker's heap limit: a 20,000-respondent workbook needs about 150 MB; two workers stay well under 1.5 GB. */
export const DEFAULT_WORKER_MEMORY_MB = 512;

export interface ScorerOptions {
  /** Workers (default: the number of cores, as the app's scorings at once). */
  size?: number;
  memoryMb?: number;
  /** Another built worker entry (tests); default the score-worker.js beside this file. */
  workerUrl?: URL;
  /** The workbook a new worker scores to warm up (default: a bundled 300-respondent sample; null: none). */
  warmUpFile?: string | null;
}

/** A 300-respondent commune workbook of the samples (dist/server/workers → samples/), the size most uploads are. */
const DEFAULT_WARM_UP = fileURLToPath(new URL('../../../samples/long-thanh-2023.xlsx', import.meta.url));

export interface Scorer {
  score: ScoreFn;
  /** Null when scoring runs in-process (no built worker). */
  pool: ScorePool | null;
}

export function createScorer(options: ScorerOptions = {}): Scorer {
  const workerUrl = options.workerUrl ?? new URL('./score-worker.js', import.meta.url);
  if (!existsSync(fileURLToPath(workerUrl))) {
    return { pool: null, score: async (input, scoreOptions) => (await import('../../pipeline.js')).scoreInput(input, scoreOptions) };
  }
  const pool = new ScorePool({
    workerUrl,
    size: options.size ?? Math.max(1, availableParallelism()),
    memoryMb: options.memoryMb ?? DEFAULT_WORKER_MEMORY_MB,
    warmUpFile: options.warmUpFile === null ? undefined : (options.warmUpFile ?? DEFAULT_WARM_UP),
  });
  return { pool, score: pool.score };
}
