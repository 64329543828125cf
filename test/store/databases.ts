/**
 * The databases store tests run against: SQLite always; PostgreSQL when one
 * answers at CHISO_TEST_DATABASE_URL (default postgresql://postgres@127.0.0.1:5432/postgres).
 * Each test gets a database of its own (`chiso_store_…`), dropped afterwards.
 * With CHISO_REQUIRE_POSTGRES=1 (.ci/run) or CI=true (what CI services set) a missing PostgreSQL fails
 * instead of skipping.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterEach } from 'vitest';
import { openStore, type OpenStoreOptions, type SqlStore, type StoreLocation } from '../../src/store/index.js';

export const POSTGRES_ADMIN_URL = process.env.CHISO_TEST_DATABASE_URL || 'postgresql://postgres@127.0.0.1:5432/postgres';
const required = process.env.CHISO_REQUIRE_POSTGRES === '1' || process.env.CI === 'true';

async function postgresAnswers(): Promise<boolean> {
  const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL, connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch (err) {
    if (required) throw new Error(`CHISO_REQUIRE_POSTGRES=1 or CI=true, but PostgreSQL at ${POSTGRES_ADMIN_URL} does not answer: ${(err as Error).message}`);
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

export const hasPostgres = await postgresAnswers();
if (!hasPostgres)
  console.warn(
    `\n!!! PostgreSQL at ${POSTGRES_ADMIN_URL} does not answer: the PostgreSQL store tests are SKIPPED. ` +
      'Start it (or set CHISO_TEST_DATABASE_URL) to run them; CI requires them (CHISO_REQUIRE_POSTGRES=1 or CI=true).\n',
  );

let counter = 0;

/** A fresh, empty place for a store; `drop` removes it. */
export interface Scratch {
  location: StoreLocation;
  drop(): Promise<void>;
}

export async function scratchSqlite(): Promise<Scratch> {
  const dir = await mkdtemp(join(tmpdir(), 'chiso-store-'));
  return { location: { dataDir: dir }, drop: () => rm(dir, { recursive: true, force: true }) };
}

/** A fresh PostgreSQL database named `<prefix>_<pid>_…`, dropped by `drop`. */
export async function scratchPostgres(prefix = 'chiso_store_test'): Promise<Scratch> {
  const name = `${prefix}_${process.pid}_${Date.now().toString(36)}_${++counter}`;
  const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    location: { databaseUrl: url.toString() },
    drop: async () => {
      const a = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    },
  };
}

export interface Backend {
  name: 'sqlite' | 'sqlite-thread' | 'postgres';
  skip: boolean;
  scratch(): Promise<Scratch>;
}

export const backends: Backend[] = [
  { name: 'sqlite', skip: false, scratch: scratchSqlite },
  { name: 'postgres', skip: !hasPostgres, scratch: scratchPostgres },
];

/** SQLite with its connection in a worker thread (src/store/sqlite-thread.ts), as the service opens it. */
export async function scratchSqliteThread(): Promise<Scratch> {
  const scratch = await scratchSqlite();
  return { ...scratch, location: { ...scratch.location, sqliteThread: true } };
}

/** The store's own tests also run on the threaded SQLite connection the service uses. */
export const storeBackends: Backend[] = [...backends.slice(0, 1), { name: 'sqlite-thread', skip: false, scratch: scratchSqliteThread }, ...backends.slice(1)];

export function open(location: StoreLocation, options: Omit<OpenStoreOptions, keyof StoreLocation> = {}): Promise<SqlStore> {
  return openStore({ log: () => undefined, ...options, ...location });
}

/**
 * The stores a describe block opens on one scratch database: `create()` makes the database, `open()`
 * opens a store on it (kept in `opened`; a test that closes one itself takes it out), and after each
 * test every store still in `opened` is closed and the database dropped.
 */
export function scratchStores(backend: Pick<Backend, 'scratch'>) {
  const state = {
    scratch: undefined as Scratch | undefined,
    opened: [] as SqlStore[],
    async create(): Promise<Scratch> {
      state.scratch = await backend.scratch();
      return state.scratch;
    },
    async open(options: Omit<OpenStoreOptions, keyof StoreLocation> = {}): Promise<SqlStore> {
      if (!state.scratch) throw new Error('scratchStores: create() the database first');
      const store = await open(state.scratch.location, options);
      state.opened.push(store);
      return store;
    },
  };
  afterEach(async () => {
    for (const s of state.opened.splice(0)) await s.close();
    await state.scratch?.drop();
    state.scratch = undefined;
  });
  return state;
}
