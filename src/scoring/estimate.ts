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

/**
 * The Taylor-linearised standard error and CI of a score θ = constant + Σ c_j m_j
 * (methodology.md §4); the caller gives θ itself, computed the way §3 states it:
 *   u_i = w_i Σ_j c_j 1[i∈R_j] (x_ij − m_j)/W_j,  SE = sqrt(n_θ/(n_θ−1) Σ u_i²)
 * where n_θ counts respondents with at least one answer among θ's items.
 * `coefficients` maps item index → c_j; only items with a defined mean may appear.
 */
export function linearEstimate(
  coded: CodedResponses,
  moments: IndicatorMoments,
  score: number | null,
  coefficients: ReadonlyMap<number, number>,
  range: readonly [number, number],
  z: number,
): Estimate {
  if (score === null || coefficients.size === 0) return { score: null, se: null, ciLow: null, ciHigh: null };
  const J = coded.items.length;
  const { n, x, weights } = coded;
  const idx = [...coefficients.keys()];
  const scaled = idx.map((j) => coefficients.get(j)! / moments.weightSum[j]);
  const means = idx.map((j) => moments.mean[j]);

  let sumU2 = 0;
  let nTheta = 0;
  for (let i = 0; i < n; i++) {
    const row = i * J;
    let u = 0;
    let answeredAny = false;
    for (let k = 0; k < idx.length; k++) {
      const v = x[row + idx[k]];
      if (v >= 0) {
        u += scaled[k] * (v - means[k]);
        answeredAny = true;
      }
    }
    if (answeredAny) {
      nTheta++;
      u *= weights[i];
      sumU2 += u * u;
    }
  }
  if (nTheta < 2) return { score, se: null, ciLow: null, ciHigh: null };
  const se = Math.sqrt((nTheta / (nTheta - 1)) * sumU2);
  return {
    score,
    se,
    ciLow: Math.max(range[0], score - z * se),
    ciHigh: Math.min(range[1], score + z * se),
  };
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
