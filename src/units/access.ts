/**
 * Access from the registry (methodology.md §8, issue 14): what a token naming a
 * registry unit may read and upload. The server calls this with the store's
 * registry; nothing here trusts names an upload types.
 */
import { coverage } from './queries.js';
import { buildRegistry } from './registry.js';
import type { UnitPeriod } from './types.js';

/**
 * The codes a token for `code` covers (itself, the units under it in any year,
 * their predecessors' history), or null when the registry is empty or does not
 * know `code` (then the older rules apply: a unit token covers its own code).
 */
export function registryCoverage(rows: readonly Omit<UnitPeriod, 'row'>[], code: string): ReadonlySet<string> | null {
  if (rows.length === 0) return null;
  const registry = buildRegistry('store', rows.map((r, i) => ({ ...r, row: i + 2 })));
  if (!registry.byCode.has(code)) return null;
  return coverage(registry, code);
}
