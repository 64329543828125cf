/**
 * Year over year in the service across a reorganisation (methodology.md §8,
 * issue 14): a unit the registry says descends from others is compared with the
 * pool of its predecessors' respondents, as `chiso compare --units` does
 * (src/units/yearOverYear.ts). Only submissions the requester may read take
 * part; the others count as missing (`incomplete`). Pooling needs the
 * respondents, so the stored workbooks involved are read again.
 */
import type { Problem } from '../diagnostics/problem.js';
import type { Scorecard } from '../scoring/types.js';
import type { StoredSubmission, SubmissionStore } from '../store/types.js';
import { descent } from '../units/queries.js';
import type { Registry } from '../units/types.js';
import { compareWithEarlier, earlierSide, type ScoredUnit, type YearOverYear } from '../units/yearOverYear.js';
import { covers, type Principal } from './auth.js';
import type { ScoreFn, ServerLimits } from './deps.js';

export interface PooledComparison {
  result: YearOverYear;
  /** The stored submissions of the earlier side (the first names the download). */
  from: StoredSubmission[];
}

/** Whether `code` of year `b` is compared with anything but its own earlier self (then the plain path serves). */
export function needsPool(registry: Registry | undefined, code: string, b: number, a: number): boolean {
  if (!registry || !code) return false;
  const ancestors = descent(registry, code, b, a);
  return ancestors.length > 0 && !(ancestors.length === 1 && ancestors[0].code === code && !ancestors[0].part);
}

/**
 * The pooled comparison of `later` (a unit-level scorecard of year b) with year `a`,
 * or the located problem that says why there is none.
 */
export async function pooledComparison(
  deps: { store: SubmissionStore; score: ScoreFn; limits: ServerLimits },
  request: { registry: Registry; principal: Principal; later: { submission: StoredSubmission; scorecard: Scorecard }; year: number; confidence: number; signal?: AbortSignal },
): Promise<PooledComparison | Problem> {
  const { store } = deps;
  const { registry, principal, later, year: a, confidence } = request;
  const b = later.scorecard.unit.year!;
  const rescore = async (submission: StoredSubmission, code: string): Promise<ScoredUnit | undefined> => {
    const input = await store.getInput(submission.id);
    if (!input) return undefined;
    const result = await deps.score(input, { fileName: submission.fileName, confidence, limits: deps.limits, registry, signal: request.signal });
    const card = result.scorecards.find((s) => s.level === 'unit' && s.unit.code === code);
    return card && result.survey ? { card, survey: result.survey } : undefined;
  };
  const laterUnit = await rescore(later.submission, later.scorecard.unit.code);
  if (!laterUnit) throw new Error(`the stored workbook of submission ${later.submission.id} could not be read again`);
  const earlier: ScoredUnit[] = [];
  const from: StoredSubmission[] = [];
  for (const ancestor of descent(registry, later.scorecard.unit.code, b, a)) {
    const submission = await store.latest(ancestor.code, a);
    const card = submission?.scorecards.find((s) => s.level === 'unit' && s.unit.code === ancestor.code);
    // What the requester may not read is left out, as if it had no data.
    if (!submission || !card || !covers(principal, { key: ancestor.code, code: ancestor.code, province: card.unit.province, district: card.unit.district })) continue;
    const scored = await rescore(submission, ancestor.code);
    if (scored) {
      earlier.push(scored);
      from.push(submission);
    }
  }
  const side = earlierSide(laterUnit, earlier, a, registry, confidence);
  if (!('card' in side)) return side;
  return { result: compareWithEarlier(laterUnit, side, confidence), from };
}
