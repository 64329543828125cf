import type { Db } from './db.js';
import { intOf } from './db.js';
import { migrations, SCHEMA_VERSION } from './schema.js';

/** The database was written by a newer chiso: refused, never touched. */
export class StoreVersionError extends Error {
  readonly code = 'store-too-new';
  constructor(
    readonly location: string,
    readonly found: number,
    readonly supported: number,
  ) {
    super(
      `the store ${location} has schema version ${found}, written by a newer chiso; this chiso knows versions up to ${supported}. ` +
        'Upgrade chiso (or restore a backup made by this version); the store was not changed.',
    );
    this.name = 'StoreVersionError';
  }
}

export interface MigrationReport {
  from: number;
  to: number;
  applied: number[];
}

const CREATE_VERSION_TABLE =
  'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)';

/** The schema version of a database (0 when it is empty), without changing it. */
export async function schemaVersion(db: Pick<Db, 'query'>): Promise<number> {
  try {
    const rows = await db.query('SELECT MAX(version) AS v FROM schema_migrations');
    return rows[0]?.v == null ? 0 : intOf(rows[0].v);
  } catch {
    return 0;
  }
}

/**
 * Brings the database to this chiso's schema. Holds the write lock throughout
 * (two servers starting at once migrate once), and runs every pending
 * migration in the same transaction as its version row: a failure leaves the
 * database at the version it had.
 */
export async function migrate(db: Db, now: () => Date = () => new Date()): Promise<MigrationReport> {
  return db.exclusive(async (tx) => {
    await tx.query(CREATE_VERSION_TABLE);
    const rows = await tx.query('SELECT MAX(version) AS v FROM schema_migrations');
    const from = rows[0]?.v == null ? 0 : intOf(rows[0].v);
    if (from > SCHEMA_VERSION) throw new StoreVersionError(db.location, from, SCHEMA_VERSION);
    const applied: number[] = [];
    for (const migration of migrations(db.dialect)) {
      if (migration.version <= from) continue;
      for (const statement of migration.statements) await tx.query(statement);
      await tx.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)', [
        migration.version,
        migration.name,
        now().toISOString(),
      ]);
      applied.push(migration.version);
    }
    return { from, to: Math.max(from, SCHEMA_VERSION), applied };
  });
}
