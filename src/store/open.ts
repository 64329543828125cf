import type { Db } from './db.js';
import { migrate, type MigrationReport } from './migrate.js';
import { SqlStore, type SqlStoreOptions } from './sql-store.js';

export interface StoreLocation {
  /** The embedded SQLite database lives in this directory (chiso.db). */
  dataDir?: string;
  /** postgresql://… : PostgreSQL instead of the embedded database. */
  databaseUrl?: string;
  /**
   * SQLite only: the connection in a worker thread of its own (sqlite-thread.ts), so the
   * synchronous driver never blocks this thread's event loop. The service sets it; the CLI does not.
   */
  sqliteThread?: boolean;
}

export interface OpenStoreOptions extends StoreLocation, SqlStoreOptions {
  /** Bring the schema up to date (default true); false refuses a database that needs it. */
  migrate?: boolean;
}

/** Which database a location names; a PostgreSQL URL wins over the data directory. */
export function describeLocation(location: StoreLocation): string {
  return location.databaseUrl ? 'PostgreSQL' : `SQLite in ${location.dataDir ?? './data'}`;
}

export async function openDb(location: StoreLocation): Promise<Db> {
  if (location.databaseUrl) {
    if (!/^postgres(ql)?:\/\//i.test(location.databaseUrl)) throw new Error('--database takes a postgresql:// URL');
    const { PostgresDb } = await import('./postgres.js');
    return PostgresDb.open(location.databaseUrl);
  }
  if (location.sqliteThread) {
    const { ThreadSqliteDb } = await import('./sqlite-thread.js');
    return ThreadSqliteDb.open(location.dataDir ?? './data');
  }
  const { SqliteDb } = await import('./sqlite.js');
  return SqliteDb.open(location.dataDir ?? './data');
}

/**
 * Opens the store the CLI and the server use: SQLite in the data directory,
 * or PostgreSQL for a URL; migrations run first (a newer database is refused
 * with StoreVersionError before anything is read or written).
 */
export async function openStore(options: OpenStoreOptions = {}): Promise<SqlStore> {
  const db = await openDb(options);
  let migration: MigrationReport | null = null;
  try {
    if (options.migrate ?? true) migration = await migrate(db, options.now);
  } catch (err) {
    await db.close();
    throw err;
  }
  const store = new SqlStore(db, options);
  store.migration = migration;
  return store;
}
