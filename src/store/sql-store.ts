import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { Problem } from '../diagnostics/problem.js';
import type { Scorecard } from '../scoring/types.js';
import { bytesOf, type Db, intOf, isConstraintError, type Row, type SqlValue, type Statement } from './db.js';
import { engineVersion } from './engine-version.js';
import type { MigrationReport } from './migrate.js';
import { ID_LENGTH, sha256Hex } from './hash.js';
import { normalizeName, unitKeyOf, yearKey } from './keys.js';
import { tokenSchema } from './token-schema.js';
import type {
  HistoryEntry,
  NewPlan,
  NewSubmission,
  PutResult,
  RegistryUnit,
  ReportInputs,
  SessionRecord,
  StoredAnswersRow,
  StoredPlan,
  StoredSubmission,
  SubmissionStore,
  SubmissionSummary,
  SubmissionUnit,
  TokenRecord,
  UnitEntry,
} from './types.js';

export interface SqlStoreOptions {
  /** Where rows that fail validation are reported (they are skipped, never a 500). */
  log?: (line: string) => void;
  /** Clock, for tests. */
  now?: () => Date;
}

const VI = new Intl.Collator('vi');

/** Rows per multi-row INSERT: few round trips on PostgreSQL, well under SQLite's parameter limit. */
const ROWS_PER_INSERT = 100;

function insertRows(table: string, columns: string[], rows: SqlValue[][]): Statement[] {
  const statements: Statement[] = [];
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
    const chunk = rows.slice(i, i + ROWS_PER_INSERT);
    statements.push({
      sql: `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${chunk.map(() => tuple).join(', ')}`,
      args: chunk.flat(),
    });
  }
  return statements;
}

const numberOrNull = z.number().nullable();
const totalSchema = z.looseObject({ score: numberOrNull, ciLow: numberOrNull, ciHigh: numberOrNull });
const scorecardSchema = z.looseObject({
  level: z.enum(['unit', 'district', 'province']),
  framework: z.string(),
  unit: z.looseObject({ name: z.string(), code: z.string(), year: z.number().nullable() }),
  respondents: z.number(),
  total: totalSchema,
  dimensions: z.array(z.unknown()),
  subdimensions: z.array(z.unknown()),
  indicators: z.array(z.unknown()),
});
const submissionUnitSchema = z.looseObject({
  key: z.string(),
  code: z.string(),
  name: z.string(),
  province: z.string(),
  district: z.string(),
  year: z.number().nullable(),
  framework: z.string(),
  respondents: z.number(),
  total: totalSchema,
});
const registryUnitSchema = z.object({
  code: z.string().min(1),
  name: z.string(),
  level: z.enum(['province', 'district', 'commune']),
  parent: z.string().min(1).nullable(),
  from: z.number().int().nullable(),
  to: z.number().int().nullable(),
  predecessors: z.array(z.object({ code: z.string().min(1), part: z.boolean() })),
});

/** One unit-level scorecard row, as listing needs it (no scorecard JSON). */
interface UnitRow {
  submissionId: string;
  seq: number;
  unit: SubmissionUnit;
  yearKey: string;
}

/**
 * The store on SQL (SQLite or PostgreSQL through db.ts). Nothing is kept in
 * memory between calls: every answer is read from the database, so several
 * servers on one database never diverge, and a token revoked by another
 * process stops working at its next request. Which submission is current for
 * a unit-year is derived from `seq` (commit order), never written, so a new
 * upload supersedes an old one without touching it.
 */
export class SqlStore implements SubmissionStore {
  private readonly log: (line: string) => void;
  private readonly now: () => Date;
  private closed = false;
  /** What openStore's migration did (null when the store was opened without migrating). */
  migration: MigrationReport | null = null;

  constructor(
    readonly db: Db,
    options: SqlStoreOptions = {},
  ) {
    this.log = options.log ?? ((line) => console.error(line));
    this.now = options.now ?? (() => new Date());
  }

