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
