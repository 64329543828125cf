/**
 * Access from the registry (methodology.md §8, issue 14): what a token naming a
 * registry unit may read and upload. The server calls this with the store's
 * registry; nothing here trusts names an upload types.
 */
import { coverage } from './queries.js';
import { buildRegistry } from './registry.js';
import type { Registry, UnitPeriod } from './types.js';

/** The store's registry rows as a Registry (they were checked whole when imported), or undefined when there are none. */
export function storedRegistry(rows: readonly Omit<UnitPeriod, 'row'>[]): Registry | undefined {
  if (rows.length === 0) return undefined;
  return buildRegistry('units registry', rows.map((r, i) => ({ ...r, row: i + 2 })));
}

/**
 * The codes a token for `code` covers (itself, the units under it in any year,
 * their predecessors' history), or null when the registry is empty or does not
 * know `code` (then the older rules apply: a unit token covers its own code).
 */
export function registryCoverage(rows: readonly Omit<UnitPeriod, 'row'>[], code: string): ReadonlySet<string> | null {
  const registry = storedRegistry(rows);
  if (!registry || !registry.byCode.has(code)) return null;
  return coverage(registry, code);
}
