/**
 * Which scorecards year over year compares (methodology.md §6 and §8), and the
 * pooled "from" side across a reorganisation. Pure: takes scored workbooks, gives
 * comparisons and located `not-comparable` / `not-predecessor` problems.
 *
 * Without a registry a unit is its `unit_code` as text: two different codes, a
 * blank code or the same year twice are not comparable. With one, the later
 * unit N of year b is compared with the pool of every unit N descends from that
 * was valid in year a (descent()), `approximate` when one gave only part of its
 * area, `incomplete` listing those with no data.
 */
import { problem, type Problem } from '../diagnostics/problem.js';
import type { Survey } from '../ingest/types.js';
import { compareScorecards } from '../scoring/compare.js';
import { poolResponses, selectRows } from '../scoring/responses.js';
import type { Comparison, Scorecard } from '../scoring/types.js';
import { scoreUnit } from '../scoring/unitScore.js';
import { unitProblem } from './messages.js';
import { descent } from './queries.js';
import type { Registry } from './types.js';

/** One unit's scorecard with the survey its respondents come from. */
export interface ScoredUnit {
  card: Scorecard;
  survey: Survey;
}

/** The unit-level scorecards of scored workbooks, each with its survey. */
export function scoredUnits(results: readonly { fatal: boolean; scorecards: Scorecard[]; survey: Survey }[]): ScoredUnit[] {
  return results.filter((r) => !r.fatal).flatMap((r) => r.scorecards.filter((c) => c.level === 'unit').map((card) => ({ card, survey: r.survey })));
}

export interface YearOverYear {
  comparison: Comparison;
  /** The "from" scorecard: one unit's, or the pool's. */
  from: Scorecard;
  to: Scorecard;
}

export interface EarlierSide {
  card: Scorecard;
  /** The pooled units with data (empty when the unit is compared with itself). */
  units: string[];
  approximate: boolean;
  incomplete: string[];
  pooled: boolean;
}

function at(unit: ScoredUnit, field: 'unit_code' | 'year'): { file: string; sheet: string; cell: string } {
  const ref = unit.survey.locations.get(`Unit.${field}`) ?? '';
  const [sheet, cell] = ref.includes('!') ? ref.split('!') : ['Unit', ''];
  return { file: unit.survey.file, sheet, cell };
}

type Where = { file: string; sheet: string; cell: string };

/** The `not-comparable` problems, one catalogue message each. */
const notComparable = {
  differentUnits: (a: ScoredUnit, b: ScoredUnit, where: Where) =>
    problem('not-comparable', { file: b.survey.file, code: b.card.unit.code, otherFile: a.survey.file, otherCode: a.card.unit.code }, where),
  noCode: (a: ScoredUnit) => problem('not-comparable.no-code', { file: a.survey.file }, at(a, 'unit_code')),
  sameYear: (a: ScoredUnit, b: ScoredUnit) => problem('not-comparable.same-year', { file: a.survey.file, otherFile: b.survey.file, year: a.card.unit.year ?? '' }, at(b, 'year')),
  noYear: (a: ScoredUnit) => problem('not-comparable.no-year', { file: a.survey.file }, at(a, 'year')),
  noAncestors: (b: ScoredUnit, year: number) => problem('not-comparable.no-ancestors', { code: b.card.unit.code, year }, at(b, 'unit_code')),
};

/** When a unit has several submissions for one year the last one given is current (methodology.md §8). */
function latestByUnitYear(units: readonly ScoredUnit[]): ScoredUnit[] {
  const byKey = new Map<string, ScoredUnit>();
  for (const u of units) byKey.set(`${u.card.unit.code}|${u.card.unit.year}`, u);
  return [...byKey.values()];
}

/** The pool (§7) of several units' respondents, scored with §3–4. */
export function poolScorecard(units: readonly ScoredUnit[], confidence: number, name: string, year: number): Scorecard {
  const parts = units.map(({ card, survey }) => {
    if (survey.units.length <= 1) return survey.responses;
    const u = survey.units.findIndex((x) => x.code === card.unit.code);
    const rows: number[] = [];
    survey.unitOfRow.forEach((v, i) => v === u && rows.push(i));
    return selectRows(survey.responses, rows);
  });
  const first = units[0];
  return scoreUnit({
    coded: poolResponses(parts),
    framework: first.survey.framework,
    targets: [],
    confidence,
    level: 'unit',
    file: [...new Set(units.map((u) => u.survey.file))].join(', '),
    unit: { name, code: '', province: first.card.unit.province, district: first.card.unit.district, year },
  });
}

/**
 * The earlier side for `later` in year `a`, from `earlier` (scorecards of any
 * units and years), or the problem that says why there is none.
 */
