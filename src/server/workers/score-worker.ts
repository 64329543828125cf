/**
 * A scoring worker thread: reads and scores one workbook at a time off the
 * service's event loop. The pool (pool.ts) starts it from the built file
 * (dist/server/workers/score-worker.js), ends it with terminate() when a
 * request's deadline fires, and replaces it when it dies (its memory limit).
 */
import { readFile } from 'node:fs/promises';
import { parentPort, workerData } from 'node:worker_threads';
import { scoreInput, type WorkbookResult } from '../../pipeline.js';
import { encodeSurvey } from '../../store/answers-codec.js';
import type { UnitInfo } from '../../scoring/types.js';
import type { Registry } from '../../units/types.js';
import { detachOnce } from './detach-once.js';
import type { FromWorker, ToWorker } from './protocol.js';

const port = parentPort;
if (!port) throw new Error('score-worker.js runs as a worker thread (node:worker_threads), not on its own');

const send = (message: FromWorker) => port.postMessage(message);

// Before the warm-up: results are sent by transferring their buffers (detach-once.ts).
detachOnce();

/**
 * Each worker compiles the reader and the scoring code for itself, and V8 keeps
 * optimising for a long time: functions that run once per workbook (reading the
 * codebook and the shared strings, scoring a unit) become hot only after dozens
 * of workbooks, and each costs 50–140 ms of compiling. Scoring a bundled commune
 * workbook WARM_UP_ROUNDS times at start, before uploads arrive, moves most of
 * that out of the first uploads after a start. A real job always goes first:
 * the warm-up waits while one is in hand. Results are dropped; a missing file
 * (an installation without samples) only skips the warm-up.
 */
const warmUpFile = (workerData as { warmUpFile?: string } | null)?.warmUpFile;
/**
 * bench/load.js, 20 concurrent commune uploads 3 s after a start, against 658f9d9 (one thread) in the same
 * minutes: 6 rounds p95 1.09× its median, 30 rounds 0.99× (2026-12-01, 6 interleaved runs each). 30 rounds are
 * about 1.5 s of one core per worker, in the background.
 */
const WARM_UP_ROUNDS = 30;
/** Jobs in hand (scoring, or waiting for `authorized`): the warm-up pauses while there are any. */
let jobsInHand = 0;
let resumeWarmUp: (() => void) | undefined;
if (warmUpFile) {
  void readFile(warmUpFile)
    .then(async (bytes) => {
      for (let round = 0; round < WARM_UP_ROUNDS; round++) {
        while (jobsInHand > 0) await new Promise<void>((resolve) => (resumeWarmUp = resolve));
        const result = await scoreInput(bytes, { fileName: 'warm-up.xlsx' });
        if (result.survey) encodeSurvey(result.survey);
      }
    })
    .catch(() => undefined);
}
const jobDone = () => {
  jobsInHand--;
  if (jobsInHand === 0) resumeWarmUp?.();
};
const answers = new Map<number, (ok: boolean) => void>();
/** The registry last sent, kept for the jobs that name it by number (protocol.ts). */
let kept: { id: number; registry: Registry } | undefined;

port.on('message', (message: ToWorker) => {
  if (message.type === 'authorized') {
    answers.get(message.id)?.(message.ok);
    answers.delete(message.id);
    return;
  }
  const { id } = message;
  if (message.registry && message.registryId !== undefined) kept = { id: message.registryId, registry: message.registry };
  const registry = message.registry ?? (message.registryId !== undefined ? (kept?.id === message.registryId ? kept.registry : null) : undefined);
  if (registry === null) {
    // The pool sends a registry before naming it; a worker without it must not score as if there were none.
    send({ type: 'failed', id, name: 'Error', message: `the scoring worker does not have registry ${message.registryId}` });
    return;
  }
  const authorize = message.authorize
    ? (units: readonly UnitInfo[]) =>
        new Promise<boolean>((resolve) => {
          answers.set(id, resolve);
          send({ type: 'authorize', id, units: [...units] });
        })
    : undefined;
  jobsInHand++;
  scoreInput(message.bytes, { fileName: message.fileName, confidence: message.confidence, limits: message.limits, registry, exports: message.exports, authorize })
    .then(
      (result) => {
        const { message, transfer } = resultMessage(id, result);
        port.postMessage(message, transfer);
      },
      (error: unknown) =>
        send({ type: 'failed', id, name: error instanceof Error ? error.name : 'Error', message: error instanceof Error ? error.message : String(error) }),
    )
    .finally(jobDone);
});

/**
 * The result, with the survey's answers encoded for the store (here, off the
 * service's event loop) and every large buffer transferred, not cloned: the
 * encoded answers and the survey's typed arrays (x alone is n × items × 8 bytes,
 * 20 MB for a 20,000-respondent workbook, which batches and pooled comparisons
 * still read). Only a buffer an array owns whole is moved; the worker keeps no
 * reference to the result once it is sent.
 */
function resultMessage(id: number, result: WorkbookResult): { message: FromWorker; transfer: ArrayBuffer[] } {
  const survey = result.survey;
  const scored = survey && !result.fatal && result.scorecards.length > 0 && !result.refused;
  const answers = scored ? encodeSurvey(survey) : undefined;
  const transfer = new Set<ArrayBuffer>();
  const own = (a: ArrayBufferView | undefined) => {
    if (a && a.buffer instanceof ArrayBuffer && a.byteOffset === 0 && a.byteLength === a.buffer.byteLength) transfer.add(a.buffer);
  };
  own(answers);
  if (survey) [survey.responses?.x, survey.responses?.weights, survey.unitOfRow, survey.sheetRow].forEach(own);
  return { message: { type: 'result', id, result: answers ? { ...result, answers } : result }, transfer: [...transfer] };
}
