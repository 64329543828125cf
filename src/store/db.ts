/**
 * The tiny adapter SqlStore writes its SQL through: one interface, two
 * drivers (sqlite.ts, postgres.ts). SQL is written once with `?`
 * placeholders in the portable subset both databases share; the adapter
 * only translates placeholders and values (blobs, integers).
 */
export type SqlValue = string | number | null | Uint8Array;

export interface Statement {
  sql: string;
  args?: SqlValue[];
}

export type Row = Record<string, unknown>;

export type Dialect = 'sqlite' | 'postgres';

export interface Db {
  readonly dialect: Dialect;
  /** Where the data is, for messages (a path or the URL without its password). */
  readonly location: string;
  query(sql: string, args?: SqlValue[]): Promise<Row[]>;
  /** Runs the statements in one transaction: all of them or none. */
  batch(statements: Statement[]): Promise<void>;
  /**
   * Runs `work` in one transaction that holds the database's write lock from
   * its start (SQLite BEGIN IMMEDIATE; PostgreSQL an advisory lock), so
   * read-then-write steps such as migrations cannot interleave with another process.
   */
  exclusive<T>(work: (tx: Pick<Db, 'query'>) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** A constraint violation (unique, foreign key, check), whichever database reported it. */
export function isConstraintError(err: unknown): boolean {
  const e = err as { code?: string; message?: string };
  if (typeof e?.code !== 'string') return false;
  // PostgreSQL: class 23 (integrity constraint violation); SQLite: SQLITE_CONSTRAINT*.
  return /^23\d{3}$/.test(e.code) || e.code.startsWith('SQLITE_CONSTRAINT');
}

/** Bytes as Uint8Array whatever the driver returned (ArrayBuffer from libsql, Buffer from pg). */
export function bytesOf(value: unknown): Uint8Array | null {
  if (value instanceof Uint8Array) return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  if (value instanceof ArrayBuffer) return new Uint8Array(value);
  return null;
}

/** Integers as numbers (pg returns BIGINT and COUNT as strings). */
export function intOf(value: unknown): number {
  return typeof value === 'number' ? value : Number(value);
}
