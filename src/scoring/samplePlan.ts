import { zForConfidence } from './normal.js';
import type { Scorecard } from './types.js';

/** The margin the plans ask for when none is given: ±0,25 điểm on every dimension. */
export const DEFAULT_MARGIN = 0.25;

export interface DimensionPlan {
  code: string;
  /** z·SE_d of the scored year: the CI half-width now. */
  halfWidth: number;
  /** h_d·sqrt(n/n_req): what n_req respondents are expected to give. */
  expectedHalfWidth: number;
}

/** methodology.md §9; the JSON of `chiso plan-sample --json` (contract.md). */
export interface SamplePlan {
  /** n_req, or null when no dimension has a defined SE (nothing to plan from). */
  required: number | null;
  margin: number;
  /** The rows scored in the year the plan is made from. */
  respondents: number;
  confidence: number;
  dimensions: DimensionPlan[];
}

/**
 * How many respondents next year so that every dimension's CI half-width is at
 * most `margin`, assuming the same design (SE ∝ 1/√n): n_req = ceil(n · max_d (h_d/m)²)
 * over the dimensions with a defined SE. n_req may be below n.
 */
export function planSample(card: Pick<Scorecard, 'respondents' | 'confidence' | 'dimensions'>, margin = DEFAULT_MARGIN): SamplePlan {
  if (!(margin > 0) || !Number.isFinite(margin)) throw new RangeError(`margin must be a positive number, not ${margin}`);
  const z = zForConfidence(card.confidence);
  const n = card.respondents;
  const defined = card.dimensions.filter((d) => d.se !== null && Number.isFinite(d.se)).map((d) => ({ code: d.code, halfWidth: z * d.se! }));
  if (defined.length === 0 || n < 1) return { required: null, margin, respondents: n, confidence: card.confidence, dimensions: [] };
  const worst = Math.max(...defined.map((d) => (d.halfWidth / margin) ** 2));
  // A product that is a whole number in exact arithmetic (n = 300, ratio 1) can land a
  // hair above it in doubles; one part in 10¹² is far below any real change of n.
  const required = Math.max(1, Math.ceil(n * worst * (1 - 1e-12)));
  return {
    required,
    margin,
    respondents: n,
    confidence: card.confidence,
    dimensions: defined.map((d) => ({ ...d, expectedHalfWidth: d.halfWidth * Math.sqrt(n / required) })),
  };
}
