/**
 * The coded answers of a submission, compact and exact (schema v3,
 * `submission_answers`): what a roll-up pools (methodology.md §2–3, §7) without
 * re-reading the workbook. For each unit of the submission: its code, the item
 * codes, the respondents' weights and the x_ij values.
 *
 * Every column (the weights, and each item's x over the respondents) is stored
 * as a dictionary: the column's distinct values as Float64 and one Uint8 per
 * respondent indexing them (255 = NaN, missing). An item's x takes a handful of
 * values (a 1–5 scale gives five), so a cell is one byte instead of eight and
 * decodes to the very same Float64 (roll-ups are checked to ~1e-12 against an
 * independent implementation: a lossy Float32 would not do). A column with more
 * than 255 distinct values (a number item, survey weights) is stored as raw
 * Float64. Dictionary values are told apart by Object.is, so -0 and INVALID (-1)
 * come back as they went in; every NaN is "missing" (ingest makes one NaN, and
 * scoring reads only NaN-ness), so a NaN payload is not kept.
 *
 * Layout, little-endian:
 *   magic "CHA1" · u32 units
 *   per unit: str code · u32 n · u32 items · items × str code · column (weights) · items × column
 *   str: u16 byte length · UTF-8; column: u8 kind (0 dictionary, 1 raw) then
 *     dictionary: u8 k · k × f64 · n × u8;  raw: n × f64.
 */
import type { Item } from '../framework/schema.js';
import type { Survey } from '../ingest/types.js';
import { selectRows } from '../scoring/responses.js';
import type { CodedResponses } from '../scoring/types.js';

const MAGIC = 0x31414843; // "CHA1" read as a little-endian u32
const MISSING = 255;
const DICTIONARY = 0;
const RAW = 1;

/** One unit's answers as stored: item codes, not Item objects (those come from the submission's framework). */
export interface UnitAnswers {
  code: string;
  items: readonly string[];
  n: number;
  weights: Float64Array;
  /** Row-major, x[i * items.length + j], as CodedResponses.x. */
  x: Float64Array;
}

export class AnswersCodecError extends Error {
  constructor(message: string) {
    super(`stored answers: ${message}`);
    this.name = 'AnswersCodecError';
  }
}

class Writer {
  private buffer = new ArrayBuffer(1 << 16);
  private view = new DataView(this.buffer);
  private bytes = new Uint8Array(this.buffer);
  length = 0;

  private room(extra: number): void {
    if (this.length + extra <= this.buffer.byteLength) return;
    let size = this.buffer.byteLength * 2;
    while (size < this.length + extra) size *= 2;
    const next = new ArrayBuffer(size);
    new Uint8Array(next).set(this.bytes.subarray(0, this.length));
    this.buffer = next;
    this.view = new DataView(next);
    this.bytes = new Uint8Array(next);
  }
  u8(v: number): void {
    this.room(1);
    this.view.setUint8(this.length, v);
    this.length += 1;
  }
  u16(v: number): void {
    this.room(2);
    this.view.setUint16(this.length, v, true);
    this.length += 2;
  }
  u32(v: number): void {
    this.room(4);
    this.view.setUint32(this.length, v, true);
    this.length += 4;
  }
  f64(v: number): void {
    this.room(8);
    this.view.setFloat64(this.length, v, true);
    this.length += 8;
  }
  str(s: string): void {
    const utf8 = new TextEncoder().encode(s);
    if (utf8.length > 0xffff) throw new AnswersCodecError(`a code of ${utf8.length} bytes is too long`);
    this.u16(utf8.length);
    this.room(utf8.length);
    this.bytes.set(utf8, this.length);
    this.length += utf8.length;
  }
  /** Reserves n bytes and returns them to be filled in place. */
  span(n: number): Uint8Array {
    this.room(n);
    const out = this.bytes.subarray(this.length, this.length + n);
    this.length += n;
    return out;
  }
  /** The written bytes, in a buffer of their own (transferable: nothing else shares it). */
  finish(): Uint8Array {
    return this.bytes.slice(0, this.length);
  }
}

