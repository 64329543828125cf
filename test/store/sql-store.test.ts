import { afterEach, describe, expect, it } from 'vitest';
import { localize, problem } from '../../src/diagnostics/problem.js';
import { sha256Hex, StoreVersionError, SCHEMA_VERSION, type SqlStore, type RegistryUnit } from '../../src/store/index.js';
import { storeBackends as backends, open, type Scratch } from './databases.js';
import { fakeProblem, fakeScorecard } from './fake-scorecard.js';

const bytes = (text: string) => new TextEncoder().encode(text);

function submission(name: string, code: string, year: number, score = 40) {
  return {
    fileName: `${name} ${year}.xlsx`,
    files: [`${name} ${year}.xlsx`],
    problems: [fakeProblem('warning')],
    scorecards: [fakeScorecard({ name, code, year }, score)],
    confidence: 0.95,
  };
}

for (const backend of backends) {
  describe.skipIf(backend.skip)(`SqlStore on ${backend.name}`, { timeout: 30_000 }, () => {
    let scratch: Scratch;
    const opened: SqlStore[] = [];
    const openHere = async (options: Parameters<typeof open>[1] = {}) => {
      const store = await open(scratch.location, options);
      opened.push(store);
      return store;
    };
    const fresh = async (options: Parameters<typeof open>[1] = {}) => {
      scratch = await backend.scratch();
      return openHere(options);
    };
    afterEach(async () => {
      for (const s of opened.splice(0)) await s.close();
      await scratch?.drop();
    });

    it('stores a submission with its original bytes and finds it again after reopening', async () => {
      const store = await fresh();
      const input = bytes('workbook one');
      const { submission: stored, created } = await store.put(submission('Long Thạnh', '26041', 2023), input);
      expect(created).toBe(true);
      expect(stored.id).toBe(sha256Hex(input).slice(0, 24));
      expect(stored.seq).toBe(1);
      expect(stored.problemCounts).toEqual({ error: 0, warning: 1, info: 0 });
      expect(stored.problems).toEqual([fakeProblem('warning')]);
      await store.close();

      const reopened = await openHere();
      const again = await reopened.get(stored.id);
      expect(again?.scorecards[0]).toEqual(fakeScorecard({ name: 'Long Thạnh', code: '26041', year: 2023 }, 40));
      expect(again?.files).toEqual(['Long Thạnh 2023.xlsx']);
      expect(await reopened.getInput(stored.id)).toEqual(input);
      expect((await reopened.findByHash(sha256Hex(input)))?.id).toBe(stored.id);
      expect(await reopened.get('0'.repeat(24))).toBeUndefined();
      expect(await reopened.get('../../etc')).toBeUndefined();
    });

    it('keeps a problem\'s catalogue message and parameters, so it can be shown in either language', async () => {
      const store = await fresh();
      const coded = problem('invalid-answer.out-of-range', { value: 7, item: 'd1a_02', question: 'Câu hỏi', accepted: '1–5' }, { file: 'a.xlsx', sheet: 'Responses', cell: 'F12' });
      const { submission: s } = await store.put({ ...submission('A', '1', 2023), problems: [coded, fakeProblem('info')] }, bytes('coded'));
      const back = (await store.get(s.id))!.problems;
      expect(back).toEqual([coded, fakeProblem('info')]);
      expect(localize(back[0], 'en').message).toBe(localize(coded, 'en').message);
      expect(localize(back[0], 'en').message).not.toBe(back[0].message);
    });

    it('returns the same id for the same bytes without writing twice, also when two puts race', async () => {
      const store = await fresh();
      const [a, b] = await Promise.all([
        store.put(submission('Long Thạnh', '26041', 2023), bytes('same')),
        store.put(submission('Long Thạnh', '26041', 2023), bytes('same')),
      ]);
      expect([a.created, b.created].sort()).toEqual([false, true]);
      expect(a.submission.id).toBe(b.submission.id);
      const third = await store.put(submission('Long Thạnh', '26041', 2023), bytes('same'));
      expect(third.created).toBe(false);
      expect(await store.list()).toHaveLength(1);
    });

    it('supersedes an older upload for the same unit and year but keeps it in history', async () => {
      const store = await fresh();
      const old = await store.put(submission('Long Thạnh', '26041', 2023, 40), bytes('v1'));
      const other = await store.put(submission('Long Thạnh', '26041', 2022, 35), bytes('2022'));
      const newer = await store.put(submission('Long Thạnh', '26041', 2023, 42), bytes('v2'));

      expect((await store.get(old.submission.id))?.superseded).toBe(true);
      expect((await store.get(old.submission.id))?.supersededBy).toBe(newer.submission.id);
      expect((await store.get(other.submission.id))?.superseded).toBe(false);
      expect((await store.latest('26041', 2023))?.id).toBe(newer.submission.id);
      expect((await store.list()).map((s) => [s.id, s.superseded])).toEqual([
        [newer.submission.id, false],
        [other.submission.id, false],
        [old.submission.id, true],
      ]);

      const history = await store.history('26041');
      expect(history.map((h) => [h.year, h.superseded, h.scorecard.total.score])).toEqual([
        [2022, false, 35],
        [2023, true, 40],
        [2023, false, 42],
      ]);
      const units = await store.listUnits();
      expect(units).toHaveLength(1);
      expect(units[0].years.map((y) => [y.year, y.submissionId])).toEqual([
        [2022, other.submission.id],
        [2023, newer.submission.id],
      ]);
      expect(units[0].years[1].supersededIds).toEqual([old.submission.id]);
    });

    it('lists the units under given keys exactly as the full listing has them (an upload asks for its own codes only)', async () => {
      const store = await fresh();
      await store.put(submission('Long Thạnh', '26041', 2023, 40), bytes('a1'));
      await store.put(submission('Long Thạnh', '26041', 2023, 44), bytes('a2'));
      await store.put(submission('Phước Thái', '26050', 2024, 30), bytes('b'));
      await store.put(submission('An Phú', '30001', 2022, 33), bytes('c'));
      const all = await store.listUnits();
      expect(all.map((u) => u.key).sort()).toEqual(['26041', '26050', '30001']);
      const picked = await store.listUnits(['30001', '26041', '99999']);
      // The same entries (years, current submission, superseded ids) as the full listing, in its order.
      expect(picked).toEqual(all.filter((u) => u.key === '26041' || u.key === '30001'));
      expect(picked.find((u) => u.key === '26041')!.years[0].supersededIds).toHaveLength(1);
      expect(await store.listUnits([])).toEqual([]);
      expect(await store.listUnits(['99999'])).toEqual([]);
    });

    it('serves the same data from two stores on one database (no in-memory index to diverge)', async () => {
      const first = await fresh();
      const second = await openHere();
      const a = await first.put(submission('A', '1', 2023), bytes('a'));
      expect((await second.list()).map((s) => s.id)).toEqual([a.submission.id]);
      const b = await second.put(submission('A', '1', 2023, 41), bytes('b'));
      expect((await first.latest('1', 2023))?.id).toBe(b.submission.id);
      expect((await first.get(a.submission.id))?.supersededBy).toBe(b.submission.id);
      expect(b.submission.seq).toBeGreaterThan(a.submission.seq);
    });

    it('keeps its unit listing only while no submission was added, by this store or another on the database', async () => {
      const first = await fresh();
      const second = await openHere();
      const a = await first.put(submission('A', '1', 2023), bytes('a'));
      const before = await first.listUnits();
      expect(before.map((u) => u.code)).toEqual(['1']);
      // Kept and shared: frozen, so no caller can change what the next one gets.
      expect(Object.isFrozen(before[0]) && Object.isFrozen(before[0].years[0].supersededIds)).toBe(true);
      // Another store (another server on the same database) adds a unit, then supersedes A's 2023.
      await second.put(submission('B', '2', 2023), bytes('b'));
      expect((await first.listUnits()).map((u) => u.code).sort()).toEqual(['1', '2']);
      const newer = await second.put(submission('A', '1', 2023, 41), bytes('a2'));
      const years = (await first.listUnits(['1']))[0].years;
      expect(years.map((y) => [y.submissionId, y.supersededIds])).toEqual([[newer.submission.id, [a.submission.id]]]);
    });

    it('reports and skips a row that fails validation instead of failing every listing', async () => {
      const logs: string[] = [];
      const store = await fresh({ log: (line) => logs.push(line) });
      const good = await store.put(submission('Good', '1', 2023), bytes('good'));
      const bad = await store.put(submission('Bad', '2', 2023), bytes('bad'));
      // A hand edit breaks one row's JSON.
      await store.db.batch([{ sql: "UPDATE scorecards SET unit_json = '{\"score\": \"many\"' WHERE submission_id = ?", args: [bad.submission.id] }]);
      const units = await store.listUnits();
      expect(units.map((u) => u.code)).toEqual(['1']);
      expect((await store.list()).map((s) => s.id).sort()).toEqual([good.submission.id, bad.submission.id].sort());
      expect(logs.some((l) => l.includes(`scorecards(${bad.submission.id}, 0).unit_json`))).toBe(true);
      await store.db.batch([{ sql: "UPDATE scorecard_documents SET scorecard_json = 'not json' WHERE submission_id = ?", args: [bad.submission.id] }]);
      expect((await store.get(bad.submission.id))?.scorecards).toEqual([]);
    });

    it('refuses to hand out bytes that no longer match their SHA-256', async () => {
      const store = await fresh();
      const { submission: s } = await store.put(submission('A', '1', 2023), bytes('original'));
      await store.db.batch([{ sql: 'UPDATE submission_inputs SET bytes = ? WHERE submission_id = ?', args: [bytes('tampered'), s.id] }]);
      await expect(store.getInput(s.id)).rejects.toThrow(/does not match its SHA-256/);
    });

    it('enforces uniqueness and foreign keys in the database itself', async () => {
      const store = await fresh();
      const { submission: s } = await store.put(submission('A', '1', 2023), bytes('a'));
      const row = `INSERT INTO submissions (id, sha256, file_name, size, uploaded_at, confidence, engine_version, files_json, errors, warnings, infos)
                   VALUES (?, ?, 'x', 1, 't', 0.95, 'v', '[]', 0, 0, 0)`;
      // Same sha256 under another id; same id under another sha256.
      await expect(store.db.batch([{ sql: row, args: ['f'.repeat(24), s.sha256] }])).rejects.toThrow();
      await expect(store.db.batch([{ sql: row, args: [s.id, 'e'.repeat(64)] }])).rejects.toThrow();
      // A scorecard of a submission that does not exist; a session of a token that does not exist.
      await expect(
        store.db.batch([
          { sql: `INSERT INTO problems (submission_id, ordinal, file, sheet, cell, severity, code, message) VALUES (?, 0, 'f', 'S', 'A1', 'error', 'c', 'm')`, args: ['d'.repeat(24)] },
        ]),
      ).rejects.toThrow();
      await expect(store.createSession('nosuchtoken', new Date(Date.now() + 60_000))).rejects.toThrow(/no token/);
      // A failed batch leaves nothing behind.
      expect(await store.list()).toHaveLength(1);
    });

    it('keeps tokens; a revocation by another process counts at the next lookup; expiry counts', async () => {
      const store = await fresh();
      const other = await openHere();
      const token = { id: 'abcd', hash: 'a'.repeat(64), scope: 'unit' as const, target: { unit: '26041' }, label: null, createdAt: '2026-01-01T00:00:00.000Z', expiresAt: null, revokedAt: null };
      await store.putToken(token);
      expect(await other.getToken('abcd')).toEqual(token);
      expect(await store.getValidToken('abcd')).toEqual(token);
      expect(await other.revokeToken('abcd', new Date('2026-02-01T00:00:00Z'))).toBe(true);
      expect(await other.revokeToken('abcd')).toBe(false);
      expect(await store.getValidToken('abcd')).toBeUndefined();
      expect((await store.getToken('abcd'))?.revokedAt).toBe('2026-02-01T00:00:00.000Z');

      await store.putToken({ ...token, id: 'beef', hash: 'b'.repeat(64), expiresAt: '2026-03-01T00:00:00.000Z' });
      expect(await store.getValidToken('beef', new Date('2026-02-28T23:59:59Z'))).toBeDefined();
      expect(await store.getValidToken('beef', new Date('2026-03-01T00:00:00Z'))).toBeUndefined();
      expect((await store.listTokens()).map((t) => t.id)).toEqual(['abcd', 'beef']);
      expect(await store.deleteToken('beef')).toBe(true);
      expect(await store.deleteToken('beef')).toBe(false);
      expect((await store.listTokens()).map((t) => t.id)).toEqual(['abcd']);
    });

    it('opens, checks and ends sessions, stored by hash only; a revoked token ends its sessions', async () => {
      const store = await fresh();
      await store.putToken({ id: 'abcd', hash: 'a'.repeat(64), scope: 'admin', target: {}, label: null, createdAt: '2026-01-01T00:00:00.000Z' });
      const now = new Date('2026-01-02T00:00:00Z');
      const { id, record } = await store.createSession('abcd', new Date('2026-01-02T08:00:00Z'), now);
      expect(record.hash).toBe(sha256Hex(id));
      const rows = await store.db.query('SELECT hash FROM sessions');
      expect(rows.map((r) => r.hash)).toEqual([sha256Hex(id)]);
      expect((await store.getValidSession(id, now))?.token.id).toBe('abcd');
      expect(await store.getValidSession(id, new Date('2026-01-02T08:00:00Z'))).toBeUndefined();
      expect(await store.getValidSession('not-a-session', now)).toBeUndefined();
      const second = await store.createSession('abcd', new Date('2026-01-03T00:00:00Z'), now);
      expect(await store.endSession(id)).toBe(true);
      expect(await store.endSession(id)).toBe(false);
      expect(await store.getValidSession(id, now)).toBeUndefined();
      expect(await store.getValidSession(second.id, now)).toBeDefined();
      await store.revokeToken('abcd');
      expect(await store.getValidSession(second.id, now)).toBeUndefined();
    });

    it('replaces the units registry in one transaction and answers by year', async () => {
      const store = await fresh();
      const registry: RegistryUnit[] = [
        { code: '89', name: 'Tỉnh An Giang', level: 'province', parent: null, from: null, to: null, predecessors: [] },
        { code: '886', name: 'Thị xã Tân Châu', level: 'district', parent: '89', from: null, to: 2024, predecessors: [] },
        { code: '30316', name: 'Phường Long Thạnh', level: 'commune', parent: '886', from: null, to: 2024, predecessors: [] },
        { code: '30316', name: 'Phường Tân Châu', level: 'commune', parent: '89', from: 2025, to: null, predecessors: [{ code: '30316', part: false }, { code: '30322', part: true }] },
        { code: '06268', name: 'Xã Mỹ Đức', level: 'commune', parent: '886', from: 2020, to: 2024, predecessors: [] },
      ];
      await store.replaceRegistry(registry);
      const all = await store.listRegistry();
      expect(all).toHaveLength(5);
      expect(all.find((u) => u.code === '06268')?.code).toBe('06268');
      expect(all.filter((u) => u.code === '30316').map((u) => [u.from, u.name, u.predecessors])).toEqual([
        [null, 'Phường Long Thạnh', []],
        [2025, 'Phường Tân Châu', [{ code: '30316', part: false }, { code: '30322', part: true }]],
      ]);
      expect((await store.registryForYear(2024)).map((u) => u.code).sort()).toEqual(['06268', '30316', '886', '89']);
      expect((await store.registryForYear(2025)).map((u) => `${u.code} ${u.name}`).sort()).toEqual(['30316 Phường Tân Châu', '89 Tỉnh An Giang']);
      expect((await store.registryForYear(2019)).map((u) => u.code).sort()).toEqual(['30316', '886', '89']);

      // A second import whose rows collide (same code and start year twice) fails whole: the old registry stays.
      const colliding = [registry[0], { ...registry[1], name: 'changed' }, { ...registry[1] }];
      await expect(store.replaceRegistry(colliding)).rejects.toThrow();
      expect(await store.listRegistry()).toEqual(all);
      await expect(store.replaceRegistry([{ ...registry[0], level: 'hamlet' as never }])).rejects.toThrow(/registry row 1/);
      await store.replaceRegistry([registry[0]]);
      expect((await store.listRegistry()).map((u) => u.code)).toEqual(['89']);
      expect(await store.db.query('SELECT * FROM unit_predecessors')).toEqual([]);
    });

    it('keeps plans; the latest for a unit and year wins', async () => {
      const store = await fresh();
      const target = (level: string, value: number) => ({ level, target: value }) as never;
      await store.putPlan({ unitCode: '886', year: 2025, targets: [target('total', 40)], tasks: [] });
      await store.putPlan({ unitCode: '886', year: 2026, targets: [target('total', 41)], tasks: [] });
      const newest = await store.putPlan({ unitCode: '886', year: 2025, targets: [target('total', 42)], tasks: [], fileName: 'ke-hoach.xlsx', uploadedBy: 'abcd' });
      const latest = await store.latestPlan('886', 2025);
      expect(latest).toEqual(newest);
      expect(latest?.targets).toEqual([{ level: 'total', target: 42 }]);
      expect(await store.latestPlan('886', 2024)).toBeUndefined();
    });

    it('keeps what the report is rebuilt from, with the engine version', async () => {
      const store = await fresh();
      const framework = { id: 'papi-29', dimensions: [], subdimensions: [], items: [{ code: 'd1a_01', text_vi: 'Câu hỏi' }] } as never;
      const plan = [{ level: '1', task: 'Tổ chức đối thoại', responsible: 'UBND xã', coordinating: '', timing: 'Quý II' }] as never;
      const { submission: s } = await store.put(
        { ...submission('A', '1', 2023), reportInputs: { framework, targets: [], plan, engineVersion: 'chiso 9.9.9', confidence: 0.9 } },
        bytes('with inputs'),
      );
      expect(await store.getReportInputs(s.id)).toEqual({ framework, targets: [], plan, engineVersion: 'chiso 9.9.9', confidence: 0.9 });
      const rows = await store.db.query('SELECT engine_version FROM submissions WHERE id = ?', [s.id]);
      expect(rows[0].engine_version).toBe('chiso 9.9.9');
      const { submission: without } = await store.put(submission('B', '2', 2023), bytes('without'));
      expect(await store.getReportInputs(without.id)).toBeUndefined();
    });

    it('answers the analysts\u2019 query of docs/database.md from the current_scores view', async () => {
      const store = await fresh();
      await store.put(submission('Long Thạnh', '26041', 2023, 40), bytes('v1'));
      await store.put(submission('Long Thạnh', '26041', 2023, 44), bytes('v2'));
      await store.put(submission('Long Thạnh', '26041', 2022, 36), bytes('2022'));
      // The query as printed in docs/database.md ("Total and dimensions per unit and year").
      const rows = await store.db.query(
        `SELECT unit_code, year, kind, code, score, ci_low, ci_high, target, status
         FROM current_scores
         WHERE kind IN ('total', 'dimension')
         ORDER BY unit_code, year, kind DESC, code`,
      );
      // fakeScorecard(score s): total s with CI s ± 2; dimension 1 = s / 8 with CI ± 0.2; no targets.
      // Only the newer 2023 upload (44) is current; 2022 has 36.
      expect(rows.map((r) => [r.unit_code, Number(r.year), r.kind, r.code, Number(r.score), Number(r.ci_low), Number(r.ci_high), r.target, r.status])).toEqual([
        ['26041', 2022, 'total', 'total', 36, 34, 38, null, null],
        ['26041', 2022, 'dimension', '1', 4.5, 4.3, 4.7, null, null],
        ['26041', 2023, 'total', 'total', 44, 42, 46, null, null],
        ['26041', 2023, 'dimension', '1', 5.5, 5.3, 5.7, null, null],
      ]);
      // The long table keeps every upload, superseded ones too: 3 scorecards × (total + 1 dimension).
      expect(Number((await store.db.query('SELECT COUNT(*) AS n FROM scores'))[0].n)).toBe(6);
    });

    it('records its schema version and refuses a database from a newer chiso without touching it', async () => {
      const store = await fresh();
      const versions = await store.db.query('SELECT version FROM schema_migrations ORDER BY version');
      // Every migration once, in order (1 … SCHEMA_VERSION).
      expect(versions.map((r) => Number(r.version))).toEqual(Array.from({ length: SCHEMA_VERSION }, (_, i) => i + 1));
      await store.put(submission('A', '1', 2023), bytes('a'));
      await store.db.batch([{ sql: "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, 'from the future', 'x')", args: [SCHEMA_VERSION + 1] }]);
      await store.close();
      const attempt = open(scratch.location);
      await expect(attempt).rejects.toBeInstanceOf(StoreVersionError);
      await expect(attempt).rejects.toThrow(`has schema version ${SCHEMA_VERSION + 1}, written by a newer chiso`);
      // Reopening at the same version (delete the future row) finds the data untouched.
      const raw = await open(scratch.location, { migrate: false });
      opened.push(raw);
      await raw.db.batch([{ sql: 'DELETE FROM schema_migrations WHERE version = ?', args: [SCHEMA_VERSION + 1] }]);
      expect(await raw.list()).toHaveLength(1);
      const again = await openHere();
      expect(again.migration?.applied).toEqual([]);
    });
  });
}
