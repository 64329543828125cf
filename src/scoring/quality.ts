/**
 * Interview-quality signals (methodology.md §10): warnings, never changes to
 * scores. Pure functions over what ingest keeps: the coded answers and, for
 * straight-lining, a per-row tally of the scale codes as typed.
 */
import type { Item } from '../framework/schema.js';
import { parseDecimal, type RawAnswer } from './coding.js';
import type { CodedResponses } from './types.js';

/** A respondent needs at least this many scale answers to be called a straight-liner. */
export const STRAIGHT_LINE_MIN_ITEMS = 20;
/** Two respondents must share at least this many answered items to be compared… */
export const DUPLICATE_MIN_SHARED = 40;
/** …and agree on at least 95% of them: shared ≥ 20·disagreements, in integers. */
const DISAGREEMENT_FACTOR = 20;
/** Above this many respondents in a unit only exact duplicates are looked for (the pairwise check is quadratic). */
export const PAIRWISE_MAX_RESPONDENTS = 5000;

/** Filter questions (an empty sub-dimension) are asked, never scored, and take no part in §10. */
export const takesPartInQuality = (item: Item): boolean => item.subdimension !== '';

/**
 * Per row, the scale answers as typed: how many were answered (a valid code or
 * a zero code; blank, missing codes and invalid answers are not answers) and the
 * one code all of them share (NaN once two differ). Filled by ingest row by row.
 */
export class ScaleTally {
  readonly answered: number[] = [];
  readonly sameCode: number[] = [];
  /** Positions (in the item list) of the scale items that count. */
  readonly scaleItems: number[];
  constructor(items: readonly Item[]) {
    this.scaleItems = items.flatMap((item, j) => (item.type === 'scale' && takesPartInQuality(item) ? [j] : []));
  }

  /** One row: item j's answer as typed is values[columns[j]]; coded[base + j] ≥ 0 marks an answer. */
  observe(values: readonly RawAnswer[], columns: readonly number[], coded: Float64Array, base: number): void {
    let answered = 0;
    let same = NaN;
    const length = values.length;
    for (const j of this.scaleItems) {
      if (!(coded[base + j] >= 0)) continue;
      const c = columns[j];
      const v = c < length ? values[c] : undefined; // in bounds: trailing blanks are not in the array
      const a = typeof v === 'number' ? v : typeof v === 'string' ? parseDecimal(v) : null;
      if (a === null) continue;
      if (answered === 0) same = a;
      else if (a !== same) same = NaN;
      answered++;
    }
    this.answered.push(answered);
    this.sameCode.push(answered === 0 ? NaN : same);
  }
}

export interface StraightLiner {
  row: number;
  answered: number;
  code: number;
}

/** Rows (indices into the tally) whose ≥ 20 scale answers all carry the same code. */
export function straightLiners(tally: { answered: ArrayLike<number>; sameCode: ArrayLike<number> }, rows: ArrayLike<number>): StraightLiner[] {
  const found: StraightLiner[] = [];
  for (let r = 0; r < rows.length; r++) {
    const i = rows[r];
    const code = tally.sameCode[i];
    if (tally.answered[i] >= STRAIGHT_LINE_MIN_ITEMS && !Number.isNaN(code)) found.push({ row: i, answered: tally.answered[i], code });
  }
  return found;
}

export interface DuplicatePair {
  /** Indices into the coded responses: earlier < later. */
  earlier: number;
  later: number;
  shared: number;
  agree: number;
}

export interface DuplicateSearch {
  /** The first MAX_LISTED_PAIRS pairs, in the order found (by later row, then earlier). */
  pairs: DuplicatePair[];
  /**
   * Every pair, listed or not, up to MAX_LISTED_PAIRS; past that, a later row stops at its
   * first match (`pairCountCapped`), so a file of copies costs n·J, not n²·J.
   */
  pairCount: number;
  pairCountCapped: boolean;
  /** Respondents at the later end of at least one pair. */
  flaggedRows: number;
  method: 'pairwise' | 'exact';
}

