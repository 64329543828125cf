import { describe, expect, it } from 'vitest';
import { change, compareScorecards } from '../../src/scoring/compare.js';
import { performanceGroups, quantileR7 } from '../../src/scoring/groups.js';
import { poolResponses, selectRows } from '../../src/scoring/responses.js';
import { scoreUnit } from '../../src/scoring/unitScore.js';
import { codeRows, tinyFramework, tinyItems } from './tiny.js';
import type { Framework } from '../../src/framework/schema.js';

const z = 1.959963984540054;

/** A scorecard entry's score and SE, the SE read back from its 95% CI (half-width / z). */
const scoreAndSe = (e: { score: number | null; ciLow: number | null; ciHigh: number | null }) => ({
  score: e.score,
  se: e.ciLow === null || e.ciHigh === null ? null : (e.ciHigh - e.ciLow) / (2 * z),
});

describe('year over year (methodology.md §6)', () => {
  it('classifies a change against z·sqrt(SE_a² + SE_b²)', () => {
    // SE_Δ = sqrt(.3² + .4²) = .5; z·.5 = 0.97998
    expect(change({ score: 5, se: 0.3 }, { score: 6, se: 0.4 }, z)).toEqual({ from: 5, to: 6, delta: 1, se: 0.5, status: 'improved' });
    expect(change({ score: 5, se: 0.3 }, { score: 5.9, se: 0.4 }, z).status).toBe('no significant change');
    expect(change({ score: 6, se: 0.3 }, { score: 5, se: 0.4 }, z).status).toBe('declined');
    expect(change({ score: 6, se: null }, { score: 5, se: 0.4 }, z).status).toBe('not comparable');
  });

  const unit = { name: 'u', code: 'u1', province: '', district: '', year: 2020 };
  const rowsA = [[1, 5, 2, 1, 3], [0, 3, 4, 0, 2], [1, 4, 6, 1, 1], [1, 2, 5, 0, 2]];
  const rowsB = [[1, 5, 1, 1, 3], [1, 4, 2, 1, 3], [1, 5, 0, 1, 2], [1, 4, 1, 1, 3]];
  const card = (rows: number[][], framework: Framework, year: number) =>
    scoreUnit({ coded: codeRows(framework.items, rows), framework, targets: [], confidence: 0.95, level: 'unit', file: 'f', unit: { ...unit, year } });

  it('compares sub-dimensions on S and refuses dimensions whose sub-dimension set changed', () => {
    const full = tinyFramework();
    // a later version drops sub-dimension 1b and its item i3
    const later: Framework = { ...full, id: 'tiny-2', subdimensions: full.subdimensions.filter((s) => s.code !== '1b'), items: tinyItems.filter((i) => i.code !== 'i3') };
    const a = card(rowsA, full, 2020);
    const b = card(rowsB.map((r) => [r[0], r[1], r[3], r[4]]), later, 2021);
    const cmp = compareScorecards(a, b);
    expect(cmp.dimensions.find((d) => d.code === '1')!.status).toBe('not comparable');
    // Dimension 2 kept its sub-dimensions: compared by §6 from the two scorecards' own scores and SEs.
    const d2 = cmp.dimensions.find((d) => d.code === '2')!;
    const expected2 = change(scoreAndSe(a.dimensions.find((d) => d.code === '2')!), scoreAndSe(b.dimensions.find((d) => d.code === '2')!), z);
    expect(d2.status).toBe(expected2.status);
    expect(d2.delta).toBeCloseTo(expected2.delta!, 12);
    expect(cmp.total.status).toBe('not comparable');
    expect(cmp.subdimensions.map((s) => s.code)).toEqual(['1a', '2a']);
    const s1a = cmp.subdimensions[0];
    expect(s1a.from).toBeCloseTo(a.subdimensions[0].normalized!, 12);
    expect(s1a.delta).toBeCloseTo(b.subdimensions[0].normalized! - a.subdimensions[0].normalized!, 12);
    expect(cmp.onlyIn).toEqual({ from: ['i3'], to: [] });
    expect(cmp.indicators.map((i) => i.code)).toEqual(['i1', 'i2', 'i4', 'i5']);
  });

  it('same version: the total is compared, from the scorecards’ own totals and SEs', () => {
    const a = card(rowsA, tinyFramework(), 2020);
    const b = card(rowsB, tinyFramework(), 2021);
    const cmp = compareScorecards(a, b);
    // Expected from the scorecards (not from cmp): Δ = total_b − total_a, SE_Δ from their CIs, status by §6.
    const expected = change(scoreAndSe(a.total), scoreAndSe(b.total), z);
    expect(expected.status).not.toBe('not comparable');
    expect([cmp.total.from, cmp.total.to]).toEqual([a.total.score, b.total.score]);
    expect(cmp.total.delta).toBeCloseTo(b.total.score! - a.total.score!, 12);
    expect(cmp.total.se).toBeCloseTo(expected.se!, 9);
    expect(cmp.total.status).toBe(expected.status);
  });
});

