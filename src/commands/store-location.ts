import type { SqlStore } from '../store/sql-store.js';
import type { StoreLocation } from '../store/open.js';
import { EXIT, type Io, UsageError } from './io.js';

/** The options every command that opens the service's store takes (serve, token, store, units). */
export const storeOptions = {
  data: { type: 'string' },
  database: { type: 'string' },
} as const;

/** --database, else DATABASE_URL, else SQLite in --data (default ./data). */
export function storeLocationFrom(values: { data?: string; database?: string }, env: NodeJS.ProcessEnv = process.env): StoreLocation {
  const databaseUrl = values.database ?? (env.DATABASE_URL || undefined);
  if (databaseUrl !== undefined && !/^postgres(ql)?:\/\//i.test(databaseUrl))
    throw new UsageError(`--database (or DATABASE_URL) takes a postgresql:// URL, not "${databaseUrl.replace(/:[^:@/]*@/, ':***@')}"`);
  return { dataDir: values.data ?? './data', databaseUrl };
}

/**
 * Why a store could not be opened, as one line for the terminal; undefined
 * when the error is a bug (then it is rethrown with its stack).
 */
export function storeOpenFailure(err: unknown): string | undefined {
  const e = err as { code?: string; message?: string; name?: string };
  if (e?.name === 'StoreVersionError') return `error store-too-new: ${e.message}`;
  if (e?.code === 'ECONNREFUSED' || e?.code === 'ENOTFOUND' || e?.code === '28P01' || e?.code === '3D000')
    return `error store-unavailable: cannot connect to the database: ${e.message}`;
  if (typeof e?.code === 'string' && e.code.startsWith('SQLITE_')) return `error store-unavailable: ${e.message}`;
  return undefined;
}

/** Opens the store for a command, runs `work`, closes it; an unusable store is exit 2 with one clear line. */
export async function withStore(location: StoreLocation, io: Io, work: (store: SqlStore) => Promise<number>): Promise<number> {
  const { openStore } = await import('../store/open.js');
  let store: SqlStore;
  try {
    store = await openStore({ ...location, log: (line) => io.err(line) });
  } catch (err) {
    const line = storeOpenFailure(err);
    if (line === undefined) throw err;
    io.err(`chiso: ${line}`);
    return EXIT.unscorable;
  }
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}
