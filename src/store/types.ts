import type { Problem } from '../diagnostics/problem.js';
import type { Framework, PlanTask, Target } from '../framework/schema.js';
import type { Scorecard } from '../scoring/types.js';

/** One unit-year a submission carries a unit-level scorecard for. */
export interface SubmissionUnit {
  /** The unit code; when the workbook has none, `name:` + the normalised name. */
  key: string;
  code: string;
  name: string;
  province: string;
  district: string;
  year: number | null;
  framework: string;
  respondents: number;
  total: Scorecard['total'];
}

/** What the caller hands to `put`: the scoring result of one upload. */
export interface NewSubmission {
  fileName: string;
  files: string[];
  problems: Problem[];
  scorecards: Scorecard[];
  confidence: number;
  /** Token id of the uploader, or 'local' in single-user mode. */
  uploadedBy?: string;
  /** What the report needs besides the scorecards, so it is rebuilt without re-reading the workbook. */
  reportInputs?: ReportInputs;
  /** The chiso version that scored it (package.json); default the running one. */
  engineVersion?: string;
  /**
   * The coded answers of its units (answers-codec.ts), stored with it so a roll-up
   * never re-reads the workbook. Kept only together with `reportInputs`, whose
   * framework names the answers' items.
   */
  answers?: Uint8Array;
}

/** A submission's stored coded answers (schema v3) and which framework their item codes name. */
export interface StoredAnswersRow {
  bytes: Uint8Array;
  /** SHA-256 of the submission's report_inputs.framework_json. */
  frameworkSha: string;
}

/**
 * The parts of the ingested survey a report is built from (src/report/: the
 * codebook's item texts via `framework`, the plan's tasks, the targets).
 */
export interface ReportInputs {
  framework: Framework;
  targets: Target[];
  plan: PlanTask[];
  engineVersion: string;
  confidence: number;
}

/** The index entry of a stored submission (no scorecards: cheap to list). */
export interface SubmissionSummary {
  id: string;
  sha256: string;
  fileName: string;
  size: number;
  uploadedAt: string;
  /** Commit order within the store; later supersedes earlier. */
  seq: number;
  uploadedBy: string | null;
  confidence: number;
  units: SubmissionUnit[];
  problemCounts: { error: number; warning: number; info: number };
  /** True when every unit-year of this submission has a newer submission. */
  superseded: boolean;
  /** The next newer submission for this submission's first superseded unit-year. */
  supersededBy: string | null;
}

export interface StoredSubmission extends SubmissionSummary {
  files: string[];
  problems: Problem[];
  scorecards: Scorecard[];
}

export interface HistoryEntry {
  submissionId: string;
  year: number | null;
  uploadedAt: string;
  fileName: string;
  /** Superseded for this unit-year (a newer upload replaced it). */
  superseded: boolean;
  supersededBy: string | null;
  scorecard: Scorecard;
}

export interface UnitYear {
  year: number | null;
  submissionId: string;
  respondents: number;
  total: Scorecard['total'];
  /** Older uploads for this unit-year, newest first. */
  supersededIds: string[];
}

export interface UnitEntry {
  key: string;
  code: string;
  name: string;
  province: string;
  district: string;
  years: UnitYear[];
}

export type TokenScope = 'admin' | 'province' | 'district' | 'unit';

/** What a token covers: a province, a district (optionally within a province) or a unit code. */
export interface TokenTarget {
  province?: string;
  district?: string;
  unit?: string;
}

export interface TokenRecord {
  /** Public part of the token (it appears in the token itself), for lookup and revocation. */
  id: string;
  /** SHA-256 (hex) of the whole token string; the token itself is never stored. */
  hash: string;
  scope: TokenScope;
  target: TokenTarget;
  label: string | null;
  createdAt: string;
  /** ISO time after which the token no longer authenticates; null or absent: never expires. */
  expiresAt?: string | null;
  /** ISO time it was revoked; null or absent: not revoked. */
  revokedAt?: string | null;
}

/** A browser session opened with a token: its id is random, only its SHA-256 is stored. */
export interface SessionRecord {
  /** SHA-256 (hex) of the session id given to the browser. */
  hash: string;
  tokenId: string;
  createdAt: string;
  expiresAt: string;
  endedAt: string | null;
}

export type RegistryLevel = 'province' | 'district' | 'commune';

/** One row of the units registry (contract.md "Units registry"): a unit in one validity period. */
export interface RegistryUnit {
  /** Text, leading zeros kept ("06268"). */
  code: string;
  name: string;
  level: RegistryLevel;
  /** The parent's code in this period; null for a province. */
  parent: string | null;
  /** First and last year of this row; null = open. */
  from: number | null;
  to: number | null;
  predecessors: { code: string; part: boolean }[];
}

