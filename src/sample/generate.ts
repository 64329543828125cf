import type ExcelJS from 'exceljs';
import type { Framework, Item, PlanTask, Target } from '../framework/schema.js';
import { compileRelevant, parseRelevant, relevantNumber, type CompiledRelevant } from '../framework/relevant.js';
import { isFilterQuestion } from '../framework/sections.js';
import { buildTemplate } from '../template/writeTemplate.js';
import { RESPONSE_FIXED_COLUMNS } from '../template/responsesSheet.js';
import { drawDemographics, ethnicityMix, respondentId } from './population.js';
import { unitQuality, type UnitQuality } from './quality.js';
import { Random, hashSeed } from './random.js';

/**
 * A realistic mock filled workbook (contract.md template, Responses filled).
 *
 * Model: each unit-year has a latent quality per dimension (quality.ts); a
 * sub-dimension's items scatter around its latent S with fixed item
 * "difficulties"; each respondent shifts every probability by a general and a
 * per-dimension latent. Binary answers are Bernoulli, scale answers binomial
 * over the scale's steps, number answers skewed (exponential) so most waits
 * are short and a few are long. The expected coded answer x equals the item's
 * probability, so the scored dimensions land near the latent quality.
 */

export interface SampleUnit {
  province: string;
  district: string;
  name: string;
  code: string;
}

export interface SampleOptions {
  framework: Framework;
  unit: SampleUnit;
  year: number;
  respondents: number;
  seed: number;
  /** Sprinkle ~1–2 % of rows with realistic bad cells (each kind at least once). */
  errors?: boolean;
  targets?: Target[];
  plan?: PlanTask[];
  /** Quality hint per dimension on the relative 1–10 scale of samples/units.json (5 = long-run mean). */
  quality?: Partial<Record<string, number>>;
  /** Long-run mean score per dimension (default: the PAPI provincial means). */
  longRunMeans?: Readonly<Record<string, number>>;
}

type Cell = string | number | boolean | Date | null;

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

/**
 * Number answers (days, minutes, visits) cluster near the good end of their
 * wide coding ranges: a typical answer sits at this fraction of the distance a
 * binary answer's probability would suggest (a 0..365-day wait averages weeks,
 * not months). The sub-dimension's other items absorb the difference so S
 * stays at its latent value.
 */
const NUMBER_SPREAD = 0.35;

/** Each item's mean coded answer for this unit-year: its sub-dimension's S plus a centred item offset. */
export function itemMeans(framework: Framework, quality: UnitQuality): Map<string, number> {
  const means = new Map<string, number>();
  for (const sub of framework.subdimensions) {
    const items = framework.items.filter((i) => i.subdimension === sub.code);
    const latent = quality.subdimensions[sub.code] ?? 0.5;
    // Narrower scatter near 0 or 1 so no item mean is clipped (clipping would bias S).
    const spread = Math.min(0.15, 0.8 * Math.min(latent, 1 - latent));
    const offsets = items.map((i) => new Random(hashSeed('item', i.code)).uniform(-spread, spread));
    const totalWeight = items.reduce((s, i) => s + i.weight, 0);
    const mean = items.reduce((s, i, k) => s + i.weight * offsets[k], 0) / Math.max(totalWeight, 1e-9);
    const base = items.map((_, k) => clamp(latent + offsets[k] - mean, 0.01, 0.99));
    const coded = items.filter((i) => i.type !== 'number');
    if (coded.length === 0 || coded.length === items.length) {
      items.forEach((item, k) => means.set(item.code, base[k]));
      continue;
    }
    let excess = 0;
    const realistic = items.map((item, k) => {
      if (item.type !== 'number') return base[k];
      const m = item.direction === '-' ? 1 - (1 - base[k]) * NUMBER_SPREAD : base[k] * NUMBER_SPREAD;
      excess += item.weight * (m - base[k]);
      return m;
    });
    const codedWeight = coded.reduce((s, i) => s + i.weight, 0);
    items.forEach((item, k) =>
      means.set(item.code, item.type === 'number' ? realistic[k] : clamp(realistic[k] - excess / codedWeight, 0.01, 0.99)),
    );
  }
  return means;
}

function roundNumber(item: Item, raw: number): number {
  const range = item.max - item.min;
  if (range > 200) return clamp(Math.round(raw / 5) * 5, item.min, item.max);
  if (range >= 10) return Math.round(raw);
  return Math.round(raw * 10) / 10;
}

/** A raw answer whose coded value x has expectation p (methodology.md §2). */
function drawValue(item: Item, p: number, random: Random): { value: number; x: number } {
  if (item.type === 'binary') {
    const x = random.chance(p) ? 1 : 0;
    return { value: item.direction === '+' ? x : 1 - x, x };
  }
  const range = item.max - item.min;
  if (item.type === 'scale') {
    const steps = random.binomial(range, p);
    const x = steps / range;
    return { value: item.direction === '+' ? item.min + steps : item.max - steps, x };
  }
  // number: y is the raw answer's position in [min, max]; skewed towards the near end.
  const m = item.direction === '+' ? p : 1 - p;
  const y = m <= 0.5 ? Math.min(1, random.exponential(m)) : Math.max(0, 1 - random.exponential(1 - m));
  const value = roundNumber(item, item.min + range * y);
  const xRaw = (value - item.min) / range;
  return { value, x: item.direction === '+' ? xRaw : 1 - xRaw };
}

