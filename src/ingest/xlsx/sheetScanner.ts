import type { RawAnswer } from '../../scoring/coding.js';
import type { SheetRow } from '../source.js';
import { excelDate } from './cellRef.js';
import type { MergedCells } from './merges.js';
import { isNameChar } from './sharedStrings.js';
import type { TextWindow } from './window.js';
import { attributeIn, cdataOrText, decodeEntities, runText, skipMarkup } from './xmlText.js';

export interface SheetContext {
  part: string;
  sharedStrings: string[];
  dateStyles: boolean[];
  date1904: boolean;
  merged: MergedCells;
}

/**
 * A single pass over a sheet's XML, window by window: <row> and <c> start tags,
 * and inside a cell only <f>, <v> and <is>. Rows come out in the shape exceljs
 * gives them (see source.ts): formulas as their cached value, dates as Date,
 * merged non-first cells left out and listed, rows without any value skipped.
 */
export class SheetScanner {
  private row: SheetRow | null = null;
  private rowHasValue = false;
  private lastRow = 0;
  private lastCol = 0;
  private mergedHere: number[] | undefined;
  private readonly hasDates: boolean;
  /** Row numbers holding merged non-first cells, ascending, and the next one not yet passed. */
  private readonly mergeRows: number[];
  private nextMerge = 0;

  constructor(private readonly ctx: SheetContext) {
    this.hasDates = ctx.dateStyles.some(Boolean);
    this.mergeRows = [...ctx.merged].filter(([, cols]) => cols.length).map(([r]) => r).sort((a, b) => a - b);
  }

