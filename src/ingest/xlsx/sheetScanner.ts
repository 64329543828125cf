import { reason } from '../../diagnostics/reasons.js';
import type { RawAnswer } from '../../scoring/coding.js';
import type { SheetRow } from '../source.js';
import { ascii, latin1, utf8 } from './bytes.js';
import { excelDate } from './cellRef.js';
import { corrupt, doctype } from './errors.js';
import type { MergedCells } from './merges.js';
import { isNameChar } from './sharedStrings.js';
import type { ByteWindow } from './window.js';
import { attribute, attributeIn, cdataOrText, decodeEntities, runText } from './xmlText.js';

export interface SheetContext {
  part: string;
  sharedStrings: string[];
  dateStyles: boolean[];
  date1904: boolean;
  /** The shared strings part's name, for messages. */
  sharedStringsPart?: string;
  /** The sheet's merges, when read before its rows (readMerges); see `lateMerges`. */
  merged: MergedCells;
  /**
   * The merges were not read first: collect the <mergeCell ref> elements Excel
   * writes after <sheetData> into `lateMerges` instead. Rows then come out as if
   * the sheet had no merges; whoever reads them must read again if any turn up.
   */
  collectMerges?: boolean;
}

const LT = 60;
const GT = 62;
const SLASH = 47;

// t="…" of a cell, as small numbers so the per-cell work compares integers.
const T_NUMBER = 0; // absent, "n" or anything unknown: a number (exceljs does the same)
const T_SHARED = 1;
const T_STR = 2;
const T_INLINE = 3;
const T_BOOL = 4;
const T_ERROR = 5;
const T_DATE = 6;

type Bytes = Uint8Array;

