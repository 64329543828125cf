import { xlsxError } from './errors.js';
import { columnOf, rowOf } from './cellRef.js';
import { attribute } from './xmlText.js';
import { ascii, indexOfBytes } from './bytes.js';
import { unprefixedChunks } from './package.js';
import type { ZipArchive } from './zip.js';

/** Cells covered by merges, beyond which a sheet is refused (exceljs would make a cell object for each). */
const MAX_MERGED_CELLS = 1_000_000;

/** Row → the columns of that row covered by a merge but not its first (top-left) cell. */
export type MergedCells = Map<number, number[]>;

const NEEDLE = ascii('<mergeCell');

/**
 * Excel writes <mergeCells> after <sheetData>, but a row must say which of its
 * cells are merged when it is yielded. So this first pass inflates the sheet and
 * only looks for that element with a native byte search (no decoding), keeping
 * the bytes from it to the end. It costs one more inflate of the sheet.
 */
export async function readMerges(zip: ZipArchive, part: string): Promise<MergedCells> {
  const tail: Uint8Array[] = [];
  let carry: Uint8Array = new Uint8Array(0);
  for await (const buf of unprefixedChunks(zip.chunks(part), part)) {
    if (tail.length) {
      tail.push(buf);
      continue;
    }
    // The needle may straddle two chunks: look at the previous chunk's last bytes joined to this one's first,
    // then search this chunk itself (no copy of it).
    const edge = carry.length ? join([carry, buf.subarray(0, NEEDLE.length - 1)]) : carry;
    const atEdge = edge.length ? indexOfBytes(edge, NEEDLE, 0) : -1;
    if (atEdge >= 0) {
      tail.push(edge.subarray(atEdge, carry.length), buf);
      continue;
    }
    const at = indexOfBytes(buf, NEEDLE, 0);
    if (at >= 0) tail.push(buf.subarray(at));
    else carry = buf.slice(Math.max(0, buf.length - (NEEDLE.length - 1)));
  }
  if (!tail.length) return new Map();
  const xml = new TextDecoder().decode(join(tail));
  return mergesFromRefs([...xml.matchAll(/<mergeCell\b[^>]*>/g)].map(([tag]) => attribute(tag, 'ref')), part);
}

function join(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
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