/** Writes the column value(s) at start, start + stride, … (n of them). */
function writeColumn(w: Writer, values: Float64Array, n: number, start: number, stride: number): void {
  // One pass: each value's index in the column's dictionary, found by a linear search from the last
  // hit (an item has a handful of distinct values; a Map per column cost 5× more, bench: the upload
  // profile). Equality is exact and keeps -0 apart from 0 (1/v tells them apart), as decoding must
  // give back the very numbers.
  const dict = new Float64Array(MISSING);
  const codes = new Uint8Array(n);
  let size = 0;
  let last = 0;
  for (let i = 0, p = start; i < n; i++, p += stride) {
    const v = values[p];
    if (v !== v) {
      codes[i] = MISSING;
      continue;
    }
    let k = -1;
    if (size > 0 && dict[last] === v && (v !== 0 || 1 / v === 1 / dict[last])) k = last;
    else {
      for (let d = 0; d < size; d++) {
        if (dict[d] === v && (v !== 0 || 1 / v === 1 / dict[d])) {
          k = d;
          break;
        }
      }
    }
    if (k < 0) {
      if (size === MISSING) {
        w.u8(RAW);
        for (let r = 0, q = start; r < n; r++, q += stride) w.f64(values[q]);
        return;
      }
      k = size++;
      dict[k] = v;
    }
    codes[i] = k;
    last = k;
  }
  w.u8(DICTIONARY);
  w.u8(size);
  for (let d = 0; d < size; d++) w.f64(dict[d]);
  w.span(n).set(codes);
}

/** Encodes the answers of a submission's units (in the order given). */
export function encodeAnswers(units: readonly UnitAnswers[]): Uint8Array {
  const w = new Writer();
  w.u32(MAGIC);
  w.u32(units.length);
  for (const unit of units) {
    const m = unit.items.length;
    if (unit.weights.length !== unit.n || unit.x.length !== unit.n * m)
      throw new AnswersCodecError(`unit ${unit.code}: ${unit.n} respondents × ${m} items but ${unit.weights.length} weights and ${unit.x.length} values`);
    w.str(unit.code);
    w.u32(unit.n);
    w.u32(m);
    for (const item of unit.items) w.str(item);
    writeColumn(w, unit.weights, unit.n, 0, 1);
    for (let j = 0; j < m; j++) writeColumn(w, unit.x, unit.n, j, m);
  }
  return w.finish();
}

/** A unit of an encoded blob, located but not decoded (scanAnswers): enough to plan a pool. */
export interface EncodedUnit {
  code: string;
  n: number;
  items: string[];
  /** Byte offset of its weights column; each item's column follows. */
  start: number;
}

/** Where decodeUnitInto writes a unit: rows from `row` of a row-major matrix of J columns. */
export interface DecodeTarget {
  x: Float64Array;
  J: number;
  weights: Float64Array;
  row: number;
  /** For each of the unit's items, its column in x, or -1 to skip it. */
  columns: ArrayLike<number>;
}

