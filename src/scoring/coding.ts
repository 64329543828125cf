import type { Item } from '../framework/schema.js';

/**
 * A cell's value as ingest hands it over: a formula cell is already replaced by
 * its cached result (methodology.md §2: never evaluated).
 */
export type RawAnswer = number | string | boolean | Date | { error: string } | null | undefined;

/** The outcome of coding one answer (methodology.md §2), in the order the checks run. */
export type CodedAnswer =
  | { kind: 'missing' }
  | { kind: 'value'; x: number; clampedFrom?: number }
  | { kind: 'invalid'; reason: string };

const MISSING: CodedAnswer = Object.freeze({ kind: 'missing' });

/** "6,00", "7.5", " 3 " → number; anything else → null. No thousands separators, no exponents. */
export function parseDecimal(text: string): number | null {
  const t = text.trim();
  if (!/^[+-]?(\d+([.,]\d+)?|[.,]\d+)$/.test(t)) return null;
  return Number(t.replace(',', '.'));
}

function describe(value: RawAnswer): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (value instanceof Date) return 'a date';
  if (typeof value === 'boolean') return `the boolean ${String(value).toUpperCase()}`;
  if (typeof value === 'object' && value !== null) return `the error value ${value.error}`;
  return String(value);
}

export function codeAnswer(item: Item, value: RawAnswer): CodedAnswer {
  // 1. blank (or only spaces) → missing
  if (value === null || value === undefined) return MISSING;
  if (typeof value === 'string' && value.trim() === '') return MISSING;

  // Only numbers, or text that reads as one, can be answers; the rest is invalid (step 5).
  let a: number | null = null;
  if (typeof value === 'number') a = Number.isFinite(value) ? value : null;
  else if (typeof value === 'string') a = parseDecimal(value);
  if (a === null) return { kind: 'invalid', reason: `${describe(value)} is not a number` };

  // 2. a missing code → missing, even where it would be a valid value
  if (item.missing.includes(a)) return MISSING;
  // 3. a zero code → x = 0, direction does not apply
  if (item.zero.includes(a)) return { kind: 'value', x: 0 };

  // 4. by type
  let x: number;
  let clampedFrom: number | undefined;
  switch (item.type) {
    case 'binary':
      if (a !== 0 && a !== 1) return { kind: 'invalid', reason: `${a} is not 0 or 1` };
      x = a;
      break;
    case 'scale':
      if (!Number.isInteger(a)) return { kind: 'invalid', reason: `${a} is not a whole number in ${item.min}..${item.max}` };
      if (a < item.min || a > item.max) return { kind: 'invalid', reason: `${a} is not in ${item.min}..${item.max}` };
      x = (a - item.min) / (item.max - item.min);
      break;
    case 'number': {
      // Below min is a typing error (a negative count or waiting time), never the
      // best or worst answer: invalid. Above max is top-coded with a warning.
      if (a < item.min) return { kind: 'invalid', reason: `${a} is below ${item.min}, the smallest possible answer` };
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

/**
 * What codeAnswer stores for each whole-number answer 0..127 of `item`: the
 * coded x, NaN for a missing code, or ASK_CODE_ANSWER where it has more to say
 * (invalid or clamped: a problem to report). Built by calling codeAnswer itself,
 * so the fast path cannot disagree with it.
 */
export function codeTable(item: Item): Float64Array {
  const table = new Float64Array(CODE_TABLE_SIZE);
  for (let a = 0; a < CODE_TABLE_SIZE; a++) {
    const coded = codeAnswer(item, a);
    table[a] = coded.kind === 'missing' ? NaN : coded.kind === 'value' && coded.clampedFrom === undefined ? coded.x : ASK_CODE_ANSWER;
  }
  return table;
}

/**
 * The common case of codeAnswer, without making an object: a blank cell or a
 * whole number 0..127, looked up in the item's codeTable. Returns what
 * codeAnswer would store as x (NaN for missing), or ASK_CODE_ANSWER for
 * anything else (text, fractions, negatives, invalid or clamped answers): call
 * codeAnswer then. test/ingest/xlsxQuickCode.test.ts checks the two agree.
 */
export function quickCode(table: Float64Array, value: RawAnswer): number {
  if (value === null || value === undefined) return NaN;
  if (typeof value !== 'number') return ASK_CODE_ANSWER;
  const k = value | 0;
  // -0 is left to codeAnswer, which keeps its sign.
  if (k !== value || k < 0 || k >= table.length || Object.is(value, -0)) return ASK_CODE_ANSWER;
  return table[k];
}
