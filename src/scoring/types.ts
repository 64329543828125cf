import type { Framework, Item, PlanTask, Target } from '../framework/schema.js';
import type { SamplePlan } from './samplePlan.js';

/** Marks an invalid answer in CodedResponses.x: missing for scoring, but counted apart. */
export const INVALID = -1;

/**
 * Coded answers of one survey, compact (design.md): x is row-major,
 * x[i * items.length + j] in [0, 1]; NaN where the answer is missing, INVALID
 * where it was invalid. A score uses exactly the values ≥ 0.
 */
export interface CodedResponses {
  items: Item[];
  n: number;
  weights: Float64Array;
  x: Float64Array;
}

export type TargetStatus = 'met' | 'close' | 'below';
export type ChangeStatus = 'improved' | 'declined' | 'no significant change' | 'not comparable';
export type PerformanceGroup = 'best' | 'high-average' | 'low-average' | 'lowest';
export type ScorecardLevel = 'unit' | 'district' | 'province';

export interface UnitInfo {
  name: string;
  code: string;
  province: string;
  district: string;
  year: number | null;
}

/** A score with its confidence interval; null where undefined (methodology.md §3–§4). */
export interface Estimate {
  score: number | null;
  se: number | null;
  ciLow: number | null;
  ciHigh: number | null;
}

export interface TargetFields {
  target: number | null;
  gap: number | null;
  status: TargetStatus | null;
}

export interface TotalScore extends Estimate, TargetFields {}

export interface DimensionScore extends Estimate, TargetFields {
  code: string;
  name: string;
  nameEn: string;
  /** Sub-dimensions that could be scored, out of those the framework has. */
  definedSubdimensions: number;
  subdimensionCount: number;
}

export interface SubdimensionScore extends Estimate, TargetFields {
  code: string;
  dimension: string;
  name: string;
  nameEn: string;
  /** S in [0, 1]. `score` is the points P = (1 + 9S)/k. */
  normalized: number | null;
  normalizedSe: number | null;
  min: number;
  max: number;
}

export interface IndicatorScore extends Estimate {
  code: string;
  subdimension: string;
  answered: number;
  missing: number;
  invalid: number;
}

export interface Scorecard {
  level: ScorecardLevel;
  file: string;
  framework: string;
  unit: UnitInfo;
  respondents: number;
  effectiveN: number | null;
  confidence: number;
  total: TotalScore;
  dimensions: DimensionScore[];
  subdimensions: SubdimensionScore[];
  indicators: IndicatorScore[];
  groups?: { total: PerformanceGroup | null; dimensions: Record<string, PerformanceGroup | null> };
  /** Respondents needed next year for ±0,25 on every dimension (methodology.md §9), for the workbench. */
  samplePlan?: SamplePlan;
  /** Interview-quality warnings of this unit's rows (methodology.md §10); absent for roll-ups. */
  quality?: InterviewQuality;
}

/** Counts of the §10 signals in one unit: rows flagged, and near-duplicate pairs. */
export interface InterviewQuality {
  straightLining: number;
  nearDuplicates: number;
  /** Pairs found; a lower bound when nearDuplicatePairsCapped (more than 10,000: rows stop at their first match). */
  nearDuplicatePairs: number;
  nearDuplicatePairsCapped: boolean;
  /** `exact` in a unit of more than 5,000 respondents: only exact duplicates were looked for. */
  duplicateCheck: 'pairwise' | 'exact';
}

export interface Change {
  code?: string;
  from: number | null;
  to: number | null;
  delta: number | null;
  se: number | null;
  status: ChangeStatus;
}

export interface ComparedSide {
  unit: string;
  /** null when the side pools several units (a reorganisation, methodology.md §8). */
  code: string | null;
  year: number | null;
  framework: string;
  /** Across a reorganisation: the pooled predecessors that had data. */
  units?: string[];
}

export interface Comparison {
  from: ComparedSide;
  to: ComparedSide;
  /** Across a reorganisation: some pooled unit gave only part of its area (methodology.md §8). */
  approximate?: boolean;
  /** Across a reorganisation: units the later one descends from with no data for the earlier year. */
  incomplete?: string[];
  confidence: number;
  total: Change;
  dimensions: Change[];
  subdimensions: Change[];
  indicators: Change[];
  onlyIn: { from: string[]; to: string[] };
}

/** Everything a scoring run needs besides the coded answers. */
export interface ScoringContext {
  framework: Framework;
  targets: Target[];
  plan: PlanTask[];
  confidence: number;
}
