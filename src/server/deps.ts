import type { Lang } from '../diagnostics/lang.js';
import type { Limits } from '../limits.js';
import { serviceLimits } from '../limits.js';
import type { scoreWorkbook } from '../pipeline.js';
import type { Comparison, Scorecard } from '../scoring/types.js';
import type { StoredSubmission, SubmissionStore } from '../store/types.js';
import type { AuthSettings } from './auth.js';

/** The service's limits: the ingest limits of src/limits.ts plus the HTTP ones. */
export interface ServerLimits extends Limits {
  /** A request (upload + scoring, or a report) is answered 504 after this long. */
  requestTimeoutMs: number;
}

export const defaultServerLimits: ServerLimits = { ...serviceLimits, requestTimeoutMs: 60_000 };

export type ScoreFn = typeof scoreWorkbook;
export type CompareFn = (from: Scorecard, to: Scorecard, confidence?: number) => Comparison;
/** The report workbook of a stored submission; `input` is the original upload (to re-read the survey). */
/** `lang`: the language of the problems' messages and the narrative (Vietnamese when not given). */
export type RenderReportFn = (submission: StoredSubmission, input: Uint8Array, lang?: Lang) => Promise<Uint8Array>;
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
}
