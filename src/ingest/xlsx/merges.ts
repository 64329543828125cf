import { xlsxError } from './errors.js';
import { columnOf, rowOf } from './cellRef.js';
import { attribute } from './xmlText.js';
import type { ZipArchive } from './zip.js';

/** Cells covered by merges, beyond which a sheet is refused (exceljs would make a cell object for each). */
const MAX_MERGED_CELLS = 1_000_000;

/** Row → the columns of that row covered by a merge but not its first (top-left) cell. */
export type MergedCells = Map<number, number[]>;

const NEEDLE = Buffer.from('<mergeCell');

/**
 * Excel writes <mergeCells> after <sheetData>, but a row must say which of its
 * cells are merged when it is yielded. So this first pass inflates the sheet and
 * only looks for that element with a native byte search (no decoding), keeping
 * the bytes from it to the end. It costs one more inflate of the sheet.
 */
export async function readMerges(zip: ZipArchive, part: string): Promise<MergedCells> {
  const tail: Buffer[] = [];
  let carry: Buffer = Buffer.alloc(0);
  for await (const chunk of zip.chunks(part)) {
    const buf = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    if (tail.length) {
      tail.push(buf);
      continue;
    }
    const joined = carry.length ? Buffer.concat([carry, buf]) : buf;
    const at = joined.indexOf(NEEDLE);
    if (at >= 0) tail.push(joined.subarray(at));
    else carry = Buffer.from(joined.subarray(Math.max(0, joined.length - NEEDLE.length)));
  }
  if (!tail.length) return new Map();
  const xml = Buffer.concat(tail).toString('utf8');
  return mergesFromRefs([...xml.matchAll(/<(?:\w+:)?mergeCell\b[^>]*>/g)].map(([tag]) => attribute(tag, 'ref')), part);
}

/** The covered cells of merges given by their refs ("B6:D6"), with the same cap as readMerges. */
export function mergesFromRefs(refs: Iterable<string | undefined>, part: string): MergedCells {
  const merged: MergedCells = new Map();
  let cells = 0;
  for (const ref of refs) {
    if (!ref) continue;
    const [from, to = from] = ref.split(':');
    const r1 = rowOf(from), c1 = columnOf(from), r2 = rowOf(to), c2 = columnOf(to);
    if (!r1 || !c1 || r2 < r1 || c2 < c1) continue;
    cells += (r2 - r1 + 1) * (c2 - c1 + 1);
    if (cells > MAX_MERGED_CELLS) throw xlsxError('too-many-cells.merges', { part, limit: MAX_MERGED_CELLS });
    for (let r = r1; r <= r2; r++) {
      let cols = merged.get(r);
      if (!cols) merged.set(r, (cols = []));
      for (let c = c1; c <= c2; c++) if (r !== r1 || c !== c1) cols.push(c);
    }
  }
  for (const [r, cols] of merged) merged.set(r, [...new Set(cols)].sort((a, b) => a - b));
  return merged;
}
