import type { Item } from '../framework/schema.js';
import { poolResponses } from './responses.js';
import type { CodedResponses } from './types.js';

export interface SharedPool {
  coded: CodedResponses;
  /** Item codes some part has and another lacks: left out of the pool (methodology.md §7, issue 15 item 6). */
  dropped: string[];
}

/**
 * Pools the respondents of several parts (a roll-up) on the items every part
 * has. Workbooks of another questionnaire version, or with an item dropped,
 * would otherwise give the pool a column that is missing for whole communes,
 * and the roll-up would silently mix two codebooks. The caller warns with
 * `rollup-items-differ` when `dropped` is not empty.
 */
export function poolSharedItems(parts: readonly CodedResponses[]): SharedPool {
  if (parts.length === 0) return { coded: { items: [], n: 0, weights: new Float64Array(0), x: new Float64Array(0) }, dropped: [] };
  const counts = new Map<string, number>();
  for (const part of parts) for (const item of new Set(part.items.map((i) => i.code))) counts.set(item, (counts.get(item) ?? 0) + 1);
  const dropped = [...counts].filter(([, n]) => n < parts.length).map(([code]) => code).sort();
  if (dropped.length === 0) return { coded: poolResponses(parts), dropped };
  const drop = new Set(dropped);
  return { coded: poolResponses(parts.map((p) => keepItems(p, (item) => !drop.has(item.code)))), dropped };
}

/** The columns of `coded` whose item passes `keep`. */
function keepItems(coded: CodedResponses, keep: (item: Item) => boolean): CodedResponses {
  const columns = coded.items.flatMap((item, j) => (keep(item) ? [j] : []));
  const J = coded.items.length;
  const K = columns.length;
  const x = new Float64Array(coded.n * K);
  for (let i = 0; i < coded.n; i++) for (let k = 0; k < K; k++) x[i * K + k] = coded.x[i * J + columns[k]];
  return { items: columns.map((j) => coded.items[j]), n: coded.n, weights: coded.weights, x };
}
