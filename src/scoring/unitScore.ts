import type { Framework } from '../framework/schema.js';
import { isFilterQuestion } from '../framework/sections.js';
import { effectiveSampleSize, indicatorMoments, linearEstimates, type LinearScore, type ScorePart } from './estimate.js';
import { zForConfidence } from './normal.js';
import { planSample } from './samplePlan.js';
import { targetFields, targetsByLevel } from './targets.js';
import type {
  CodedResponses,
  DimensionScore,
  IndicatorScore,
  Scorecard,
  ScorecardLevel,
  SubdimensionScore,
  UnitInfo,
} from './types.js';
import type { Target } from '../framework/schema.js';

export interface UnitScoreInput {
  coded: CodedResponses;
  framework: Framework;
  targets: readonly Target[];
  confidence: number;
  level: ScorecardLevel;
  file: string;
  unit: UnitInfo;
}

/**
 * Scores one unit (methodology.md §3–§5): indicators, sub-dimensions (normalised S
 * and points P), dimensions, total, each with its CI and target status.
 * Every score is built as constant + Σ c_j m_j so one routine gives all the SEs.
 */
export function scoreUnit(input: UnitScoreInput): Scorecard {
  const { coded, framework, confidence } = input;
  const z = zForConfidence(confidence);
  const moments = indicatorMoments(coded);
  const targetOf = targetsByLevel(input.targets);

  // First every score, then all their SEs in one pass (linearEstimates). An
  // indicator is its item (c_j = 1); each composite is written as a combination
  // of the scores it is made of, so linearEstimates reuses their sums: S from its
  // indicators, P from S, D from the S of its defined sub-dimensions, the total
  // from the D. A composite with no parts is undefined.
  const scores: LinearScore[] = [];
  const queue = (score: LinearScore): number => scores.push(score) - 1;

  // A filter question (empty sub-dimension) is read and checked but never scored,
  // not even as an indicator of its own (methodology.md §2).
  const indicatorAt = coded.items.map((item, j) =>
    isFilterQuestion(item) ? -1 : queue({ score: moments.answered[j] > 0 ? moments.mean[j] : null, coefficients: new Map([[j, 1]]), range: [0, 1] }),
  );

  // S = Σ v_j m_j / V over the sub-dimension's defined indicators: parts v_j / V.
  const normalizedScore = new Map<string, number | null>();
  const normalizedParts = new Map<string, ScorePart[]>();
  for (const sub of framework.subdimensions) {
    const defined = coded.items
      .map((item, j) => ({ item, j }))
      .filter(({ item, j }) => item.subdimension === sub.code && moments.answered[j] > 0);
    const V = defined.reduce((s, { item }) => s + item.weight, 0);
    normalizedScore.set(sub.code, defined.length ? defined.reduce((s, { item, j }) => s + item.weight * moments.mean[j], 0) / V : null);
    normalizedParts.set(sub.code, defined.map(({ item, j }) => ({ at: indicatorAt[j], factor: item.weight / V })));
  }

  interface QueuedSub {
    sub: Framework['subdimensions'][number];
    normalizedAt: number;
    pointsAt: number;
  }
  interface QueuedDim {
    dim: Framework['dimensions'][number];
    subs: QueuedSub[];
    definedSubs: number;
    at: number;
  }
  const queuedDims: QueuedDim[] = [];
  const totalParts: ScorePart[] = [];
  let totalScore = 0;
  let totalDefined = true;

  for (const dim of framework.dimensions) {
    const subs = framework.subdimensions.filter((s) => s.dimension === dim.code);
    const k = subs.length;
    const definedSubs = subs.filter((s) => normalizedParts.get(s.code)!.length > 0);

    let sumPoints = 0;
    const queuedSubs: QueuedSub[] = [];
    const normalizedAtOf = new Map<string, number>();
    for (const sub of subs) {
      const S = normalizedScore.get(sub.code)!;
      const parts = normalizedParts.get(sub.code)!;
      const normalizedAt = queue({ score: S, range: [0, 1], composedOf: parts });
      normalizedAtOf.set(sub.code, normalizedAt);
      // P = (1 + 9S)/k = 1/k + (9/k) S
      const P = S === null ? null : (1 + 9 * S) / k;
      if (P !== null) sumPoints += P;
      const pointsAt = queue({ score: P, range: [1 / k, 10 / k], composedOf: parts.length ? [{ at: normalizedAt, factor: 9 / k }] : [] });
      queuedSubs.push({ sub, normalizedAt, pointsAt });
    }

    // D = Σ P = 1 + 9·mean(S); with some sub-dimensions undefined, the mean runs
    // over the defined ones (re-weighted equally), which is the same formula.
    let D: number | null = null;
    if (definedSubs.length === k) D = sumPoints;
    else if (definedSubs.length > 0) D = 1 + (9 * definedSubs.reduce((s, sub) => s + normalizedScore.get(sub.code)!, 0)) / definedSubs.length;
    const dimParts = definedSubs.map((sub) => ({ at: normalizedAtOf.get(sub.code)!, factor: 9 / definedSubs.length }));
    const at = queue({ score: D, range: [1, 10], composedOf: dimParts });
    queuedDims.push({ dim, subs: queuedSubs, definedSubs: definedSubs.length, at });
    if (D === null) totalDefined = false;
    else totalScore += D;
    if (dimParts.length > 0) totalParts.push({ at, factor: 1 });
  }

  const nDims = framework.dimensions.length;
  const totalAt = queue({ score: totalDefined ? totalScore : null, range: [nDims, 10 * nDims], composedOf: totalParts });

  const estimates = linearEstimates(coded, moments, scores, z);

  const indicators: IndicatorScore[] = coded.items.flatMap((item, j) => {
    if (indicatorAt[j] < 0) return [];
    const invalid = moments.invalid[j];
    return {
      code: item.code,
      subdimension: item.subdimension,
      ...estimates[indicatorAt[j]],
      answered: moments.answered[j],
      missing: coded.n - moments.answered[j] - invalid,
      invalid,
    };
  });
  const subdimensions: SubdimensionScore[] = queuedDims.flatMap(({ dim, subs }) =>
    subs.map(({ sub, normalizedAt, pointsAt }) => {
      const k = subs.length;
      const points = estimates[pointsAt];
      const normalized = estimates[normalizedAt];
      return {
        code: sub.code,
        dimension: dim.code,
        name: sub.nameVi,
        nameEn: sub.nameEn,
        ...points,
        normalized: normalized.score,
        normalizedSe: normalized.se,
        min: 1 / k,
        max: 10 / k,
        ...targetFields(points.score, points.ciHigh, targetOf.get(sub.code)),
      };
    }),
  );
  const dimensions: DimensionScore[] = queuedDims.map(({ dim, subs, definedSubs, at }) => {
    const dimension = estimates[at];
    return {
      code: dim.code,
      name: dim.nameVi,
      nameEn: dim.nameEn,
      ...dimension,
      definedSubdimensions: definedSubs,
      subdimensionCount: subs.length,
      ...targetFields(dimension.score, dimension.ciHigh, targetOf.get(dim.code)),
    };
  });
  const totalEstimate = estimates[totalAt];

  return {
    level: input.level,
    file: input.file,
    framework: framework.id,
    unit: input.unit,
    respondents: coded.n,
    effectiveN: effectiveSampleSize(coded.weights, coded.n),
    confidence,
    total: { ...totalEstimate, ...targetFields(totalEstimate.score, totalEstimate.ciHigh, targetOf.get('total')) },
    dimensions,
    subdimensions,
    indicators,
    samplePlan: planSample({ respondents: coded.n, confidence, dimensions }),
  };
}
