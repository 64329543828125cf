import { describe, expect, it } from 'vitest';
import { indicatorMoments, linearEstimate, linearEstimates, type ComposedScore, type LinearScore, type ScoreByItem } from '../../src/scoring/estimate.js';
import { scoreUnit } from '../../src/scoring/unitScore.js';
import { codeRows, item, tinyFramework } from './tiny.js';
import type { Item } from '../../src/framework/schema.js';

/** mulberry32: a small seeded generator so the cases are the same on every run. */
function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const items: Item[] = [
  item('a1', '1a'),
  item('a2', '1a', { type: 'scale', min: 1, max: 5, weight: 2 }),
  item('b1', '1b', { type: 'number', min: 0, max: 20, direction: '-', missing: [99] }),
  item('b2', '1b', { type: 'scale', min: 1, max: 4, direction: '-' }),
  item('c1', '2a', { type: 'scale', min: 1, max: 3 }),
  item('c2', '2a', { direction: '-' }),
];
const framework = tinyFramework(items);
const best = [1, 5, 0, 1, 3, 0];
const worst = [0, 1, 20, 4, 1, 1];

function score(rows: number[][], weights?: number[]) {
  return scoreUnit({
    coded: codeRows(items, rows, weights),
    framework,
    targets: [],
    confidence: 0.95,
    level: 'unit',
    file: 'p.xlsx',
    unit: { name: 'u', code: 'u', province: '', district: '', year: 2024 },
  });
}

/** A second, naive implementation: one respondent's own total from their own answers. */
function respondentTotal(answers: number[]): number {
  const card = score([answers]);
  return card.total.score!;
}

describe('scoring properties', () => {
  it('all-best answers give 10 per dimension and the maximum total; all-worst give 1 and the minimum', () => {
    const top = score([best, best, best]);
    expect(top.dimensions.map((d) => d.score)).toEqual([10, 10]);
    expect(top.total.score).toBe(20); // 2 dimensions here; 80 with PAPI's 8
    expect(top.subdimensions.map((s) => s.score)).toEqual([5, 5, 10]);
    const bottom = score([worst, worst]);
    expect(bottom.dimensions.map((d) => d.score)).toEqual([1, 1]);
    expect(bottom.total.score).toBe(2);
    expect(bottom.subdimensions.map((s) => s.score)).toEqual([0.5, 0.5, 1]);
  });

  it('with complete data the unit score is the weighted mean of respondent scores, and the SE matches the textbook one', () => {
    const random = rng(7);
    for (let trial = 0; trial < 20; trial++) {
      const n = 3 + Math.floor(random() * 30);
      const rows = Array.from({ length: n }, () => [
        random() < 0.5 ? 0 : 1,
        1 + Math.floor(random() * 5),
        Math.round(random() * 200) / 10,
        1 + Math.floor(random() * 4),
        1 + Math.floor(random() * 3),
        random() < 0.5 ? 0 : 1,
      ]);
      const weights = rows.map(() => 0.5 + Math.round(random() * 150) / 100);
      const card = score(rows, weights);
      const own = rows.map(respondentTotal);
      const W = weights.reduce((s, w) => s + w, 0);
      const mean = own.reduce((s, t, i) => s + weights[i] * t, 0) / W;
      expect(card.total.score).toBeCloseTo(mean, 10);
      const se = Math.sqrt((n / (n - 1)) * own.reduce((s, t, i) => s + weights[i] ** 2 * (t - mean) ** 2, 0)) / W;
      expect(card.total.se).toBeCloseTo(se, 10);
      for (const s of card.subdimensions) {
        expect(s.score!).toBeGreaterThanOrEqual(s.min);
        expect(s.score!).toBeLessThanOrEqual(s.max);
        expect(s.ciLow!).toBeGreaterThanOrEqual(s.min);
        expect(s.ciHigh!).toBeLessThanOrEqual(s.max);
      }
    }
  });

  it('a partial dimension re-weights its defined sub-dimensions equally; none defined leaves it and the total undefined', () => {
    // nobody answered b1 or b2 (sub-dimension 1b): D1 = 1 + 9·S1a
    const rows = [
      [1, 5, 99, null, 3, 0],
      [0, 3, 99, null, 2, 1],
    ] as unknown as number[][];
    const card = score(rows);
    const s1a = card.subdimensions.find((s) => s.code === '1a')!;
    // S1a = (1·(1+0)/2 + 2·(1 + .5)/2)/3 = (0.5 + 1.5)/3 = 2/3
    expect(s1a.normalized).toBeCloseTo(2 / 3, 12);
    expect(card.dimensions[0].score).toBeCloseTo(1 + 9 * (2 / 3), 12);
    expect(card.dimensions[0].definedSubdimensions).toBe(1);
    expect(card.subdimensions.find((s) => s.code === '1b')!.score).toBeNull();
    expect(card.total.score).not.toBeNull();
    const none = score([[null, null, null, null, 3, 0]] as unknown as number[][]);
    expect(none.dimensions[0].score).toBeNull();
    expect(none.total.score).toBeNull();
    expect(none.total.se).toBeNull(); // and n_θ = 1 < 2 leaves every SE undefined
    expect(none.dimensions[1].se).toBeNull();
  });
});