/**
 * Pairs kept beyond this are counted, not listed: 5,000 copies of one form are
 * 12.5 million pairs, and only 1,000 warnings of a code are shown anyway.
 */
export const MAX_LISTED_PAIRS = 10_000;

/**
 * The coded answers of `rows` as small integers, one Uint16 per item that takes
 * part: 0 = not answered (blank, missing, invalid), else 1 + the rank of the
 * coded value among that item's distinct values. Equal coded answers get equal
 * integers, so agreement is an integer compare.
 */
function denseCodes(coded: CodedResponses, rows: ArrayLike<number>): { codes: Uint16Array; width: number; answered: Int32Array } {
  const J = coded.items.length;
  const n = rows.length;
  const x = coded.x;
  // One pass per item: each answer's id (first-seen order) and the count of each id. A linear search
  // over the few distinct values an item has, a Map only past LINEAR_MAX of them (a Map per cell was
  // most of this function's time in the upload profile).
  const LINEAR_MAX = 32;
  const columns: { j: number; spread: number; ids: Uint16Array }[] = [];
  const values = new Float64Array(LINEAR_MAX);
  for (let j = 0; j < J; j++) {
    if (!takesPartInQuality(coded.items[j])) continue;
    const ids = new Uint16Array(n);
    const counts: number[] = [];
    let size = 0;
    let map: Map<number, number> | undefined;
    let answered = 0;
    for (let r = 0; r < n; r++) {
      const v = x[rows[r] * J + j];
      if (!(v >= 0)) continue;
      answered++;
      let id = 0;
      if (map) id = map.get(v) ?? 0;
      else {
        for (let d = 0; d < size; d++) {
          if (values[d] === v) {
            id = d + 1;
            break;
          }
        }
      }
      if (id === 0) {
        // 65,535 distinct values of one item among the respondents of one unit: the
        // rest share the last id, which can only make agreement look higher (a warning, never a score).
        id = Math.min(size + 1, 0xffff);
        if (!map && size === LINEAR_MAX) {
          map = new Map();
          for (let d = 0; d < size; d++) map.set(values[d], d + 1);
        }
        if (map) map.set(v, id);
        else values[size] = v;
        size++;
        counts[id - 1] = 0;
      }
      counts[id - 1]++;
      ids[r] = id;
    }
    let spread = 0;
    if (answered > 0) {
      let same = 0;
      for (const c of counts) same += (c / answered) ** 2;
      // P(both answered and they differ), for two respondents drawn at random.
      spread = (answered / n) ** 2 * (1 - same);
    }
    columns.push({ j, spread, ids });
  }
  // The items most likely to tell two respondents apart come first, so comparePair
  // gives up on an ordinary pair after fewer items; the order changes no count.
  columns.sort((a, b) => b.spread - a.spread || a.j - b.j);
  const width = columns.length;
  const codes = new Uint16Array(n * width);
  const answered = new Int32Array(n);
  for (let k = 0; k < width; k++) {
    const ids = columns[k].ids;
    for (let r = 0; r < n; r++) {
      const id = ids[r];
      if (id === 0) continue;
      codes[r * width + k] = id;
      answered[r]++;
    }
  }
  return { codes, width, answered };
}

/**
 * Shared items and disagreements of two rows, packed as shared·65536 + disagreements,
 * or −1 as soon as 20·disagreements exceeds `bound` (≥ the shared count they can
 * reach), when no 95% agreement is possible: on real answers that is after a
 * dozen items. A small function of its own so V8 optimises the hot loop early.
 */
function comparePair(codes: Uint16Array, rowA: number, rowB: number, width: number, bound: number): number {
  let shared = 0;
  let disagree = 0;
  for (let k = 0; k < width; k++) {
    const ca = codes[rowA + k];
    const cb = codes[rowB + k];
    if (ca === 0 || cb === 0) continue;
    shared++;
    if (ca !== cb) {
      disagree++;
      if (DISAGREEMENT_FACTOR * disagree > bound) return -1;
    }
  }
  return shared * 65536 + disagree;
}

