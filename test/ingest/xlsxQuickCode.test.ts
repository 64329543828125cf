import { describe, expect, it } from 'vitest';
import { codeAnswer, quickCode, type RawAnswer } from '../../src/scoring/coding.js';
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
  0, -0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 98, 99, 2.5, 0.5, -3, -5, 5.5, 5.6, 30, 31, 1e300, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY,
];

/** What readResponses stores for a coded answer (INVALID stands in for any invalid one). */
function stored(c: ReturnType<typeof codeAnswer>): number | string {
  if (c.kind === 'missing') return Number.NaN;
  if (c.kind === 'invalid') return 'invalid';
  return c.clampedFrom === undefined ? c.x : 'clamped';
}

describe('quickCode agrees with codeAnswer', () => {
  it('on every item type, direction, missing and zero code', () => {
    for (const it of items)
      for (const v of values) {
        const quick = quickCode(it, v);
        const slow = stored(codeAnswer(it, v));
        if (quick === -1) expect(typeof slow === 'string' || typeof v !== 'number', `${it.code} ${String(v)}`).toBe(true);
        else expect(Object.is(quick, slow) || (Number.isNaN(quick) && Number.isNaN(slow as number)), `${it.code} ${String(v)}: ${quick} vs ${String(slow)}`).toBe(true);
      }
  });
});
