/**
 * Scoring in worker threads (node:worker_threads), so that reading and scoring
 * a large workbook never blocks the service's event loop (GET /api/whoami and
 * every other request stay quick while uploads are scored).
 *
 * `ScorePool.score` has the signature of `scoreWorkbook` (the `score`
 * dependency of the app, wire.ts). At most `size` workers, each scoring one
 * workbook at a time; more calls wait in order (the app's WorkQueue already
 * bounds them to the same number). Per job:
 * - the input is copied once and the copy's buffer transferred (the caller
 *   keeps its bytes to store them);
 * - `authorize` is asked here, on the service's side, when the worker has read
 *   the units (the worker waits for the answer before scoring);
 * - the deadline (`signal`) terminates the worker: the promise rejects with the
 *   signal's reason, so the caller stores nothing; a fresh worker replaces it;
 * - a worker that passes its memory limit (`resourceLimits`) dies alone: the
 *   job's answer is an unscorable result with the `memory-limit` problem
 *   (the service answers 413), and a fresh worker replaces it.
 */
import { readFile } from 'node:fs/promises';
import { Worker } from 'node:worker_threads';
import { problem } from '../../diagnostics/problem.js';
import type { ScoreOptions, WorkbookResult } from '../../pipeline.js';
import type { Survey } from '../../ingest/types.js';
import type { FromWorker, ToWorker } from './protocol.js';

export interface PoolOptions {
  /** The worker's built entry (dist/server/workers/score-worker.js). */
  workerUrl: URL;
  /** Workers at most (default: the app's scorings at once, the number of cores). */
  size: number;
  /** Each worker's V8 old-generation heap limit, in MB. */
  memoryMb: number;
  /**
   * A commune workbook each new worker scores once before its first job (score-worker.ts), so that its
   * JIT is warm when uploads arrive; absent or unreadable: no warm-up.
   */
  warmUpFile?: string;
}

interface Job {
  bytes: Uint8Array;
  options: ScoreOptions;
  resolve: (result: WorkbookResult) => void;
  reject: (error: unknown) => void;
}

interface Slot {
  worker: Worker;
  /** The registry this worker was last sent (protocol.ts: it keeps one). */
  registryId?: number;
  job?: Job & { id: number; done: (worker: Worker | null) => void };
}

let nextId = 1;

export class ScorePool {
  private readonly idle: Slot[] = [];
  private started = 0;
  private readonly waiting: Job[] = [];
  private closed = false;
  /** A number per registry object: the service's registry cache hands out one object per registry version. */
  private readonly registryIds = new WeakMap<object, number>();
  private nextRegistryId = 1;

  constructor(readonly options: PoolOptions) {
    if (!(options.size >= 1)) throw new RangeError('a score pool needs at least one worker');
  }

  /** Workers alive now (idle or busy): for tests and the README's claims. */
  get workers(): number {
    return this.started;
  }

  /** A path (as scoreWorkbook takes) is read here first; the service always passes bytes. */
  score = async (input: Uint8Array | string, options: ScoreOptions): Promise<WorkbookResult> => {
    const bytes = typeof input === 'string' ? new Uint8Array(await readFile(input)) : input;
    return new Promise<WorkbookResult>((resolve, reject) => {
      if (this.closed) return reject(new Error('the score pool is closed'));
      if (options.signal?.aborted) return reject(options.signal.reason);
      this.waiting.push({ bytes, options, resolve, reject });
      this.dispatch();
    });
  };

  /** Ends every worker (server shutdown). Jobs still running reject. */
  /**
   * Starts every worker now, so the first uploads after a start do not each pay
   * a worker's start-up (loading the pipeline and exceljs): bench/load.js's 20
   * concurrent uploads right after start, p95 1.25 s → 1.06 s on a quiet machine.
   */
  warm(): void {
    while (!this.closed && this.started < this.options.size) {
      const slot = this.spawn();
      slot.worker.unref();
      this.idle.push(slot);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.waiting.splice(0)) job.reject(new Error('the score pool is closed'));
    await Promise.all(this.idle.splice(0).map((slot) => slot.worker.terminate()));
  }

  private dispatch(): void {
    while (this.waiting.length > 0) {
      const slot = this.idle.pop() ?? (this.started < this.options.size ? this.spawn() : undefined);
      if (!slot) return;
      const job = this.waiting.shift()!;
      if (job.options.signal?.aborted) {
        this.idle.push(slot);
        job.reject(job.options.signal.reason);
        continue;
      }
      this.run(slot, job);
    }
  }

