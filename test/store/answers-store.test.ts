/**
 * Schema v3 (issue 15 item 5): each submission's coded answers in
 * submission_answers, stored in the submission's own transaction, deleted with
 * it, and back-filled for a submission stored before v3. A database at v2
 * migrates to v3 keeping every row. On SQLite and, when it answers, PostgreSQL
 * (databases named chiso_answers_…).
 */
import { describe, expect, it } from 'vitest';
import { migrations } from '../../src/store/schema.js';
import { SCHEMA_VERSION, sha256Hex, type SqlStore } from '../../src/store/index.js';
import { encodeAnswers } from '../../src/store/answers-codec.js';
import { hasPostgres, scratchPostgres, scratchSqlite, scratchStores } from './databases.js';
import { fakeProblem, fakeScorecard } from './fake-scorecard.js';

const backends = [
  { name: 'sqlite', skip: false, scratch: scratchSqlite },
  { name: 'postgres', skip: !hasPostgres, scratch: () => scratchPostgres('chiso_answers') },
] as const;

const framework = { id: 'papi-29', nameVi: '', nameEn: '', dimensions: [], subdimensions: [], items: [] } as never;
const reportInputs = { framework, targets: [], plan: [], engineVersion: 'test', confidence: 0.95 };
const answers = encodeAnswers([{ code: '26041', items: ['q1', 'q2'], n: 3, weights: Float64Array.of(1, 1, 2), x: Float64Array.of(0, 1, 0.5, NaN, 1, -1) }]);

function submission(code: string, withAnswers: boolean) {
  return {
    fileName: `${code}.xlsx`,
    files: [`${code}.xlsx`],
    problems: [fakeProblem('warning')],
    scorecards: [fakeScorecard({ name: `Xã ${code}`, code, year: 2024 }, 50)],
    confidence: 0.95,
    reportInputs,
    ...(withAnswers ? { answers } : {}),
  };
}

const count = async (store: SqlStore, table: string) => Number((await store.db.query(`SELECT COUNT(*) AS n FROM ${table}`))[0].n);

for (const backend of backends) {
  describe.skipIf(backend.skip)(`stored answers (schema v3) on ${backend.name}`, { timeout: 30_000 }, () => {
    const stores = scratchStores(backend);

    it('stores the answers with the submission, names its framework by SHA-256, and deletes them with it', async () => {
      await stores.create();
      const store = await stores.open();
      const { submission: stored } = await store.put(submission('26041', true), new TextEncoder().encode('a'));
      const row = await store.getAnswers(stored.id);
      expect(row?.bytes).toEqual(answers);
      // The SHA-256 of the framework_json text beside it, worked out here from the stored text.
      const text = String((await store.db.query('SELECT framework_json FROM report_inputs WHERE submission_id = ?', [stored.id]))[0].framework_json);
      expect(row?.frameworkSha).toBe(sha256Hex(text));
      expect(await store.submissionsWithoutAnswers()).toEqual([]);
      await store.db.batch([{ sql: 'DELETE FROM submissions WHERE id = ?', args: [stored.id] }]);
      expect(await count(store, 'submission_answers')).toBe(0);
      expect(await store.getAnswers(stored.id)).toBeUndefined();
    });

    it('a v2 database migrates to v3 keeping every row; its submissions are listed for back-fill and back-filled once', async () => {
      await stores.create();
      // A database at schema v2, as v2 wrote it.
      const raw = await stores.open({ migrate: false });
      const [v1, v2] = migrations(raw.db.dialect);
      await raw.db.exclusive(async (tx) => {
        await tx.query('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
        for (const m of [v1, v2]) {
          for (const statement of m.statements) await tx.query(statement);
          await tx.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)', [m.version, m.name, '2026-01-01T00:00:00Z']);
        }
      });
      const a = await raw.put(submission('26041', false), new TextEncoder().encode('a'));
      const b = await raw.put(submission('26042', false), new TextEncoder().encode('b'));
      // An imported old submission has no report inputs: the back-fill brings them.
      await raw.db.batch([{ sql: 'DELETE FROM report_inputs WHERE submission_id = ?', args: [b.submission.id] }]);
      const tables = ['submissions', 'submission_inputs', 'problems', 'scorecards', 'scorecard_documents', 'scores', 'report_inputs'];
      const before = Object.fromEntries(await Promise.all(tables.map(async (t) => [t, await count(raw, t)])));
      await raw.close();
      stores.opened.splice(0);

      const store = await stores.open();
      expect(store.migration).toMatchObject({ from: 2, to: SCHEMA_VERSION, applied: [3] });
      expect(SCHEMA_VERSION).toBe(3);
      expect(Object.fromEntries(await Promise.all(tables.map(async (t) => [t, await count(store, t)])))).toEqual(before);
      expect(await store.submissionsWithoutAnswers()).toEqual([a.submission.id, b.submission.id]); // oldest first
      expect(await store.getAnswers(a.submission.id)).toBeUndefined();

      expect(await store.putAnswers(a.submission.id, answers, reportInputs)).toBe(true);
      expect(await store.putAnswers(b.submission.id, answers, reportInputs)).toBe(true);
      // Once: a second back-fill leaves the first one's row as it is.
      expect(await store.putAnswers(a.submission.id, new Uint8Array([1, 2, 3]), reportInputs)).toBe(true);
      expect((await store.getAnswers(a.submission.id))?.bytes).toEqual(answers);
      // …unless asked to replace it (a damaged row read again from its workbook).
      expect(await store.putAnswers(a.submission.id, new Uint8Array([4, 5]), reportInputs, { replace: true })).toBe(true);
      expect((await store.getAnswers(a.submission.id))?.bytes).toEqual(new Uint8Array([4, 5]));
      expect(await store.getReportInputs(b.submission.id)).toMatchObject({ engineVersion: 'test', confidence: 0.95 });
      expect(await store.submissionsWithoutAnswers()).toEqual([]);
      expect(await store.putAnswers('f'.repeat(24), answers, reportInputs)).toBe(false); // no such submission
    });
  });
}
