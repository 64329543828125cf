import type ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { columnLetters } from '../../src/diagnostics/problem.js';
import type { Item } from '../../src/framework/schema.js';
import { loadFramework } from '../../src/framework/load.js';
import { isFilterQuestion } from '../../src/framework/sections.js';
import { scoreWorkbook, type WorkbookResult } from '../../src/pipeline.js';
import { generateSample } from '../../src/sample/generate.js';
import { toBytes } from './workbook.js';

/**
 * Nothing is lost: a realistic 300-respondent papi-28 workbook with ~5 % of its
 * answer cells replaced by bad values at known places. Every valid answer must
 * still be scored. The expected counts and scores come from a second, simple
 * implementation of methodology.md §2–§3 written here, from the cells as the
 * test wrote them (not from chiso's coding module).
 */

type Value = ExcelJS.CellValue;
type Coded = { kind: 'value'; x: number } | { kind: 'missing' } | { kind: 'invalid' };

/** mulberry32: a tiny deterministic generator, so the bad cells are at fixed places. */
function generator(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, pick: <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] };
}

/** The second implementation of methodology.md §2, step by step. */
function codeByHand(item: Item, value: Value): Coded {
  // 1. blank → missing
  if (value === null || value === undefined || (typeof value === 'string' && value.trim() === '')) return { kind: 'missing' };
  // Numbers come as numbers or as text with a decimal point or comma; nothing else is a number.
  let a: number;
  if (typeof value === 'number') a = value;
  else if (typeof value === 'string' && /^\s*[+-]?\d+([.,]\d+)?\s*$/.test(value)) a = Number(value.trim().replace(',', '.'));
  else return { kind: 'invalid' }; // booleans, dates, words
  // 2. missing code → missing; 3. zero code → 0
  if (item.missing.includes(a)) return { kind: 'missing' };
  if (item.zero.includes(a)) return { kind: 'value', x: 0 };
  // 4. by type, then direction
  let x: number;
  if (item.type === 'binary') {
    if (a !== 0 && a !== 1) return { kind: 'invalid' };
    x = a;
  } else if (item.type === 'scale') {
    if (Math.round(a) !== a || a < item.min || a > item.max) return { kind: 'invalid' };
    x = (a - item.min) / (item.max - item.min);
  } else {
    if (a < item.min) return { kind: 'invalid' }; // a typing error, never top- or bottom-coded
    x = (Math.min(item.max, a) - item.min) / (item.max - item.min);
  }
  return { kind: 'value', x: item.direction === '-' ? 1 - x : x };
}

/**
 * Rule 0 by hand for the framework's conditions, which are all "${a} = 1" joined
 * by "and": asked when every named answer, read as a number (blank, words, dates
 * and booleans are NaN; a question not asked is blank), equals 1.
 */
function askedByHand(row: Value[], item: Item, asked: Map<string, boolean>): boolean {
  if (item.relevant === undefined) return true;
  const parts = item.relevant.split(' and ');
  return parts.every((part) => {
    const m = /^\$\{(\w+)\} = 1$/.exec(part);
    if (!m) throw new Error(`askedByHand does not know "${part}"`);
    if (!asked.get(m[1])) return false;
    const v = row[columnOf.get(m[1])!];
    const n = typeof v === 'number' ? v : typeof v === 'string' && /^\s*[+-]?\d+([.,]\d+)?\s*$/.test(v) ? Number(v.trim().replace(',', '.')) : NaN;
    return n === 1;
  });
}

/** Codes every cell of sheet row r, with rule 0 first. */
function codeRowByHand(r: number): Map<string, Coded & { notAsked?: boolean }> {
  const asked = new Map<string, boolean>();
  const out = new Map<string, Coded & { notAsked?: boolean }>();
  for (const item of framework.items) {
    const isAsked = askedByHand(sheetValues[r], item, asked);
    asked.set(item.code, isAsked);
    out.set(item.code, isAsked ? codeByHand(item, sheetValues[r][columnOf.get(item.code)!]) : { kind: 'missing', notAsked: true });
  }
  return out;
}

const BAD_WORDS = ['không rõ', 'N/A', '3 ngày', '?', 'x', '5-7'];

