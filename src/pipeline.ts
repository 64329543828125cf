/**
 * The one-way flow of design.md as a single call: workbook → ingest → score → scorecards.
 * The CLI, the service and the benchmarks all go through here.
 */
import type { Problem } from './diagnostics/problem.js';
import type { Survey } from './ingest/types.js';
import type { Scorecard } from './scoring/types.js';

export interface ScoreOptions {
  /** Name shown in problems and scorecards (a path for the CLI, the upload's name for the service). */
  fileName: string;
  confidence?: number;
}

export interface WorkbookResult {
  file: string;
  problems: Problem[];
  /** One per unit in the workbook; empty when the workbook could not be scored. */
  scorecards: Scorecard[];
  /** Could not be scored at all (exit 2 / HTTP 4xx). */
  fatal: boolean;
  /** The ingested survey (targets, plan, item texts) for reports; absent when fatal before reading. */
  survey?: Survey;
}

export declare function scoreWorkbook(input: Uint8Array | string, options: ScoreOptions): Promise<WorkbookResult>;