  /** Parses a row's JSON; a row that fails is reported and skipped (undefined), never thrown. */
  private parse<T>(what: string, text: unknown, schema?: z.ZodType): T | undefined {
    try {
      const value: unknown = JSON.parse(String(text));
      if (schema) {
        const result = schema.safeParse(value);
        if (!result.success) throw new Error(result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
      }
      return value as T;
    } catch (err) {
      this.log(`chiso: skipped unreadable store row ${what}: ${(err as Error).message}`);
      return undefined;
    }
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('the store is closed');
  }

  // ---- submissions -------------------------------------------------------

  put(submission: NewSubmission, input: Uint8Array): Promise<PutResult> {
    return this.insert(submission, input, this.now().toISOString());
  }

  /**
   * Stores a submission with a given upload time (import-files keeps the old
   * store's times). Same bytes → the existing submission, `created: false`.
   */
  async insert(submission: NewSubmission, input: Uint8Array, uploadedAt: string): Promise<PutResult> {
    this.assertOpen();
    const sha256 = sha256Hex(input);
    const existing = await this.findIdByHash(sha256, submission.confidence);
    if (existing !== undefined) {
      const stored = await this.get(existing);
      if (stored) return { submission: stored, created: false };
    }
    const id = await this.freeId(sha256, submission.confidence);
    try {
      await this.db.batch(this.submissionStatements(id, sha256, submission, input, uploadedAt));
    } catch (err) {
      // The unique (sha256, confidence) or id says another request or process stored the same bytes first.
      if (!isConstraintError(err)) throw err;
      const winner = await this.findIdByHash(sha256, submission.confidence);
      const stored = winner === undefined ? undefined : await this.get(winner);
      if (!stored) throw err;
      return { submission: stored, created: false };
    }
    const stored = await this.get(id);
    if (!stored) throw new Error(`submission ${id} was stored but cannot be read back`);
    return { submission: stored, created: true };
  }

  /**
   * A submission's id: the start of its bytes' SHA-256, as before schema v2;
   * when the same bytes are already stored at another confidence level, the
   * start of SHA-256("<sha256>|<confidence>") instead.
   */
  private async freeId(sha256: string, confidence: number): Promise<string> {
    const plain = sha256.slice(0, ID_LENGTH);
    const taken = await this.db.query('SELECT id FROM submissions WHERE id = ?', [plain]);
    return taken.length === 0 ? plain : sha256Hex(new TextEncoder().encode(`${sha256}|${confidence}`)).slice(0, ID_LENGTH);
  }

  private submissionStatements(id: string, sha256: string, submission: NewSubmission, input: Uint8Array, uploadedAt: string): Statement[] {
    const count = (severity: Problem['severity']) => submission.problems.filter((p) => p.severity === severity).length;
    const version = submission.engineVersion ?? submission.reportInputs?.engineVersion ?? engineVersion();
    const statements: Statement[] = [
      {
        sql: `INSERT INTO submissions (id, sha256, file_name, size, uploaded_at, uploaded_by, confidence, engine_version, files_json, errors, warnings, infos)
              VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        args: [id, sha256, submission.fileName, input.byteLength, uploadedAt, submission.uploadedBy ?? null, submission.confidence, version,
          JSON.stringify(submission.files), count('error'), count('warning'), count('info')],
      },
      { sql: 'INSERT INTO submission_inputs (submission_id, bytes) VALUES (?, ?)', args: [id, input] },
    ];
    statements.push(
      ...insertRows(
        'problems',
        ['submission_id', 'ordinal', 'file', 'sheet', 'cell', 'severity', 'code', 'message', 'message_id', 'params_json'],
        submission.problems.map((p, i) => [id, i, p.file, p.sheet, p.cell, p.severity, p.code, p.message, p.id ?? null, p.params ? JSON.stringify(p.params) : null]),
      ),
    );
    statements.push(
      ...insertRows(
        'scorecards',
        ['submission_id', 'ordinal', 'level', 'unit_key', 'unit_code', 'unit_name', 'province', 'district', 'year', 'year_key', 'framework', 'respondents', 'total_json', 'unit_json'],
        submission.scorecards.map((s, i) => [id, i, s.level, unitKeyOf(s.unit), s.unit.code, s.unit.name, s.unit.province, s.unit.district,
          s.unit.year, yearKey(s.unit.year), s.framework, s.respondents, JSON.stringify(s.total), JSON.stringify(submissionUnitOf(s))]),
      ),
    );
    statements.push(...insertRows('scorecard_documents', ['submission_id', 'ordinal', 'scorecard_json'], submission.scorecards.map((s, i) => [id, i, JSON.stringify(s)])));
    statements.push(
      ...insertRows(
        'scores',
        ['submission_id', 'scorecard', 'level', 'unit_key', 'unit_code', 'unit_name', 'province', 'district', 'year', 'kind', 'code', 'score', 'ci_low', 'ci_high', 'target', 'status'],
        submission.scorecards.flatMap((s, i) => scoreRows(s).map((r) => [id, i, s.level, unitKeyOf(s.unit), s.unit.code, s.unit.name, s.unit.province, s.unit.district, s.unit.year, ...r])),
      ),
    );
    const inputs = submission.reportInputs;
    if (inputs) {
      const framework = JSON.stringify(inputs.framework);
      statements.push(reportInputsStatement(id, inputs, framework));
      // In the same transaction as the submission: a stored submission has its answers or (before v3) none.
      if (submission.answers) statements.push(answersStatement(id, submission.answers, framework));
    }
    return statements;
  }

  async getAnswers(id: string): Promise<StoredAnswersRow | undefined> {
    this.assertOpen();
    const rows = await this.db.query('SELECT framework_sha, bytes FROM submission_answers WHERE submission_id = ?', [id]);
    const bytes = rows.length ? bytesOf(rows[0].bytes) : null;
    return bytes ? { bytes, frameworkSha: String(rows[0].framework_sha) } : undefined;
  }

  async putAnswers(id: string, answers: Uint8Array, reportInputs: ReportInputs, options: { replace?: boolean } = {}): Promise<boolean> {
    this.assertOpen();
    if (!(await this.db.query('SELECT 1 AS one FROM submissions WHERE id = ?', [id])).length) return false;
    const existing = await this.db.query('SELECT framework_json FROM report_inputs WHERE submission_id = ?', [id]);
    const framework = existing.length ? String(existing[0].framework_json) : JSON.stringify(reportInputs.framework);
    const statements: Statement[] = [];
    if (!existing.length) {
      const inputsRow = reportInputsStatement(id, reportInputs, framework);
      statements.push({ ...inputsRow, sql: `${inputsRow.sql} ON CONFLICT (submission_id) DO NOTHING` });
    }
    const answersRow = answersStatement(id, answers, framework);
    const conflict = options.replace ? 'DO UPDATE SET framework_sha = excluded.framework_sha, bytes = excluded.bytes' : 'DO NOTHING';
    statements.push({ ...answersRow, sql: `${answersRow.sql} ON CONFLICT (submission_id) ${conflict}` });
    try {
      await this.db.batch(statements);
    } catch (err) {
      // Deleted meanwhile (the foreign key): nothing to back-fill.
      if (isConstraintError(err)) return false;
      throw err;
    }
    return true;
  }

  async submissionsWithoutAnswers(): Promise<string[]> {
    this.assertOpen();
    const rows = await this.db.query('SELECT s.id FROM submissions s LEFT JOIN submission_answers a ON a.submission_id = s.id WHERE a.submission_id IS NULL ORDER BY s.seq');
    return rows.map((r) => String(r.id));
  }

  /** The submission of these bytes at this confidence; without one, the newest of these bytes at any. */
  private async findIdByHash(sha256: string, confidence?: number): Promise<string | undefined> {
    const rows =
      confidence === undefined
        ? await this.db.query('SELECT id FROM submissions WHERE sha256 = ? ORDER BY seq DESC', [sha256.toLowerCase()])
        : await this.db.query('SELECT id FROM submissions WHERE sha256 = ? AND confidence = ?', [sha256.toLowerCase(), confidence]);
    return rows.length ? String(rows[0].id) : undefined;
  }

  private unitRow(r: Row): UnitRow | undefined {
    const unit = this.parse<SubmissionUnit>(`scorecards(${String(r.submission_id)}, ${String(r.ordinal)}).unit_json`, r.unit_json, submissionUnitSchema);
    if (!unit) return undefined;
    return { submissionId: String(r.submission_id), seq: intOf(r.seq), yearKey: String(r.year_key), unit };
  }

  /**
   * Few columns on purpose: the SQLite driver builds each row with a defineProperty per column,
   * which at 5,000 rows × 13 columns took longer than the query (bench/README.md).
   */
  private static readonly UNIT_COLUMNS = 'c.submission_id, c.ordinal, c.year_key, c.unit_json, s.seq';

  /**
   * Unit-level scorecard rows in commit order; `where` filters them. The database joins them
   * into one JSON array (one row, one JSON.parse): per-row fetching through the SQLite driver
   * cost more than everything else in a 5,000-row listing (bench/README.md). When the array
   * does not parse (a damaged unit_json), the rows are read one by one and the bad one skipped.
   */
  private async unitRows(where = '', args: SqlValue[] = []): Promise<UnitRow[]> {
    const from = `FROM scorecards c JOIN submissions s ON s.id = c.submission_id WHERE c.level = 'unit' ${where}`;
    const joined = await this.db.query(
      `SELECT '[' || string_agg('[' || s.seq || ',"' || c.submission_id || '","' || c.year_key || '",' || c.unit_json || ']', ',' ORDER BY s.seq, c.ordinal) || ']' AS rows ${from}`,
      args,
    );
    const text = joined[0]?.rows;
    if (text == null) return [];
    let parsed: [number, string, string, unknown][] | undefined;
    try {
      parsed = JSON.parse(String(text)) as [number, string, string, unknown][];
    } catch {
      parsed = undefined;
    }
    if (parsed && parsed.every((r) => isSubmissionUnit(r[3])))
      return parsed.map(([seq, submissionId, yearKey, unit]) => ({ seq, submissionId, yearKey, unit: unit as SubmissionUnit }));
    const rows = await this.db.query(`SELECT ${SqlStore.UNIT_COLUMNS} ${from} ORDER BY s.seq, c.ordinal`, args);
    return rows.map((r) => this.unitRow(r)).filter((r): r is UnitRow => r !== undefined);
  }

  /**
   * Summaries for submission rows, with `superseded` derived from the unit
   * rows: `related` must hold every unit row sharing a unit-year with them.
   */
  private summariesOf(rows: Row[], related: UnitRow[]): SubmissionSummary[] {
    // unit key → year key → submission ids in commit order.
    const order = new Map<string, string[]>();
    const unitsOf = new Map<string, SubmissionUnit[]>();
    for (const r of related) {
      const slot = `${r.unit.key}\u0000${r.yearKey}`;
      const ids = order.get(slot) ?? [];
      if (!ids.includes(r.submissionId)) ids.push(r.submissionId);
      order.set(slot, ids);
      const units = unitsOf.get(r.submissionId) ?? [];
      units.push(r.unit);
      unitsOf.set(r.submissionId, units);
    }
    return rows.map((row) => {
      const id = String(row.id);
      const units = unitsOf.get(id) ?? [];
      let supersededBy: string | null = null;
      let allSuperseded = units.length > 0;
      for (const unit of units) {
        const ids = order.get(`${unit.key}\u0000${yearKey(unit.year)}`) ?? [];
        const at = ids.indexOf(id);
        const next = at >= 0 && at < ids.length - 1 ? ids[at + 1] : null;
        if (next === null) allSuperseded = false;
        else supersededBy ??= next;
      }
      return {
        id,
        sha256: String(row.sha256),
        fileName: String(row.file_name),
        size: intOf(row.size),
        uploadedAt: String(row.uploaded_at),
        seq: intOf(row.seq),
        uploadedBy: row.uploaded_by == null ? null : String(row.uploaded_by),
        confidence: Number(row.confidence),
        units,
        problemCounts: { error: intOf(row.errors), warning: intOf(row.warnings), info: intOf(row.infos) },
        superseded: allSuperseded,
        supersededBy: allSuperseded ? supersededBy : null,
      };
    });
  }

  private static readonly SUMMARY_COLUMNS = 'seq, id, sha256, file_name, size, uploaded_at, uploaded_by, confidence, errors, warnings, infos';

  private async summaryById(id: string): Promise<SubmissionSummary | undefined> {
    if (!/^[0-9a-f]{1,64}$/.test(id)) return undefined;
    const rows = await this.db.query(`SELECT ${SqlStore.SUMMARY_COLUMNS} FROM submissions WHERE id = ?`, [id]);
    if (!rows.length) return undefined;
    // Every unit row that shares a unit-year with this submission (to find what superseded it).
    const related = await this.unitRows(
      `AND EXISTS (SELECT 1 FROM scorecards m WHERE m.submission_id = ? AND m.level = 'unit' AND m.unit_key = c.unit_key AND m.year_key = c.year_key)`,
      [id],
    );
    return this.summariesOf(rows, related)[0];
  }

  async get(id: string): Promise<StoredSubmission | undefined> {
    const summary = await this.summaryById(id);
    if (!summary) return undefined;
    const [meta, problemRows, cardRows] = await Promise.all([
      this.db.query('SELECT files_json FROM submissions WHERE id = ?', [id]),
      this.db.query('SELECT ordinal, file, sheet, cell, severity, code, message, message_id, params_json FROM problems WHERE submission_id = ? ORDER BY ordinal', [id]),
      this.db.query('SELECT ordinal, scorecard_json FROM scorecard_documents WHERE submission_id = ? ORDER BY ordinal', [id]),
    ]);
    const files = this.parse<string[]>(`submissions(${id}).files_json`, meta[0]?.files_json, z.array(z.string())) ?? [];
    const problems: Problem[] = problemRows.map((r) => {
      const p: Problem = {
        file: String(r.file),
        sheet: String(r.sheet),
        cell: String(r.cell),
        severity: r.severity as Problem['severity'],
        code: String(r.code),
        message: String(r.message),
      };
      // The catalogue message and its parameters, so the problem is shown in either language.
      if (r.message_id != null) p.id = String(r.message_id);
      const params = r.params_json == null ? undefined : this.parse<Problem['params']>(`problems(${id}, ${String(r.ordinal)}).params_json`, r.params_json, z.record(z.string(), z.unknown()));
      if (params) p.params = params;
      return p;
    });
    const scorecards = cardRows
      .map((r) => this.parse<Scorecard>(`scorecards(${id}, ${String(r.ordinal)})`, r.scorecard_json, scorecardSchema))
      .filter((s): s is Scorecard => s !== undefined);
    return { ...summary, files, problems, scorecards };
  }

  async getInput(id: string): Promise<Uint8Array | undefined> {
    if (!/^[0-9a-f]{1,64}$/.test(id)) return undefined;
    const rows = await this.db.query(
      'SELECT i.bytes, s.sha256 FROM submission_inputs i JOIN submissions s ON s.id = i.submission_id WHERE s.id = ?',
      [id],
    );
    if (!rows.length) return undefined;
    const bytes = bytesOf(rows[0].bytes);
    if (!bytes || sha256Hex(bytes) !== rows[0].sha256) throw new Error(`submission ${id}: the stored workbook does not match its SHA-256`);
    return bytes;
  }

  async findByHash(sha256: string, confidence?: number): Promise<SubmissionSummary | undefined> {
    const id = await this.findIdByHash(sha256, confidence);
    return id === undefined ? undefined : this.summaryById(id);
  }

  async list(): Promise<SubmissionSummary[]> {
    const [rows, related] = await Promise.all([
      this.db.query(`SELECT ${SqlStore.SUMMARY_COLUMNS} FROM submissions ORDER BY seq DESC`),
      this.unitRows(),
    ]);
    return this.summariesOf(rows, related);
  }

  async count(): Promise<number> {
    const rows = await this.db.query('SELECT COUNT(*) AS n FROM submissions');
    return intOf(rows[0].n);
  }

  /**
   * The units and their years (a listing the workbench, the desk and every upload's unit check ask
   * for). The full listing is kept, frozen, with the submissions' version it was built from
   * (`submissionsVersion`): the store only ever adds submissions, so the count and the largest
   * sequence number name its state, also when another instance (PostgreSQL) adds one. A repeated
   * listing costs that one query instead of reading and sorting every unit-level scorecard
   * (64 ms at 5,000 submissions on the 2-core VM, bench/README.md "The store"). A listing of a few
   * keys (an upload's unit check, right after another upload changed the version) is cut from the
   * kept one while it is current, else read for those keys alone: rebuilding the whole listing on
   * every upload would put that cost on the upload's path. A unit's entry is built from its own
   * rows only, so both give the full listing's entries.
   */
  async listUnits(keys?: readonly string[]): Promise<UnitEntry[]> {
    if (keys && keys.length === 0) return [];
    const version = await this.submissionsVersion();
    if (keys && this.unitListing?.version !== version) return this.buildUnitListing(keys);
    if (this.unitListing?.version !== version) this.unitListing = { version, units: deepFreeze(await this.buildUnitListing()) };
    const units = this.unitListing.units;
    if (!keys) return [...units];
    const wanted = new Set(keys);
    return units.filter((u) => wanted.has(u.key));
  }

  private unitListing: { version: string; units: readonly UnitEntry[] } | undefined;

  /** The submissions' state: rows are only ever added, with a growing sequence number. */
  private async submissionsVersion(): Promise<string> {
    const rows = await this.db.query('SELECT COUNT(*) AS n, MAX(seq) AS m FROM submissions');
    return `${intOf(rows[0]?.n ?? 0)}:${rows[0]?.m == null ? '' : intOf(rows[0].m)}`;
  }

  /** The listing read from the scorecards: every unit, or only those under `keys`. */
  private async buildUnitListing(keys?: readonly string[]): Promise<UnitEntry[]> {
    const rows = keys ? await this.unitRows(`AND c.unit_key IN (${keys.map(() => '?').join(', ')})`, [...keys]) : await this.unitRows();
    const byKey = new Map<string, Map<string, UnitRow[]>>();
    for (const row of rows) {
      let years = byKey.get(row.unit.key);
      if (!years) byKey.set(row.unit.key, (years = new Map()));
      const list = years.get(row.yearKey) ?? [];
      list.push(row);
      years.set(row.yearKey, list);
    }
    const units: UnitEntry[] = [];
    for (const [key, years] of byKey) {
      const entry: UnitEntry = { key, code: '', name: '', province: '', district: '', years: [] };
      let named: SubmissionUnit | undefined;
      for (const rows of years.values()) {
        const current = rows[rows.length - 1];
        entry.years.push({
          year: current.unit.year,
          submissionId: current.submissionId,
          respondents: current.unit.respondents,
          total: current.unit.total,
          supersededIds: [...new Set(rows.slice(0, -1).map((r) => r.submissionId))].reverse(),
        });
      }
      entry.years.sort((a, b) => (a.year ?? -Infinity) - (b.year ?? -Infinity));
      // The newest year's upload names the unit (names get corrected over time).
      const newest = entry.years[entry.years.length - 1];
      named = years.get(yearKey(newest.year))!.at(-1)!.unit;
      Object.assign(entry, { code: named.code, name: named.name, province: named.province, district: named.district });
      units.push(entry);
    }
    // One collator and the normalised names computed once per unit: localeCompare(…, 'vi') builds a
    // collator per call, which at a thousand units was most of the listing's time.
    const keyed = units.map((u) => ({ u, p: normalizeName(u.province), d: normalizeName(u.district), n: normalizeName(u.name) }));
    keyed.sort((a, b) => VI.compare(a.p, b.p) || VI.compare(a.d, b.d) || VI.compare(a.n, b.n));
    return keyed.map((k) => k.u);
  }

  async history(unitKey: string): Promise<HistoryEntry[]> {
    const rows = await this.db.query(
      `SELECT c.submission_id, c.ordinal, c.year, c.year_key, d.scorecard_json, s.uploaded_at, s.file_name, s.seq
       FROM scorecards c JOIN submissions s ON s.id = c.submission_id
       JOIN scorecard_documents d ON d.submission_id = c.submission_id AND d.ordinal = c.ordinal
       WHERE c.level = 'unit' AND c.unit_key = ? ORDER BY s.seq, c.ordinal`,
      [unitKey],
    );
    const byYear = new Map<string, Row[]>();
    for (const r of rows) byYear.set(String(r.year_key), [...(byYear.get(String(r.year_key)) ?? []), r]);
    const entries: HistoryEntry[] = [];
    for (const list of byYear.values()) {
      for (const [i, r] of list.entries()) {
        const scorecard = this.parse<Scorecard>(`scorecards(${String(r.submission_id)}, ${String(r.ordinal)})`, r.scorecard_json, scorecardSchema);
        if (!scorecard) continue;
        const next = i < list.length - 1 ? String(list[i + 1].submission_id) : null;
        entries.push({
          submissionId: String(r.submission_id),
          year: r.year == null ? null : intOf(r.year),
          uploadedAt: String(r.uploaded_at),
          fileName: String(r.file_name),
          superseded: next !== null,
          supersededBy: next,
          scorecard,
        });
      }
    }
    return entries.sort((a, b) => (a.year ?? -Infinity) - (b.year ?? -Infinity) || a.uploadedAt.localeCompare(b.uploadedAt));
  }

  async latest(unitKey: string, year: number | null): Promise<StoredSubmission | undefined> {
    const rows = await this.db.query(
      `SELECT s.id FROM scorecards c JOIN submissions s ON s.id = c.submission_id
       WHERE c.level = 'unit' AND c.unit_key = ? AND c.year_key = ? ORDER BY s.seq DESC LIMIT 1`,
      [unitKey, yearKey(year)],
    );
    return rows.length ? this.get(String(rows[0].id)) : undefined;
  }

  async getReportInputs(id: string): Promise<ReportInputs | undefined> {
    const rows = await this.db.query(
      'SELECT engine_version, confidence, framework_json, targets_json, plan_json FROM report_inputs WHERE submission_id = ?',
      [id],
    );
    if (!rows.length) return undefined;
    const r = rows[0];
    const framework = this.parse<ReportInputs['framework']>(`report_inputs(${id}).framework_json`, r.framework_json, z.looseObject({ items: z.array(z.unknown()) }));
    const targets = this.parse<ReportInputs['targets']>(`report_inputs(${id}).targets_json`, r.targets_json, z.array(z.unknown()));
    const plan = this.parse<ReportInputs['plan']>(`report_inputs(${id}).plan_json`, r.plan_json, z.array(z.unknown()));
    if (!framework || !targets || !plan) return undefined;
    return { framework, targets, plan, engineVersion: String(r.engine_version), confidence: Number(r.confidence) };
  }

  // ---- tokens and sessions ----------------------------------------------

  private tokenOf(r: Row): TokenRecord | undefined {
    const target: TokenRecord['target'] = {};
    if (r.province != null) target.province = String(r.province);
    if (r.district != null) target.district = String(r.district);
    if (r.unit_code != null) target.unit = String(r.unit_code);
    const token = {
      id: String(r.id),
      hash: String(r.hash),
      scope: r.scope,
      target,
      label: r.label == null ? null : String(r.label),
      createdAt: String(r.created_at),
      expiresAt: r.expires_at == null ? null : String(r.expires_at),
      revokedAt: r.revoked_at == null ? null : String(r.revoked_at),
    };
    const parsed = tokenSchema.safeParse(token);
    if (!parsed.success) {
      this.log(`chiso: skipped unreadable store row tokens(${token.id}): ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
      return undefined;
    }
    return parsed.data as TokenRecord;
  }

  private static readonly TOKEN_COLUMNS = 'id, hash, scope, province, district, unit_code, label, created_at, expires_at, revoked_at';

  async putToken(token: TokenRecord): Promise<void> {
    this.assertOpen();
    const valid = tokenSchema.parse(token);
    await this.db.batch([
      {
        sql: `INSERT INTO tokens (${SqlStore.TOKEN_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
              ON CONFLICT (id) DO UPDATE SET hash = excluded.hash, scope = excluded.scope, province = excluded.province,
                district = excluded.district, unit_code = excluded.unit_code, label = excluded.label,
                created_at = excluded.created_at, expires_at = excluded.expires_at, revoked_at = excluded.revoked_at`,
        args: [valid.id, valid.hash, valid.scope, valid.target.province ?? null, valid.target.district ?? null, valid.target.unit ?? null,
          valid.label, valid.createdAt, valid.expiresAt ?? null, valid.revokedAt ?? null],
      },
    ]);
  }

  async getToken(id: string): Promise<TokenRecord | undefined> {
    const rows = await this.db.query(`SELECT ${SqlStore.TOKEN_COLUMNS} FROM tokens WHERE id = ?`, [id]);
    return rows.length ? this.tokenOf(rows[0]) : undefined;
  }

  async getValidToken(id: string, now: Date = this.now()): Promise<TokenRecord | undefined> {
    const token = await this.getToken(id);
    return token && isValidToken(token, now) ? token : undefined;
  }

  async listTokens(): Promise<TokenRecord[]> {
    const rows = await this.db.query(`SELECT ${SqlStore.TOKEN_COLUMNS} FROM tokens ORDER BY created_at, id`);
    return rows.map((r) => this.tokenOf(r)).filter((t): t is TokenRecord => t !== undefined);
  }

  async deleteToken(id: string): Promise<boolean> {
    this.assertOpen();
    const rows = await this.write('DELETE FROM tokens WHERE id = ? RETURNING id', [id]);
    return rows.length > 0;
  }

  async revokeToken(id: string, at: Date = this.now()): Promise<boolean> {
    this.assertOpen();
    const rows = await this.write('UPDATE tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL RETURNING id', [at.toISOString(), id]);
    return rows.length > 0;
  }

  async createSession(tokenId: string, expiresAt: Date, now: Date = this.now()): Promise<{ id: string; record: SessionRecord }> {
    this.assertOpen();
    const id = randomBytes(32).toString('base64url');
    const record: SessionRecord = { hash: sha256Hex(id), tokenId, createdAt: now.toISOString(), expiresAt: expiresAt.toISOString(), endedAt: null };
    try {
      await this.db.batch([
        { sql: 'INSERT INTO sessions (hash, token_id, created_at, expires_at) VALUES (?, ?, ?, ?)', args: [record.hash, tokenId, record.createdAt, record.expiresAt] },
      ]);
    } catch (err) {
      if (isConstraintError(err)) throw new Error(`no token ${tokenId} to open a session for`);
      throw err;
    }
    return { id, record };
  }

  async getValidSession(id: string, now: Date = this.now()): Promise<(SessionRecord & { token: TokenRecord }) | undefined> {
    const at = now.toISOString();
    const rows = await this.db.query(
      `SELECT s.hash AS session_hash, s.created_at AS session_created_at, s.expires_at AS session_expires_at, s.ended_at,
              t.id, t.hash, t.scope, t.province, t.district, t.unit_code, t.label, t.created_at, t.expires_at, t.revoked_at
       FROM sessions s JOIN tokens t ON t.id = s.token_id
       WHERE s.hash = ? AND s.ended_at IS NULL AND s.expires_at > ?`,
      [sha256Hex(id), at],
    );
    if (!rows.length) return undefined;
    const token = this.tokenOf(rows[0]);
    if (!token || !isValidToken(token, now)) return undefined;
    const r = rows[0];
    return { hash: String(r.session_hash), tokenId: token.id, createdAt: String(r.session_created_at), expiresAt: String(r.session_expires_at), endedAt: null, token };
  }

  async endSession(id: string, at: Date = this.now()): Promise<boolean> {
    this.assertOpen();
    const rows = await this.write('UPDATE sessions SET ended_at = ? WHERE hash = ? AND ended_at IS NULL RETURNING hash', [at.toISOString(), sha256Hex(id)]);
    return rows.length > 0;
  }

  // ---- units registry -----------------------------------------------------

  async replaceRegistry(units: RegistryUnit[]): Promise<void> {
    this.assertOpen();
    const valid = units.map((u, i) => {
      const parsed = registryUnitSchema.safeParse(u);
      if (!parsed.success) throw new Error(`registry row ${i + 1}: ${parsed.error.issues.map((x) => `${x.path.join('.')}: ${x.message}`).join('; ')}`);
      return parsed.data;
    });
    const statements: Statement[] = [
      { sql: 'DELETE FROM unit_predecessors' },
      { sql: 'DELETE FROM units' },
      ...insertRows('units', ['code', 'name', 'level', 'parent_code', 'valid_from', 'valid_to'], valid.map((u) => [u.code, u.name, u.level, u.parent, u.from, u.to])),
    ];
    for (const u of valid)
      for (const p of u.predecessors)
        statements.push({
          sql: `INSERT INTO unit_predecessors (unit_id, predecessor_code, part)
                SELECT id, ?, ? FROM units WHERE code = ? AND COALESCE(valid_from, -1) = ?`,
          args: [p.code, p.part ? 1 : 0, u.code, u.from ?? -1],
        });
    await this.db.batch(statements);
  }

  private async registryRows(where = '', args: SqlValue[] = []): Promise<RegistryUnit[]> {
    const [rows, preds] = await Promise.all([
      this.db.query(`SELECT id, code, name, level, parent_code, valid_from, valid_to FROM units ${where} ORDER BY code, COALESCE(valid_from, -1)`, args),
      this.db.query('SELECT unit_id, predecessor_code, part FROM unit_predecessors ORDER BY unit_id, predecessor_code'),
    ]);
    const predecessorsOf = new Map<number, RegistryUnit['predecessors']>();
    for (const p of preds) {
      const list = predecessorsOf.get(intOf(p.unit_id)) ?? [];
      list.push({ code: String(p.predecessor_code), part: intOf(p.part) === 1 });
      predecessorsOf.set(intOf(p.unit_id), list);
    }
    return rows.map((r) => ({
      code: String(r.code),
      name: String(r.name),
      level: r.level as RegistryUnit['level'],
      parent: r.parent_code == null ? null : String(r.parent_code),
      from: r.valid_from == null ? null : intOf(r.valid_from),
      to: r.valid_to == null ? null : intOf(r.valid_to),
      predecessors: predecessorsOf.get(intOf(r.id)) ?? [],
    }));
  }

  listRegistry(): Promise<RegistryUnit[]> {
    return this.registryRows();
  }

  /**
   * replaceRegistry deletes every row and inserts new ones, and ids are never reused (SQLite
   * AUTOINCREMENT, a PostgreSQL identity), so each replacement leaves a new largest id (or an
   * empty table): the count and the largest id name the registry's state. An index lookup and a
   * count, well under a millisecond, against ~95 ms of CPU to read and build a national registry.
   */
  async registryVersion(): Promise<string> {
    const rows = await this.db.query('SELECT COUNT(*) AS n, MAX(id) AS m FROM units');
    return `${intOf(rows[0]?.n ?? 0)}:${rows[0]?.m == null ? '' : intOf(rows[0].m)}`;
  }

  registryForYear(year: number): Promise<RegistryUnit[]> {
    return this.registryRows('WHERE (valid_from IS NULL OR valid_from <= ?) AND (valid_to IS NULL OR valid_to >= ?)', [year, year]);
  }

  // ---- plans ----------------------------------------------------------------

  async putPlan(plan: NewPlan): Promise<StoredPlan> {
    this.assertOpen();
    const uploadedAt = this.now().toISOString();
    const rows = await this.write(
      `INSERT INTO plans (unit_code, year, targets_json, tasks_json, file_name, uploaded_by, uploaded_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`,
      [plan.unitCode, plan.year, JSON.stringify(plan.targets), JSON.stringify(plan.tasks), plan.fileName ?? null, plan.uploadedBy ?? null, uploadedAt],
    );
    return { unitCode: plan.unitCode, year: plan.year, targets: plan.targets, tasks: plan.tasks, fileName: plan.fileName ?? null, uploadedBy: plan.uploadedBy ?? null, id: intOf(rows[0].id), uploadedAt };
  }

  async latestPlan(unitCode: string, year: number): Promise<StoredPlan | undefined> {
    const rows = await this.db.query(
      'SELECT id, unit_code, year, targets_json, tasks_json, file_name, uploaded_by, uploaded_at FROM plans WHERE unit_code = ? AND year = ? ORDER BY id DESC',
      [unitCode, year],
    );
    // The newest readable one: a damaged newer row is reported and the one before it used.
    for (const r of rows) {
      const targets = this.parse<StoredPlan['targets']>(`plans(${String(r.id)}).targets_json`, r.targets_json, z.array(z.unknown()));
      const tasks = this.parse<StoredPlan['tasks']>(`plans(${String(r.id)}).tasks_json`, r.tasks_json, z.array(z.unknown()));
      if (!targets || !tasks) continue;
      return {
        id: intOf(r.id),
        unitCode: String(r.unit_code),
        year: intOf(r.year),
        targets,
        tasks,
        fileName: r.file_name == null ? null : String(r.file_name),
        uploadedBy: r.uploaded_by == null ? null : String(r.uploaded_by),
        uploadedAt: String(r.uploaded_at),
      };
    }
    return undefined;
  }

  /** One write statement with RETURNING, in its own transaction (queued with the other writes). */
  private async write(sql: string, args: SqlValue[]): Promise<Row[]> {
    let rows: Row[] = [];
    await this.db.exclusive(async (tx) => {
      rows = await tx.query(sql, args);
    });
    return rows;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.db.close();
  }
}

const isNumberOrNull = (v: unknown) => v === null || typeof v === 'number';

/** Frozen all the way down: a kept listing is shared by every caller, none may change it. */
function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/** The fast path's check of a unit_json value (the same as submissionUnitSchema, without zod's cost per row). */
function isSubmissionUnit(v: unknown): boolean {
  if (typeof v !== 'object' || v === null) return false;
  const u = v as Record<string, unknown>;
  const t = u.total as Record<string, unknown> | null;
  return (
    typeof u.key === 'string' && typeof u.code === 'string' && typeof u.name === 'string' && typeof u.province === 'string' &&
    typeof u.district === 'string' && isNumberOrNull(u.year) && typeof u.framework === 'string' && typeof u.respondents === 'number' &&
    typeof t === 'object' && t !== null && isNumberOrNull(t.score) && isNumberOrNull(t.ciLow) && isNumberOrNull(t.ciHigh)
  );
}

/** What a listing shows of a unit-level scorecard (kept beside it as unit_json). */
function submissionUnitOf(s: Scorecard): SubmissionUnit {
  return {
    key: unitKeyOf(s.unit),
    code: s.unit.code,
    name: s.unit.name,
    province: s.unit.province,
    district: s.unit.district,
    year: s.unit.year,
    framework: s.framework,
    respondents: s.respondents,
    total: s.total,
  };
}

export function isValidToken(token: TokenRecord, now: Date): boolean {
  if (token.revokedAt) return false;
  return !token.expiresAt || token.expiresAt > now.toISOString();
}

/** The long rows of one scorecard for the `scores` table: kind, code, score, ci_low, ci_high, target, status. */
function scoreRows(card: Scorecard): SqlValue[][] {
  const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : null);
  const text = (v: unknown) => (typeof v === 'string' ? v : null);
  type Scored = { score: unknown; ciLow?: unknown; ciHigh?: unknown; target?: unknown; status?: unknown };
  const row = (kind: string, code: string, s: Scored): SqlValue[] => [kind, code, num(s.score), num(s.ciLow), num(s.ciHigh), num(s.target), text(s.status)];
  return [
    row('total', 'total', card.total),
    ...card.dimensions.map((d) => row('dimension', d.code, d)),
    ...card.subdimensions.map((d) => row('subdimension', d.code, d)),
    ...card.indicators.map((d) => row('indicator', d.code, d)),
  ];
}

function reportInputsStatement(id: string, inputs: ReportInputs, framework: string): Statement {
  return {
    sql: 'INSERT INTO report_inputs (submission_id, engine_version, confidence, framework_json, targets_json, plan_json) VALUES (?, ?, ?, ?, ?, ?)',
    args: [id, inputs.engineVersion, inputs.confidence, framework, JSON.stringify(inputs.targets), JSON.stringify(inputs.plan)],
  };
}

/** The answers row; `framework` is the framework_json text stored beside it (its SHA-256 names it). */
function answersStatement(id: string, answers: Uint8Array, framework: string): Statement {
  return { sql: 'INSERT INTO submission_answers (submission_id, framework_sha, bytes) VALUES (?, ?, ?)', args: [id, sha256Hex(framework), answers] };
}