describe('performance groups (methodology.md §7)', () => {
  it('R-7 quartiles as Excel QUARTILE.INC', () => {
    expect([0.25, 0.5, 0.75].map((p) => quantileR7([1, 2, 3, 4], p))).toEqual([1.75, 2.5, 3.25]);
    expect(quantileR7([1, 2, 3, 4, 5, 6], 0.25)).toBe(2.25);
  });
  it('groups by hand: [1,2,3,4] → Q1 1.75, median 2.5, Q3 3.25', () => {
    // 3 ≥ 2.5 (median) but < 3.25 · 1 < 1.75 · 4 ≥ 3.25 · 2 ≥ 1.75 (Q1) but < 2.5
    expect(performanceGroups([3, 1, 4, 2])).toEqual(['high-average', 'lowest', 'best', 'low-average']);
  });
  it('ties share a group; undefined scores get none; fewer than 4 get none', () => {
    // [5,5,5,7]: Q1 = 5, median = 5, Q3 = 5.5 → the three 5s are all high-average
    expect(performanceGroups([5, 7, 5, null, 5])).toEqual(['high-average', 'best', 'high-average', null, 'high-average']);
    expect(performanceGroups([1, 2, 3, null])).toEqual([null, null, null, null]);
  });
});

describe('pooling (roll-up)', () => {
  it('pooling the parts of one file gives back the file', () => {
    const rows = [[1, 5, 2, 1, 3], [0, 3, 99, 0, 2], [1, 7, 12, 1, 1], [1, 9, 5, 0, 2], [0, 2, 3, 1, 1]];
    const all = codeRows(tinyItems, rows, [1, 2, 1, 0.5, 1.5]);
    const pooled = poolResponses([selectRows(all, [0, 1]), selectRows(all, [2, 3, 4])]);
    expect(Array.from(pooled.x)).toEqual(Array.from(all.x));
    expect(Array.from(pooled.weights)).toEqual(Array.from(all.weights));
  });

  it('aligns items by code across workbooks with other columns and orders', () => {
    const [i1, i2, i3, i4] = tinyItems;
    // Workbook A asks i1, i2; workbook B asks i3, i1, i4 (another order, i2 not asked, i4 new).
    const a = { items: [i1, i2], n: 2, weights: Float64Array.from([1, 2]), x: Float64Array.from([0.1, 0.2, 0.3, 0.4]) };
    const b = { items: [i3, i1, i4], n: 1, weights: Float64Array.from([3]), x: Float64Array.from([0.5, 0.6, 0.7]) };
    const pooled = poolResponses([a, b]);
    // Items in first-seen order i1 i2 i3 i4; rows: A1, A2, B1; NaN where a workbook did not ask the item.
    expect(pooled.items.map((i) => i.code)).toEqual([i1.code, i2.code, i3.code, i4.code]);
    expect(pooled.n).toBe(3);
    expect(Array.from(pooled.weights)).toEqual([1, 2, 3]);
    expect(Array.from(pooled.x)).toEqual([0.1, 0.2, NaN, NaN, 0.3, 0.4, NaN, NaN, 0.6, NaN, 0.5, 0.7]);
  });
});