describe('scoreUnit SEs against a by-item computation', () => {
  /**
   * A second implementation of §4 for this framework: each score's c_j written out
   * by item (S: v_j/V over its answered items; P: 9/k of that; D: 9/|defined| × S's
   * over its defined sub-dimensions; total: Σ D), then the SE formula by hand.
   */
  function byItemSe(rows: number[][], weights: number[], c: Map<number, number>): number | null {
    const coded = codeRows(items, rows, weights);
    const m = indicatorMoments(coded);
    let sumU2 = 0;
    let nTheta = 0;
    for (let i = 0; i < coded.n; i++) {
      let u = 0;
      let any = false;
      for (const [j, cj] of c) {
        const v = coded.x[i * items.length + j];
        if (v >= 0) {
          u += (cj * (v - m.mean[j])) / m.weightSum[j];
          any = true;
        }
      }
      if (any) {
        nTheta++;
        sumU2 += (weights[i] * u) ** 2;
      }
    }
    return nTheta < 2 ? null : Math.sqrt((nTheta / (nTheta - 1)) * sumU2);
  }

  it('gives every sub-dimension, dimension and total SE the by-item formula gives, also with a sub-dimension undefined', () => {
    const next = rng(23);
    for (const undefinedB of [false, true]) {
      const rows = Array.from({ length: 37 }, () =>
        items.map((it, j) => ((undefinedB && (j === 2 || j === 3)) || next() < 0.12 ? (j === 2 ? 99 : 9) : it.type === 'binary' ? (next() < 0.5 ? 0 : 1) : it.min + Math.floor(next() * (it.max - it.min + 1)))),
      );
      const weights = rows.map((_, i) => 0.5 + (i % 5) / 2);
      const card = score(rows, weights);
      const coded = codeRows(items, rows, weights);
      const answered = indicatorMoments(coded).answered;
      // S coefficients v_j / V over the answered items of each sub-dimension.
      const sOf = (sub: string) => {
        const js = items.map((it, j) => j).filter((j) => items[j].subdimension === sub && answered[j] > 0);
        const V = js.reduce((t, j) => t + items[j].weight, 0);
        return new Map(js.map((j) => [j, items[j].weight / V]));
      };
      const scaled = (c: Map<number, number>, f: number) => new Map([...c].map(([j, v]) => [j, v * f]));
      const dims = { '1': ['1a', '1b'], '2': ['2a'] } as const;
      const dOf = (d: '1' | '2') => {
        const defined = dims[d].filter((sub) => sOf(sub).size > 0);
        return new Map(defined.flatMap((sub) => [...scaled(sOf(sub), 9 / defined.length)]));
      };
      const close = (got: number | null, want: number | null, what: string) => {
        if (want === null) return expect(got, what).toBeNull();
        expect(got, what).not.toBeNull();
        expect(Math.abs(got! - want) / want, what).toBeLessThan(1e-12);
      };
      for (const sub of card.subdimensions) {
        const k = dims[sub.dimension as '1' | '2'].length;
        close(sub.normalizedSe, sOf(sub.code).size ? byItemSe(rows, weights, sOf(sub.code)) : null, `S ${sub.code}`);
        close(sub.se, sOf(sub.code).size ? byItemSe(rows, weights, scaled(sOf(sub.code), 9 / k)) : null, `P ${sub.code}`);
      }
      for (const dim of card.dimensions) close(dim.se, byItemSe(rows, weights, dOf(dim.code as '1' | '2')), `D ${dim.code}`);
      close(card.total.se, byItemSe(rows, weights, new Map([...dOf('1'), ...dOf('2')])), 'total');
      expect(card.subdimensions.find((s) => s.code === '1b')!.se === null).toBe(undefinedB);
    }
  });
});

