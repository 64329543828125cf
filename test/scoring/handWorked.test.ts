import { describe, expect, it } from 'vitest';
import { scoreUnit } from '../../src/scoring/unitScore.js';
import { codeRows, tinyFramework, tinyItems } from './tiny.js';

/*
 * Worked by hand (methodology.md §2–§5), four respondents, 95% (z = 1.959963984540054).
 *
 * Items: i1 binary + (1a) · i2 scale 1..5 + (1a) · i3 number 0..10 − missing 99 (1b)
 *        i4 binary + weight 2 (2a) · i5 scale 1..3 + (2a)
 *
 *        w    i1  i2    i3        i4  i5
 *   r1   1    1   5     2         1   3
 *   r2   2    0   3     99 (miss) 0   2
 *   r3   1    1   7 (invalid) 12 (clamped to 10)  1   1
 *   r4   0.5  1   9 (miss) 5      0   2
 *
 * Coded x: i1: 1,0,1,1 · i2: 1, .5, –, – · i3 (reversed): .8, –, 0, .5 · i4: 1,0,1,0 · i5: 1,.5,0,.5
 *
 * Indicator means (W_j = weight of those who answered):
 *   m1 = (1+0+1+.5)/4.5 = 5/9      m2 = (1·1 + 2·.5)/3 = 2/3    m3 = (.8 + 0 + .25)/2.5 = 0.42
 *   m4 = (1+0+1+0)/4.5 = 4/9       m5 = (1 + 1 + 0 + .25)/4.5 = 0.5
 * Sub-dimensions: S1a = (5/9 + 2/3)/2 = 11/18 · S1b = 0.42 · S2a = (2·4/9 + .5)/3 = 25/54
 * Points: P1a = (1 + 9·11/18)/2 = 3.25 · P1b = (1 + 9·.42)/2 = 2.39 · P2a = 1 + 9·25/54 = 31/6
 * Dimensions: D1 = 3.25 + 2.39 = 5.64 · D2 = 31/6 · Total T = 5.64 + 31/6 = 10.80666…
 *
 * Total as Σ c_j m_j: D1 = 1 + 4.5(S1a + S1b) → c = 2.25, 2.25, 4.5; D2 = 1 + 9(2/3 m4 + 1/3 m5) → c = 6, 3.
 * c_j / W_j = .5, .75, 1.8, 4/3, 2/3. Residuals x − m per respondent, then u_i = w_i Σ (c_j/W_j)(x_ij − m_j):
 *   r1: .5·4/9 + .75·1/3 + 1.8·.38 + 4/3·5/9 + 2/3·.5     = 35/27 + .25 + .684  =  2.2302963
 *   r2: 2·(.5·(−5/9) + .75·(−1/6) + 4/3·(−4/9) + 0)      = −215/108            = −1.9907407
 *   r3: .5·4/9 + 1.8·(−.42) + 4/3·5/9 + 2/3·(−.5)        = 17/27 − .756        = −0.1263704
 *   r4: .5·(.5·4/9 + 1.8·.08 + 4/3·(−4/9) + 0)           = .5·(−10/27 + .144)  = −0.1131852
 *   (Σ u = 0, as it must.) Σu² = 8.9660506, n_θ = 4, SE = sqrt(4/3 · Σu²) = 3.4575620
 *   CI = 10.8066667 ± 6.7767002 = [4.0299665, 17.5833669] (inside the range 2..20).
 * D2: u = 29/27, −32/27, 11/27, −8/27 → Σu² = 2050/729, SE = sqrt(4/3·2050/729) = 1.9363441
 * Indicator i2: R = {r1, r2}, W = 3: u = 1·(1/3)/3 = 1/9, 2·(−1/6)/3 = −1/9, n_θ = 2 → SE = sqrt(2·2/81) = 2/9.
 */
const z = 1.959963984540054;
const u = [35 / 27 + 0.25 + 0.684, -215 / 108, 17 / 27 - 0.756, 0.5 * (-10 / 27 + 0.144)];
const totalSe = Math.sqrt((4 / 3) * u.reduce((s, v) => s + v * v, 0));
const d2Se = Math.sqrt(((4 / 3) * 2050) / 729);

