/** The API shapes the workbench reads (contract.md "HTTP API"; src/server/app.ts). */
import type { Problem } from '../diagnostics/problem.js';
import type { Comparison, Scorecard } from '../scoring/types.js';
import type { StoredSubmission, SubmissionSummary, UnitYear } from '../store/types.js';

export type { Comparison, Problem, Scorecard, StoredSubmission, SubmissionSummary, UnitYear };

export interface UnitNode {
  key: string;
  code: string;
  name: string;
  years: UnitYear[];
}

export interface Hierarchy {
  provinces: { name: string; districts: { name: string; units: UnitNode[] }[] }[];
}

export interface ApiErrorBody {
  error: { code: string; message: string; problems?: Problem[] };
}
