import { zForConfidence } from './normal.js';
import type { Change, ChangeStatus, Comparison, Scorecard } from './types.js';

interface Point {
  score: number | null;
  se: number | null;
}

/** Δ = θ_b − θ_a, SE_Δ = sqrt(SE_a² + SE_b²), significant beyond z·SE_Δ (methodology.md §6). */
export function change(from: Point | undefined, to: Point | undefined, z: number, comparable = true): Change {
  const a = from?.score ?? null;
  const b = to?.score ?? null;
  const seA = from?.se ?? null;
  const seB = to?.se ?? null;
  if (!comparable || a === null || b === null || seA === null || seB === null) {
    return { from: a, to: b, delta: null, se: null, status: 'not comparable' };
  }
  const delta = b - a;
  const se = Math.sqrt(seA * seA + seB * seB);
  let status: ChangeStatus = 'no significant change';
  if (delta > z * se) status = 'improved';
  else if (delta < -z * se) status = 'declined';
  return { from: a, to: b, delta, se, status };
}

function subdimensionSets(card: Scorecard): Map<string, string> {
  const sets = new Map<string, string[]>();
  for (const s of card.subdimensions) sets.set(s.dimension, [...(sets.get(s.dimension) ?? []), s.code]);
  return new Map([...sets].map(([d, codes]) => [d, [...codes].sort().join(',')]));
}

/**
 * Year over year for one unit. Across framework versions only what both share is
 * compared: sub-dimensions on their normalised S; a dimension whose set of
 * sub-dimensions changed, and then the total, are not comparable.
 */
export function compareScorecards(from: Scorecard, to: Scorecard, confidence = to.confidence): Comparison {
  const z = zForConfidence(confidence);
  const setsFrom = subdimensionSets(from);
  const setsTo = subdimensionSets(to);
  const sameDimensions =
    from.dimensions.length === to.dimensions.length && from.dimensions.every((d) => setsTo.has(d.code));

  const dimensions: Change[] = [];
  let allDimensionsComparable = sameDimensions;
  for (const d of to.dimensions) {
    const a = from.dimensions.find((x) => x.code === d.code);
    if (!a) continue;
    const comparable = setsFrom.get(d.code) === setsTo.get(d.code);
    if (!comparable) allDimensionsComparable = false;
    dimensions.push({ code: d.code, ...change(a, d, z, comparable) });
  }

  const subdimensions: Change[] = [];
  for (const s of to.subdimensions) {
    const a = from.subdimensions.find((x) => x.code === s.code);
    if (!a) continue;
    subdimensions.push({
      code: s.code,
      ...change({ score: a.normalized, se: a.normalizedSe }, { score: s.normalized, se: s.normalizedSe }, z),
    });
  }

  const indicators: Change[] = [];
  const fromItems = new Map(from.indicators.map((i) => [i.code, i]));
  const toCodes = new Set(to.indicators.map((i) => i.code));
  for (const i of to.indicators) {
    const a = fromItems.get(i.code);
    if (a) indicators.push({ code: i.code, ...change(a, i, z) });
  }

  const describe = (c: Scorecard) => ({ unit: c.unit.name, code: c.unit.code, year: c.unit.year, framework: c.framework });
  return {
    from: describe(from),
    to: describe(to),
    confidence,
    total: change(from.total, to.total, z, allDimensionsComparable),
    dimensions,
    subdimensions,
    indicators,
    onlyIn: {
      from: from.indicators.filter((i) => !toCodes.has(i.code)).map((i) => i.code),
      to: to.indicators.filter((i) => !fromItems.has(i.code)).map((i) => i.code),
    },
  };
}
