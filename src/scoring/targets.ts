import type { Target } from '../framework/schema.js';
import type { TargetFields, TargetStatus } from './types.js';

import { roundScore } from '../format/score.js';

/** The 2-decimal value an official sees (methodology.md §5): the one rounding of src/format/score.ts. */
export const roundForDisplay = roundScore;

export function targetStatus(score: number, ciHigh: number | null, target: number): TargetStatus {
  const r = roundForDisplay(score);
  if (r >= target) return 'met';
  if (ciHigh !== null && target <= ciHigh) return 'close';
  return 'below';
}

export function targetFields(score: number | null, ciHigh: number | null, target: number | undefined): TargetFields {
  if (target === undefined) return { target: null, gap: null, status: null };
  if (score === null) return { target, gap: null, status: null };
  return { target, gap: roundForDisplay(score) - target, status: targetStatus(score, ciHigh, target) };
}

/** level code → target; a Targets row naming several codes ("7b,7c") sets each of them. */
export function targetsByLevel(targets: readonly Target[]): Map<string, number> {
  const byLevel = new Map<string, number>();
  for (const t of targets) for (const level of t.levels) byLevel.set(level, t.target);
  return byLevel;
}