export function earlierSide(
  later: ScoredUnit,
  earlier: readonly ScoredUnit[],
  a: number,
  registry: Registry | undefined,
  confidence: number,
): EarlierSide | Problem {
  const b = later.card.unit.year;
  const ofYear = latestByUnitYear(earlier.filter((u) => u.card.unit.year === a));
  if (!registry || b === null) {
    const same = ofYear.find((u) => u.card.unit.code === later.card.unit.code);
    if (!same) {
      const other = ofYear[0] ?? later;
      if (!later.card.unit.code) return notComparable.noCode(later);
      if (!other.card.unit.code) return notComparable.noCode(other);
      return notComparable.differentUnits(later, other, at(other, 'unit_code'));
    }
    if (!same.card.unit.code) return notComparable.noCode(same);
    return { card: same.card, units: [], approximate: false, incomplete: [], pooled: false };
  }
  const ancestors = descent(registry, later.card.unit.code, b, a);
  const withData = ancestors.flatMap((anc) => {
    const u = ofYear.find((x) => x.card.unit.code === anc.code);
    return u ? [{ anc, u }] : [];
  });
  if (withData.length === 0) return notComparable.noAncestors(later, a);
  const incomplete = ancestors.filter((anc) => !withData.some((w) => w.anc.code === anc.code)).map((anc) => anc.code);
  const approximate = withData.some((w) => w.anc.part);
  // A unit that only kept its code, wholly and with data, is compared with itself as before.
  if (ancestors.length === 1 && withData.length === 1 && ancestors[0].code === later.card.unit.code && !approximate)
    return { card: withData[0].u.card, units: [], approximate: false, incomplete: [], pooled: false };
  const card = poolScorecard(withData.map((w) => w.u), confidence, withData.map((w) => w.anc.name).join(' + '), a);
  return { card, units: withData.map((w) => w.anc.code), approximate, incomplete, pooled: true };
}

export function compareWithEarlier(later: ScoredUnit, side: EarlierSide, confidence: number): YearOverYear {
  const comparison = compareScorecards(side.card, later.card, confidence);
  if (side.pooled) {
    comparison.from = { ...comparison.from, code: null, units: side.units };
    comparison.approximate = side.approximate;
    comparison.incomplete = side.incomplete;
  }
  return { comparison, from: side.card, to: later.card };
}

export interface PlannedComparisons {
  comparisons: YearOverYear[];
  problems: Problem[];
}

/**
 * `chiso compare F…`: one comparison per unit of the latest year, each with the
 * latest earlier year that has data for it. Without a registry exactly two
 * scored units of the same code and different years.
 */
export function planComparisons(all: readonly ScoredUnit[], registry: Registry | undefined, confidence: number): PlannedComparisons {
  const problems: Problem[] = [];
  const years = [...new Set(all.map((u) => u.card.unit.year).filter((y): y is number => y !== null))].sort((x, y) => x - y);
  const undated = all.find((u) => u.card.unit.year === null);
  if (undated) problems.push(notComparable.noYear(undated));
  if (!registry) {
    const dated = all.filter((u) => u.card.unit.year !== null);
    if (dated.length === 2) {
      const [x, y] = dated;
      // Identity first: two different units are refused whatever their years.
      const blank = [x, y].find((u) => !u.card.unit.code);
      if (blank) problems.push(notComparable.noCode(blank));
      else if (x.card.unit.code !== y.card.unit.code) problems.push(notComparable.differentUnits(x, y, at(y, 'unit_code')));
      else if (x.card.unit.year === y.card.unit.year) problems.push(notComparable.sameYear(x, y));
      if (problems.length) return { comparisons: [], problems };
    }
  }
  if (years.length < 2) {
    if (!problems.length && all.length >= 2) problems.push(notComparable.sameYear(all[0], all[1]));
    return { comparisons: [], problems };
  }
  const b = years[years.length - 1];
  const laterUnits = latestByUnitYear(all.filter((u) => u.card.unit.year === b));
  const earlier = all.filter((u) => u.card.unit.year !== null && u.card.unit.year < b);
  const used = new Set<ScoredUnit>();
  const comparisons: YearOverYear[] = [];
  for (const later of laterUnits) {
    let found: EarlierSide | Problem | undefined;
    for (const a of years.slice(0, -1).reverse()) {
      found = earlierSide(later, earlier, a, registry, confidence);
      if ('card' in found) break;
    }
    if (!found) continue;
    if ('card' in found) {
      const side = found;
      const chosenYear = side.card.unit.year;
      for (const u of earlier)
        if (u.card.unit.year === chosenYear && (side.pooled ? side.units.includes(u.card.unit.code) : u.card === side.card)) used.add(u);
      comparisons.push(compareWithEarlier(later, side, confidence));
    } else problems.push(found);
  }
  // With a registry an earlier workbook no later unit descends from is left out, with a warning.
  if (registry && comparisons.length)
    for (const u of earlier)
      if (!used.has(u) && !laterUnits.some((l) => descent(registry, l.card.unit.code, b, u.card.unit.year!).some((anc) => anc.code === u.card.unit.code)))
        problems.push(unitProblem('not-predecessor', at(u, 'unit_code'), { file: u.survey.file, code: u.card.unit.code, year: u.card.unit.year ?? '', later: laterUnits.map((l) => l.card.unit.code).join(', ') }));
  return { comparisons, problems };
}