class Reader {
  private readonly view: DataView;
  at = 0;
  private readonly decoder = new TextDecoder('utf-8', { fatal: true });
  constructor(readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  need(k: number): void {
    if (this.at + k > this.bytes.byteLength) throw new AnswersCodecError(`truncated at byte ${this.at} of ${this.bytes.byteLength}`);
  }
  u8(): number {
    this.need(1);
    return this.view.getUint8(this.at++);
  }
  u16(): number {
    this.need(2);
    this.at += 2;
    return this.view.getUint16(this.at - 2, true);
  }
  u32(): number {
    this.need(4);
    this.at += 4;
    return this.view.getUint32(this.at - 4, true);
  }
  f64(): number {
    this.need(8);
    this.at += 8;
    return this.view.getFloat64(this.at - 8, true);
  }
  str(): string {
    const len = this.u16();
    this.need(len);
    this.at += len;
    return this.decoder.decode(this.bytes.subarray(this.at - len, this.at));
  }
  /** Steps over a column of n values without decoding it. */
  skipColumn(n: number): void {
    const kind = this.u8();
    if (kind === RAW) {
      this.need(n * 8);
      this.at += n * 8;
    } else if (kind === DICTIONARY) {
      const k = this.u8();
      this.need(k * 8 + n);
      this.at += k * 8 + n;
    } else throw new AnswersCodecError(`unknown column kind ${kind} at byte ${this.at - 1}`);
  }
  /** Decodes a column of n values into out[start], out[start + stride], …; out null: skipped. */
  readColumn(out: Float64Array | null, n: number, start: number, stride: number): void {
    if (!out) return this.skipColumn(n);
    const kind = this.u8();
    if (kind === RAW) {
      this.need(n * 8);
      for (let i = 0, p = start; i < n; i++, p += stride) out[p] = this.view.getFloat64(this.at + i * 8, true);
      this.at += n * 8;
      return;
    }
    if (kind !== DICTIONARY) throw new AnswersCodecError(`unknown column kind ${kind} at byte ${this.at - 1}`);
    const k = this.u8();
    const dict = new Float64Array(256).fill(NaN);
    for (let c = 0; c < k; c++) dict[c] = this.f64();
    this.need(n);
    const bytes = this.bytes;
    const at = this.at;
    for (let i = 0, p = start; i < n; i++, p += stride) {
      const code = bytes[at + i];
      if (code >= k && code !== MISSING) throw new AnswersCodecError(`code ${code} outside a dictionary of ${k} at byte ${at + i}`);
      out[p] = dict[code];
    }
    this.at += n;
  }
}

/** The units of a blob, located (codes, sizes, item codes) without decoding a value. */
export function scanAnswers(bytes: Uint8Array): EncodedUnit[] {
  const r = new Reader(bytes);
  if (r.u32() !== MAGIC) throw new AnswersCodecError('not a chiso answers blob (bad magic)');
  const count = r.u32();
  const units: EncodedUnit[] = [];
  for (let u = 0; u < count; u++) {
    const code = r.str();
    const n = r.u32();
    const m = r.u32();
    // Each cell takes at least a byte: a count larger than what is left is a damaged blob, not an allocation to try.
    if (n * m > bytes.byteLength - r.at || n > bytes.byteLength - r.at) throw new AnswersCodecError(`unit ${code}: ${n} × ${m} cells cannot fit in what is left`);
    const items = Array.from({ length: m }, () => r.str());
    const start = r.at;
    for (let j = 0; j <= m; j++) r.skipColumn(n);
    units.push({ code, n, items, start });
  }
  if (r.at !== bytes.byteLength) throw new AnswersCodecError(`${bytes.byteLength - r.at} bytes left over`);
  return units;
}

/**
 * Decodes one scanned unit straight into a larger matrix (a pool's), so a roll-up
 * allocates its pooled matrix once instead of one per part and then the copy.
 */
export function decodeUnitInto(bytes: Uint8Array, unit: EncodedUnit, target: DecodeTarget): void {
  const r = new Reader(bytes);
  r.at = unit.start;
  r.readColumn(target.weights, unit.n, target.row, 1);
  for (let j = 0; j < unit.items.length; j++) {
    const column = target.columns[j];
    r.readColumn(column >= 0 ? target.x : null, unit.n, target.row * target.J + column, target.J);
  }
}

/** Decodes what encodeAnswers wrote; a truncated or foreign blob is an AnswersCodecError, never a wrong answer. */
export function decodeAnswers(bytes: Uint8Array): UnitAnswers[] {
  return scanAnswers(bytes).map((unit) => {
    const m = unit.items.length;
    const out = { x: new Float64Array(unit.n * m), J: m, weights: new Float64Array(unit.n), row: 0, columns: Array.from({ length: m }, (_, j) => j) };
    decodeUnitInto(bytes, unit, out);
    return { code: unit.code, items: unit.items, n: unit.n, weights: out.weights, x: out.x };
  });
}

/** A unit's stored answers as CodedResponses, its items looked up by code in the submission's framework. */
export function toCoded(unit: UnitAnswers, itemsByCode: ReadonlyMap<string, Item>): CodedResponses {
  const items = unit.items.map((code) => {
    const item = itemsByCode.get(code);
    if (!item) throw new AnswersCodecError(`unit ${unit.code}: item ${code} is not in the submission's framework`);
    return item;
  });
  return { items, n: unit.n, weights: unit.weights, x: unit.x };
}

/** The stored form of coded answers per unit (the caller splits a multi-unit survey's rows). */
export function unitAnswersOf(code: string, coded: CodedResponses): UnitAnswers {
  return { code, items: coded.items.map((i) => i.code), n: coded.n, weights: coded.weights, x: coded.x };
}

/**
 * A scored survey's answers per unit, keyed as the desk looks them up: the unit's
 * trimmed code; a multi-unit workbook (a unit_code column) split by its rows.
 */
export function surveyAnswers(survey: Pick<Survey, 'unit' | 'units' | 'unitOfRow' | 'responses'>): UnitAnswers[] {
  if (survey.units.length <= 1) return [unitAnswersOf((survey.units[0] ?? survey.unit).code.trim(), survey.responses)];
  const rows = survey.units.map(() => [] as number[]);
  survey.unitOfRow.forEach((u, i) => rows[u].push(i));
  return survey.units.map((unit, u) => unitAnswersOf(unit.code.trim(), selectRows(survey.responses, rows[u])));
}

/** encodeAnswers(surveyAnswers(survey)): what is stored with a submission at upload. */
export function encodeSurvey(survey: Pick<Survey, 'unit' | 'units' | 'unitOfRow' | 'responses'>): Uint8Array {
  return encodeAnswers(surveyAnswers(survey));
}