const rows = [
  [1, 5, 2, 1, 3],
  [0, 3, 99, 0, 2],
  [1, 7, 12, 1, 1],
  [1, 9, 5, 0, 2],
];
const card = scoreUnit({
  coded: codeRows(tinyItems, rows, [1, 2, 1, 0.5]),
  framework: tinyFramework(),
  targets: [
    { levels: ['1'], target: 5.64 },
    { levels: ['2'], target: 6 },
    { levels: ['1b'], target: 2.39 },
    { levels: ['total'], target: 25 },
  ],
  confidence: 0.95,
  level: 'unit',
  file: 'tiny.xlsx',
  unit: { name: 'Xã Thử', code: '00001', province: 'P', district: 'D', year: 2024 },
});

describe('the hand-worked four-respondent case', () => {
  it('indicator means, counts and the CI of a weighted mean', () => {
    expect(card.indicators.map((i) => i.score)).toEqual([5 / 9, 2 / 3, 0.42, 4 / 9, 0.5].map((v) => expect.closeTo(v, 12)));
    const i2 = card.indicators[1];
    expect([i2.answered, i2.missing, i2.invalid]).toEqual([2, 1, 1]);
    expect(i2.se).toBeCloseTo(2 / 9, 12);
    expect(i2.ciLow).toBeCloseTo(2 / 3 - z * (2 / 9), 12);
    expect(i2.ciHigh).toBe(1); // 2/3 + 0.4355 clipped to the indicator range 0..1
    const i3 = card.indicators[2];
    expect([i3.answered, i3.missing, i3.invalid]).toEqual([3, 1, 0]);
  });

  it('sub-dimensions, dimensions and the total', () => {
    const sub = Object.fromEntries(card.subdimensions.map((s) => [s.code, s]));
    expect(sub['1a'].normalized).toBeCloseTo(11 / 18, 12);
    expect(sub['1a'].score).toBeCloseTo(3.25, 12);
    expect(sub['1b'].score).toBeCloseTo(2.39, 12);
    expect(sub['2a'].normalized).toBeCloseTo(25 / 54, 12);
    expect(sub['2a'].score).toBeCloseTo(31 / 6, 12);
    expect([sub['1a'].min, sub['1a'].max, sub['2a'].min, sub['2a'].max]).toEqual([0.5, 5, 1, 10]);
    expect(card.dimensions[0].score).toBeCloseTo(5.64, 12);
    expect(card.dimensions[1].score).toBeCloseTo(31 / 6, 12);
    expect(card.total.score).toBeCloseTo(5.64 + 31 / 6, 12);
    expect(card.respondents).toBe(4);
    expect(card.effectiveN).toBeCloseTo(4.5 ** 2 / (1 + 4 + 1 + 0.25), 12);
  });

  it('the total CI and a dimension SE', () => {
    expect(card.total.se).toBeCloseTo(totalSe, 10);
    expect(totalSe).toBeCloseTo(3.457562, 5);
    expect(card.total.ciLow).toBeCloseTo(5.64 + 31 / 6 - z * totalSe, 10);
    expect(card.total.ciHigh).toBeCloseTo(5.64 + 31 / 6 + z * totalSe, 10);
    expect(card.dimensions[1].se).toBeCloseTo(d2Se, 10);
  });

  it('target status on the 2-decimal value', () => {
    const [d1, d2] = card.dimensions;
    expect([d1.status, d1.gap]).toEqual(['met', expect.closeTo(0, 12)]);
    // D2 = 5.17 < 6 but 6 ≤ 5.1667 + 1.96·1.9363 = 8.96: not significantly below
    expect([d2.status, d2.gap]).toEqual(['close', expect.closeTo(5.17 - 6, 12)]);
    // P1b is 2.3899999999999997 in floating point; rounded it is 2.39, which meets 2.39
    expect(card.subdimensions.find((s) => s.code === '1b')!.status).toBe('met');
    expect([card.total.status, card.total.gap]).toEqual(['below', expect.closeTo(10.81 - 25, 12)]);
  });
});
