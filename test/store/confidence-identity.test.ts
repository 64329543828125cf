/**
 * Schema v2 (issue 19): a submission is its bytes at one confidence level.
 * The same bytes at another level are a submission of their own; a database
 * written at schema v1 migrates with every row kept (the SQLite rebuild must
 * not cascade-delete the submissions' problems, scorecards, scores, inputs).
 * On SQLite and, when it answers, PostgreSQL (databases named chiso_service2_…).
 */
import { describe, expect, it } from 'vitest';
import { migrations } from '../../src/store/schema.js';
import { SCHEMA_VERSION, sha256Hex, type SqlStore } from '../../src/store/index.js';
import { hasPostgres, scratchPostgres as scratchPostgresIn, scratchSqlite, scratchStores } from './databases.js';
import { fakeProblem, fakeScorecard } from './fake-scorecard.js';

const scratchPostgres = () => scratchPostgresIn('chiso_service2');

const backends = [
  { name: 'sqlite', skip: false, scratch: scratchSqlite },
  { name: 'postgres', skip: !hasPostgres, scratch: scratchPostgres },
] as const;

const input = new TextEncoder().encode('the same workbook bytes');
const sha = sha256Hex(input);
function submission(confidence: number, score: number) {
  return {
    fileName: 'Long Thạnh 2023.xlsx',
    files: ['Long Thạnh 2023.xlsx'],
    problems: [fakeProblem('warning')],
    scorecards: [fakeScorecard({ name: 'Long Thạnh', code: '26041', year: 2023 }, score)],
    confidence,
    reportInputs: { framework: { id: 'papi-29', items: [] } as never, targets: [], plan: [], engineVersion: 'test', confidence },
  };
}

for (const backend of backends) {
  describe.skipIf(backend.skip)(`submission identity (bytes + confidence) on ${backend.name}`, { timeout: 30_000 }, () => {
    const stores = scratchStores(backend);

    it('the same bytes at another confidence are a new submission; at the same one, the stored one', async () => {
      await stores.create();
      const store = await stores.open();
      const first = await store.put(submission(0.95, 40), input);
      const again = await store.put(submission(0.95, 99), input);
      const other = await store.put(submission(0.9, 41), input);
      expect(first.created).toBe(true);
      expect(again).toMatchObject({ created: false, submission: { id: first.submission.id } });
      expect(other.created).toBe(true);
      expect(other.submission.id).not.toBe(first.submission.id);
      expect(first.submission.id).toBe(sha.slice(0, 24)); // ids of default-level uploads as before v2
      expect(other.submission).toMatchObject({ confidence: 0.9, sha256: sha });
      expect((await store.findByHash(sha, 0.9))?.id).toBe(other.submission.id);
      expect((await store.findByHash(sha, 0.95))?.id).toBe(first.submission.id);
      expect(await store.findByHash(sha, 0.99)).toBeUndefined();
      expect((await store.findByHash(sha))?.id).toBe(other.submission.id); // without a level: the newest
      expect(await store.getInput(other.submission.id)).toEqual(input);
      expect((await store.getReportInputs(other.submission.id))?.confidence).toBe(0.9);
      // The newer upload is the unit-year's current one (its score: 41).
      expect((await store.latest('26041', 2023))?.id).toBe(other.submission.id);
    });

    it('a v1 database migrates to v2 keeping every row, then takes the same bytes at another level', async () => {
      await stores.create();
      // A database at schema v1, written by the store as v1 had it (v2 changes no column).
      const raw = await stores.open({ migrate: false });
      const [v1] = migrations(raw.db.dialect);
      await raw.db.exclusive(async (tx) => {
        await tx.query('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
        for (const statement of v1.statements) await tx.query(statement);
        await tx.query("INSERT INTO schema_migrations (version, name, applied_at) VALUES (1, 'initial', '2026-01-01T00:00:00Z')");
      });
      const old = await raw.put(submission(0.9, 40), input);
      const counts = async (store: SqlStore) => {
        const out: Record<string, number> = {};
        for (const table of ['submissions', 'submission_inputs', 'problems', 'scorecards', 'scorecard_documents', 'scores', 'report_inputs'])
          out[table] = Number((await store.db.query(`SELECT COUNT(*) AS n FROM ${table}`))[0].n);
        return out;
      };
      const before = await counts(raw);
      expect(before.scores).toBeGreaterThan(0);
      // v1 refuses the same bytes again at another level: the old UNIQUE (sha256).
      await expect(raw.db.batch([{ sql: "UPDATE submissions SET confidence = 0.5 WHERE id = ?", args: [old.submission.id] }])).resolves.toBeUndefined();
      await expect(
        raw.db.batch([{ sql: "INSERT INTO submissions (id, sha256, file_name, size, uploaded_at, confidence, engine_version, files_json, errors, warnings, infos) SELECT ?, sha256, file_name, size, uploaded_at, 0.95, engine_version, files_json, 0, 0, 0 FROM submissions", args: ['x'.repeat(24)] }]),
      ).rejects.toThrow();
      await raw.db.batch([{ sql: 'UPDATE submissions SET confidence = 0.9 WHERE id = ?', args: [old.submission.id] }]);
      await raw.close();
      stores.opened.splice(0);

      const store = await stores.open();
      expect(store.migration).toMatchObject({ from: 1, to: SCHEMA_VERSION, applied: [2, 3] });
      expect(await counts(store)).toEqual(before);
      expect(await store.get(old.submission.id)).toMatchObject({ confidence: 0.9, scorecards: [{ unit: { code: '26041' } }] });
      expect((await store.latest('26041', 2023))?.id).toBe(old.submission.id); // the views work on the new table
      // The old row holds the plain id; the same bytes at 0.95 get the derived one.
      const fresh = await store.put(submission(0.95, 50), input);
      expect(fresh.created).toBe(true);
      expect(fresh.submission.id).toBe(sha256Hex(new TextEncoder().encode(`${sha}|0.95`)).slice(0, 24));
      // Deleting through the rebuilt table still cascades to its children (the references were kept).
      await store.db.batch([{ sql: 'DELETE FROM submissions WHERE id = ?', args: [old.submission.id] }]);
      expect((await counts(store)).problems).toBe(before.problems);
      expect(Number((await store.db.query('SELECT COUNT(*) AS n FROM problems WHERE submission_id = ?', [old.submission.id]))[0].n)).toBe(0);
    });
  });
}