describe('linearEstimates (one pass for all scores)', () => {
  it('gives each score exactly what it gets alone, including undefined and single-answer ones', () => {
    const next = rng(11);
    const rows = Array.from({ length: 57 }, (_, i) => items.map((it, j) => (i === 0 && j === 4 ? 9 : next() < 0.1 ? 9 : it.type === 'binary' ? (next() < 0.5 ? 0 : 1) : it.min + Math.floor(next() * (it.max - it.min + 1)))));
    const coded = codeRows(items, rows, rows.map((_, i) => 1 + (i % 3)));
    const moments = indicatorMoments(coded);
    const scores: ScoreByItem[] = [
      { score: moments.mean[0], coefficients: new Map([[0, 1]]), range: [0, 1] },
      { score: 0.4, coefficients: new Map([[1, 0.25], [3, 0.75]]), range: [0, 1] },
      { score: null, coefficients: new Map([[2, 1]]), range: [0, 1] },
      { score: 3, coefficients: new Map(), range: [1, 10] },
      { score: 7, coefficients: new Map(items.map((_, j) => [j, 9 / items.length])), range: [1, 10] },
    ];
    const together = linearEstimates(coded, moments, scores, 1.96);
    const alone = scores.map((s) => linearEstimate(coded, moments, s.score, s.coefficients, s.range, 1.96));
    expect(together).toEqual(alone);
    // The loop as it was before the scores were batched (one pass per score): the same bits.
    for (const [t, s] of scores.entries()) {
      if (s.score === null || s.coefficients.size === 0) continue;
      const idx = [...s.coefficients.keys()];
      let sumU2 = 0;
      let nTheta = 0;
      for (let i = 0; i < coded.n; i++) {
        let u = 0;
        let answeredAny = false;
        for (const j of idx) {
          const v = coded.x[i * items.length + j];
          if (v >= 0) {
            u += (s.coefficients.get(j)! / moments.weightSum[j]) * (v - moments.mean[j]);
            answeredAny = true;
          }
        }
        if (answeredAny) {
          nTheta++;
          u *= coded.weights[i];
          sumU2 += u * u;
        }
      }
      expect(Object.is(together[t].se, Math.sqrt((nTheta / (nTheta - 1)) * sumU2)), `score ${t}`).toBe(true);
    }
    expect(together[2]).toEqual({ score: null, se: null, ciLow: null, ciHigh: null });
    expect(together[3]).toEqual({ score: null, se: null, ciLow: null, ciHigh: null });
    expect(together[4].se).toBeGreaterThan(0);
  });

  it('gives a composed score what the same c_j give by item, to rounding', () => {
    const next = rng(5);
    const rows = Array.from({ length: 41 }, () => items.map((it) => (next() < 0.15 ? 9 : it.type === 'binary' ? (next() < 0.5 ? 0 : 1) : it.min + Math.floor(next() * (it.max - it.min + 1)))));
    const coded = codeRows(items, rows, rows.map((_, i) => 0.5 + (i % 4)));
    const moments = indicatorMoments(coded);
    // Indicators 0..2, a "sub-dimension" 0.3·I0 + 0.7·I1, its "points" ×4.5, and a sum of the two.
    const byItem = (c: [number, number][]) => new Map(c);
    const indicators: ScoreByItem[] = [
      { score: moments.mean[0], coefficients: byItem([[0, 1]]), range: [0, 1] },
      { score: moments.mean[1], coefficients: byItem([[1, 1]]), range: [0, 1] },
      { score: moments.mean[2], coefficients: byItem([[2, 1]]), range: [0, 1] },
    ];
    const composites: ComposedScore[] = [
      { score: 0.5, range: [0, 1], composedOf: [{ at: 0, factor: 0.3 }, { at: 1, factor: 0.7 }] },
      { score: 2.5, range: [0, 5], composedOf: [{ at: 3, factor: 4.5 }] },
      { score: 3, range: [0, 10], composedOf: [{ at: 4, factor: 1 }, { at: 2, factor: 2 }] },
    ];
    // The same three written out by item: 0.3·I0 + 0.7·I1; ×4.5 → 1.35, 3.15; plus 2·I2.
    const writtenOut: ScoreByItem[] = [
      { score: 0.5, coefficients: byItem([[0, 0.3], [1, 0.7]]), range: [0, 1] },
      { score: 2.5, coefficients: byItem([[0, 1.35], [1, 3.15]]), range: [0, 5] },
      { score: 3, coefficients: byItem([[0, 1.35], [1, 3.15], [2, 2]]), range: [0, 10] },
    ];
    const scores: LinearScore[] = [...indicators, ...composites];
    const composed = linearEstimates(coded, moments, scores, 1.96);
    const plain = linearEstimates(coded, moments, [...indicators, ...writtenOut], 1.96);
    for (const t of [3, 4, 5]) {
      expect(composed[t].se).toBeGreaterThan(0);
      expect(Math.abs(composed[t].se! - plain[t].se!) / plain[t].se!, `score ${t}`).toBeLessThan(1e-14);
    }
    expect(composed.slice(0, 3)).toEqual(plain.slice(0, 3));
    // A part must come before the score it makes up.
    expect(() => linearEstimates(coded, moments, [scores[3], scores[0], scores[1]], 1.96)).toThrow(/does not come before/);
  });
});
