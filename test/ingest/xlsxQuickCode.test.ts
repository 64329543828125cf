import { describe, expect, it } from 'vitest';
import { readResponses } from '../../src/ingest/responses.js';
import type { SheetRow, WorkbookSource } from '../../src/ingest/source.js';
import { ProblemList } from '../../src/ingest/table.js';
import { cliLimits } from '../../src/limits.js';
import { ASK_CODE_ANSWER, codeAnswer, codeTable, quickCode, type RawAnswer } from '../../src/scoring/coding.js';
import { INVALID } from '../../src/scoring/types.js';
import { item } from '../scoring/tiny.js';

/** The ingest fast path (quickCode) must store exactly what codeAnswer would, on every value the xlsx reader yields. */
const items = [
  item('s', '1a', { type: 'scale', min: 1, max: 5, missing: [9, 98], zero: [8] }),
  item('r', '1a', { type: 'scale', min: 1, max: 4, direction: '-', missing: [9], zero: [8] }),
  item('d', '1a', { type: 'number', min: 0, max: 30, direction: '-', missing: [99] }),
  item('n', '1a', { type: 'number', min: -5, max: 5.5, missing: [], zero: [0] }),
  item('b', '1a'),
  item('bm', '1a', { direction: '-', missing: [9], zero: [] }),
];
const values: RawAnswer[] = [
  null, undefined, '', ' ', '3', '9', 'x', true, false, new Date(0), { error: '#N/A' },
  0, -0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 98, 99, 127, 128, 255, 2.5, 0.5, -3, -5, 5.5, 5.6, 30, 31, 1e300, 2 ** 32 + 3, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY,
  ...Array.from({ length: 140 }, (_, k) => k),
];

/** What readResponses stores for a coded answer (INVALID stands in for any invalid one). */
function stored(c: ReturnType<typeof codeAnswer>): number | string {
  if (c.kind === 'missing') return Number.NaN;
  if (c.kind === 'invalid') return 'invalid';
  return c.clampedFrom === undefined ? c.x : 'clamped';
}

describe('quickCode agrees with codeAnswer', () => {
  it('on every item type, direction, missing and zero code', () => {
    for (const it of items) {
      const table = codeTable(it);
      for (const v of values) {
        const quick = quickCode(table, v);
        const slow = stored(codeAnswer(it, v));
        // Deferring to codeAnswer is always right, but a whole number 0..127 that codes
        // to a plain value (or missing) must not be deferred: that is the fast path.
        if (quick === ASK_CODE_ANSWER) {
          const tableRange = typeof v === 'number' && Number.isInteger(v) && v >= 0 && v < 128 && !Object.is(v, -0);
          expect(tableRange && typeof slow === 'number', `${it.code} ${String(v)} deferred`).toBe(false);
          continue;
        }
        expect(Object.is(quick, slow) || (Number.isNaN(quick) && Number.isNaN(slow as number)), `${it.code} ${String(v)}: ${quick} vs ${String(slow)}`).toBe(true);
      }
    }
  });

  it('answers the common cases itself: blanks, valid codes, missing and zero codes', () => {
    const table = codeTable(items[0]); // scale 1..5, missing 9 and 98, zero 8
    expect(quickCode(table, null)).toBeNaN();
    expect(quickCode(table, 1)).toBe(0);
    expect(quickCode(table, 4)).toBe(0.75); // (4 − 1) / (5 − 1)
    expect(quickCode(table, 9)).toBeNaN();
    expect(quickCode(table, 8)).toBe(0);
    expect(quickCode(table, 6)).toBe(ASK_CODE_ANSWER); // invalid: codeAnswer reports it
    expect(quickCode(table, '4')).toBe(ASK_CODE_ANSWER);
  });
});

describe('ingest codes every cell as codeAnswer does', () => {
  // readResponses writes quickCode's lookup out in its per-cell loop (responses.ts codeRow):
  // every value above, under every item, must be stored as codeAnswer codes it
  // (an invalid answer as INVALID, a clamped one as its clamped x).
  it('on every value and item, through readResponses', async () => {
    const header: RawAnswer[] = [undefined, 'respondent_id', ...items.map((it) => it.code)];
    const rows: SheetRow[] = [{ number: 1, values: header, formulaColumns: [], hidden: false }];
    values.forEach((v, k) => {
      const cells: RawAnswer[] = [undefined, `R${k}`];
      items.forEach((_, j) => {
        if (v !== undefined) cells[2 + j] = v; // undefined: the cell is absent, as the reader leaves it
      });
      rows.push({ number: k + 2, values: cells, formulaColumns: [], hidden: false });
    });
    const source: WorkbookSource = {
      sheetNames: ['Responses'],
      hiddenSheets: [],
      async *rows() {
        yield* rows;
      },
    };
    const problems = new ProblemList('t.xlsx');
    const read = await readResponses(source, items, { name: '', code: 'X', province: '', district: '', year: null }, problems, cliLimits);
    expect(read!.coded.n).toBe(values.length);
    const J = items.length;
    values.forEach((v, k) => {
      items.forEach((it, j) => {
        const c = codeAnswer(it, v);
        const want = c.kind === 'missing' ? Number.NaN : c.kind === 'invalid' ? INVALID : c.x;
        const got = read!.coded.x[k * J + j];
        expect(Object.is(got, want) || (Number.isNaN(got) && Number.isNaN(want)), `${it.code} ${String(v)}: ${got} vs ${want}`).toBe(true);
      });
    });
  });
});

describe('codeTable keeps one table per way of coding', () => {
  it('an item that differs from a kept one in any coding field gets its own table', () => {
    const base = item('base', '1a', { type: 'scale', min: 1, max: 5, direction: '+', missing: [9], zero: [8] });
    const variants = [
      item('v-type', '1a', { type: 'number', min: 1, max: 5, direction: '+', missing: [9], zero: [8] }),
      item('v-min', '1a', { type: 'scale', min: 0, max: 5, direction: '+', missing: [9], zero: [8] }),
      item('v-max', '1a', { type: 'scale', min: 1, max: 4, direction: '+', missing: [9], zero: [8] }),
      item('v-direction', '1a', { type: 'scale', min: 1, max: 5, direction: '-', missing: [9], zero: [8] }),
      item('v-missing', '1a', { type: 'scale', min: 1, max: 5, direction: '+', missing: [7], zero: [8] }),
      item('v-zero', '1a', { type: 'scale', min: 1, max: 5, direction: '+', missing: [9], zero: [] }),
      // "1,2" and "12" as codes must not look alike
      item('v-list', '1a', { type: 'scale', min: 1, max: 5, direction: '+', missing: [1, 2], zero: [] }),
      item('v-list2', '1a', { type: 'scale', min: 1, max: 5, direction: '+', missing: [12], zero: [] }),
    ];
    const baseTable = codeTable(base);
    expect(codeTable({ ...base, code: 'same-coding', textVi: 'khác', textEn: 'other' })).toBe(baseTable); // kept, not rebuilt
    for (const v of variants) {
      const table = codeTable(v);
      expect(table, v.code).not.toBe(baseTable);
      for (let a = 0; a < 128; a++) {
        const quick = quickCode(table, a);
        if (quick !== ASK_CODE_ANSWER) expect(quick, `${v.code} ${a}`).toBe(stored(codeAnswer(v, a)));
      }
    }
  });
});
