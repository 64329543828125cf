import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Client, InArgs } from '@libsql/client';
import type { Db, Row, SqlValue, Statement } from './db.js';

export const SQLITE_FILE = 'chiso.db';

/** How long a writer waits for another process's write lock before giving up. */
export const BUSY_TIMEOUT_MS = 5_000;

const argsOf = (args: SqlValue[] = []) => args as InArgs;

/**
 * SQLite through @libsql/client (a prebuilt native binary from npm, no
 * compiler; see README.md for the choice). WAL mode: readers never block the
 * writer, and a crash leaves the last committed transaction.
 *
 * The driver's calls are synchronous underneath and a busy wait blocks the
 * thread, so writes from this process are queued here one at a time: two
 * connections of one process never wait on each other's lock.
 */
export class SqliteDb implements Db {
  readonly dialect = 'sqlite' as const;
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly client: Client,
    readonly location: string,
  ) {}

  static async open(dir: string): Promise<SqliteDb> {
    const path = join(resolve(dir), SQLITE_FILE);
    mkdirSync(resolve(dir), { recursive: true });
    const { createClient } = await import('@libsql/client');
    const client = createClient({ url: pathToFileURL(path).href, timeout: BUSY_TIMEOUT_MS });
    // journal_mode is persistent (stored in the file); foreign_keys and busy_timeout are per connection
    // and set by the driver on each (libsql turns foreign keys on, `timeout` is the busy timeout).
    await client.execute('PRAGMA journal_mode = WAL');
    const fk = await client.execute('PRAGMA foreign_keys');
    if (Number(fk.rows[0]?.[0] ?? 0) !== 1) await client.execute('PRAGMA foreign_keys = ON');
    return new SqliteDb(client, path);
  }

  private serialize<T>(work: () => Promise<T>): Promise<T> {
    const result = this.queue.then(work, work);
    this.queue = result.catch(() => undefined);
    return result;
  }

  async query(sql: string, args?: SqlValue[]): Promise<Row[]> {
    const result = await this.client.execute({ sql, args: argsOf(args) });
    return result.rows as unknown as Row[];
  }

  batch(statements: Statement[]): Promise<void> {
    return this.serialize(async () => {
      await this.client.batch(
        statements.map((s) => ({ sql: s.sql, args: argsOf(s.args) })),
        'write',
      );
    });
  }

  exclusive<T>(work: (tx: Pick<Db, 'query'>) => Promise<T>): Promise<T> {
    return this.serialize(async () => {
      const tx = await this.client.transaction('write');
      try {
        const value = await work({
          query: async (sql, args) => (await tx.execute({ sql, args: argsOf(args) })).rows as unknown as Row[],
        });
        await tx.commit();
        return value;
      } finally {
        tx.close();
      }
    });
  }

  /** A consistent copy while others write (VACUUM INTO reads one snapshot). */
  async backup(file: string): Promise<void> {
    await this.serialize(() => this.client.execute({ sql: 'VACUUM INTO ?', args: [resolve(file)] }));
  }

  async close(): Promise<void> {
    await this.serialize(async () => undefined);
    this.client.close();
  }
}