/** Which missing code a respondent gives: mostly "don't know", some "not applicable", few refusals. */
function missingCode(item: Item, random: Random): number {
  const entries = item.missing.map((code) => {
    const label = (item.options.find((o) => o.value === code)?.labelEn ?? '').toLowerCase();
    const w = label.includes('know') ? 6 : label.includes('applicable') ? 3 : label.includes('refus') ? 1 : 2;
    return [code, w] as const;
  });
  return random.weighted(entries);
}

interface Row {
  cells: Cell[];
}

/**
 * How many households used each service in the reference period, for the filter
 * questions (a share of "yes"); a filter question not listed here says yes half
 * the time. Rough orders of magnitude from PAPI reports: many households do a
 * certification or a commune procedure in a year, few apply for a construction
 * permit or complain.
 */
const SERVICE_UPTAKE: Readonly<Record<string, number>> = {
  d3b_00: 0.15,
  d3c_00: 0.1,
  d5a_00: 0.5,
  d5b_00: 0.12,
  d5c_00: 0.25,
  d5d_00: 0.45,
  d6a_00: 0.5,
  d6b_00: 0.35,
  d8c_00: 0.12,
};

/**
 * The framework's skip conditions compiled over the item order, so a respondent
 * who did not use a service leaves its section blank, exactly as ingest reads it
 * (the same parser and XPath number semantics).
 */
function skipConditions(framework: Framework): { conditions: (CompiledRelevant | null)[] } {
  const index = new Map(framework.items.map((item, j) => [item.code, j]));
  return {
    conditions: framework.items.map((item) => {
      if (item.relevant === undefined) return null;
      const parsed = parseRelevant(item.relevant);
      // loadFramework has checked every condition; a workbook-only framework may not have.
      return parsed.ok ? compileRelevant(parsed.condition, (code) => index.get(code)!) : null;
    }),
  };
}

function answerColumn(framework: Framework, code: string): number {
  return RESPONSE_FIXED_COLUMNS.length + framework.items.findIndex((i) => i.code === code);
}

const FIXED = Object.fromEntries(RESPONSE_FIXED_COLUMNS.map((c, i) => [c.code, i])) as Record<
  (typeof RESPONSE_FIXED_COLUMNS)[number]['code'],
  number
>;

/** The kinds of bad cells an errors sample contains, each at least once. */
const ERROR_KINDS = [
  'scale-seven',
  'text-answer',
  'decimal-comma',
  'negative-weight',
  'spaces-weight',
  'duplicate-id',
  'date-answer',
  'boolean-answer',
  'binary-two',
  'scale-fraction',
  'number-negative',
  'not-asked',
] as const;

function sprinkleErrors(framework: Framework, rows: Row[], random: Random): void {
  // Bad cells go into questions everyone is asked, so each shows as the problem
  // it is meant to be (not as an answer to a question that was skipped).
  const items = framework.items.filter((i) => i.relevant === undefined && !isFilterQuestion(i));
  const skipped = framework.items.filter((i) => i.relevant !== undefined);
  const scales = items.filter((i) => i.type === 'scale');
  const binaries = items.filter((i) => i.type === 'binary');
  const numbers = items.filter((i) => i.type === 'number');
  const coded = items.filter((i) => i.type !== 'number');
  const count = Math.min(rows.length, Math.max(ERROR_KINDS.length, Math.round(rows.length * 0.015)));
  const chosen: number[] = [];
  while (chosen.length < count) {
    const r = random.int(1, rows.length - 1);
    if (!chosen.includes(r)) chosen.push(r);
  }
  chosen.forEach((r, k) => {
    const kind = k < ERROR_KINDS.length ? ERROR_KINDS[k] : random.pick(['scale-seven', 'text-answer', 'binary-two'] as const);
    const cells = rows[r].cells;
    const set = (item: Item | undefined, value: Cell) => {
      if (item) cells[answerColumn(framework, item.code)] = value;
    };
    switch (kind) {
      case 'scale-seven': {
        // "a 7 in a 1..5 item" where 7 is not a missing code; otherwise the first value above max that is no code.
        const special = (i: Item) => [...i.missing, ...i.zero];
        const item =
          scales.find((i) => i.min === 1 && i.max === 5 && !special(i).includes(7)) ??
          scales.find((i) => i.max < 7 && !special(i).includes(7)) ??
          scales[0] ??
          binaries[0];
        if (item) {
          let bad = item.max < 7 && !special(item).includes(7) ? 7 : item.max + 1;
          while (special(item).includes(bad)) bad++;
          set(item, bad);
        }
        break;
      }
      case 'text-answer':
        set(random.pick(coded.length ? coded : items), 'không rõ');
        break;
      case 'decimal-comma': {
        const item = numbers.find((i) => i.min <= 6.5 && i.max >= 6.5) ?? numbers[0];
        if (item) set(item, item.min <= 6.5 && item.max >= 6.5 ? '6,5' : `${Math.floor((item.min + item.max) / 2)},5`);
        break;
      }
      case 'negative-weight':
        cells[FIXED.weight] = -1;
        break;
      case 'spaces-weight':
        cells[FIXED.weight] = '   ';
        break;
      case 'duplicate-id':
        cells[FIXED.respondent_id] = rows[r - 1].cells[FIXED.respondent_id];
        break;
      case 'date-answer':
        set(random.pick(items), new Date(Date.UTC(2023, 4, 12)));
        break;
      case 'boolean-answer':
        set(binaries[0] ?? items[0], true);
        break;
      case 'binary-two': {
        const item = binaries.find((i) => ![...i.missing, ...i.zero].includes(2));
        if (item) set(item, 2);
        break;
      }
        break;
      case 'scale-fraction': {
        const item = scales[1] ?? scales[0];
        if (item) set(item, item.min + 1.5);
        break;
      }
      case 'number-negative':
        set(numbers[0], -3);
        break;
      case 'not-asked': {
        // An answer typed where the skip instruction says the question is not asked.
        const item = skipped.find((i) => cells[answerColumn(framework, i.code)] === null && i.type !== 'number');
        if (item) set(item, item.type === 'binary' ? 1 : item.min);
        break;
      }
    }
  });
}

