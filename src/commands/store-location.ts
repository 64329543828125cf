import type { SqlStore } from '../store/sql-store.js';
import type { StoreLocation } from '../store/open.js';
import type { Lang } from '../diagnostics/lang.js';
import { messageIn, problem, type Problem } from '../diagnostics/problem.js';
import { EXIT, type Io, printProblems, UsageError, usageError } from './io.js';

/** The options every command that opens the service's store takes (serve, token, store, units). */
export const storeOptions = {
  data: { type: 'string' },
  database: { type: 'string' },
} as const;

/** --database, else DATABASE_URL, else SQLite in --data (default ./data). */
export function storeLocationFrom(values: { data?: string; database?: string }, env: NodeJS.ProcessEnv = process.env): StoreLocation {
  const databaseUrl = values.database ?? (env.DATABASE_URL || undefined);
  if (databaseUrl !== undefined && !/^postgres(ql)?:\/\//i.test(databaseUrl))
    throw usageError('usageDatabase', { value: databaseUrl.replace(/:[^:@/]*@/, ':***@') });
  return { dataDir: values.data ?? './data', databaseUrl };
}

/**
 * Why a store could not be opened, as a catalogue problem (`store-too-new`,
 * `store-unavailable`); undefined when the error is a bug (then it is rethrown with its stack).
 */
export function storeOpenProblem(err: unknown, location: StoreLocation): Problem | undefined {
  const e = err as { code?: string; message?: string; name?: string; location?: string; found?: number; supported?: number };
  const file = location.databaseUrl ? 'DATABASE_URL' : (location.dataDir ?? './data');
  if (e?.name === 'StoreVersionError')
    return problem('store-too-new', { location: e.location ?? file, found: e.found ?? 0, supported: e.supported ?? 0 }, { file });
  const unreachable = ['ECONNREFUSED', 'ENOTFOUND', 'ETIMEDOUT', 'EACCES', 'EROFS', '28P01', '28000', '3D000'];
  if ((typeof e?.code === 'string' && (unreachable.includes(e.code) || e.code.startsWith('SQLITE_'))) || /timeout exceeded when trying to connect/i.test(e?.message ?? ''))
    return problem('store-unavailable', { reason: e.message ?? String(e.code) }, { file });
  return undefined;
}

/** The line storeOpenProblem's problem prints as (kept for callers written against the READY commit). */
export function storeOpenFailure(err: unknown, location: StoreLocation = {}, lang: Lang = 'vi'): string | undefined {
  const found = storeOpenProblem(err, location);
  return found && `${found.severity} ${found.code}: ${messageIn(found, lang)}`;
}

type Work = (store: SqlStore) => Promise<number>;

/**
 * Opens the store for a command, runs `work`, closes it; an unusable store is exit 2 with one
 * clear line in `lang`. `withStore(location, io, work)` (the READY form) prints in Vietnamese.
 */
export async function withStore(location: StoreLocation, io: Io, lang: Lang, work: Work): Promise<number>;
export async function withStore(location: StoreLocation, io: Io, work: Work): Promise<number>;
export async function withStore(location: StoreLocation, io: Io, langOrWork: Lang | Work, maybeWork?: Work): Promise<number> {
  const lang: Lang = typeof langOrWork === 'function' ? 'vi' : langOrWork;
  const work: Work = typeof langOrWork === 'function' ? langOrWork : maybeWork!;
  const { openStore } = await import('../store/open.js');
  let store: SqlStore;
  try {
    store = await openStore({ ...location, log: (line) => io.err(line) });
  } catch (err) {
    const found = storeOpenProblem(err, location);
    if (found === undefined) throw err;
    printProblems(io, [found], 'text', lang);
    return EXIT.unscorable;
  }
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}
