import { describe, expect, it } from 'vitest';
import { scoreWorkbook } from '../../src/pipeline.js';
import { item, tinyFramework } from '../scoring/tiny.js';
import { buildWorkbook, toBytes } from './workbook.js';

/*
 * Filter questions and `relevant` (methodology.md §2 rule 0), worked by hand.
 *
 * Codebook, in this order (dimension 1: 1a, 1b, k = 2; dimension 2: 2a, k = 1):
 *   f1  filter question (empty sub-dimension), binary, missing 9
 *   a1  1a binary +          relevant ${f1} = 1
 *   a2  1a scale 1..5 +      relevant ${f1} = 1 and ${a1} != 0
 *   b1  1b number 0..10 −    missing 99, no condition
 *   c1  2a binary +          relevant not(${f1} = 1)   (asked of non-users, and where f1 is blank: NaN = 1 is false)
 *   c2  2a scale 1..3 +      no condition
 *
 *   sheet row  id  f1     a1            a2             b1             c1            c2
 *   2          r1  1      1             5              2              1 not asked   3
 *   3          r2  0      1 not asked   –              −3 invalid     0             2
 *   4          r3  blank  – (n/a)       –              5              1             1
 *   5          r4  1      0             4 not asked    99 missing     – (n/a)       2
 *   6          r5  9      – (n/a)       –              10             0             3
 *   (a2 in r4: a1 = 0, so "${a1} != 0" is false; r5: 9 is f1's missing code, but as a number 9 ≠ 1.)
 *
 * Coded: a1: r1 1, r4 0 → m = 1/2 · a2: r1 (5−1)/4 = 1 → m = 1 · b1: 1 − 2/10 = .8, 1 − 5/10 = .5, 1 − 10/10 = 0 → m = 1.3/3
 *        c1: r2 0, r3 1, r5 0 → m = 1/3 · c2: 1, .5, 0, .5, 1 → m = 3/5
 * S1a = (1/2 + 1)/2 = 3/4 · S1b = 13/30 · S2a = (1/3 + 3/5)/2 = 7/15
 * P1a = (1 + 9·3/4)/2 = 3.875 · P1b = (1 + 9·13/30)/2 = 2.45 · D1 = 6.325 · D2 = 1 + 9·7/15 = 5.2 · T = 11.525
 * Problems: not-asked at F2 (c1, r1), C3 (a1, r2), D5 (a2, r4); invalid-answer at E3 (b1 = −3 is below min 0).
 */
const items = [
  item('f1', ''),
  item('a1', '1a', { relevant: '${f1} = 1' }),
  item('a2', '1a', { type: 'scale', min: 1, max: 5, relevant: '${f1} = 1 and ${a1} != 0' }),
  item('b1', '1b', { type: 'number', min: 0, max: 10, direction: '-', missing: [99] }),
  item('c1', '2a', { relevant: 'not(${f1} = 1)' }),
  item('c2', '2a', { type: 'scale', min: 1, max: 3 }),
];
const header = ['respondent_id', 'f1', 'a1', 'a2', 'b1', 'c1', 'c2'];
const rows = [
  ['r1', 1, 1, 5, 2, 1, 3],
  ['r2', 0, 1, null, -3, 0, 2],
  ['r3', null, null, null, 5, 1, 1],
  ['r4', 1, 0, 4, 99, null, 2],
  ['r5', 9, null, null, 10, 0, 3],
];

