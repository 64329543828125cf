/** The API shapes the workbench reads (contract.md "HTTP API"; src/server/app.ts). */
import type { Problem } from '../diagnostics/problem.js';
import type { Comparison, Scorecard } from '../scoring/types.js';
import type { HistoryEntry, StoredSubmission, SubmissionSummary, UnitYear } from '../store/types.js';

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

/** GET /api/units/:code/history: the unit's uploads and, with a registry, those of the units it was formed from. */
export interface UnitHistory {
  unit: { key: string; code: string; name: string };
  entries: HistoryEntry[];
  predecessors: { code: string; name: string; part: boolean; entries: HistoryEntry[] }[];
}
