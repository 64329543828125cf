import { describe, expect, it } from 'vitest';
import type { Item } from '../../src/framework/schema.js';
import { nearDuplicates, ScaleTally, straightLiners } from '../../src/scoring/quality.js';
import type { RawAnswer } from '../../src/scoring/coding.js';
import { codeRows, item } from '../scoring/tiny.js';

/** A tiny seeded generator, so "random" respondents are the same on every run. */
function lcg(seed: number) {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

const binaries = (n: number, sub = '1a'): Item[] => Array.from({ length: n }, (_, j) => item(`b${String(j + 1).padStart(2, '0')}`, sub));
const scales = (n: number, over: Partial<Item> = {}): Item[] =>
  Array.from({ length: n }, (_, j) => item(`s${String(j + 1).padStart(2, '0')}`, '1b', { type: 'scale', min: 1, max: 5, missing: [9], zero: [8], ...over }));

/** The tally as ingest fills it: the raw row is the sheet row, item j at column j. */
function tallyOf(items: Item[], rows: RawAnswer[][]) {
  const coded = codeRows(items, rows);
  const tally = new ScaleTally(items);
  rows.forEach((row, i) => tally.observe(row, items.map((_, j) => j), coded.x, i * items.length));
  return { coded, tally };
}

describe('straight-lining (methodology.md §10)', () => {
  const items = scales(25);
  const row = (answers: RawAnswer[]) => [...answers, ...Array(25 - answers.length).fill(null)];
  const cases: [string, RawAnswer[], boolean][] = [
    ['20 scale items all 3', Array(20).fill(3), true],
    ['19 scale items all 3', Array(19).fill(3), false],
    ['19 items 3 and one missing code 9 (not an answer)', [...Array(19).fill(3), 9], false],
    ['20 items 3 and five missing codes', [...Array(20).fill(3), 9, 9, 9, 9, 9], true],
    ['20 items 3 and one 4', [...Array(19).fill(3), 4, 3], false],
    ['20 zero codes 8 (a zero code counts as an answer)', Array(20).fill(8), true],
    ['19 items 1 and one zero code 8 (a different code, though both score x = 0)', [...Array(19).fill(1), 8], false],
    ['text "3" counts like the number 3', [...Array(10).fill('3'), ...Array(10).fill(3)], true],
    ['20 items 3 and an invalid 7 (an error, not an answer)', [...Array(20).fill(3), 7], true],
  ];
  it.each(cases)('%s', (_, answers, flagged) => {
    const { tally } = tallyOf(items, [row(answers)]);
    expect(straightLiners(tally, [0]).length).toBe(flagged ? 1 : 0);
  });

  it('counts scale items only: 20 binary answers of 1 are no straight line', () => {
    const mixed = [...binaries(20), ...scales(5)];
    const { tally } = tallyOf(mixed, [[...Array(20).fill(1), 3, 3, 3, 3, 3]]);
    expect(tally.answered[0]).toBe(5);
    expect(straightLiners(tally, [0])).toEqual([]);
  });

  it('filter questions take no part', () => {
    // 19 scored scale items and one filter question (empty sub-dimension), all 3: 19 answers, not 20.
    const withFilter = [...scales(19), item('f01', '', { type: 'scale', min: 1, max: 5 })];
    const { tally } = tallyOf(withFilter, [Array(20).fill(3)]);
    expect(tally.answered[0]).toBe(19);
    expect(straightLiners(tally, [0])).toEqual([]);
  });
});

describe('near-duplicates (methodology.md §10)', () => {
  const items = binaries(45);
  const random = lcg(7);
  const base = items.map(() => (random() < 0.5 ? 0 : 1));
  const flip = (row: RawAnswer[], at: number[]) => row.map((v, j) => (at.includes(j) ? 1 - (v as number) : v));
  const blankFrom = (row: RawAnswer[], from: number) => row.map((v, j) => (j >= from ? null : v));
  const others = Array.from({ length: 6 }, () => items.map(() => (random() < 0.5 ? 0 : 1)));

  const rows: RawAnswer[][] = [
    base, // 0
    blankFrom(flip(base, [0, 1]), 40), // 1: 40 shared with row 0, 38 agree = 95% → flagged
    blankFrom(flip(base, [2, 3, 4]), 40), // 2: 37 of 40 = 92.5% → not
    blankFrom(base, 39), // 3: 39 shared, all agree → too few shared
    ...others, // 4..9: independent respondents
  ];

  it('finds exactly the pair at 95% with 40 shared items', () => {
    const coded = codeRows(items, rows);
    const found = nearDuplicates(coded, rows.map((_, i) => i));
    expect(found.method).toBe('pairwise');
    expect(found.pairs).toEqual([{ earlier: 0, later: 1, shared: 40, agree: 38 }]);
    expect([found.pairCount, found.flaggedRows]).toEqual([1, 1]);
  });

  it('agrees with a plain implementation on random respondents with planted copies', () => {
    const r = lcg(11);
    const J = 60;
    const many = binaries(J).map((it, j) => (j % 3 === 0 ? { ...it, type: 'scale' as const, min: 1, max: 4, missing: [9] } : it));
    const raw: RawAnswer[][] = Array.from({ length: 120 }, () => many.map((it) => (r() < 0.1 ? null : it.type === 'scale' ? 1 + Math.floor(r() * 4) : r() < 0.7 ? 1 : 0)));
    for (let k = 0; k < 15; k++) {
      const src = raw[Math.floor(r() * 100)];
      raw.push(src.map((v) => (r() < 0.04 ? null : r() < 0.03 && typeof v === 'number' ? (v === 1 ? 0 : 1) : v)));
    }
    const coded = codeRows(many, raw);
    const expected = plainPairs(coded, raw.length);
    expect(expected.length).toBeGreaterThan(5); // the planted copies are found at all
    const found = nearDuplicates(coded, raw.map((_, i) => i)).pairs;
    const order = (p: { earlier: number; later: number }) => p.later * 1000 + p.earlier;
    expect([...found].sort((p, q) => order(p) - order(q))).toEqual(expected.sort((p, q) => order(p) - order(q)));
  });

  it('filter questions take no part', () => {
    // 39 scored items agree and one filter question agrees too: only 39 shared scored items.
    const withFilter = [...binaries(39), item('f01', '')];
    const row = withFilter.map((_, j) => j % 2);
    const coded = codeRows(withFilter, [row, row]);
    expect(nearDuplicates(coded, [0, 1]).pairs).toEqual([]);
  });

  it('above the pairwise limit looks for exact copies only', () => {
    const coded = codeRows(items, [base, flip(base, [0]), base, blankFrom(base, 30), blankFrom(base, 30)]);
    // Limit 3 (5,000 in use): row 2 copies row 0 exactly; row 1 (44 of 45) is not exact; rows 3 and 4
    // are exact copies of each other but have only 30 answers (< 40).
    const found = nearDuplicates(coded, [0, 1, 2, 3, 4], 3);
    expect(found.method).toBe('exact');
    expect(found.pairs).toEqual([{ earlier: 0, later: 2, shared: 45, agree: 45 }]);
  });

  it('looks only among the rows it is given (one unit)', () => {
    const coded = codeRows(items, [base, base, base]);
    expect(nearDuplicates(coded, [0, 2]).pairs).toEqual([{ earlier: 0, later: 2, shared: 45, agree: 45 }]);
  });
});

/** Every pair, every item, no shortcut: the pairs that agree on ≥ 95% of ≥ 40 shared items. */
function plainPairs(coded: ReturnType<typeof codeRows>, n: number) {
  const J = coded.items.length;
  const expected: { earlier: number; later: number; shared: number; agree: number }[] = [];
  for (let b = 0; b < n; b++)
    for (let a = 0; a < b; a++) {
      let shared = 0;
      let agree = 0;
      for (let j = 0; j < J; j++) {
        const xa = coded.x[a * J + j];
        const xb = coded.x[b * J + j];
        if (xa >= 0 && xb >= 0) {
          shared++;
          if (xa === xb) agree++;
        }
      }
      if (shared >= 40 && agree / shared >= 0.95) expected.push({ earlier: a, later: b, shared, agree });
    }
  return expected;
}

describe('near-duplicates: the filter drops nothing that qualifies', () => {
  // Planted near-copies whose few differences sit where the filter looks least: on an item with
  // many distinct answers (a count 0–60, left out of the filter), and past the 140 items at which
  // the disagreement counters need a fourth bit plane; the unit spans several 32-row words.
  const cases = [
    { name: '60 items, 135 rows', items: 60, rows: 135, seed: 3 },
    { name: '170 items (four counter planes), 70 rows', items: 170, rows: 70, seed: 5 },
  ];
  for (const c of cases)
    it(c.name, () => {
      const r = lcg(c.seed);
      const many: Item[] = binaries(c.items).map((it, j) =>
        j === 0 ? { ...it, type: 'number' as const, min: 0, max: 60, missing: [99] } : j % 3 === 0 ? { ...it, type: 'scale' as const, min: 1, max: 4, missing: [9] } : it,
      );
      const answer = (it: Item) => (it.type === 'number' ? Math.floor(r() * 61) : it.type === 'scale' ? 1 + Math.floor(r() * 4) : r() < 0.7 ? 1 : 0);
      const raw: RawAnswer[][] = Array.from({ length: c.rows - 12 }, () => many.map((it) => (r() < 0.1 ? null : answer(it))));
      for (let k = 0; k < 12; k++) {
        const src = raw[Math.floor(r() * (c.rows - 12))];
        // The count always differs; up to 4% more items differ or go blank.
        raw.push(src.map((v, j) => (j === 0 ? (typeof v === 'number' ? (v + 1) % 61 : 5) : r() < 0.02 ? null : r() < 0.02 && typeof v === 'number' ? answer(many[j]) : v)));
      }
      const coded = codeRows(many, raw);
      const expected = plainPairs(coded, raw.length);
      expect(expected.length).toBeGreaterThan(5);
      const order = (p: { earlier: number; later: number }) => p.later * 1000 + p.earlier;
      const found = nearDuplicates(coded, raw.map((_, i) => i)).pairs;
      expect([...found].sort((p, q) => order(p) - order(q))).toEqual(expected.sort((p, q) => order(p) - order(q)));
    });
});

describe('many copies of one form', () => {
  it('lists at most MAX_LISTED_PAIRS pairs but counts them all', () => {
    const items = binaries(40);
    const row = items.map((_, j) => j % 2);
    const n = 150; // 150·149/2 = 11,175 pairs, all agreeing on 40 of 40
    const coded = codeRows(items, Array.from({ length: n }, () => row));
    const found = nearDuplicates(coded, Array.from({ length: n }, (_, i) => i));
    // Pairs are counted in full up to 10,000; then each later row stops at its first match.
    // Row b pairs with rows 0..b−1: rows 1..140 give 140·141/2 = 9,870 pairs; row 141 stops once the
    // count passes 10,000, at pair 10,001; rows 142..149 stop at their first match: 8 more → 10,009.
    expect(found.pairCount).toBe(10001 + 8);
    expect(found.pairCountCapped).toBe(true);
    expect(found.pairs.length).toBe(10000);
    expect(found.flaggedRows).toBe(149);
    const exact = nearDuplicates(coded, Array.from({ length: n }, (_, i) => i), 100);
    // Exact mode pairs each copy with the first: 149 pairs.
    expect([exact.pairCount, exact.flaggedRows]).toEqual([149, 149]);
  });
});
