import { availableParallelism } from 'node:os';
import type { Lang } from '../diagnostics/lang.js';
import type { Limits } from '../limits.js';
import { serviceLimits } from '../limits.js';
import type { scoreWorkbook } from '../pipeline.js';
import type { Comparison, Scorecard } from '../scoring/types.js';
import type { StoredSubmission, SubmissionStore } from '../store/types.js';
import type { AuthSettings, Principal } from './auth.js';
import type { Desk } from '../desk/league.js';

/** The service's limits: the ingest limits of src/limits.ts plus the HTTP ones. */
export interface ServerLimits extends Limits {
  /**
   * The deadline of a scoring request (upload, batch, report), counted from its
   * arrival: when it fires the work stops at its next check, nothing is stored,
   * and the answer is 503 with Retry-After.
   */
  requestTimeoutMs: number;
  /** Scorings (uploads, batches, reports) running at once. */
  maxConcurrentScorings: number;
  /** Requests waiting for a turn beyond those running; one more is answered 503 at once. */
  maxQueuedUploads: number;
  /** Workbooks in one batch request (files plus the workbooks inside zips). */
  maxBatchWorkbooks: number;
  /** Response cells (rows × columns) scored in one batch request, all workbooks together. */
  maxBatchCells: number;
  /**
   * How long a league request (GET /api/league, /api/league/national) waits for
   * roll-ups still being pooled (the warming after a start or an upload) before it
   * is answered 503 + Retry-After; the pooling goes on, and a retry finds it further.
   */
  leagueWaitMs: number;
}

export const defaultServerLimits: ServerLimits = {
  ...serviceLimits,
  requestTimeoutMs: 60_000,
  maxConcurrentScorings: Math.max(1, availableParallelism()),
  maxQueuedUploads: 32,
  maxBatchWorkbooks: 200,
  // 200 communes × 300 respondents × 150 items is 9 million; twice that leaves room, and caps a 100 s batch.
  maxBatchCells: 20_000_000,
  // Well inside a client's or proxy's patience (and the 60 s request deadline): a clear 503, never a 504.
  leagueWaitMs: 20_000,
};

export type ScoreFn = typeof scoreWorkbook;
export type CompareFn = (from: Scorecard, to: Scorecard, confidence?: number) => Comparison;
/** The report workbook of a stored submission; `input` is the original upload (to re-read the survey). */
/** `lang`: the language of the problems' messages and the narrative (Vietnamese when not given). */
/** `principal`: who asks; the previous year is looked up only within what they may read (absent: everything). */
export type RenderReportFn = (submission: StoredSubmission, input: Uint8Array, lang?: Lang, context?: { principal?: Principal }) => Promise<Uint8Array>;
/** The year-over-year workbook; the context says which stored submissions and unit scorecards were compared. */
export type RenderComparisonFn = (
  comparison: Comparison,
  context: { from: StoredSubmission; to: StoredSubmission; fromScorecard: Scorecard; toScorecard: Scorecard },
) => Promise<Uint8Array>;
export type TemplateFn = () => Promise<Uint8Array>;

/**
 * Everything the app needs from the rest of chiso, injected so tests pass fakes
 * and the real pipeline is wired in one place (wire.ts).
 */
export interface AppDeps {
  store: SubmissionStore;
  score: ScoreFn;
  compare: CompareFn;
  renderReport: RenderReportFn;
  renderComparison: RenderComparisonFn;
  template: TemplateFn;
  auth: AuthSettings;
  limits?: Partial<ServerLimits>;
  /** The built workbench; null or absent serves a placeholder page. */
  webDir?: string | null;
  /** Confidence level when an upload does not say (contract default 0.95). */
  confidence?: number;
  version?: string;
  /** Where unexpected errors are logged (default console.error). */
  log?: (message: string) => void;
  /** How the server is reached (default: loopback checks when in single-user mode, port not checked). */
  network?: NetworkSettings;
  /**
   * Warm the desk's national league in the background at start and after each stored
   * upload (startServer sets it; tests that build an app leave it off).
   */
  warmDesk?: boolean;
  /** The desk (league.ts) the league routes answer from; default one of the app's own. startServer passes its own to close it. */
  desk?: Desk;
}

export interface NetworkSettings {
  /** Bound to a loopback address: refuse requests whose Host is not a loopback name and `port` (guard/host.ts). */
  loopback: boolean;
  /** The port listened on, once known (port 0 picks one at listen); undefined checks the name only. */
  port?: () => number | undefined;
  /** Believe X-Forwarded-Proto/For from a reverse proxy (`chiso serve --trust-proxy`). */
  trustProxy?: boolean;
}
