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

/** One item's answers as denseCodes numbers them: ids[r] for row r (0 = not answered), ids 1..distinct. */
interface DenseColumn {
  ids: Uint16Array;
  distinct: number;
}

/**
 * The coded answers of `rows` as small integers, one Uint16 per item that takes
 * part: 0 = not answered (blank, missing, invalid), else 1 + the rank of the
 * coded value among that item's distinct values. Equal coded answers get equal
 * integers, so agreement is an integer compare.
 */
function denseCodes(coded: CodedResponses, rows: ArrayLike<number>): { codes: Uint16Array; width: number; answered: Int32Array; columns: DenseColumn[] } {
  const J = coded.items.length;
  const n = rows.length;
  const x = coded.x;
  // One pass per item: each answer's id (first-seen order) and the count of each id. A linear search
  // over the few distinct values an item has, a Map only past LINEAR_MAX of them (a Map per cell was
  // most of this function's time in the upload profile).
  const LINEAR_MAX = 32;
  const columns: (DenseColumn & { j: number; spread: number })[] = [];
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
    columns.push({ j, spread, ids, distinct: Math.min(size, 0xffff) });
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
  return { codes, width, answered, columns };
}

/** Items with more distinct answers than this take no part in the filter (a bitset per answer would be n·distinct bits). */
const FILTER_MAX_DISTINCT = 16;

/**
 * Before the exact comparison, a filter that drops, for row b, every earlier row
 * that disagrees with it on at least `reach` items, counting 32 rows at a time:
 * for each item, a bitset per answer of the rows that answered it otherwise
 * (`ne`), and per row b one counter per earlier row, bit-sliced across `planes`
 * Int32 words, so one item costs a few word operations per 32 rows. A counter
 * starts at 2^P − reach and a row is dropped when its counter carries out of the
 * top plane. reach = ⌊most answers of any row / 20⌋ + 1: such a pair has
 * 20·disagreements > any shared count, so nothing that could qualify is dropped;
 * skipping an item (b did not answer it, or it has many distinct answers) only
 * counts fewer disagreements. What survives (near-duplicates and a few more) is
 * compared exactly. Replaces a pair-by-pair early-exit search that cost about
 * n²/2 · 10 branchy compares (5–6 ms for 300 respondents, 1.5 s for 5,000).
 */
class DisagreementFilter {
  private readonly words: number;
  private readonly items: { ne: Int32Array; ids: Uint16Array }[] = [];
  private readonly planeCount: number;
  private readonly planes: Int32Array;
  private readonly start: number;
  private readonly dead: Int32Array;
  private readonly active: Int32Array;
  /** Rows with at least DUPLICATE_MIN_SHARED answers, as a bitset. */
  private readonly eligible: Int32Array;

  constructor(columns: readonly DenseColumn[], answered: Int32Array, reach: number) {
    const n = answered.length;
    const W = (n + 31) >>> 5;
    this.words = W;
    this.eligible = new Int32Array(W);
    for (let r = 0; r < n; r++) if (answered[r] >= DUPLICATE_MIN_SHARED) this.eligible[r >>> 5] |= 1 << (r & 31);
    for (const { ids, distinct } of columns) {
      if (distinct === 0 || distinct > FILTER_MAX_DISTINCT) continue;
      // ne[(id − 1)·W + w]: rows of word w that answered and gave an answer other than id:
      // the rows that answered, less those that gave id.
      const ne = new Int32Array(distinct * W);
      const answeredBits = new Int32Array(W);
      for (let r = 0; r < n; r++) {
        const id = ids[r];
        if (id === 0) continue;
        const bit = 1 << (r & 31);
        answeredBits[r >>> 5] |= bit;
        ne[(id - 1) * W + (r >>> 5)] |= bit;
      }
      for (let v = 0; v < distinct; v++) for (let w = 0; w < W; w++) ne[v * W + w] = answeredBits[w] & ~ne[v * W + w];
      this.items.push({ ne, ids });
    }
    let planeCount = 1;
    while (2 ** planeCount < reach) planeCount++;
    this.planeCount = planeCount;
    this.start = 2 ** planeCount - reach;
    this.planes = new Int32Array(planeCount * W);
    this.dead = new Int32Array(W);
    this.active = new Int32Array(W);
  }

  /** The eligible rows a < b not dropped for b, ascending, into `out`; their number. */
  survivors(b: number, out: Int32Array): number {
    const W = this.words;
    const { planes, dead, active, planeCount, start } = this;
    const wordsBelow = (b + 31) >>> 5;
    let count = 0;
    for (let w = 0; w < wordsBelow; w++) {
      const lanes = (w + 1) * 32 <= b ? -1 : (1 << (b - w * 32)) - 1;
      dead[w] = ~(this.eligible[w] & lanes);
      for (let p = 0; p < planeCount; p++) planes[p * W + w] = (start >>> p) & 1 ? -1 : 0;
      if (dead[w] !== -1) active[count++] = w;
    }
    for (let k = 0; k < this.items.length && count > 0; k++) {
      const { ne, ids } = this.items[k];
      const id = ids[b];
      if (id === 0) continue; // b did not answer: no pair shares this item
      const base = (id - 1) * W;
      let kept = 0;
      for (let i = 0; i < count; i++) {
        const w = active[i];
        let carry = ne[base + w] & ~dead[w];
        for (let p = 0, at = w; p < planeCount && carry !== 0; p++, at += W) {
          const next = planes[at] & carry;
          planes[at] ^= carry;
          carry = next;
        }
        const d = dead[w] | carry;
        dead[w] = d;
        if (d !== -1) active[kept++] = w;
      }
      count = kept;
    }
    let found = 0;
    for (let w = 0; w < wordsBelow; w++) {
      for (let alive = ~dead[w]; alive !== 0; alive &= alive - 1) out[found++] = w * 32 + 31 - Math.clz32(alive & -alive);
    }
    return found;
  }
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
  const { codes, width, answered, columns } = denseCodes(coded, rows);
  let most = 0;
  for (let r = 0; r < n; r++) if (answered[r] > most) most = answered[r];
  if (most < DUPLICATE_MIN_SHARED) return { pairs, pairCount, pairCountCapped: false, flaggedRows, method: 'pairwise' };
  const filter = new DisagreementFilter(columns, answered, Math.floor(most / DISAGREEMENT_FACTOR) + 1);
  const candidates = new Int32Array(n);
  for (let b = 1; b < n; b++) {
    const nb = answered[b];
    if (nb < DUPLICATE_MIN_SHARED) continue;
    const before = pairCount;
    // Once the list is full a row stops at its first match: earlier rows one by one from the first, so a
    // file of copies costs n·J from here (the filter would keep every copy and cost n²·J/32).
    const full = pairCount > MAX_LISTED_PAIRS;
    const count = full ? b : filter.survivors(b, candidates);
    for (let i = 0; i < count; i++) {
      const a = full ? i : candidates[i];
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
