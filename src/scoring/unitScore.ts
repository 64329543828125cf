import type { Framework } from '../framework/schema.js';
import { effectiveSampleSize, indicatorMoments, linearEstimate } from './estimate.js';
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

  const indicators: IndicatorScore[] = coded.items.map((item, j) => {
    const defined = moments.answered[j] > 0;
    const est = linearEstimate(coded, moments, defined ? moments.mean[j] : null, new Map([[j, 1]]), [0, 1], z);
    const invalid = moments.invalid[j];
    return {
      code: item.code,
      subdimension: item.subdimension,
      ...est,
      answered: moments.answered[j],
      missing: coded.n - moments.answered[j] - invalid,
      invalid,
    };
  });

  // S = Σ v_j m_j / V over the sub-dimension's defined indicators: coefficients v_j / V.
  const normalizedCoefficients = new Map<string, Coefficients>();
  const normalizedScore = new Map<string, number | null>();
  for (const sub of framework.subdimensions) {
    const defined = coded.items
      .map((item, j) => ({ item, j }))
      .filter(({ item, j }) => item.subdimension === sub.code && moments.answered[j] > 0);
    const V = defined.reduce((s, { item }) => s + item.weight, 0);
    normalizedCoefficients.set(sub.code, new Map(defined.map(({ item, j }) => [j, item.weight / V])));
    normalizedScore.set(sub.code, defined.length ? defined.reduce((s, { item, j }) => s + item.weight * moments.mean[j], 0) / V : null);
  }

  const subdimensions: SubdimensionScore[] = [];
  const dimensions: DimensionScore[] = [];
  const totalCoefficients: Coefficients = new Map();
  let totalScore = 0;
  let totalDefined = true;

  for (const dim of framework.dimensions) {
    const subs = framework.subdimensions.filter((s) => s.dimension === dim.code);
    const k = subs.length;
    const definedSubs = subs.filter((s) => normalizedCoefficients.get(s.code)!.size > 0);

    let sumPoints = 0;
    for (const sub of subs) {
      const c = normalizedCoefficients.get(sub.code)!;
      const S = normalizedScore.get(sub.code)!;
      const normalized = linearEstimate(coded, moments, S, c, [0, 1], z);
      // P = (1 + 9S)/k = 1/k + Σ (9/k)(v_j/V) m_j
      const pointsCoefficients: Coefficients = new Map();
      addScaled(pointsCoefficients, c, 9 / k);
      const P = S === null ? null : (1 + 9 * S) / k;
      if (P !== null) sumPoints += P;
      const points = linearEstimate(coded, moments, P, pointsCoefficients, [1 / k, 10 / k], z);
      subdimensions.push({
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
      });
    }

    // D = Σ P = 1 + 9·mean(S); with some sub-dimensions undefined, the mean runs
    // over the defined ones (re-weighted equally), which is the same formula.
    const dimCoefficients: Coefficients = new Map();
    for (const sub of definedSubs) addScaled(dimCoefficients, normalizedCoefficients.get(sub.code)!, 9 / definedSubs.length);
    let D: number | null = null;
    if (definedSubs.length === k) D = sumPoints;
    else if (definedSubs.length > 0) D = 1 + (9 * definedSubs.reduce((s, sub) => s + normalizedScore.get(sub.code)!, 0)) / definedSubs.length;
    const dimension = linearEstimate(coded, moments, D, dimCoefficients, [1, 10], z);
    dimensions.push({
      code: dim.code,
      name: dim.nameVi,
      nameEn: dim.nameEn,
      ...dimension,
      definedSubdimensions: definedSubs.length,
      subdimensionCount: k,
      ...targetFields(dimension.score, dimension.ciHigh, targetOf.get(dim.code)),
    });
    if (D === null) totalDefined = false;
    else totalScore += D;
    addScaled(totalCoefficients, dimCoefficients, 1);
  }

  const nDims = framework.dimensions.length;
  const totalEstimate = linearEstimate(coded, moments, totalDefined ? totalScore : null, totalCoefficients, [nDims, 10 * nDims], z);

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
