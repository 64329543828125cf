/** The units registry (contract.md "Units registry", methodology.md §8). */
export type UnitLevel = 'province' | 'district' | 'commune';

export const UNIT_LEVELS: readonly UnitLevel[] = ['province', 'district', 'commune'];

/** The first year of the two-tier administration (province → commune): 1 July 2025. */
export const TWO_TIER_FROM = 2025;

export interface Predecessor {
  code: string;
  /** Only part of the predecessor's area went into the successor. */
  part: boolean;
}

/** One registry row: a unit in one validity period. */
export interface UnitPeriod {
  code: string;
  name: string;
  level: UnitLevel;
  /** The parent's code in this period; null for a province. */
  parent: string | null;
  /** First and last year of the period; null = open. */
  from: number | null;
  to: number | null;
  predecessors: Predecessor[];
  /** Where the row is, for diagnostics: its sheet row number (header = 1). */
  row: number;
}

export interface Registry {
  /** The file it was read from (diagnostics name it). */
  file: string;
  periods: UnitPeriod[];
  /** code → its periods, in order of `from`. */
  byCode: Map<string, UnitPeriod[]>;
}

/** A unit valid in an earlier year that a later unit descends from. */
export interface Ancestor {
  code: string;
  name: string;
  /** Only part of its area went (somewhere along the chain) into the later unit. */
  part: boolean;
}
