/**
 * A unit's scores across years, and across its predecessors (issue 14: "a
 * commune sees its trend since 2021"). The data shape the report's History sheet
 * and the workbench draw; built from the same earlier sides as year over year.
 */
import type { Problem } from '../diagnostics/problem.js';
import type { Estimate } from '../scoring/types.js';
import type { Registry } from './types.js';
import { earlierSide, type ScoredUnit } from './yearOverYear.js';

export interface HistoryScore {
  code: string;
  score: number | null;
  ciLow: number | null;
  ciHigh: number | null;
}

export interface HistoryPoint {
  year: number;
  /** The unit's own code, or null for a pool of its predecessors. */
  code: string | null;
  /** The pooled predecessors with data (empty for the unit itself). */
  units: string[];
  name: string;
  respondents: number;
  approximate: boolean;
  incomplete: string[];
  total: Pick<Estimate, 'score' | 'ciLow' | 'ciHigh'>;
  dimensions: HistoryScore[];
}

export interface History {
  unit: { code: string; name: string };
  /** Oldest first; the last point is the unit itself. */
  points: HistoryPoint[];
}

/**
 * The history of `unit` from the scorecards in `others` (any units, any years
 * before the unit's): one point a year, that year's unit or pool of predecessors.
 * Years with no data of the unit or its predecessors are left out (problems say why).
 */
export function historySeries(unit: ScoredUnit, others: readonly ScoredUnit[], registry: Registry | undefined, confidence: number): { history: History; problems: Problem[] } {
  const b = unit.card.unit.year;
  const problems: Problem[] = [];
  const point = (card: ScoredUnit['card'], extra: Pick<HistoryPoint, 'code' | 'units' | 'approximate' | 'incomplete'>): HistoryPoint => ({
    year: card.unit.year!,
    ...extra,
    name: card.unit.name,
    respondents: card.respondents,
    total: { score: card.total.score, ciLow: card.total.ciLow, ciHigh: card.total.ciHigh },
    dimensions: card.dimensions.map((d) => ({ code: d.code, score: d.score, ciLow: d.ciLow, ciHigh: d.ciHigh })),
  });
  const points: HistoryPoint[] = [];
  if (b !== null) {
    const years = [...new Set(others.map((o) => o.card.unit.year).filter((y): y is number => y !== null && y < b))].sort((x, y) => x - y);
    for (const a of years) {
      const side = earlierSide(unit, others, a, registry, confidence);
      if (!('card' in side)) {
        problems.push(side);
        continue;
      }
      points.push(point(side.card, { code: side.pooled ? null : side.card.unit.code, units: side.units, approximate: side.approximate, incomplete: side.incomplete }));
    }
    points.push(point(unit.card, { code: unit.card.unit.code, units: [], approximate: false, incomplete: [] }));
  }
  return { history: { unit: { code: unit.card.unit.code, name: unit.card.unit.name }, points }, problems };
}
