import { INVALID, type CodedResponses, type Estimate } from './types.js';

/** Per-item weighted means and the sums behind them (methodology.md §3, indicator). */
export interface IndicatorMoments {
  /** m_j, NaN when nobody answered. */
  mean: Float64Array;
  /** W_j = Σ w_i over respondents who answered j. */
  weightSum: Float64Array;
  answered: Uint32Array;
  invalid: Uint32Array;
}

export function indicatorMoments(coded: CodedResponses): IndicatorMoments {
  const J = coded.items.length;
  const { n, x, weights } = coded;
  const sumWX = new Float64Array(J);
  const weightSum = new Float64Array(J);
  const answered = new Uint32Array(J);
  const invalid = new Uint32Array(J);
  for (let i = 0; i < n; i++) {
    const w = weights[i];
    const row = i * J;
    for (let j = 0; j < J; j++) {
      const v = x[row + j];
      if (v >= 0) {
        sumWX[j] += w * v;
        weightSum[j] += w;
        answered[j]++;
      } else if (v === INVALID) {
        invalid[j]++;
      }
    }
  }
  const mean = new Float64Array(J);
  for (let j = 0; j < J; j++) mean[j] = answered[j] > 0 ? sumWX[j] / weightSum[j] : NaN;
  return { mean, weightSum, answered, invalid };
}

/** One part of a composed score: `factor` × the score at index `at` of the list. */
export interface ScorePart {
  at: number;
  factor: number;
}

/**
 * A score θ = constant + Σ c_j m_j to estimate: its value (computed the way §3
 * states it), its range, and its c_j, given either by item (ScoreByItem) or as a
 * combination of earlier scores in the list (ComposedScore). A score with no
 * terms is undefined.
 */
export type LinearScore = ScoreByItem | ComposedScore;

interface ScoreBase {
  score: number | null;
  range: readonly [number, number];
}

export interface ScoreByItem extends ScoreBase {
  /** item index → c_j; only items with a defined mean may appear. */
  coefficients: ReadonlyMap<number, number>;
  composedOf?: undefined;
}

/**
 * c = Σ factor × (the c of an earlier score), e.g. a dimension as the sum of its
 * sub-dimensions. u_i is linear in c, so linearEstimates adds those scores'
 * per-respondent u_i instead of reading the items again. The parts' terms must
 * not cancel, so n_θ is the "any answered" of the parts.
 */
export interface ComposedScore extends ScoreBase {
  composedOf: readonly ScorePart[];
  coefficients?: undefined;
}

/**
 * The Taylor-linearised standard error and CI of each score (methodology.md §4):
 *   u_i = w_i Σ_j c_j 1[i∈R_j] (x_ij − m_j)/W_j,  SE = sqrt(n_θ/(n_θ−1) Σ u_i²)
 * where n_θ counts respondents with at least one answer among θ's items.
 * All scores are summed in one pass over the respondents: a unit's 190-odd
 * scores then read each row of x once, while it is in cache, instead of
 * scanning the whole matrix once per score. A score given by its items sums in
 * the same order as it would alone, so it is the same to the last bit; a
 * composed score adds its parts' sums, which is the same as summing its items
 * up to rounding (about 1e-16 relative) and about half the work for a unit.
 */
export function linearEstimates(coded: CodedResponses, moments: IndicatorMoments, scores: readonly LinearScore[], z: number): Estimate[] {
  const J = coded.items.length;
  const { n, x, weights } = coded;
  const T = scores.length;
  // Flattened terms: score t's are [start[t], start[t + 1]). For an item term, ref is
  // the item, factor is c_j / W_j and mean is m_j; for a composed score, ref is an
  // earlier score and factor its multiplier.
  const start = new Int32Array(T + 1);
  const termCount = (s: LinearScore) => (s.composedOf ? s.composedOf.length : s.coefficients.size);
  for (let t = 0; t < T; t++) start[t + 1] = start[t] + termCount(scores[t]);
  const composed = new Uint8Array(T);
  const ref = new Int32Array(start[T]);
  const factor = new Float64Array(start[T]);
  const mean = new Float64Array(start[T]);
  for (const [t, s] of scores.entries()) {
    let k = start[t];
    if (s.composedOf) {
      composed[t] = 1;
      for (const part of s.composedOf) {
        if (!(part.at >= 0 && part.at < t)) throw new Error(`score ${t} is composed of score ${part.at}, which does not come before it`);
        ref[k] = part.at;
        factor[k++] = part.factor;
      }
    } else {
      for (const [j, c] of s.coefficients) {
        ref[k] = j;
        factor[k] = c / moments.weightSum[j];
        mean[k++] = moments.mean[j];
      }
    }
  }

  // Per respondent: each score's Σ before the weight (u_i / w_i), and whether θ's items were answered.
  const u = new Float64Array(T);
  const answered = new Uint8Array(T);
  const sumU2 = new Float64Array(T);
  const nTheta = new Int32Array(T);
  for (let i = 0; i < n; i++) {
    const row = i * J;
    const w = weights[i];
    for (let t = 0; t < T; t++) {
      let sum = 0;
      let any = 0;
      const end = start[t + 1];
      if (composed[t] === 1) {
        for (let k = start[t]; k < end; k++) {
          sum += factor[k] * u[ref[k]];
          any |= answered[ref[k]];
        }
      } else {
        for (let k = start[t]; k < end; k++) {
          const v = x[row + ref[k]];
          if (v >= 0) {
            sum += factor[k] * (v - mean[k]);
            any = 1;
          }
        }
      }
      u[t] = sum;
      answered[t] = any;
      if (any === 1) {
        nTheta[t]++;
        const weighted = sum * w;
        sumU2[t] += weighted * weighted;
      }
    }
  }

  return scores.map((s, t) => {
    const score = start[t + 1] === start[t] ? null : s.score;
    if (score === null || nTheta[t] < 2) return { score, se: null, ciLow: null, ciHigh: null };
    const se = Math.sqrt((nTheta[t] / (nTheta[t] - 1)) * sumU2[t]);
    return { score, se, ciLow: Math.max(s.range[0], score - z * se), ciHigh: Math.min(s.range[1], score + z * se) };
  });
}

/** linearEstimates for one score. */
export function linearEstimate(
  coded: CodedResponses,
  moments: IndicatorMoments,
  score: number | null,
  coefficients: ReadonlyMap<number, number>,
  range: readonly [number, number],
  z: number,
): Estimate {
  return linearEstimates(coded, moments, [{ score, coefficients, range }], z)[0];
}

/** n_eff = (Σw)² / Σw² (Kish). */
export function effectiveSampleSize(weights: Float64Array, n: number): number | null {
  let s = 0;
  let s2 = 0;
  for (let i = 0; i < n; i++) {
    s += weights[i];
    s2 += weights[i] * weights[i];
  }
  return s2 > 0 ? (s * s) / s2 : null;
}