  private spawn(): Slot {
    this.started++;
    const worker = new Worker(this.options.workerUrl, { resourceLimits: { maxOldGenerationSizeMb: this.options.memoryMb }, workerData: { warmUpFile: this.options.warmUpFile } });
    const slot: Slot = { worker };
    worker.on('message', (message: FromWorker) => this.onMessage(slot, message));
    worker.on('error', (error: Error & { code?: string }) => {
      const job = slot.job;
      if (!job) return;
      if (error.code === 'ERR_WORKER_OUT_OF_MEMORY') job.resolve(outOfMemory(job.options.fileName, this.options.memoryMb));
      else job.reject(error);
      job.done(null);
    });
    worker.on('exit', () => {
      // An exit outside terminate() with a job still on it (the error handler above did not see it).
      const job = slot.job;
      if (job) {
        job.reject(new Error('the scoring worker stopped'));
        job.done(null);
      }
      const at = this.idle.indexOf(slot);
      if (at >= 0) {
        this.idle.splice(at, 1);
        this.started--;
      }
    });
    worker.unref(); // an idle worker does not keep the process alive
    return slot;
  }

  private run(slot: Slot, job: Job): void {
    const id = nextId++;
    const { signal } = job.options;
    const onAbort = () => {
      // Stop the work where it is; nothing it computed reaches the caller.
      job.reject(signal!.reason);
      done(null);
    };
    let finished = false;
    const done = (worker: Worker | null) => {
      if (finished) return;
      finished = true;
      signal?.removeEventListener('abort', onAbort);
      slot.job = undefined;
      if (worker && !this.closed) {
        worker.unref();
        this.idle.push(slot);
      } else {
        this.started--;
        void slot.worker.terminate();
      }
      this.dispatch();
    };
    slot.job = { ...job, id, done };
    slot.worker.ref();
    signal?.addEventListener('abort', onAbort, { once: true });
    // A copy of its own (Buffer#slice would be a view of the caller's memory, which transferring would detach).
    const copy = new Uint8Array(job.bytes.byteLength);
    copy.set(job.bytes);
    const registry = job.options.registry;
    let registryId: number | undefined;
    if (registry) {
      registryId = this.registryIds.get(registry);
      if (registryId === undefined) this.registryIds.set(registry, (registryId = this.nextRegistryId++));
    }
    const sendRegistry = registry !== undefined && slot.registryId !== registryId;
    slot.registryId = registryId ?? slot.registryId;
    const message: ToWorker = {
      type: 'job',
      id,
      bytes: copy,
      fileName: job.options.fileName,
      confidence: job.options.confidence,
      limits: job.options.limits,
      registry: sendRegistry ? registry : undefined,
      registryId,
      exports: job.options.exports,
      authorize: job.options.authorize !== undefined,
    };
    slot.worker.postMessage(message, [copy.buffer]);
  }

  private onMessage(slot: Slot, message: FromWorker): void {
    const job = slot.job;
    if (!job || message.id !== job.id) return; // an answer to a job already stopped
    switch (message.type) {
      case 'authorize':
        Promise.resolve()
          .then(() => job.options.authorize!(message.units))
          .then(
            (ok) => {
              if (slot.job?.id === job.id) slot.worker.postMessage({ type: 'authorized', id: job.id, ok } satisfies ToWorker);
            },
            (error: unknown) => {
              job.reject(error);
              job.done(null);
            },
          );
        return;
      case 'result':
        job.resolve(message.result);
        job.done(slot.worker);
        return;
      case 'failed': {
        const error = new Error(message.message);
        error.name = message.name;
        job.reject(error);
        job.done(slot.worker);
        return;
      }
    }
  }
}

/** The answer for a workbook whose scoring passed the worker's memory limit: unscorable, 413. */
function outOfMemory(fileName: string, memoryMb: number): WorkbookResult {
  return {
    file: fileName,
    problems: [problem('memory-limit', { mb: memoryMb }, { file: fileName })],
    scorecards: [],
    fatal: true,
    // Nothing was read that survived the worker; callers look at `fatal` first.
    survey: undefined as unknown as Survey,
  };
}
