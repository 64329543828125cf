import { quantileSorted } from 'simple-statistics';
import type { PerformanceGroup, Scorecard } from './types.js';

/**
 * Quantile by the R-7 rule (Excel QUARTILE.INC): h = (n−1)p, linear interpolation. `sorted` ascending.
 * simple-statistics' quantileSorted is R-7 (methodology.md §7); test/desk checks it against hand-worked values.
 */
export function quantileR7(sorted: readonly number[], p: number): number {
  return quantileSorted(sorted as number[], p);
}

/**
 * PAPI's four performance groups among comparable units (methodology.md §7):
 * ≥ Q3 best, ≥ median high-average, ≥ Q1 low-average, else lowest; null when
 * the score is undefined or fewer than 4 units have one.
 */
export function performanceGroups(scores: readonly (number | null)[]): (PerformanceGroup | null)[] {
  const defined = scores.filter((s): s is number => s !== null).sort((a, b) => a - b);
  if (defined.length < 4) return scores.map(() => null);
  const q1 = quantileR7(defined, 0.25);
  const median = quantileR7(defined, 0.5);
  const q3 = quantileR7(defined, 0.75);
  return scores.map((s) => {
    if (s === null) return null;
    if (s >= q3) return 'best';
    if (s >= median) return 'high-average';
    if (s >= q1) return 'low-average';
    return 'lowest';
  });
}

/**
 * Adds `groups` to each scorecard when 4 or more of one level and year are compared.
 * Returns new scorecards; the input is not changed.
 */
export function withPerformanceGroups(cards: readonly Scorecard[]): Scorecard[] {
  const out = cards.map((c) => ({ ...c }));
  const cohorts = new Map<string, Scorecard[]>();
  for (const c of out) {
    const key = `${c.level}|${c.unit.year ?? ''}`;
    cohorts.set(key, [...(cohorts.get(key) ?? []), c]);
  }
  for (const cohort of cohorts.values()) {
    if (cohort.length < 4) continue;
    const totals = performanceGroups(cohort.map((c) => c.total.score));
    const dimensionCodes = [...new Set(cohort.flatMap((c) => c.dimensions.map((d) => d.code)))];
    const byDimension = new Map(
      dimensionCodes.map((code) => [
        code,
        performanceGroups(cohort.map((c) => c.dimensions.find((d) => d.code === code)?.score ?? null)),
      ]),
    );
    cohort.forEach((c, i) => {
      c.groups = {
        total: totals[i],
        dimensions: Object.fromEntries(dimensionCodes.map((code) => [code, byDimension.get(code)![i]])),
      };
    });
  }
  return out;
}
