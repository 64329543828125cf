/**
 * Year-aware questions to a registry (methodology.md §8). Pure functions over a
 * checked Registry (acyclic, periods not overlapping).
 */
import { periodAt, periodEnd, periodStart } from './registry.js';
import type { Ancestor, Registry, UnitLevel, UnitPeriod } from './types.js';

export { periodAt as unitAt };

/** The unit and its parents in `year`, nearest first: commune → district → province (to 2024), commune → province (from 2025). */
export function parentChain(registry: Registry, code: string, year: number): UnitPeriod[] {
  const chain: UnitPeriod[] = [];
  for (let p = periodAt(registry, code, year); p && chain.length < 4; p = p.parent ? periodAt(registry, p.parent, year) : undefined) chain.push(p);
  return chain;
}

/** The units under `code` in `year` (all levels below it), or only those of `level`. */
export function unitsUnder(registry: Registry, code: string, year: number, level?: UnitLevel): UnitPeriod[] {
  return registry.periods.filter(
    (p) =>
      p.code !== code &&
      periodStart(p) <= year &&
      year <= periodEnd(p) &&
      (level === undefined || p.level === level) &&
      parentChain(registry, p.code, year).some((q) => q.code === code),
  );
}

/** The communes under a province or district in `year`, in code order. */
export function communesUnder(registry: Registry, code: string, year: number): UnitPeriod[] {
  return unitsUnder(registry, code, year, 'commune').sort((a, b) => a.code.localeCompare(b.code));
}

/**
 * The units valid in the earlier year `a` that unit `code` (valid in year `b`)
 * descends from, through as many reorganisations as the registry records. A
 * unit that kept its code is its own ancestor. `part` is set when only part of a
 * unit's area reached `code` along every path.
 */
export function descent(registry: Registry, code: string, b: number, a: number): Ancestor[] {
  const found = new Map<string, Ancestor>();
  const seen = new Set<string>();
  // Walk code's history at years ≤ horizon: a period covering `a` is an ancestor;
  // a period that starts after `a` leads on to the predecessors it lists.
  const walk = (c: string, horizon: number, part: boolean): void => {
    const key = `${c}|${horizon}|${part}`;
    if (seen.has(key)) return;
    seen.add(key);
    for (const p of registry.byCode.get(c) ?? []) {
      if (periodStart(p) > horizon) continue;
      if (periodStart(p) <= a && a <= periodEnd(p)) {
        const prior = found.get(c);
        found.set(c, { code: c, name: p.name, part: prior ? prior.part && part : part });
      } else if (periodStart(p) > a) for (const q of p.predecessors) walk(q.code, periodStart(p) - 1, part || q.part);
    }
  };
  if (a >= b || !periodAt(registry, code, b)) return [];
  walk(code, b, false);
  return [...found.values()].sort((x, y) => x.code.localeCompare(y.code));
}

/**
 * What a token for `code` may read (methodology.md §8): the unit itself, every
 * unit under it in any year, and the history of their predecessors (after a
 * split, each successor reads the whole predecessor). Closed under both rules,
 * so a merged province covers its predecessors' communes.
 */
export function coverage(registry: Registry, code: string): Set<string> {
  // A period's parent is its parent in every year of the period, so "under c in
  // some year" is "some period names c as its parent", followed down the levels.
  const children = new Map<string, string[]>();
  for (const p of registry.periods) if (p.parent) children.set(p.parent, [...(children.get(p.parent) ?? []), p.code]);
  const covered = new Set<string>();
  const queue = [code];
  while (queue.length) {
    const c = queue.pop()!;
    if (covered.has(c) || !registry.byCode.has(c)) continue;
    covered.add(c);
    for (const p of registry.byCode.get(c)!) for (const q of p.predecessors) queue.push(q.code);
    queue.push(...(children.get(c) ?? []));
  }
  return covered;
}