describe('filter questions and relevant, through ingest and scoring', () => {
  it('scores the hand-worked case: questions not asked are missing, answers typed there are not-asked warnings', async () => {
    const wb = buildWorkbook({ framework: tinyFramework(items), header, rows });
    const result = await scoreWorkbook(await toBytes(wb), { fileName: 'relevant.xlsx' });
    expect(result.fatal).toBe(false);
    const [card] = result.scorecards;
    const sub = (code: string) => card.subdimensions.find((s) => s.code === code)!;
    expect(sub('1a').normalized).toBeCloseTo(3 / 4, 12);
    expect(sub('1b').normalized).toBeCloseTo(13 / 30, 12);
    expect(sub('2a').normalized).toBeCloseTo(7 / 15, 12);
    expect(card.dimensions[0].score).toBeCloseTo(6.325, 12);
    expect(card.dimensions[1].score).toBeCloseTo(5.2, 12);
    expect(card.total.score).toBeCloseTo(11.525, 12);
    // the filter question is checked but never scored, not even as an indicator
    expect(card.indicators.map((i) => i.code)).toEqual(['a1', 'a2', 'b1', 'c1', 'c2']);
    const a1 = card.indicators.find((i) => i.code === 'a1')!;
    expect([a1.answered, a1.missing, a1.invalid]).toEqual([2, 3, 0]);
    const b1 = card.indicators.find((i) => i.code === 'b1')!;
    expect([b1.answered, b1.missing, b1.invalid]).toEqual([3, 1, 1]);

    const located = result.problems.filter((p) => p.sheet === 'Responses').map((p) => `${p.cell} ${p.severity} ${p.code}`);
    expect(located.sort()).toEqual(['C3 warning not-asked', 'D5 warning not-asked', 'E3 error invalid-answer', 'F2 warning not-asked']);
    expect(result.problems.find((p) => p.cell === 'D5')!.message).toBe('a2 is not asked of this respondent (relevant: ${f1} = 1 and ${a1} != 0); the answer "4" is ignored');
    expect(result.problems.find((p) => p.cell === 'E3')!.message).toBe('-3 is below 0, the smallest possible answer for b1');
  });

  it('checks filter questions like any item: a bad answer there is an error at its cell, and skips the section', async () => {
    const wb = buildWorkbook({ framework: tinyFramework(items), header, rows: [['r1', 'có', 1, 5, 2, null, 3], ...rows.slice(1)] });
    const result = await scoreWorkbook(await toBytes(wb), { fileName: 'relevant.xlsx' });
    expect(result.problems.find((p) => p.cell === 'B2')).toMatchObject({ severity: 'error', code: 'invalid-answer' });
    // "có" reads as NaN: r1's a1 and a2 are not asked (not-asked warnings), c1 is (blank, no warning)
    const cells = result.problems.filter((p) => p.code === 'not-asked').map((p) => p.cell);
    expect(cells.sort()).toEqual(['C2', 'C3', 'D2', 'D5']);
  });

  it('a condition that does not parse or names a later item is a codebook error at its cell, and the item is asked of everyone', async () => {
    const broken = items.map((i) => (i.code === 'a2' ? { ...i, relevant: '${f1} == 1' } : i.code === 'c1' ? { ...i, relevant: '${c2} = 1' } : i));
    const wb = buildWorkbook({ framework: tinyFramework(broken), header, rows });
    const result = await scoreWorkbook(await toBytes(wb), { fileName: 'relevant.xlsx' });
    const codebook = result.problems.filter((p) => p.code === 'invalid-relevant');
    expect(codebook.map((p) => `${p.sheet}!${p.cell} ${p.severity}`)).toEqual(['Codebook!L4 error', 'Codebook!L6 error']);
    expect(codebook[0].message).toBe('relevant "${f1} == 1" for a2: use = to compare, not == (character 7); a2 is asked of every respondent');
    expect(codebook[1].message).toMatch(/\$\{c2\} is not an item earlier in the Codebook/);
    // a2 now asked of all: r1 1, r4 (4−1)/4 = .75 → m = .875; S1a = (.5 + .875)/2 = .6875
    // c1 now asked of all: r1 1, r2 0, r3 1, r5 0 → m = .5; S2a = (.5 + .6)/2 = .55
    const [card] = result.scorecards;
    expect(card.subdimensions.find((s) => s.code === '1a')!.normalized).toBeCloseTo(0.6875, 12);
    expect(card.subdimensions.find((s) => s.code === '2a')!.normalized).toBeCloseTo(0.55, 12);
    expect(result.problems.filter((p) => p.code === 'not-asked').map((p) => p.cell)).toEqual(['C3']);
  });

  it('a condition on an item without a Responses column reads it as blank', async () => {
    const wb = buildWorkbook({ framework: tinyFramework(items), header: header.filter((h) => h !== 'f1'), rows: rows.map((r) => r.filter((_, c) => c !== 1)) });
    const result = await scoreWorkbook(await toBytes(wb), { fileName: 'relevant.xlsx' });
    const [card] = result.scorecards;
    // f1 blank for all → a1, a2 never asked → 1a undefined; c1 asked of all: 1, 0, 1, –, 0 → 1/2
    expect(card.subdimensions.find((s) => s.code === '1a')!.score).toBeNull();
    expect(card.indicators.find((i) => i.code === 'c1')!.score).toBeCloseTo(0.5, 12);
  });
});
