/**
 * A scoring worker thread: reads and scores one workbook at a time off the
 * service's event loop. The pool (pool.ts) starts it from the built file
 * (dist/server/workers/score-worker.js), ends it with terminate() when a
 * request's deadline fires, and replaces it when it dies (its memory limit).
 */
import { parentPort } from 'node:worker_threads';
import { scoreInput } from '../../pipeline.js';
import type { UnitInfo } from '../../scoring/types.js';
import type { FromWorker, ToWorker } from './protocol.js';

const port = parentPort;
if (!port) throw new Error('score-worker.js runs as a worker thread (node:worker_threads), not on its own');

const send = (message: FromWorker) => port.postMessage(message);
const answers = new Map<number, (ok: boolean) => void>();

port.on('message', (message: ToWorker) => {
  if (message.type === 'authorized') {
    answers.get(message.id)?.(message.ok);
    answers.delete(message.id);
    return;
  }
  const { id } = message;
  const authorize = message.authorize
    ? (units: readonly UnitInfo[]) =>
        new Promise<boolean>((resolve) => {
          answers.set(id, resolve);
          send({ type: 'authorize', id, units: [...units] });
        })
    : undefined;
  scoreInput(message.bytes, { fileName: message.fileName, confidence: message.confidence, limits: message.limits, registry: message.registry, exports: message.exports, authorize }).then(
    (result) => send({ type: 'result', id, result }),
    (error: unknown) =>
      send({ type: 'failed', id, name: error instanceof Error ? error.name : 'Error', message: error instanceof Error ? error.message : String(error) }),
  );
});