/** A bad value for this item (and what kind it is), never one that happens to be valid. */
function badValue(item: Item, random: ReturnType<typeof generator>): Value {
  const codes = new Set([...item.missing, ...item.zero]);
  const outOfRange = () => {
    let v = item.max + 1;
    while (codes.has(v)) v++;
    return v;
  };
  const kinds: (() => Value)[] = [
    () => random.pick(BAD_WORDS),
    () => random.next() < 0.5,
    () => new Date(Date.UTC(2023, Math.floor(random.next() * 12), 1 + Math.floor(random.next() * 28))),
  ];
  if (item.type !== 'number') kinds.push(outOfRange, () => item.min + 0.5); // numbers are top-coded, and fractions are fine
  else kinds.push(() => item.min - 3); // below min: a typing error
  return random.pick(kinds)();
}

const framework = loadFramework('papi-28');
const RESPONDENTS = 300;
let sheetValues: Value[][]; // [sheet row][column], 1-based like the sheet
let columnOf: Map<string, number>;
let badCells: Set<string>;
let result: WorkbookResult;
/** codeRowByHand of each sheet row. */
let handCoded: Map<string, Coded & { notAsked?: boolean }>[];
/** Cells the second implementation finds invalid (bad cells in questions that were asked). */
let invalidCells: Set<string>;
let filterColumns: Set<string>;
const scoredItems = framework.items.filter((i) => !isFilterQuestion(i));

beforeAll(async () => {
  const workbook = generateSample({
    framework,
    unit: { province: 'An Giang', district: 'Tân Châu', name: 'Phường Long Thạnh', code: '30337' },
    year: 2023,
    respondents: RESPONDENTS,
    seed: 20231,
  });
  const sheet = workbook.getWorksheet('Responses')!;
  columnOf = new Map();
  sheet.getRow(1).eachCell((cell, col) => columnOf.set(String(cell.value), col));
  filterColumns = new Set(framework.items.filter(isFilterQuestion).map((i) => columnLetters(columnOf.get(i.code)!)));
  const random = generator(5);
  badCells = new Set();
  for (let r = 2; r <= RESPONDENTS + 1; r++)
    for (const item of framework.items) {
      const cell = sheet.getRow(r).getCell(columnOf.get(item.code)!);
      const roll = random.next();
      if (roll < 0.05) {
        cell.value = badValue(item, random);
        badCells.add(cell.address);
      } else if (roll < 0.07 && typeof cell.value === 'number') {
        // Valid answers typed as text, some with a decimal comma: still valid.
        cell.value = random.next() < 0.5 ? String(cell.value) : String(cell.value).replace('.', ',') + (Number.isInteger(cell.value) ? ',0' : '');
      }
    }
  sheetValues = [];
  for (let r = 1; r <= RESPONDENTS + 1; r++) {
    const row: Value[] = [];
    sheet.getRow(r).eachCell({ includeEmpty: true }, (cell, col) => {
      row[col] = cell.value;
    });
    sheetValues[r] = row;
  }
  handCoded = [];
  invalidCells = new Set();
  for (let r = 2; r <= RESPONDENTS + 1; r++) {
    handCoded[r] = codeRowByHand(r);
    for (const [code, coded] of handCoded[r]) if (coded.kind === 'invalid') invalidCells.add(`${columnLetters(columnOf.get(code)!)}${r}`);
  }
  result = await scoreWorkbook(await toBytes(workbook), { fileName: 'nothing-lost.xlsx' });
}, 60_000);

