import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Db, Row, SqlValue, Statement } from './db.js';
import { BUSY_TIMEOUT_MS, SQLITE_FILE } from './sqlite.js';

/**
 * SQLite in a thread of its own, for the service (`chiso serve`).
 *
 * @libsql/client is synchronous underneath: on the event loop, storing one
 * 20,000-respondent upload (its 10 MB input, scorecards and score rows, then
 * the commit's fsync) blocked every other request for 140–350 ms on the shared
 * machine, and WAL checkpoints for up to a second (bench/README.md, "Flood").
 * Here one worker thread owns the connection and the event loop only posts
 * messages: it never waits on the driver, the disk or another process's lock.
 *
 * Same behaviour as SqliteDb (sqlite.ts), which the CLI keeps (a short-lived
 * command gains nothing from a thread): WAL, foreign keys, the busy timeout,
 * writes of this process one at a time (`exclusive` holds that queue from
 * BEGIN IMMEDIATE to COMMIT). A blob argument is copied once here into memory
 * of its own and that copy is transferred (structured clone would copy it
 * twice, once on each side); blobs read back are transferred too.
 *
 * The worker's source is a plain JavaScript string run with `eval: true`, so
 * the same code runs from dist/ and from the TypeScript sources under vitest
 * (a separate .ts entry would need a loader in the worker); it loads the
 * driver's CommonJS build by the absolute path resolved here.
 */
const WORKER_SOURCE = String.raw`
const { parentPort, workerData } = require('node:worker_threads');
const { createClient } = require(workerData.driver);
let client;
let queue = Promise.resolve();
const txs = new Map();
let nextTx = 1;
// Writes one at a time (as SqliteDb.serialize): two connections of one process never wait on each other's lock.
function serialize(work) {
  const result = queue.then(work, work);
  queue = result.catch(() => undefined);
  return result;
}
// Rows as arrays under one column list: cheaper to post than one object per row.
function pack(result) {
  const columns = result.columns;
  const n = columns.length;
  const rows = new Array(result.rows.length);
  for (let r = 0; r < rows.length; r++) {
    const row = result.rows[r];
    const values = new Array(n);
    for (let i = 0; i < n; i++) values[i] = row[i];
    rows[r] = values;
  }
  return { columns, rows };
}
async function handle(m) {
  switch (m.op) {
    case 'open': {
      client = createClient({ url: m.url, timeout: m.timeout });
      await client.execute('PRAGMA journal_mode = WAL');
      const fk = await client.execute('PRAGMA foreign_keys');
      if (Number(fk.rows[0] && fk.rows[0][0]) !== 1) await client.execute('PRAGMA foreign_keys = ON');
      return null;
    }
    case 'query': {
      const on = m.tx === undefined ? client : txs.get(m.tx) && txs.get(m.tx).tx;
      if (!on) throw new Error('no such transaction');
      return pack(await on.execute({ sql: m.sql, args: m.args }));
    }
    case 'batch':
      await serialize(() => client.batch(m.statements, 'write'));
      return null;
    case 'begin':
      // The write queue stays held until this transaction's commit or rollback.
      return await new Promise((resolveBegin, rejectBegin) => {
        serialize(
          () =>
            new Promise((release) => {
              client.transaction('write').then(
                (tx) => {
                  const id = nextTx++;
                  txs.set(id, { tx, release });
                  resolveBegin(id);
                },
                (error) => {
                  release();
                  rejectBegin(error);
                },
              );
            }),
        );
      });
    case 'commit':
    case 'rollback': {
      const t = txs.get(m.tx);
      if (!t) throw new Error('no such transaction');
      txs.delete(m.tx);
      try {
        if (m.op === 'commit') await t.tx.commit();
      } finally {
        t.tx.close();
        t.release();
      }
      return null;
    }
    case 'backup':
      await serialize(() => client.execute({ sql: 'VACUUM INTO ?', args: [m.file] }));
      return null;
    case 'close':
      await serialize(async () => undefined);
      if (client) client.close();
      return null;
  }
  throw new Error('unknown operation ' + m.op);
}
parentPort.on('message', (m) => {
  handle(m).then(
    (result) => {
      const transfer = [];
      if (result && result.rows) for (const row of result.rows) for (const v of row) if (v instanceof ArrayBuffer) transfer.push(v);
      parentPort.postMessage({ id: m.id, result }, transfer);
    },
    (error) => {
      const e = error || {};
      parentPort.postMessage({ id: m.id, error: { name: String(e.name || 'Error'), message: String(e.message || e), code: typeof e.code === 'string' ? e.code : undefined } });
    },
  );
});
`;

