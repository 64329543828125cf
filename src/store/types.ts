import type { Problem } from '../diagnostics/problem.js';
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
}

export interface PutResult {
  submission: StoredSubmission;
  /** False when the same bytes were already stored (idempotent re-upload). */
  created: boolean;
}

/**
 * Persistence of submissions and tokens. Routes talk only to this interface so a
 * server database (PostgreSQL) can replace the embedded FileStore later.
 */
export interface SubmissionStore {
  /** Stores a submission and its original bytes in one atomic step; same bytes → same id. */
  put(submission: NewSubmission, input: Uint8Array): Promise<PutResult>;
  get(id: string): Promise<StoredSubmission | undefined>;
  /** The original workbook bytes (verified against their SHA-256). */
  getInput(id: string): Promise<Uint8Array | undefined>;
  findByHash(sha256: string): Promise<SubmissionSummary | undefined>;
  /** Every submission, newest first. */
  list(): Promise<SubmissionSummary[]>;
  /** Every unit with its years (the current submission per year). */
  listUnits(): Promise<UnitEntry[]>;
  /** All scorecards of a unit across years, superseded ones included; oldest year first. */
  history(unitKey: string): Promise<HistoryEntry[]>;
  /** The current (newest) submission for a unit-year. */
  latest(unitKey: string, year: number | null): Promise<StoredSubmission | undefined>;
  putToken(token: TokenRecord): Promise<void>;
  getToken(id: string): Promise<TokenRecord | undefined>;
  listTokens(): Promise<TokenRecord[]>;
  deleteToken(id: string): Promise<boolean>;
  close(): Promise<void>;
}
