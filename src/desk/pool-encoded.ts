/**
 * A roll-up's pool (methodology.md §7) built straight from stored answers:
 * what poolSharedItems(parts) gives for the decoded parts, but decoding each
 * part into the pooled matrix once, instead of a Float64 matrix per part and
 * then the copy (for the national league that was ~2 s of its ~6 s of CPU, in
 * the copy and the garbage it left: bench/README.md). The same rules:
 * - only the items every part has are pooled; the others are `dropped` (sorted);
 * - the pooled items are in the first part's order (poolResponses keeps the
 *   order items are first seen in, and every pooled item is in the first part);
 * - an item's definition is the first part's;
 * - respondents and weights in part order.
 * test/desk/pool-encoded.test.ts checks it against poolSharedItems on seeded data.
 */
import type { Item } from '../framework/schema.js';
import type { SharedPool } from '../scoring/pool-shared.js';
import { AnswersCodecError, decodeUnitInto, type EncodedUnit } from '../store/answers-codec.js';

export interface EncodedPart {
  bytes: Uint8Array;
  unit: EncodedUnit;
  /** The part's framework items by code (its submission's). */
  items: ReadonlyMap<string, Item>;
}

export function poolEncoded(parts: readonly EncodedPart[]): SharedPool {
  if (parts.length === 0) return { coded: { items: [], n: 0, weights: new Float64Array(0), x: new Float64Array(0) }, dropped: [] };
  const counts = new Map<string, number>();
  for (const part of parts) for (const code of new Set(part.unit.items)) counts.set(code, (counts.get(code) ?? 0) + 1);
  const dropped = [...counts].filter(([, n]) => n < parts.length).map(([code]) => code).sort();
  const drop = new Set(dropped);
  const first = parts[0];
  const position = new Map<string, number>();
  const items: Item[] = [];
  for (const code of first.unit.items) {
    if (drop.has(code) || position.has(code)) continue;
    const item = first.items.get(code);
    if (!item) throw new AnswersCodecError(`unit ${first.unit.code}: item ${code} is not in the submission's framework`);
    position.set(code, items.length);
    items.push(item);
  }
  const J = items.length;
  const n = parts.reduce((s, p) => s + p.unit.n, 0);
  // Every cell is written (each pooled item is in every part); NaN as poolResponses starts, all the same.
  const x = new Float64Array(n * J).fill(NaN);
  const weights = new Float64Array(n);
  let row = 0;
  for (const part of parts) {
    const columns = part.unit.items.map((code) => position.get(code) ?? -1);
    decodeUnitInto(part.bytes, part.unit, { x, J, weights, row, columns });
    row += part.unit.n;
  }
  return { coded: { items, n, weights, x }, dropped };
}
