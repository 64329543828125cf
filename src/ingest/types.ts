import type { Framework, PlanTask, Target } from '../framework/schema.js';
import type { Problem } from '../diagnostics/problem.js';
import type { CodedResponses, UnitInfo } from '../scoring/types.js';

/** What ingest makes of one workbook: coded answers plus everything said about them. */
export interface Survey {
  file: string;
  /** The workbook's own Framework + Codebook sheets (items: the valid codebook rows that have a column). */
  framework: Framework;
  /** The Unit sheet. With a unit_code column in Responses, units[] lists each unit. */
  unit: UnitInfo;
  units: UnitInfo[];
  /** Per respondent row: index into units[]. */
  unitOfRow: Int32Array;
  /** Sheet row number (1-based) of each scored respondent, for locating problems. */
  sheetRow: Int32Array;
  respondentIds: string[];
  /** Where row-level warnings go: the respondent_id column (1-based), and the sheet the rows are on. */
  idColumn?: number;
  responsesSheet?: string;
  /** Scale codes as typed, per scored row (methodology.md §10 straight-lining). */
  scaleTally?: { answered: ArrayLike<number>; sameCode: ArrayLike<number> };
  targets: Target[];
  plan: PlanTask[];
  responses: CodedResponses;
  problems: Problem[];
  /** True when the workbook cannot be scored at all (exit 2): not a workbook, required sheet missing… */
  fatal: boolean;
  /** Where each code lives: item → its Responses header cell, sub-dimension/dimension → its Framework cell. */
  locations: Map<string, string>;
}