  /** Consumes the complete elements of the window, appending finished rows to `out`. */
  scan(w: TextWindow, out: SheetRow[]): void {
    const text = w.text;
    let i = w.pos;
    for (;;) {
      const lt = text.indexOf('<', i);
      if (lt < 0) {
        i = text.length;
        break;
      }
      const c1 = text.charCodeAt(lt + 1);
      if (c1 === 99 /* c */ && !isNameChar(text.charCodeAt(lt + 2))) {
        const gt = text.indexOf('>', lt);
        if (gt < 0) break;
        if (text.charCodeAt(gt - 1) === 47 /* <c …/> */) {
          this.cell(text, lt, gt, gt, gt);
          i = gt + 1;
          continue;
        }
        const close = text.indexOf('</c>', gt);
        if (close < 0) break;
        this.cell(text, lt, gt, gt + 1, close);
        i = close + 4;
        continue;
      }
      if (c1 === 114 /* r */ && text.startsWith('row', lt + 1) && !isNameChar(text.charCodeAt(lt + 4))) {
        const gt = text.indexOf('>', lt);
        if (gt < 0) break;
        this.startRow(text, lt, gt);
        if (text.charCodeAt(gt - 1) === 47 /* <row …/> */) this.endRow(out);
        i = gt + 1;
        continue;
      }
      if (c1 === 47 /* / */) {
        if (text.startsWith('/row>', lt + 1)) this.endRow(out);
        const gt = text.indexOf('>', lt);
        if (gt < 0) break;
        i = gt + 1;
        continue;
      }
      if (c1 === 33 /* ! */ || c1 === 63 /* ? */) {
        const after = skipMarkup(text, lt, this.ctx.part);
        if (after < 0) break;
        i = after;
        continue;
      }
      const gt = text.indexOf('>', lt);
      if (gt < 0) break;
      i = gt + 1;
    }
    // An element the window cut starts after i; it is scanned again with the next chunk.
    w.pos = i;
    if (w.done) this.finish(out);
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

  private startRow(text: string, lt: number, gt: number): void {
    const r = attributeIn(text, lt, gt, 'r');
    const number = r === undefined ? this.lastRow + 1 : Number(r);
    const hidden = attributeIn(text, lt, gt, 'hidden');
    this.row = { number, values: [], formulaColumns: [], hidden: hidden === '1' || hidden === 'true' };
    this.rowHasValue = false;
    this.lastCol = 0;
    this.mergedHere = this.ctx.merged.get(number);
  }

  private endRow(out: SheetRow[]): void {
    const row = this.row;
    if (!row) return;
    this.flushMergeRows(row.number, out);
    const merged = this.mergedHere ?? [];
    if (this.rowHasValue || merged.length) {
      row.mergedColumns = [...merged];
      out.push(row);
    }
    this.lastRow = row.number;
    this.row = null;
  }

  private finish(out: SheetRow[]): void {
    if (this.row) this.endRow(out);
    this.flushMergeRows(Infinity, out);
  }

  /** One <c>: start tag text[lt..gt], content text[from..to). */
  private cell(text: string, lt: number, gt: number, from: number, to: number): void {
    const row = this.row;
    if (!row) return; // a cell outside <row>: not SpreadsheetML, ignored
    this.cellTag(text, lt + 2, gt);
    const col = this.tagCol > 0 ? this.tagCol : this.lastCol + 1;
    this.lastCol = col;
    if (this.mergedHere && this.mergedHere.includes(col)) return; // only a merge's first cell holds its value

    let formula = false;
    let v: string | undefined;
    let inline: string | undefined;
    let i = from;
    while (i < to) {
      const open = text.indexOf('<', i);
      if (open < 0 || open >= to) break;
      const name = text.charCodeAt(open + 1);
      const end = text.indexOf('>', open);
      const selfClosing = text.charCodeAt(end - 1) === 47;
      if (name === 102 /* f */ && !isNameChar(text.charCodeAt(open + 2))) {
        formula = true;
        i = selfClosing ? end + 1 : text.indexOf('</f>', end) + 4;
      } else if (name === 118 /* v */ && !isNameChar(text.charCodeAt(open + 2))) {
        if (selfClosing) i = end + 1;
        else {
          const close = text.indexOf('</v>', end);
          v = text.slice(end + 1, close);
          i = close + 4;
        }
      } else if (name === 105 /* i */ && text.startsWith('is', open + 1) && !isNameChar(text.charCodeAt(open + 3))) {
        if (selfClosing) {
          inline = '';
          i = end + 1;
        } else {
          const close = text.indexOf('</is>', end);
          inline = runText(text, end + 1, close);
          i = close + 5;
        }
      } else i = end + 1;
      if (i <= open) break; // a missing close tag: stop at the cell's end
    }

    // exceljs: an empty <v></v> is no value; a formula without a cached value reads as blank.
    if (v === '') v = undefined;
    const t = this.tagType;
    let value: RawAnswer | undefined;
    if (t === 'inlineStr') value = inline ?? (v === undefined ? undefined : cdataOrText(v));
    else if (v !== undefined) value = this.typed(t, v);
    if (formula) {
      row.values[col] = value ?? null;
      row.formulaColumns.push(col);
      this.rowHasValue = true;
    } else if (value !== undefined) {
      row.values[col] = value;
      this.rowHasValue = true;
    }
  }

  /** The start tag's column (from r="F12", 0 when absent), t="…" and s="…", in one pass without cutting strings. */
  private tagCol = 0;
  private tagType: string | undefined;
  private tagStyle = -1;
  private cellTag(text: string, from: number, to: number): void {
    this.tagCol = 0;
    this.tagType = undefined;
    this.tagStyle = -1;
    let i = from;
    while (i < to) {
      const eq = text.indexOf('=', i);
      if (eq < 0 || eq >= to) return;
      let k = eq - 1;
      while (text.charCodeAt(k) === 32) k--;
      const name = text.charCodeAt(k);
      const single = text.charCodeAt(k - 1) <= 32; // a one-letter attribute name: r, t or s
      let q = eq + 1;
      while (text.charCodeAt(q) === 32) q++;
      const quote = text.charCodeAt(q);
      const end = text.indexOf(quote === 39 ? "'" : '"', q + 1);
      if (end < 0 || end > to) return;
      if (single) {
        if (name === 114 /* r */) {
          let col = 0;
          for (let c = q + 1; c < end; c++) {
            const code = text.charCodeAt(c) | 32;
            if (code < 97 || code > 122) break;
            col = col * 26 + (code - 96);
          }
          this.tagCol = col;
        } else if (name === 116 /* t */) this.tagType = text.slice(q + 1, end);
        else if (name === 115 /* s */) this.tagStyle = Number(text.slice(q + 1, end));
      }
      i = end + 1;
    }
  }

  private typed(t: string | undefined, v: string): RawAnswer {
    switch (t) {
      case 's':
        return this.ctx.sharedStrings[Number(v)] ?? null;
      case 'str':
        return cdataOrText(v);
      case 'b':
        return Number(v) !== 0;
      case 'e':
        return { error: decodeEntities(v) };
      case 'd': // ISO 8601 date cell (Excel 2010+ strict files; Excel itself writes serials)
        return new Date(v);
      default: {
        const n = Number(v);
        if (this.hasDates && this.tagStyle >= 0 && this.ctx.dateStyles[this.tagStyle]) return excelDate(n, this.ctx.date1904);
        return n;
      }
    }
  }
}

