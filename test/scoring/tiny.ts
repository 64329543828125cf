import type { Framework, Item } from '../../src/framework/schema.js';
import { codeAnswer, type RawAnswer } from '../../src/scoring/coding.js';
import { INVALID, type CodedResponses } from '../../src/scoring/types.js';

/** A small framework for hand-checked cases: dimension 1 with 1a, 1b (k = 2), dimension 2 with 2a (k = 1). */
export function item(code: string, subdimension: string, over: Partial<Item> = {}): Item {
  return {
    code,
    subdimension,
    type: 'binary',
    min: 0,
    max: 1,
    direction: '+',
    missing: [9],
    zero: [],
    weight: 1,
    textVi: code,
    textEn: code,
    options: [],
    ...over,
  };
}

export const tinyItems: Item[] = [
  item('i1', '1a'),
  item('i2', '1a', { type: 'scale', min: 1, max: 5 }),
  item('i3', '1b', { type: 'number', min: 0, max: 10, direction: '-', missing: [99] }),
  item('i4', '2a', { weight: 2 }),
  item('i5', '2a', { type: 'scale', min: 1, max: 3 }),
];

export function tinyFramework(items: Item[] = tinyItems): Framework {
  return {
    id: 'tiny-1',
    nameVi: 'Thử',
    nameEn: 'Tiny',
    dimensions: [
      { code: '1', nameVi: 'Một', nameEn: 'One' },
      { code: '2', nameVi: 'Hai', nameEn: 'Two' },
    ],
    subdimensions: [
      { code: '1a', dimension: '1', nameVi: 'Một a', nameEn: 'One a' },
      { code: '1b', dimension: '1', nameVi: 'Một b', nameEn: 'One b' },
      { code: '2a', dimension: '2', nameVi: 'Hai a', nameEn: 'Two a' },
    ],
    items,
  };
}

/** Codes raw answers with codeAnswer, as ingest does. */
export function codeRows(items: Item[], rows: RawAnswer[][], weights?: number[]): CodedResponses {
  const J = items.length;
  const x = new Float64Array(rows.length * J);
  rows.forEach((row, i) =>
    items.forEach((it, j) => {
      const c = codeAnswer(it, row[j]);
      x[i * J + j] = c.kind === 'value' ? c.x : c.kind === 'invalid' ? INVALID : NaN;
    }),
  );
  return { items, n: rows.length, weights: Float64Array.from(weights ?? rows.map(() => 1)), x };
}
