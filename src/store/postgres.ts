import type { Pool, PoolClient } from 'pg';
import type { Db, Row, SqlValue, Statement } from './db.js';

/** `?` → `$1, $2, …` (chiso's SQL never has a `?` inside a string literal). */
export function numbered(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

const argsOf = (args: SqlValue[] = []) => args.map((a) => (a instanceof Uint8Array ? Buffer.from(a.buffer, a.byteOffset, a.byteLength) : a));

/** Key of the advisory lock exclusive() holds (any constant; "chiso" in ASCII). */
const LOCK_KEY = 0x636869736f;

/** The URL without its password, for messages. */
export function redactedUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgresql://…';
  }
}

/** PostgreSQL through `pg` (pure JavaScript): several chiso instances can share one database. */
export class PostgresDb implements Db {
  readonly dialect = 'postgres' as const;

  private constructor(
    private readonly pool: Pool,
    readonly location: string,
  ) {}

  static async open(url: string): Promise<PostgresDb> {
    const { default: pg } = await import('pg');
    const pool = new pg.Pool({ connectionString: url, max: 10, connectionTimeoutMillis: 10_000 });
    // An idle client that loses its server emits 'error'; without a listener that would crash the process.
    pool.on('error', () => undefined);
    const db = new PostgresDb(pool, redactedUrl(url));
    try {
      await db.query('SELECT 1');
    } catch (err) {
      await pool.end();
      throw err;
    }
    return db;
  }

  async query(sql: string, args?: SqlValue[]): Promise<Row[]> {
    return (await this.pool.query(numbered(sql), argsOf(args))).rows as Row[];
  }

  private async inTransaction<T>(work: (client: PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const value = await work(client);
      await client.query('COMMIT');
      return value;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  }

  batch(statements: Statement[]): Promise<void> {
    return this.inTransaction(async (client) => {
      for (const s of statements) await client.query(numbered(s.sql), argsOf(s.args));
    });
  }

  exclusive<T>(work: (tx: Pick<Db, 'query'>) => Promise<T>): Promise<T> {
    return this.inTransaction(async (client) => {
      await client.query('SELECT pg_advisory_xact_lock($1)', [LOCK_KEY]);
      return work({ query: async (sql, args) => (await client.query(numbered(sql), argsOf(args))).rows as Row[] });
    });
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