describe('5 % bad cells in a 300-respondent papi-28 workbook', () => {
  it('replaced about 5 % of the answer cells, of every kind', () => {
    const share = badCells.size / (RESPONDENTS * framework.items.length);
    expect(share).toBeGreaterThan(0.04);
    expect(share).toBeLessThan(0.06);
    const kinds = new Set<string>();
    for (let r = 2; r <= RESPONDENTS + 1; r++)
      for (const [code, col] of columnOf) {
        const v = sheetValues[r][col];
        const item = framework.items.find((i) => i.code === code);
        if (!item || !badCells.has(`${columnLetters(col)}${r}`)) continue;
        kinds.add(v instanceof Date ? 'date' : typeof v === 'boolean' ? 'boolean' : typeof v === 'string' ? 'text' : Number.isInteger(v) ? 'out of range' : 'fraction');
      }
    expect([...kinds].sort()).toEqual(['boolean', 'date', 'fraction', 'out of range', 'text']);
    // Invalid answers are all and only the bad cells of questions that were asked
    // (a bad cell in a skipped question is not-asked instead; filter questions are no indicator).
    expect(invalidCells.size).toBeGreaterThan(0.8 * badCells.size);
    for (const cell of invalidCells) expect(badCells.has(cell)).toBe(true);
    const invalidInScored = [...invalidCells].filter((cell) => !filterColumns.has(cell.replace(/\d+$/, ''))).length;
    expect(result.scorecards[0].indicators.reduce((s, i) => s + i.invalid, 0)).toBe(invalidInScored);
  });

  it('scores every respondent', () => {
    expect(result.fatal).toBe(false);
    expect(result.scorecards).toHaveLength(1);
    expect(result.scorecards[0].respondents).toBe(RESPONDENTS);
    expect(result.problems.filter((p) => p.code === 'invalid-weight')).toEqual([]);
  });

  it('reports an invalid-answer error at exactly the bad cells', () => {
    const listed = result.problems.filter((p) => p.code === 'invalid-answer');
    for (const p of listed) {
      expect(p.severity).toBe('error');
      expect(p.sheet).toBe('Responses');
      expect(badCells.has(p.cell), p.cell).toBe(true);
    }
    // The list is capped per code; the summary counts the rest, so the total is exact.
    const summary = result.problems.find((p) => p.code === 'too-many-problems' && p.message.includes('invalid-answer'));
    const total = summary ? Number(summary.message.match(/\((\d+) in all\)/)![1]) : listed.length;
    expect(total).toBe(invalidCells.size);
    expect(new Set(listed.map((p) => p.cell)).size).toBe(listed.length);
  });

  it('warns not-asked at exactly the non-blank cells of questions the skip conditions skipped', () => {
    const expected = new Set<string>();
    for (let r = 2; r <= RESPONDENTS + 1; r++)
      for (const [code, coded] of handCoded[r]) {
        const v = sheetValues[r][columnOf.get(code)!];
        if (coded.notAsked && v !== null && v !== undefined && !(typeof v === 'string' && v.trim() === '')) expected.add(`${columnLetters(columnOf.get(code)!)}${r}`);
      }
    const listed = result.problems.filter((p) => p.code === 'not-asked');
    expect(expected.size).toBeGreaterThan(10); // bad cells fall into skipped questions too
    expect(new Set(listed.map((p) => p.cell))).toEqual(expected);
    for (const p of listed) expect(p.severity).toBe('warning');
  });

  it('answered, missing and invalid per indicator equal the counts from the cells', () => {
    const card = result.scorecards[0];
    expect(card.indicators.map((i) => i.code)).toEqual(scoredItems.map((i) => i.code));
    for (const item of scoredItems) {
      const counts = { answered: 0, missing: 0, invalid: 0 };
      for (let r = 2; r <= RESPONDENTS + 1; r++) {
        const kind = handCoded[r].get(item.code)!.kind;
        counts[kind === 'value' ? 'answered' : kind]++;
      }
      const indicator = card.indicators.find((i) => i.code === item.code)!;
      expect({ answered: indicator.answered, missing: indicator.missing, invalid: indicator.invalid }, item.code).toEqual(counts);
    }
  });

  it('each indicator score is the weighted mean of its valid answers, and each sub-dimension the item-weighted mean of those', () => {
    const card = result.scorecards[0];
    const weightCol = columnOf.get('weight')!;
    const means = new Map<string, number>();
    for (const item of scoredItems) {
      let sum = 0;
      let weights = 0;
      for (let r = 2; r <= RESPONDENTS + 1; r++) {
        const coded = handCoded[r].get(item.code)!;
        if (coded.kind !== 'value') continue;
        const w = Number(sheetValues[r][weightCol] ?? 1);
        sum += w * coded.x;
        weights += w;
      }
      const indicator = card.indicators.find((i) => i.code === item.code)!;
      if (weights === 0) {
        expect(indicator.score, item.code).toBeNull();
        continue;
      }
      means.set(item.code, sum / weights);
      expect(indicator.score, item.code).toBeCloseTo(sum / weights, 12);
    }
    for (const sub of framework.subdimensions) {
      const defined = framework.items.filter((i) => i.subdimension === sub.code && means.has(i.code));
      const S = defined.reduce((s, i) => s + i.weight * means.get(i.code)!, 0) / defined.reduce((s, i) => s + i.weight, 0);
      expect(card.subdimensions.find((s) => s.code === sub.code)!.normalized, sub.code).toBeCloseTo(S, 12);
    }
  });
});
