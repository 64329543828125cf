import { describe, expect, it } from 'vitest';
import { planSample } from '../../src/scoring/samplePlan.js';
import type { DimensionScore } from '../../src/scoring/types.js';

const Z95 = 1.959963984540054;

function dimension(code: string, se: number | null): DimensionScore {
  return { code, name: code, nameEn: code, score: se === null ? null : 6, se, ciLow: null, ciHigh: null, target: null, gap: null, status: null, definedSubdimensions: 1, subdimensionCount: 1 };
}

describe('planSample (methodology.md §9), numbers worked by hand', () => {
  it('takes the widest dimension and ignores one without an SE', () => {
    // n = 100. Dimension 1: SE 0.1 → h = 1.95996·0.1 = 0.195996; dimension 2: SE 0.2 → h = 0.391993;
    // dimension 3 has no SE. Margin 0.25: (0.391993/0.25)² = 1.567971² = 2.458533 → 100 · 2.458533 = 245.85 → 246.
    // Expected half-widths with 246: h·√(100/246) = h · 0.637577 → 0.124962 and 0.249924.
    const plan = planSample({ respondents: 100, confidence: 0.95, dimensions: [dimension('1', 0.1), dimension('2', 0.2), dimension('3', null)] }, 0.25);
    expect(plan.required).toBe(246);
    expect(plan.margin).toBe(0.25);
    expect(plan.dimensions.map((d) => d.code)).toEqual(['1', '2']);
    expect(plan.dimensions[0].halfWidth).toBeCloseTo(0.195996, 6);
    expect(plan.dimensions[1].halfWidth).toBeCloseTo(0.391993, 6);
    expect(plan.dimensions[0].expectedHalfWidth).toBeCloseTo(0.124962, 5);
    expect(plan.dimensions[1].expectedHalfWidth).toBeCloseTo(0.249924, 5);
    // The widest dimension lands at (or just inside) the margin.
    expect(plan.dimensions[1].expectedHalfWidth).toBeLessThanOrEqual(0.25);
  });

  it('may ask for fewer respondents than this year had', () => {
    // n = 400, SE 0.05 → h = 0.0979982; (0.0979982/0.25)² = 0.153658 → 400 · 0.153658 = 61.46 → 62.
    const plan = planSample({ respondents: 400, confidence: 0.95, dimensions: [dimension('1', 0.05)] }, 0.25);
    expect(plan.required).toBe(62);
  });

  it('a half-width exactly at the margin keeps n (no off-by-one from rounding in doubles)', () => {
    // h = z · (0.25/z) = 0.25 (to a few ulps) → n_req = 300, not 301.
    const plan = planSample({ respondents: 300, confidence: 0.95, dimensions: [dimension('1', 0.25 / Z95)] }, 0.25);
    expect(plan.required).toBe(300);
  });

  it('uses the scoring confidence: at 90% z = 1.644854', () => {
    // n = 100, SE 0.2 → h = 0.328971; (0.328971/0.25)² = 1.315883² = 1.731548 → 173.15 → 174.
    const plan = planSample({ respondents: 100, confidence: 0.9, dimensions: [dimension('1', 0.2)] }, 0.25);
    expect(plan.required).toBe(174);
  });

  it('has nothing to plan from when no dimension has an SE', () => {
    const plan = planSample({ respondents: 1, confidence: 0.95, dimensions: [dimension('1', null)] }, 0.25);
    expect(plan.required).toBeNull();
    expect(plan.dimensions).toEqual([]);
  });

  it('refuses a margin that is not a positive number', () => {
    expect(() => planSample({ respondents: 10, confidence: 0.95, dimensions: [] }, 0)).toThrow(RangeError);
  });
});