/**
 * Pairs of respondents (within one unit: `rows`) whose coded answers agree on at
 * least 95% of the items both answered, with at least 40 such items. Each pair
 * once, earlier row first. Above 5,000 respondents only exact duplicates.
 */
export function nearDuplicates(coded: CodedResponses, rows: ArrayLike<number>, pairwiseMax = PAIRWISE_MAX_RESPONDENTS): DuplicateSearch {
  const n = rows.length;
  const pairs: DuplicatePair[] = [];
  let pairCount = 0;
  let flaggedRows = 0;
  const found = (pair: DuplicatePair) => {
    if (pairCount++ < MAX_LISTED_PAIRS) pairs.push(pair);
  };
  if (n > pairwiseMax) {
    // Exact duplicates: a hash of each row's coded answers, then an exact compare within
    // a bucket. Linear in n·J, with no per-cell map or string (a national file is one pass).
    const columns = coded.items.flatMap((item, j) => (takesPartInQuality(item) ? [j] : []));
    const J = coded.items.length;
    const x = coded.x;
    const bits = new Uint32Array(2);
    const float = new Float64Array(bits.buffer);
    const buckets = new Map<number, number[]>();
    const sameAnswers = (a: number, b: number) => {
      for (const j of columns) {
        const xa = x[a * J + j];
        const xb = x[b * J + j];
        // NaN (missing) and INVALID both mean "not answered".
        if (xa >= 0 || xb >= 0 ? xa !== xb : false) return false;
      }
      return true;
    };
    for (let r = 0; r < n; r++) {
      const i = rows[r];
      let answered = 0;
      let h = 0x811c9dc5;
      for (const j of columns) {
        const v = x[i * J + j];
        if (v >= 0) {
          answered++;
          float[0] = v;
          h = Math.imul(h ^ bits[0], 0x01000193);
          h = Math.imul(h ^ bits[1], 0x01000193);
        } else h = Math.imul(h ^ 0x9e3779b9, 0x01000193);
        h = Math.imul(h ^ j, 0x01000193);
      }
      if (answered < DUPLICATE_MIN_SHARED) continue;
      const bucket = buckets.get(h);
      const earlier = bucket?.find((e) => sameAnswers(e, i));
      if (earlier === undefined) {
        if (bucket) bucket.push(i);
        else buckets.set(h, [i]);
      } else {
        // Each copy pairs with the first of its kind: k copies are k − 1 pairs, linear however many.
        found({ earlier, later: i, shared: answered, agree: answered });
        flaggedRows++;
      }
    }
    return { pairs, pairCount, pairCountCapped: false, flaggedRows, method: 'exact' };
  }
  const { codes, width, answered } = denseCodes(coded, rows);
  for (let b = 1; b < n; b++) {
    const nb = answered[b];
    if (nb < DUPLICATE_MIN_SHARED) continue;
    const before = pairCount;
    for (let a = 0; a < b; a++) {
      const na = answered[a];
      if (na < DUPLICATE_MIN_SHARED) continue;
      const packed = comparePair(codes, a * width, b * width, width, na < nb ? na : nb);
      if (packed < 0) continue;
      const shared = packed >>> 16;
      const disagree = packed & 0xffff;
      if (shared >= DUPLICATE_MIN_SHARED && shared >= DISAGREEMENT_FACTOR * disagree) {
        found({ earlier: rows[a], later: rows[b], shared, agree: shared - disagree });
        if (pairCount > MAX_LISTED_PAIRS) break; // the list is full: this row is flagged, enough
      }
    }
    if (pairCount > before) flaggedRows++;
  }
  return { pairs, pairCount, pairCountCapped: pairCount > MAX_LISTED_PAIRS, flaggedRows, method: 'pairwise' };
}