/** A district's or province's plan for a year: targets and tasks for its roll-up. */
export interface NewPlan {
  unitCode: string;
  year: number;
  targets: Target[];
  tasks: PlanTask[];
  fileName?: string | null;
  uploadedBy?: string | null;
}

export interface StoredPlan extends Required<NewPlan> {
  id: number;
  uploadedAt: string;
}

export interface PutResult {
  submission: StoredSubmission;
  /** False when the same bytes were already stored (idempotent re-upload). */
  created: boolean;
}

/**
 * Persistence of submissions, tokens, sessions, the units registry and plans.
 * Routes talk only to this interface; SqlStore implements it on SQLite and
 * PostgreSQL alike (src/store/README.md). Nothing is cached in memory, so
 * several processes on one database always answer the same.
 */
export interface SubmissionStore {
  /** Stores a submission and its original bytes in one atomic step; same bytes at the same confidence → the stored one. */
  put(submission: NewSubmission, input: Uint8Array): Promise<PutResult>;
  get(id: string): Promise<StoredSubmission | undefined>;
  /** The original workbook bytes (verified against their SHA-256). */
  getInput(id: string): Promise<Uint8Array | undefined>;
  /** The submission of these bytes scored at `confidence` (schema v2: bytes + confidence are one submission); without it, the newest at any level. */
  findByHash(sha256: string, confidence?: number): Promise<SubmissionSummary | undefined>;
  /** Every submission, newest first. */
  list(): Promise<SubmissionSummary[]>;
  /**
   * Every unit with its years (the current submission per year); with `keys`, only the units
   * filed under those keys (unitKeyOf: a trimmed code), as the full listing has them.
   */
  listUnits(keys?: readonly string[]): Promise<UnitEntry[]>;
  /** All scorecards of a unit across years, superseded ones included; oldest year first. */
  history(unitKey: string): Promise<HistoryEntry[]>;
  /** The current (newest) submission for a unit-year. */
  latest(unitKey: string, year: number | null): Promise<StoredSubmission | undefined>;
  putToken(token: TokenRecord): Promise<void>;
  getToken(id: string): Promise<TokenRecord | undefined>;
  listTokens(): Promise<TokenRecord[]>;
  /** Removes a token (and its sessions). Prefer revokeToken, which keeps the record. */
  deleteToken(id: string): Promise<boolean>;
  /** Marks a token revoked; false when there is no such token or it already was. */
  revokeToken(id: string, at?: Date): Promise<boolean>;
  /**
   * The token if it exists, is not revoked and has not expired at `now`. Read
   * from the database on every call, so a revocation by another process counts at once.
   */
  getValidToken(id: string, now?: Date): Promise<TokenRecord | undefined>;

  /** Opens a session for a token; returns the session id (shown once, stored hashed). */
  createSession(tokenId: string, expiresAt: Date, now?: Date): Promise<{ id: string; record: SessionRecord }>;
  /** The session if it is open, unexpired and its token is still valid. */
  getValidSession(id: string, now?: Date): Promise<(SessionRecord & { token: TokenRecord }) | undefined>;
  endSession(id: string, at?: Date): Promise<boolean>;

  /** Replaces the whole units registry in one transaction (all or nothing). */
  replaceRegistry(units: RegistryUnit[]): Promise<void>;
  /** Every registry row, by code then start year. */
  listRegistry(): Promise<RegistryUnit[]>;
  /**
   * Changes whenever the registry does (a replacement by any process): one cheap query, so a
   * caller may keep what it built from listRegistry() until this changes (server/registry-cache.ts).
   * Optional: a store without it is read in full each time.
   */
  registryVersion?(): Promise<string>;
  /** The rows valid in a year (from ≤ year ≤ to, open ends included). */
  registryForYear(year: number): Promise<RegistryUnit[]>;

  putPlan(plan: NewPlan): Promise<StoredPlan>;
  /** The newest plan for a unit and year. */
  latestPlan(unitCode: string, year: number): Promise<StoredPlan | undefined>;

  /** What the report of a submission is built from; undefined when it was not stored (an imported old submission). */
  getReportInputs(id: string): Promise<ReportInputs | undefined>;

  /** The coded answers stored with a submission (schema v3); undefined for one stored before v3 and not back-filled yet. */
  getAnswers(id: string): Promise<StoredAnswersRow | undefined>;
  /**
   * Back-fills the answers of a submission stored before v3, and its report inputs
   * when it has none (an imported old submission): what the answers' items are read
   * against. A submission that has them already is left as it is, unless
   * `replace` (a damaged row read again from its workbook); false when there is no
   * such submission.
   */
  putAnswers(id: string, answers: Uint8Array, reportInputs: ReportInputs, options?: { replace?: boolean }): Promise<boolean>;
  /** Ids of the submissions with no stored answers (stored before v3), oldest first. */
  submissionsWithoutAnswers(): Promise<string[]>;

  close(): Promise<void>;
}
