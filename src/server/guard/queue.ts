/**
 * Bounded work: at most `concurrency` scorings run at once and at most
 * `maxWaiting` more wait their turn; past that a request is refused at once
 * (503 + Retry-After) before its body is read, so a flood costs neither CPU
 * nor memory. A place is taken when the request arrives (its upload is then
 * buffered, so memory is bounded by places × the upload limit), the turn to
 * run when the work starts, and both are given back when it ends.
 */
import type { MiddlewareHandler } from 'hono';
import { ApiError, RETRY_AFTER_SECONDS } from '../errors.js';

export interface WorkTicket {
  /** Waits for a turn to run (first come, first served); rejects with the signal's reason if it aborts first. */
  start(signal?: AbortSignal): Promise<void>;
  /**
   * Gives back the turn to run but keeps the place: what is left (storing the result) does not hold
   * up the next scoring, while the place still counts against the queue's bound (memory stays
   * bounded by places). No effect unless running.
   */
  endTurn(): void;
  /** Gives back the place (and the turn, if started). Safe to call twice. */
  release(): void;
}

export class WorkQueue {
  private running = 0;
  /** Places handed out and not yet released: waiting (body being read or queued) and running. */
  private places = 0;
  private readonly turns: (() => void)[] = [];

  constructor(
    readonly concurrency: number,
    readonly maxWaiting: number,
  ) {
    if (!(concurrency >= 1) || !(maxWaiting >= 0)) throw new RangeError('a work queue needs at least one worker and no negative queue');
  }

  /** Work running now and places taken (running + waiting). */
  get load(): { running: number; places: number } {
    return { running: this.running, places: this.places };
  }

  /** A place in the queue, or null when every place is taken. */
  enter(): WorkTicket | null {
    if (this.places >= this.concurrency + this.maxWaiting) return null;
    this.places++;
    let state: 'waiting' | 'queued' | 'running' | 'finishing' | 'done' = 'waiting';
    let turn: (() => void) | undefined;
    return {
      start: (signal) =>
        new Promise<void>((resolve, reject) => {
          if (state !== 'waiting') return reject(new Error('a work ticket starts once'));
          if (signal?.aborted) return reject(signal.reason);
          if (this.running < this.concurrency && this.turns.length === 0) {
            this.running++;
            state = 'running';
            return resolve();
          }
          const onAbort = () => {
            const at = this.turns.indexOf(turn!);
            if (at >= 0) this.turns.splice(at, 1);
            state = 'waiting';
            reject(signal!.reason);
          };
          turn = () => {
            signal?.removeEventListener('abort', onAbort);
            state = 'running';
            resolve();
          };
          state = 'queued';
          this.turns.push(turn);
          signal?.addEventListener('abort', onAbort, { once: true });
        }),
      endTurn: () => {
        if (state !== 'running') return;
        state = 'finishing';
        this.running--;
        this.next();
      },
      release: () => {
        if (state === 'done') return;
        if (state === 'queued') {
          const at = this.turns.indexOf(turn!);
          if (at >= 0) this.turns.splice(at, 1);
        }
        if (state === 'running') {
          this.running--;
          this.next();
        }
        state = 'done';
        this.places--;
      },
    };
  }

  private next(): void {
    while (this.running < this.concurrency && this.turns.length > 0) {
      this.running++;
      this.turns.shift()!();
    }
  }
}

export function busy(): ApiError {
  return ApiError.of('busy', 503, { seconds: RETRY_AFTER_SECONDS });
}

export function deadlineExceeded(ms: number): ApiError {
  return ApiError.of('timeout', 503, { seconds: Math.round(ms / 1000) });
}

/** Whether an error is an AbortSignal firing (the deadline), not a failure of the work. */
export function isAbort(error: unknown, signal?: AbortSignal): boolean {
  if (signal?.aborted && error === signal.reason) return true;
  return error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
}

/** What a queued request carries from its middleware to its handler. */
export interface QueuedWork {
  ticket: WorkTicket;
  /** Fires at the deadline (or when the client goes away): the work stops and nothing is stored. */
  signal: AbortSignal;
}

export type WorkEnv = { Variables: { work: QueuedWork } };

/**
 * Takes a place in the queue before the body is read (503 at once when there
 * is none) and starts the request's deadline; the place is given back however
 * the request ends. Use `runQueued` in the handler for the heavy part.
 */
export function queuedWork(queue: WorkQueue, deadlineMs: number): MiddlewareHandler<WorkEnv> {
  return async (c, next) => {
    const ticket = queue.enter();
    if (!ticket) throw busy();
    const timeout = AbortSignal.timeout(deadlineMs);
    const client = c.req.raw.signal as AbortSignal | undefined;
    c.set('work', { ticket, signal: client ? AbortSignal.any([timeout, client]) : timeout });
    try {
      await next();
    } finally {
      ticket.release();
    }
  };
}

/**
 * Waits for a turn, then runs the work with the request's signal. A deadline
 * that fires while waiting or working is a 503 (with Retry-After), never a
 * 504 while the work carries on: the work itself throws at its next check.
 */
export async function runQueued<T>(queued: QueuedWork, deadlineMs: number, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const { ticket, signal } = queued;
  try {
    await ticket.start(signal);
    return await work(signal);
  } catch (error) {
    if (signal.aborted && isAbort(error, signal)) throw deadlineExceeded(deadlineMs);
    throw error;
  }
}
