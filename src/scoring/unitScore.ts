import type { Framework } from '../framework/schema.js';
import { effectiveSampleSize, indicatorMoments, linearEstimates, type LinearScore } from './estimate.js';
import { zForConfidence } from './normal.js';
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

type Coefficients = Map<number, number>;

function addScaled(into: Coefficients, from: Coefficients, factor: number): void {
  for (const [j, c] of from) into.set(j, (into.get(j) ?? 0) + c * factor);
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

  // First every score and its coefficients, then all their SEs in one pass (linearEstimates).
  const scores: LinearScore[] = [];
  const queue = (score: number | null, coefficients: Coefficients, range: readonly [number, number], composedOf?: LinearScore['composedOf']): number =>
    scores.push({ score, coefficients, range, composedOf }) - 1;

  const indicatorAt = coded.items.map((_, j) => queue(moments.answered[j] > 0 ? moments.mean[j] : null, new Map([[j, 1]]), [0, 1]));

  // S = Σ v_j m_j / V over the sub-dimension's defined indicators: coefficients v_j / V.
  // Each composite is also written as a combination of the scores it is made of
  // (composedOf), so linearEstimates can reuse their sums: S from its indicators,
  // P from S, D from the S of its defined sub-dimensions, the total from the D.
  const normalizedCoefficients = new Map<string, Coefficients>();
  const normalizedScore = new Map<string, number | null>();
  const normalizedParts = new Map<string, { at: number; factor: number }[]>();
  for (const sub of framework.subdimensions) {
    const defined = coded.items
      .map((item, j) => ({ item, j }))
      .filter(({ item, j }) => item.subdimension === sub.code && moments.answered[j] > 0);
    const V = defined.reduce((s, { item }) => s + item.weight, 0);
    normalizedCoefficients.set(sub.code, new Map(defined.map(({ item, j }) => [j, item.weight / V])));
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
  const totalCoefficients: Coefficients = new Map();
  let totalScore = 0;
  let totalDefined = true;
  const totalParts: { at: number; factor: number }[] = [];

  for (const dim of framework.dimensions) {
    const subs = framework.subdimensions.filter((s) => s.dimension === dim.code);
    const k = subs.length;
    const definedSubs = subs.filter((s) => normalizedCoefficients.get(s.code)!.size > 0);

    let sumPoints = 0;
    const queuedSubs: QueuedSub[] = [];
    const normalizedAtOf = new Map<string, number>();
    for (const sub of subs) {
      const c = normalizedCoefficients.get(sub.code)!;
      const S = normalizedScore.get(sub.code)!;
      const normalizedAt = queue(S, c, [0, 1], normalizedParts.get(sub.code));
      normalizedAtOf.set(sub.code, normalizedAt);
      // P = (1 + 9S)/k = 1/k + Σ (9/k)(v_j/V) m_j
      const pointsCoefficients: Coefficients = new Map();
      addScaled(pointsCoefficients, c, 9 / k);
      const P = S === null ? null : (1 + 9 * S) / k;
      if (P !== null) sumPoints += P;
      queuedSubs.push({ sub, normalizedAt, pointsAt: queue(P, pointsCoefficients, [1 / k, 10 / k], [{ at: normalizedAt, factor: 9 / k }]) });
    }

    // D = Σ P = 1 + 9·mean(S); with some sub-dimensions undefined, the mean runs
    // over the defined ones (re-weighted equally), which is the same formula.
    const dimCoefficients: Coefficients = new Map();
    for (const sub of definedSubs) addScaled(dimCoefficients, normalizedCoefficients.get(sub.code)!, 9 / definedSubs.length);
    let D: number | null = null;
    if (definedSubs.length === k) D = sumPoints;
    else if (definedSubs.length > 0) D = 1 + (9 * definedSubs.reduce((s, sub) => s + normalizedScore.get(sub.code)!, 0)) / definedSubs.length;
    const dimParts = definedSubs.map((sub) => ({ at: normalizedAtOf.get(sub.code)!, factor: 9 / definedSubs.length }));
    const at = queue(D, dimCoefficients, [1, 10], dimParts);
    queuedDims.push({ dim, subs: queuedSubs, definedSubs: definedSubs.length, at });
    if (D === null) totalDefined = false;
    else totalScore += D;
    addScaled(totalCoefficients, dimCoefficients, 1);
    if (dimCoefficients.size > 0) totalParts.push({ at, factor: 1 });
  }

  const nDims = framework.dimensions.length;
  const totalAt = queue(totalDefined ? totalScore : null, totalCoefficients, [nDims, 10 * nDims], totalParts);

  const estimates = linearEstimates(coded, moments, scores, z);

  const indicators: IndicatorScore[] = coded.items.map((item, j) => {
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
  };
}
