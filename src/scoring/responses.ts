import type { Item } from '../framework/schema.js';
import type { CodedResponses } from './types.js';

/** The respondents at `rows` (e.g. one unit of a multi-unit workbook). */
export function selectRows(coded: CodedResponses, rows: ArrayLike<number>): CodedResponses {
  const J = coded.items.length;
  const x = new Float64Array(rows.length * J);
  const weights = new Float64Array(rows.length);
  for (let r = 0; r < rows.length; r++) {
    const i = rows[r];
    x.set(coded.x.subarray(i * J, (i + 1) * J), r * J);
    weights[r] = coded.weights[i];
  }
  return { items: coded.items, n: rows.length, weights, x };
}

/**
 * Pools respondents of several surveys (roll-up, methodology.md §7), aligning
 * items by code; an item one survey lacks is missing for its respondents.
 * Item definitions are taken from the first survey that has the item.
 */
export function poolResponses(parts: readonly CodedResponses[]): CodedResponses {
  const items: Item[] = [];
  const position = new Map<string, number>();
  for (const part of parts)
    for (const item of part.items)
      if (!position.has(item.code)) {
        position.set(item.code, items.length);
        items.push(item);
      }
  const J = items.length;
  const n = parts.reduce((s, p) => s + p.n, 0);
  const x = new Float64Array(n * J).fill(NaN);
  const weights = new Float64Array(n);
  let offset = 0;
  for (const part of parts) {
    const map = part.items.map((item) => position.get(item.code)!);
    const Jp = part.items.length;
    for (let i = 0; i < part.n; i++) {
      weights[offset + i] = part.weights[i];
      for (let j = 0; j < Jp; j++) x[(offset + i) * J + map[j]] = part.x[i * Jp + j];
    }
    offset += part.n;
  }
  return { items, n, weights, x };
}
