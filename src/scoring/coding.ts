import type { Item } from '../framework/schema.js';

/**
 * A cell's value as ingest hands it over: a formula cell is already replaced by
 * its cached result (methodology.md §2: never evaluated). `{ error }` is an
 * error cell (#N/A); with `malformed`, a stored value that is not what its cell
 * type says (a number cell holding "0x10"), kept as written.
 */
export type RawAnswer = number | string | boolean | Date | { error: string; malformed?: true } | null | undefined;

/** The outcome of coding one answer (methodology.md §2), in the order the checks run. */
export type CodedAnswer =
  | { kind: 'missing' }
  | { kind: 'value'; x: number; clampedFrom?: number }
  | { kind: 'invalid'; reason: InvalidReason; value: Shown };

/** Why an answer is invalid: the variant of the catalogue's invalid-answer message. */
export type InvalidReason = 'not-a-number' | 'not-binary' | 'not-whole' | 'out-of-range' | 'below-min';
/** The answer as a message shows it, in each language (a number is the same in both). */
export type Shown = number | { vi: string; en: string };

const MISSING: CodedAnswer = Object.freeze({ kind: 'missing' });

/** "6,00", "7.5", " 3 " → number; anything else → null. No thousands separators, no exponents. */
export function parseDecimal(text: string): number | null {
  const t = text.trim();
  if (!/^[+-]?(\d+([.,]\d+)?|[.,]\d+)$/.test(t)) return null;
  return Number(t.replace(',', '.'));
}

function describe(value: RawAnswer): Shown {
  if (typeof value === 'string') {
    const quoted = `"${value.length > 40 ? `${value.slice(0, 40)}…` : value}"`;
    return { vi: quoted, en: quoted };
  }
  if (value instanceof Date) return { vi: 'một ngày tháng', en: 'a date' };
  if (typeof value === 'boolean') return { vi: `giá trị logic ${String(value).toUpperCase()}`, en: `the boolean ${String(value).toUpperCase()}` };
  if (typeof value === 'object' && value !== null)
    return value.malformed ? { vi: `giá trị lưu trong tệp "${value.error}"`, en: `the stored value "${value.error}"` } : { vi: `giá trị lỗi ${value.error}`, en: `the error value ${value.error}` };
  return typeof value === 'number' ? value : { vi: String(value), en: String(value) };
}

export function codeAnswer(item: Item, value: RawAnswer): CodedAnswer {
  // 1. blank (or only spaces) → missing
  if (value === null || value === undefined) return MISSING;
  if (typeof value === 'string' && value.trim() === '') return MISSING;

  // Only numbers, or text that reads as one, can be answers; the rest is invalid (step 5).
  let a: number | null = null;
  if (typeof value === 'number') a = Number.isFinite(value) ? value : null;
  else if (typeof value === 'string') a = parseDecimal(value);
  if (a === null) return { kind: 'invalid', reason: 'not-a-number', value: describe(value) };

  // 2. a missing code → missing, even where it would be a valid value
  if (item.missing.includes(a)) return MISSING;
  // 3. a zero code → x = 0, direction does not apply
  if (item.zero.includes(a)) return { kind: 'value', x: 0 };

  // 4. by type
  let x: number;
  let clampedFrom: number | undefined;
  switch (item.type) {
    case 'binary':
      if (a !== 0 && a !== 1) return { kind: 'invalid', reason: 'not-binary', value: a };
      x = a;
      break;
    case 'scale':
      if (!Number.isInteger(a)) return { kind: 'invalid', reason: 'not-whole', value: a };
      if (a < item.min || a > item.max) return { kind: 'invalid', reason: 'out-of-range', value: a };
      x = (a - item.min) / (item.max - item.min);
      break;
    case 'number': {
      // Below min is a typing error (a negative count or waiting time), never the
      // best or worst answer: invalid. Above max is top-coded with a warning.
      if (a < item.min) return { kind: 'invalid', reason: 'below-min', value: a };
      let v = a;
      if (v > item.max) {
        v = item.max;
        clampedFrom = a;
      }
      x = (v - item.min) / (item.max - item.min);
      break;
    }
  }
  if (item.direction === '-') x = 1 - x;
  return clampedFrom === undefined ? { kind: 'value', x } : { kind: 'value', x, clampedFrom };
}

/** quickCode's answer when codeAnswer must be asked: never a stored x (0..1, NaN, or INVALID = -1). */
export const ASK_CODE_ANSWER = -2;

/** Answers 0..CODE_TABLE_SIZE-1 are looked up; PAPI-style codes (1–5, 7, 8, 9, 98, 99) all fit. */
const CODE_TABLE_SIZE = 128;
/** The length of every codeTable (ingest's per-cell loop checks an answer against it before looking it up). */
export const CODE_TABLE_LENGTH = CODE_TABLE_SIZE;

/**
 * What codeAnswer stores for each whole-number answer 0..127 of `item`: the
 * coded x, NaN for a missing code, or ASK_CODE_ANSWER where it has more to say
 * (invalid or clamped: a problem to report). Built by calling codeAnswer itself,
 * so the fast path cannot disagree with it.
 *
 * The table depends only on how the item is coded (type, range, direction,
 * missing and zero codes), and every workbook of one questionnaire repeats the
 * same few combinations: tables are kept by that key, so a service's uploads
 * build each one once instead of 128 codeAnswer objects per item per upload
 * (0.85 MB of garbage for a commune workbook). A kept table is shared: callers
 * only read it. The cache is bounded (a hostile codebook can make many keys).
 */
export function codeTable(item: Item): Float64Array {
  const key = `${item.type}|${item.min}|${item.max}|${item.direction}|${item.missing.join(',')}|${item.zero.join(',')}`;
  let table = codeTables.get(key);
  if (!table) {
    table = new Float64Array(CODE_TABLE_SIZE);
    for (let a = 0; a < CODE_TABLE_SIZE; a++) {
      const coded = codeAnswer(item, a);
      table[a] = coded.kind === 'missing' ? NaN : coded.kind === 'value' && coded.clampedFrom === undefined ? coded.x : ASK_CODE_ANSWER;
    }
    if (codeTables.size >= CODE_TABLES_KEPT) codeTables.clear();
    codeTables.set(key, table);
  }
  return table;
}
const codeTables = new Map<string, Float64Array>();
/** Far more coding combinations than a questionnaire has (PAPI's: about a dozen). */
const CODE_TABLES_KEPT = 1024;

/**
 * The common case of codeAnswer, without making an object: a blank cell or a
 * whole number 0..127, looked up in the item's codeTable. Returns what
 * codeAnswer would store as x (NaN for missing), or ASK_CODE_ANSWER for
 * anything else (text, fractions, negatives, invalid or clamped answers): call
 * codeAnswer then. test/ingest/xlsxQuickCode.test.ts checks the two agree.
 */
export function quickCode(table: Float64Array, value: RawAnswer): number {
  // The usual answer, a small whole number, first and shortest (most of a national file's cells).
  if (typeof value === 'number') {
    const k = value | 0;
    // -0 is left to codeAnswer, which keeps its sign (1 / -0 is -Infinity).
    return k === value && k >= 0 && k < CODE_TABLE_SIZE && (k !== 0 || 1 / value > 0) ? table[k] : ASK_CODE_ANSWER;
  }
  return value === null || value === undefined ? NaN : ASK_CODE_ANSWER;
}