type Request =
  | { op: 'open'; url: string; timeout: number }
  | { op: 'query'; sql: string; args: SqlValue[]; tx?: number }
  | { op: 'batch'; statements: { sql: string; args: SqlValue[] }[] }
  | { op: 'begin' }
  | { op: 'commit' | 'rollback'; tx: number }
  | { op: 'backup'; file: string }
  | { op: 'close' };

interface Reply {
  id: number;
  result?: unknown;
  error?: { name: string; message: string; code?: string };
}

interface Packed {
  columns: string[];
  rows: unknown[][];
}

/** A blob's bytes in memory of their own, so the copy's buffer can be transferred without detaching the caller's. */
function ownCopy(value: SqlValue, transfer: ArrayBuffer[]): SqlValue {
  if (!(value instanceof Uint8Array)) return value;
  const copy = new Uint8Array(value.byteLength);
  copy.set(value);
  transfer.push(copy.buffer);
  return copy;
}

function rowsOf(packed: Packed): Row[] {
  const { columns, rows } = packed;
  return rows.map((values) => {
    const row: Row = {};
    // The first of two same-named columns wins, as with the driver's own rows.
    for (let i = columns.length - 1; i >= 0; i--) row[columns[i]] = values[i];
    return row;
  });
}

export class ThreadSqliteDb implements Db {
  readonly dialect = 'sqlite' as const;
  private readonly pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: unknown) => void }>();
  private nextId = 1;
  private failed: Error | undefined;

  private constructor(
    private readonly worker: Worker,
    readonly location: string,
  ) {
    worker.on('message', (reply: Reply) => {
      const waiting = this.pending.get(reply.id);
      if (!waiting) return;
      this.pending.delete(reply.id);
      this.refCount();
      if (reply.error) waiting.reject(Object.assign(new Error(reply.error.message), { name: reply.error.name, code: reply.error.code }));
      else waiting.resolve(reply.result);
    });
    const fail = (error: Error) => {
      this.failed ??= error;
      for (const waiting of this.pending.values()) waiting.reject(error);
      this.pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`the SQLite thread stopped (exit code ${code})`)));
    worker.unref();
  }

  static async open(dir: string): Promise<ThreadSqliteDb> {
    const path = join(resolve(dir), SQLITE_FILE);
    mkdirSync(resolve(dir), { recursive: true });
    const driver = createRequire(import.meta.url).resolve('@libsql/client');
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { driver } });
    const db = new ThreadSqliteDb(worker, path);
    try {
      await db.call({ op: 'open', url: pathToFileURL(path).href, timeout: BUSY_TIMEOUT_MS });
    } catch (err) {
      await worker.terminate();
      throw err;
    }
    return db;
  }

  /** The worker keeps the process alive only while an answer is awaited (a CLI command must not exit mid-query; an idle server does not hang on it). */
  private refCount(): void {
    if (this.pending.size > 0) this.worker.ref();
    else this.worker.unref();
  }

  private call(request: Request, transfer: ArrayBuffer[] = []): Promise<unknown> {
    if (this.failed) return Promise.reject(this.failed);
    const id = this.nextId++;
    return new Promise((resolvePromise, reject) => {
      this.pending.set(id, { resolve: resolvePromise, reject });
      this.refCount();
      this.worker.postMessage({ id, ...request }, transfer);
    });
  }

  private async select(sql: string, args: SqlValue[] | undefined, tx?: number): Promise<Row[]> {
    const transfer: ArrayBuffer[] = [];
    const packed = (await this.call({ op: 'query', sql, args: (args ?? []).map((a) => ownCopy(a, transfer)), tx }, transfer)) as Packed;
    return rowsOf(packed);
  }

  query(sql: string, args?: SqlValue[]): Promise<Row[]> {
    return this.select(sql, args);
  }

  async batch(statements: Statement[]): Promise<void> {
    const transfer: ArrayBuffer[] = [];
    const posted = statements.map((s) => ({ sql: s.sql, args: (s.args ?? []).map((a) => ownCopy(a, transfer)) }));
    await this.call({ op: 'batch', statements: posted }, transfer);
  }

  async exclusive<T>(work: (tx: Pick<Db, 'query'>) => Promise<T>): Promise<T> {
    const tx = (await this.call({ op: 'begin' })) as number;
    let value: T;
    try {
      value = await work({ query: (sql, args) => this.select(sql, args, tx) });
    } catch (err) {
      await this.call({ op: 'rollback', tx }).catch(() => undefined);
      throw err;
    }
    await this.call({ op: 'commit', tx });
    return value;
  }

  /** A consistent copy while others write (VACUUM INTO reads one snapshot). */
  async backup(file: string): Promise<void> {
    await this.call({ op: 'backup', file: resolve(file) });
  }

  async close(): Promise<void> {
    if (!this.failed) await this.call({ op: 'close' });
    await this.worker.terminate();
  }
}