/** Index of byte `c` in b[from, to), or -1. */
function findByte(b: Bytes, c: number, from: number, to: number): number {
  for (let i = from; i < to; i++) if (b[i] === c) return i;
  return -1;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

/**
 * Index of `</x>` (the end tag named by the bytes of `name`, with the optional
 * whitespace before '>' XML allows) in b[from, to), or -1. The tag ends at the
 * next '>' after the returned index.
 */
function findClose(b: Bytes, name: Uint8Array, from: number, to: number): number {
  const m = name.length;
  for (let i = from; i + m + 2 < to + 1; i++) {
    if (b[i] !== LT || b[i + 1] !== SLASH) continue;
    let k = 0;
    while (k < m && b[i + 2 + k] === name[k]) k++;
    if (k !== m) continue;
    let j = i + 2 + m;
    while (j < to && isSpace(b[j])) j++;
    if (j < to && b[j] === GT) return i;
  }
  return -1;
}

/** Index of the byte sequence `seq` in b[from, to), or -1. */
function findSeq(b: Bytes, seq: Uint8Array, from: number, to: number): number {
  const m = seq.length;
  for (let i = from; i + m <= to; i++) {
    let k = 0;
    while (k < m && b[i + k] === seq[k]) k++;
    if (k === m) return i;
  }
  return -1;
}

function startsWithBytes(b: Bytes, at: number, seq: Uint8Array): boolean {
  for (let k = 0; k < seq.length; k++) if (b[at + k] !== seq[k]) return false;
  return true;
}

const F = ascii('f');
const V = ascii('v');
const IS = ascii('is');
const ROW = ascii('row');
const MERGE_CELL = ascii('mergeCell');
const COMMENT = ascii('<!--');
const COMMENT_END = ascii('-->');
const CDATA = ascii('<![CDATA[');
const CDATA_END = ascii(']]>');
/** plainCell's answer when the cell is not the plain kind: cell() reads it. */
const NOT_PLAIN = -2;
/** Rows wider than this grow their array as they go instead (no huge allocation from one wide row). */
const MAX_WIDTH_HINT = 1024;
const POW10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

/**
 * The xsd:double lexical form a <v> may hold (ECMA-376 §18.3.1.96; XML Schema
 * §3.2.5, surrounding whitespace collapsed): digits with an optional sign,
 * fraction and exponent. INF and NaN are not answers, and neither is "0x10",
 * "1,5" or a blank: those are not numbers as the file stores them.
 */
const XSD_NUMBER = /^[ \t\r\n]*[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?[ \t\r\n]*$/;

/**
 * Number(text) of b[from, to) without making the string when it is plain
 * (an optional minus, at most 15 digits, an optional fraction): both operands of
 * the one division are exact, so the result is the correctly rounded value,
 * as Number() gives. Anything else is checked against the xsd:double grammar
 * and converted by Number(); NaN when it does not follow it.
 */
function numberAt(b: Bytes, from: number, to: number): number {
  let i = from;
  const negative = b[i] === 45; /* - */
  if (negative) i++;
  let n = 0;
  let digits = 0;
  let scale = 0;
  let seenDot = false;
  for (; i < to; i++) {
    const d = b[i] - 48;
    if (d >= 0 && d <= 9) {
      n = n * 10 + d;
      digits++;
      if (seenDot) scale++;
    } else if (b[i] === 46 /* . */ && !seenDot) seenDot = true;
    else return strictNumber(utf8(b, from, to));
  }
  if (digits === 0 || digits > 15 || (seenDot && scale === 0)) return strictNumber(utf8(b, from, to));
  const x = scale ? n / POW10[scale] : n;
  return negative ? -x : x;
}

function strictNumber(text: string): number {
  return XSD_NUMBER.test(text) ? Number(text) : NaN;
}

/**
 * Handles a `<!` or `<?` construct at `lt`: returns the index after it, or -1
 * when the bytes end first. A DOCTYPE or ENTITY declaration throws.
 */
function skipMarkupBytes(b: Bytes, lt: number, n: number, part: string): number {
  if (startsWithBytes(b, lt, COMMENT)) {
    const end = findSeq(b, COMMENT_END, lt + 4, n);
    return end < 0 ? -1 : end + 3;
  }
  if (startsWithBytes(b, lt, CDATA)) {
    const end = findSeq(b, CDATA_END, lt + 9, n);
    return end < 0 ? -1 : end + 3;
  }
  if (b[lt + 1] === 33 /* ! */) {
    if (n - lt < 9) return -1; // cannot tell yet which declaration this is
    const word = latin1(b, lt + 2, lt + 9).toUpperCase();
    if (word.startsWith('DOCTYPE') || word.startsWith('ENTITY')) throw doctype(part);
    throw corrupt(part, reason('xml-declaration'));
  }
  const end = findByte(b, GT, lt, n);
  return end < 0 ? -1 : end + 1;
}

/**
 * A single pass over a sheet's XML bytes, window by window: <row> and <c> start
 * tags, and inside a cell only <f>, <v> and <is>. Numbers are parsed from the
 * bytes; only string cells are decoded. Rows come out in the shape exceljs gives
 * them (see source.ts): formulas as their cached value, dates as Date, merged
 * non-first cells left out and listed, rows without any value skipped.
 */
export class SheetScanner {
  private row: SheetRow | null = null;
  private rowHasValue = false;
  private lastRow = 0;
  private lastCol = 0;
  /** Highest column given a value in the current row: the row's values end there. */
  private maxCol = 0;
  /** Length of the last row's values: the next row's array is allocated that long at once. */
  private widthHint = 0;
  private mergedHere: number[] | undefined;
  private readonly hasDates: boolean;
  /** Row numbers holding merged non-first cells, ascending, and the next one not yet passed. */
  private readonly mergeRows: number[];
  private nextMerge = 0;
  /** The refs of <mergeCell> elements met while scanning, when ctx.collectMerges. */
  readonly lateMerges: string[] = [];
  /** Rows recognised, and <row>/<c> look-alikes that were not (an unbound prefix: `<q:row>`). */
  private rowsSeen = 0;
  private foreignRowsOrCells = 0;
  /** The root element's name as written (after the prefix rewrite), and whether its end tag came. */
  private root: Uint8Array | null = null;
  private rootClosed = false;

  constructor(private readonly ctx: SheetContext) {
    this.hasDates = ctx.dateStyles.some(Boolean);
    this.mergeRows = [...ctx.merged].filter(([, cols]) => cols.length).map(([r]) => r).sort((a, b) => a - b);
  }

  /** Consumes the complete elements of the window, appending finished rows to `out`. */
  scan(w: ByteWindow, out: SheetRow[]): void {
    const b = w.buf;
    const n = w.end; // zero padding follows (window.ts), so lookahead past n reads zeros
    let i = w.pos;
    for (;;) {
      let lt = i;
      while (lt < n && b[lt] !== LT) lt++;
      if (lt >= n) {
        i = n;
        break;
      }
      const c1 = b[lt + 1];
      if (c1 === 99 /* c */ && !isNameChar(b[lt + 2])) {
        let after = this.plainCell(b, lt, n);
        if (after === NOT_PLAIN) after = this.cell(b, lt, n);
        if (after < 0) break;
        i = after;
        continue;
      }
      if (c1 === 114 /* r */ && startsWithBytes(b, lt + 1, ROW) && !isNameChar(b[lt + 4])) {
        const gt = findByte(b, GT, lt, n);
        if (gt < 0) break;
        this.startRow(latin1(b, lt, gt + 1));
        if (b[gt - 1] === SLASH /* <row …/> */) this.endRow(out);
        i = gt + 1;
        continue;
      }
      if (c1 === SLASH) {
        const gt = findByte(b, GT, lt, n);
        if (gt < 0) break;
        if (startsWithBytes(b, lt + 2, ROW) && !isNameChar(b[lt + 5])) this.endRow(out);
        else if (this.root && startsWithBytes(b, lt + 2, this.root) && !isNameChar(b[lt + 2 + this.root.length])) this.rootClosed = true;
        i = gt + 1;
        continue;
      }
      if (c1 === 33 /* ! */ || c1 === 63 /* ? */) {
        const after = skipMarkupBytes(b, lt, n, this.ctx.part);
        if (after < 0) break;
        i = after;
        continue;
      }
      const gt = findByte(b, GT, lt, n);
      if (gt < 0) break;
      if (c1 === 109 /* m */ && this.ctx.collectMerges && startsWithBytes(b, lt + 1, MERGE_CELL) && !isNameChar(b[lt + 10]))
        this.lateMerges.push(attribute(utf8(b, lt, gt + 1), 'ref') ?? '');
      else this.otherStartTag(b, lt, gt);
      i = gt + 1;
    }
    // An element the window cut starts after i; it is scanned again with the next bytes.
    w.pos = i;
    if (w.done) {
      // Left-over bytes holding markup are an element the part never finished.
      if (findByte(b, LT, i, n) >= 0) throw corrupt(this.ctx.part, reason('xml-cut-in-element'));
      if (!this.root) throw corrupt(this.ctx.part, reason('xml-empty'));
      if (!this.rootClosed) throw corrupt(this.ctx.part, reason('xml-cut-before-close', { element: latin1(this.root, 0, this.root.length) }));
      this.finish(out);
    }
  }

  /**
   * Any other start tag: the first is the root (its end tag must come before the
   * part ends); a prefixed `row` or `c` is one the prefix rewrite did not know
   * (its prefix is not bound to SpreadsheetML on the root).
   */
  private otherStartTag(b: Bytes, lt: number, gt: number): void {
    let e = lt + 1;
    while (e < gt && isNameChar(b[e])) e++;
    if (!this.root) {
      this.root = b.slice(lt + 1, e);
      return;
    }
    const colon = findByte(b, 58 /* : */, lt + 1, e);
    if (colon < 0) return;
    const local = e - colon - 1;
    if ((local === 3 && startsWithBytes(b, colon + 1, ROW)) || (local === 1 && b[colon + 1] === 99)) this.foreignRowsOrCells++;
  }

  /** After the whole part, when no row was recognised: how many row and cell elements are in an unknown namespace. */
  unrecognisedElements(): number | undefined {
    return this.rowsSeen > 0 || this.foreignRowsOrCells === 0 ? undefined : this.foreignRowsOrCells;
  }

  /** Rows that only merges make (exceljs creates a cell for every merged cell), before row `upTo`. */
  private flushMergeRows(upTo: number, out: SheetRow[]): void {
    const rows = this.mergeRows;
    while (this.nextMerge < rows.length && rows[this.nextMerge] < upTo) {
      const r = rows[this.nextMerge++];
      if (r > this.lastRow) out.push({ number: r, values: [], formulaColumns: [], hidden: false, mergedColumns: [...this.ctx.merged.get(r)!] });
    }
    if (rows[this.nextMerge] === upTo) this.nextMerge++;
  }

  private startRow(tag: string): void {
    const r = attributeIn(tag, 0, tag.length, 'r');
    const number = r === undefined ? this.lastRow + 1 : Number(r);
    if (!Number.isInteger(number) || number < 1 || number > 1_048_576 || (r !== undefined && !/^\s*\d+\s*$/.test(r)))
      throw corrupt(this.ctx.part, reason('sheet-row-number', { row: r ?? '' }));
    this.rowsSeen++;
    const hidden = attributeIn(tag, 0, tag.length, 'hidden');
    // Grown one cell at a time, a 130-cell row's array was reallocated five times
    // (most of ingest's garbage); sized like the last row, it is allocated once
    // and cut to its real length at the row's end (endRow).
    this.row = { number, values: this.widthHint > 0 ? new Array<RawAnswer>(this.widthHint) : [], formulaColumns: [], hidden: hidden === '1' || hidden === 'true' };
    this.rowHasValue = false;
    this.lastCol = 0;
    this.maxCol = 0;
    this.mergedHere = this.ctx.merged.get(number);
  }

  private endRow(out: SheetRow[]): void {
    const row = this.row;
    if (!row) return;
    this.flushMergeRows(row.number, out);
    // The values end at the last cell given one, as when the array grew cell by cell.
    if (row.values.length !== this.maxCol + 1) row.values.length = this.rowHasValue ? this.maxCol + 1 : 0;
    if (this.rowHasValue) this.widthHint = Math.min(row.values.length, MAX_WIDTH_HINT);
    const merged = this.mergedHere;
    if (this.rowHasValue || (merged !== undefined && merged.length > 0)) {
      row.mergedColumns = merged === undefined || merged.length === 0 ? [] : [...merged];
      out.push(row);
    }
    this.lastRow = row.number;
    this.row = null;
  }

  private finish(out: SheetRow[]): void {
    if (this.row) this.endRow(out);
    this.flushMergeRows(Infinity, out);
  }

  /**
   * The cell nearly every writer writes for an answer, `<c r="B7" s="1" t="s"><v>12</v></c>`
   * (attributes r, s and t only, each once at most, double-quoted, single spaces; a <v> of
   * 1–15 digits; no formula, no date style, no merge), read in a small function of its
   * own: V8 compiles it in a millisecond and early, while the general cell() below is
   * still being compiled, and it never meets a type it has not seen. Anything else
   * returns NOT_PLAIN before recording anything, and cell() reads the cell from the
   * start; what it records for a plain cell is what cell() would.
   */
  private plainCell(b: Bytes, lt: number, n: number): number {
    let i = lt + 2;
    let col = 0;
    let shared = false;
    let style = -1;
    let seen = 0; // bit per attribute: a repeated one is cell()'s to handle
    while (b[i] === 32) {
      const name = b[i + 1];
      if (b[i + 2] !== 61 /* = */ || b[i + 3] !== 34 /* " */) return NOT_PLAIN;
      let k = i + 4;
      if (name === 114 /* r */ && (seen & 1) === 0) {
        seen |= 1;
        for (; k < n; k++) {
          const code = b[k] | 32;
          if (code < 97 || code > 122) break;
          col = col * 26 + (code - 96);
        }
        while (k < n && b[k] >= 48 && b[k] <= 57) k++;
      } else if (name === 116 /* t */ && (seen & 2) === 0) {
        seen |= 2;
        if (b[k] === 115 /* s */) {
          shared = true;
          k++;
        } else if (b[k] === 110 /* n */) k++;
        else return NOT_PLAIN;
      } else if (name === 115 /* s */ && (seen & 4) === 0) {
        seen |= 4;
        style = 0;
        const from = k;
        for (; k < n && b[k] >= 48 && b[k] <= 57; k++) style = style * 10 + (b[k] - 48);
        if (k === from || k - from > 9) return NOT_PLAIN;
      } else return NOT_PLAIN;
      if (b[k] !== 34) return NOT_PLAIN;
      i = k + 1;
    }
    // ><v>digits</v></c>
    if (b[i] !== GT || b[i + 1] !== LT || b[i + 2] !== 118 /* v */ || b[i + 3] !== GT) return NOT_PLAIN;
    const from = i + 4;
    let k = from;
    let x = 0;
    for (; k < n; k++) {
      const d = b[k] - 48;
      if (d < 0 || d > 9) break;
      x = x * 10 + d;
    }
    const digits = k - from;
    if (digits === 0 || digits > 15) return NOT_PLAIN;
    if (b[k] !== LT || b[k + 1] !== SLASH || b[k + 2] !== 118 || b[k + 3] !== GT || b[k + 4] !== LT || b[k + 5] !== SLASH || b[k + 6] !== 99 || b[k + 7] !== GT || k + 8 > n) return NOT_PLAIN;
    const row = this.row;
    if (row === null || col === 0) return NOT_PLAIN;
    let value: number | string;
    if (shared) {
      const text = this.ctx.sharedStrings[x];
      if (text === undefined) return NOT_PLAIN; // cell() reports the bad index
      value = text;
    } else {
      if (style >= 0 && this.hasDates && this.ctx.dateStyles[style]) return NOT_PLAIN; // a date: cell() makes the Date
      value = x;
    }
    if (this.mergedHere !== undefined && this.mergedHere.includes(col)) return NOT_PLAIN;
    this.lastCol = col;
    row.values[col] = value;
    this.rowHasValue = true;
    if (col > this.maxCol) this.maxCol = col;
    return k + 8;
  }

  /**
   * One <c> at lt, read in a single pass up to its </c>: returns the index after
   * the cell, or -1 when the window ends first (nothing is recorded then; the cell
   * is read again with the next bytes). The start tag's r, t and s are read on the
   * way to its '>'; inside, only <f>, <v> and <is> count, and the usual
   * `<v>…</v></c>` is matched directly.
   */
  private cell(b: Bytes, lt: number, n: number): number {
    // The start tag, attribute by attribute (quote-aware, so a '>' inside a value is data).
    let tagCol = 0;
    let t = T_NUMBER;
    let style = -1;
    let selfClosing = false;
    let i = lt + 2;
    for (;;) {
      while (i < n && b[i] <= 32) i++;
      if (i >= n) return -1;
      const c = b[i];
      if (c === GT) {
        i++;
        break;
      }
      if (c === SLASH) {
        if (i + 1 >= n) return -1;
        i++;
        if (b[i] === GT) {
          selfClosing = true;
          i++;
          break;
        }
        continue;
      }
      const nameFrom = i;
      while (i < n && b[i] > 32 && b[i] !== 61 /* = */ && b[i] !== GT && b[i] !== SLASH) i++;
      const nameLength = i - nameFrom;
      while (i < n && b[i] <= 32) i++;
      if (i >= n) return -1;
      if (b[i] !== 61) continue; // a name without a value: not XML; go on to what follows
      i++;
      while (i < n && b[i] <= 32) i++;
      if (i >= n) return -1;
      const quote = b[i];
      if (quote !== 34 && quote !== 39) continue; // an unquoted value: skipped like a stray name
      const from = i + 1;
      let end = from;
      while (end < n && b[end] !== quote) end++;
      if (end >= n) return -1;
      if (nameLength === 1) {
        const name = b[nameFrom];
        if (name === 114 /* r */) {
          for (let k = from; k < end; k++) {
            const code = b[k] | 32;
            if (code < 97 || code > 122) break;
            tagCol = tagCol * 26 + (code - 96);
          }
        } else if (name === 116 /* t */) t = typeCode(b, from, end);
        else if (name === 115 /* s */) style = from === end ? 0 : numberAt(b, from, end); // not an index (NaN, -1, 1.5): no date style applies
      }
      i = end + 1;
    }

    let formula = false;
    let vFrom = -1;
    let vTo = -1;
    let isFrom = -1;
    let isTo = -1;
    let after = -1;
    if (selfClosing) after = i;
    else if (b[i] === LT && b[i + 1] === 118 /* v */ && b[i + 2] === GT) {
      // The usual cell: <v>…</v></c>.
      let k = i + 3;
      while (k < n && b[k] !== LT) k++;
      if (k + 8 > n) return -1;
      if (b[k + 1] === SLASH && b[k + 2] === 118 && b[k + 3] === GT && b[k + 4] === LT && b[k + 5] === SLASH && b[k + 6] === 99 && b[k + 7] === GT) {
        vFrom = i + 3;
        vTo = k;
        after = k + 8;
      }
    }
    if (after < 0) {
      for (;;) {
        while (i < n && b[i] !== LT) i++;
        if (i >= n) return -1;
        const name = b[i + 1];
        const end = findByte(b, GT, i, n);
        if (end < 0) return -1;
        if (name === SLASH && b[i + 2] === 99 /* c */ && !isNameChar(b[i + 3])) {
          after = end + 1; // </c>, or </c > with the whitespace XML allows
          break;
        }
        const selfClosingChild = b[end - 1] === SLASH;
        if (name === 118 /* v */ && !isNameChar(b[i + 2])) {
          if (selfClosingChild) i = end + 1;
          else {
            let k = end + 1;
            while (k < n && b[k] !== LT) k++;
            // The usual <v>digits</v>; CDATA or anything odd inside goes the long way.
            const close = b[k + 1] === SLASH && b[k + 2] === 118 && b[k + 3] === GT ? k : findClose(b, V, end, n);
            if (close < 0) return -1;
            vFrom = end + 1;
            vTo = close;
            i = findByte(b, GT, close, n) + 1;
          }
        } else if (name === 102 /* f */ && !isNameChar(b[i + 2])) {
          formula = true;
          if (selfClosingChild) i = end + 1;
          else {
            const close = findClose(b, F, end, n);
            if (close < 0) return -1;
            i = findByte(b, GT, close, n) + 1;
          }
        } else if (name === 105 /* i */ && b[i + 2] === 115 /* s */ && !isNameChar(b[i + 3])) {
          if (selfClosingChild) {
            isFrom = isTo = end + 1;
            i = end + 1;
          } else {
            const close = findClose(b, IS, end, n);
            if (close < 0) return -1;
            isFrom = end + 1;
            isTo = close;
            i = findByte(b, GT, close, n) + 1;
          }
        } else i = end + 1; // </v>-less oddities, other elements, stray closing tags
      }
    }

    const row = this.row;
    if (!row) return after; // a cell outside <row>: not SpreadsheetML, ignored
    const col = tagCol > 0 ? tagCol : this.lastCol + 1;
    this.lastCol = col;
    if (this.mergedHere && this.mergedHere.includes(col)) return after; // only a merge's first cell holds its value
    let inline: string | undefined;
    if (isFrom >= 0) {
      const text = utf8(b, isFrom, isTo);
      inline = runText(text, 0, text.length);
    }

    // exceljs: an empty <v></v> is no value; a formula without a cached value reads as blank.
    const hasV = vTo > vFrom;
    let value: RawAnswer | undefined;
    if (t === T_INLINE) value = inline ?? (hasV ? cdataOrText(utf8(b, vFrom, vTo)) : undefined);
    else if (hasV) value = this.typed(t, style, b, vFrom, vTo);
    if (formula) {
      row.values[col] = value ?? null;
      row.formulaColumns.push(col);
      this.rowHasValue = true;
      if (col > this.maxCol) this.maxCol = col;
    } else if (value !== undefined) {
      row.values[col] = value;
      this.rowHasValue = true;
      if (col > this.maxCol) this.maxCol = col;
    }
    return after;
  }

  /**
   * The value of a <v> by its cell type. Kept small, with the rare cases in
   * functions of their own, so V8 inlines it into cell() (measured: with the
   * checks written inline here the scan took about 13% more CPU).
   */
  private typed(t: number, style: number, b: Bytes, from: number, to: number): RawAnswer {
    switch (t) {
      case T_SHARED: {
        // Only strings are in the table: undefined is an index out of range or not an integer (damage, not a blank answer).
        const s = this.ctx.sharedStrings[numberAt(b, from, to)];
        return s !== undefined ? s : this.badSharedString(b, from, to);
      }
      case T_STR:
        return cdataOrText(utf8(b, from, to));
      case T_BOOL:
        return booleanValue(b, from, to);
      case T_ERROR:
        return { error: decodeEntities(utf8(b, from, to)) };
      case T_DATE: // ISO 8601 date cell (Excel 2010+ strict files; Excel itself writes serials)
        return isoDate(b, from, to);
      default: {
        const n = numberAt(b, from, to);
        if (n !== n) return malformed(cdataOrText(utf8(b, from, to))); // NaN: not an xsd:double
        if (this.hasDates && style >= 0 && this.ctx.dateStyles[style]) return excelDate(n, this.ctx.date1904);
        return n;
      }
    }
  }

  private badSharedString(b: Bytes, from: number, to: number): never {
    const strings = this.ctx.sharedStrings;
    throw corrupt(this.ctx.part, reason('shared-string-missing', { index: JSON.stringify(utf8(b, from, to)), count: strings.length, where: this.ctx.sharedStringsPart ? ` (${this.ctx.sharedStringsPart})` : '' }));
  }
}

/** xsd:boolean: 1/true and 0/false, whitespace collapsed; anything else is malformed. */
function booleanValue(b: Bytes, from: number, to: number): RawAnswer {
  const text = cdataOrText(utf8(b, from, to)).trim();
  if (text === '1' || text === 'true') return true;
  if (text === '0' || text === 'false') return false;
  return malformed(text);
}

function isoDate(b: Bytes, from: number, to: number): RawAnswer {
  const text = cdataOrText(utf8(b, from, to)).trim();
  const date = /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2})?)?$/.test(text) ? new Date(text) : new Date(NaN);
  return Number.isNaN(date.getTime()) ? malformed(text) : date;
}

/**
 * A <v> that does not hold what its type says ("0x10" in a number cell, "yes"
 * in a boolean): kept as written and marked, so coding reports it as an
 * invalid answer at its cell instead of reading a 0, a NaN or a blank.
 */
function malformed(text: string): RawAnswer {
  return { error: text, malformed: true };
}

/** t="…" → T_*: s, str, inlineStr, b, e, d; anything else reads as a number. */
function typeCode(b: Bytes, from: number, to: number): number {
  const len = to - from;
  const c = b[from];
  if (len === 1) return c === 115 ? T_SHARED : c === 98 ? T_BOOL : c === 101 ? T_ERROR : c === 100 ? T_DATE : T_NUMBER;
  if (len === 3 && c === 115 && b[from + 1] === 116 && b[from + 2] === 114) return T_STR;
  if (len === 9 && latin1(b, from, to) === 'inlineStr') return T_INLINE;
  return T_NUMBER;
}
