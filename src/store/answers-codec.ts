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
  // Map keys are SameValueZero: -0 would be merged with 0, so it has a key of its own.
  const keyOf = (v: number) => (Object.is(v, -0) ? '-0' : v);
  const index = new Map<number | string, number>();
  const dict: number[] = [];
  let raw = false;
  for (let i = 0, p = start; i < n; i++, p += stride) {
    const v = values[p];
    if (Number.isNaN(v)) continue;
    const key = keyOf(v);
    if (index.has(key)) continue;
    if (dict.length === MISSING) {
      raw = true;
      break;
    }
    index.set(key, dict.length);
    dict.push(v);
  }
  if (raw) {
    w.u8(RAW);
    for (let i = 0, p = start; i < n; i++, p += stride) w.f64(values[p]);
    return;
  }
  w.u8(DICTIONARY);
  w.u8(dict.length);
  for (const v of dict) w.f64(v);
  const codes = w.span(n);
  for (let i = 0, p = start; i < n; i++, p += stride) {
    const v = values[p];
    codes[i] = Number.isNaN(v) ? MISSING : index.get(keyOf(v))!;
  }
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

/** Decodes what encodeAnswers wrote; a truncated or foreign blob is an AnswersCodecError, never a wrong answer. */
export function decodeAnswers(bytes: Uint8Array): UnitAnswers[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = 0;
  const need = (k: number) => {
    if (at + k > bytes.byteLength) throw new AnswersCodecError(`truncated at byte ${at} of ${bytes.byteLength}`);
  };
  const u8 = () => (need(1), view.getUint8(at++));
  const u16 = () => (need(2), (at += 2), view.getUint16(at - 2, true));
  const u32 = () => (need(4), (at += 4), view.getUint32(at - 4, true));
  const f64 = () => (need(8), (at += 8), view.getFloat64(at - 8, true));
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const str = () => {
    const len = u16();
    need(len);
    at += len;
    return decoder.decode(bytes.subarray(at - len, at));
  };
  const readColumn = (out: Float64Array, n: number, start: number, stride: number) => {
    const kind = u8();
    if (kind === RAW) {
      need(n * 8);
      for (let i = 0, p = start; i < n; i++, p += stride) out[p] = f64();
      return;
    }
    if (kind !== DICTIONARY) throw new AnswersCodecError(`unknown column kind ${kind} at byte ${at - 1}`);
    const k = u8();
    const dict = new Float64Array(256).fill(NaN);
    for (let c = 0; c < k; c++) dict[c] = f64();
    need(n);
    for (let i = 0, p = start; i < n; i++, p += stride) {
      const code = bytes[at + i];
      if (code >= k && code !== MISSING) throw new AnswersCodecError(`code ${code} outside a dictionary of ${k} at byte ${at + i}`);
      out[p] = dict[code];
    }
    at += n;
  };

  if (u32() !== MAGIC) throw new AnswersCodecError('not a chiso answers blob (bad magic)');
  const count = u32();
  const units: UnitAnswers[] = [];
  for (let u = 0; u < count; u++) {
    const code = str();
    const n = u32();
    const m = u32();
    // Each cell takes at least a byte: a count larger than what is left is a damaged blob, not an allocation to try.
    if (n * m > bytes.byteLength - at || n > bytes.byteLength - at) throw new AnswersCodecError(`unit ${code}: ${n} × ${m} cells cannot fit in what is left`);
    const items = Array.from({ length: m }, str);
    const weights = new Float64Array(n);
    readColumn(weights, n, 0, 1);
    const x = new Float64Array(n * m);
    for (let j = 0; j < m; j++) readColumn(x, n, j, m);
    units.push({ code, items, n, weights, x });
  }
  if (at !== bytes.byteLength) throw new AnswersCodecError(`${bytes.byteLength - at} bytes left over`);
  return units;
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