export function generateSample(options: SampleOptions): ExcelJS.Workbook {
  const { framework, unit, year, seed } = options;
  const n = Math.max(1, Math.floor(options.respondents));
  const random = new Random(hashSeed('sample', seed));
  const quality = unitQuality(framework, unit.code, year, options.quality, options.longRunMeans);
  const means = itemMeans(framework, quality);
  const dimensionOf = new Map(framework.subdimensions.map((s) => [s.code, s.dimension]));
  const mix = ethnicityMix(unit.province);

  // Survey-level habits: how often people say "don't know", leave cells blank, give a zero code.
  const missingRate = random.uniform(0.03, 0.055);
  const blankRate = random.uniform(0.001, 0.004);

  const { conditions } = skipConditions(framework);
  const typed = new Float64Array(framework.items.length);

  const rows: Row[] = [];
  for (let i = 0; i < n; i++) {
    const demo = drawDemographics(random, mix);
    const general = random.normal(0, 0.07);
    const perDimension = new Map(framework.dimensions.map((d) => [d.code, random.normal(0, 0.07)]));
    const dontKnowProneness = Math.exp(random.normal(-0.18, 0.6));
    const cells: Cell[] = [
      respondentId(unit.name, year, i + 1),
      unit.code,
      unit.name,
      demo.gender,
      demo.age,
      demo.ethnicity,
      demo.weight,
    ];
    /** One answer as the respondent gives it (a filter question: used the service or not). */
    const answer = (item: Item): Cell => {
      if (isFilterQuestion(item)) {
        // Now and then "don't know", which skips the section too.
        if (item.missing.length > 0 && random.chance(missingRate * 0.5)) return missingCode(item, random);
        return random.chance(SERVICE_UPTAKE[item.code] ?? 0.5) ? 1 : 0;
      }
      const mean = means.get(item.code) ?? 0.5;
      // Respondent variation shrinks near the bounds so that clipping p does not bias the item mean.
      const shift = (general + (perDimension.get(dimensionOf.get(item.subdimension) ?? '') ?? 0)) * Math.min(1, 2.5 * Math.min(mean, 1 - mean));
      const p = clamp(mean + shift, 0.005, 0.995);
      const itemFactor = item.type === 'number' ? 1.6 : item.direction === '-' ? 1.2 : 1;
      if (random.chance(blankRate)) return null;
      if (item.missing.length > 0 && random.chance(missingRate * dontKnowProneness * itemFactor)) return missingCode(item, random);
      const { value, x } = drawValue(item, p, random);
      // "Don't know" on a knowledge question counts as wrong: given instead of a wrong answer.
      return x === 0 && item.zero.length > 0 && random.chance(0.35) ? random.pick(item.zero) : value;
    };
    framework.items.forEach((item, j) => {
      const condition = conditions[j];
      // Not asked: blank, and blank to the conditions after it.
      const value = condition !== null && !condition(typed) ? null : answer(item);
      typed[j] = relevantNumber(value);
      cells.push(value);
    });
    rows.push({ cells });
  }
  if (options.errors && rows.length >= 2) sprinkleErrors(framework, rows, random);

  const workbook = buildTemplate(framework, {
    unit: { ...unit, year },
    targets: options.targets,
    plan: options.plan,
    respondents: n,
  });
  const sheet = workbook.getWorksheet('Responses')!;
  rows.forEach((row, i) => {
    const sheetRow = sheet.getRow(i + 2);
    row.cells.forEach((value, c) => {
      if (value !== null) sheetRow.getCell(c + 1).value = value;
    });
  });
  return workbook;
}
