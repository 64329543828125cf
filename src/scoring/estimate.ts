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

/** A score θ = constant + Σ c_j m_j to estimate: its value (computed the way §3 states it), c_j by item index, and its range. */
export interface LinearScore {
  score: number | null;
  /** item index → c_j; only items with a defined mean may appear. */
  coefficients: ReadonlyMap<number, number>;
  range: readonly [number, number];
}

/**
 * The Taylor-linearised standard error and CI of each score (methodology.md §4):
 *   u_i = w_i Σ_j c_j 1[i∈R_j] (x_ij − m_j)/W_j,  SE = sqrt(n_θ/(n_θ−1) Σ u_i²)
 * where n_θ counts respondents with at least one answer among θ's items.
 * All scores are summed in one pass over the respondents: a unit's 160-odd
 * scores then read each row of x once, while it is in cache, instead of
 * scanning the whole matrix once per score. Each score's sums run in the same
 * order as for that score alone, so the results are the same to the last bit.
 */
export function linearEstimates(coded: CodedResponses, moments: IndicatorMoments, scores: readonly LinearScore[], z: number): Estimate[] {
  const J = coded.items.length;
  const { n, x, weights } = coded;
  const active = scores.map((s, t) => ({ t, s })).filter(({ s }) => s.score !== null && s.coefficients.size > 0);
  // Flattened per score: items[start[a] .. start[a + 1]) with their c_j / W_j and m_j.
  const start = new Int32Array(active.length + 1);
  for (const [a, { s }] of active.entries()) start[a + 1] = start[a] + s.coefficients.size;
  const items = new Int32Array(start[active.length]);
  const scaled = new Float64Array(items.length);
  const means = new Float64Array(items.length);
  for (const [a, { s }] of active.entries()) {
    let k = start[a];
    for (const [j, c] of s.coefficients) {
      items[k] = j;
      scaled[k] = c / moments.weightSum[j];
      means[k] = moments.mean[j];
      k++;
    }
  }

  const sumU2 = new Float64Array(active.length);
  const nTheta = new Int32Array(active.length);
  for (let i = 0; i < n; i++) {
    const row = i * J;
    const w = weights[i];
    for (let a = 0; a < active.length; a++) {
      let u = 0;
      let answeredAny = false;
      for (let k = start[a]; k < start[a + 1]; k++) {
        const v = x[row + items[k]];
        if (v >= 0) {
          u += scaled[k] * (v - means[k]);
          answeredAny = true;
        }
      }
      if (answeredAny) {
        nTheta[a]++;
        u *= w;
        sumU2[a] += u * u;
      }
    }
  }

  const estimates: Estimate[] = scores.map((s) => ({ score: s.coefficients.size === 0 ? null : s.score, se: null, ciLow: null, ciHigh: null }));
  for (const [a, { t, s }] of active.entries()) {
    if (nTheta[a] < 2) continue;
    const score = s.score!;
    const se = Math.sqrt((nTheta[a] / (nTheta[a] - 1)) * sumU2[a]);
    estimates[t] = { score, se, ciLow: Math.max(s.range[0], score - z * se), ciHigh: Math.min(s.range[1], score + z * se) };
  }
  return estimates;
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
