/**
 * The units registry as the service uses it, built once per registry version
 * instead of per request. Reading and building a national registry (11,000+
 * rows) costs ~95 ms of CPU (bench/registry-per-upload.js), and uploads, unit
 * tokens' coverage and year-over-year comparisons all need it.
 *
 * Still nothing diverges between servers on one database: every use asks the
 * store's `registryVersion()` (one cheap query), so a registry imported by
 * another process (`chiso units import`, another instance's POST /api/units)
 * counts at the next request, as before.
 */
import { coverage } from '../units/queries.js';
import { storedRegistry } from '../units/access.js';
import type { Registry } from '../units/types.js';
import type { RegistryUnit, SubmissionStore } from '../store/types.js';

interface Built {
  version: string;
  rows: RegistryUnit[];
  registry: Registry | undefined;
  /** A unit token's coverage by code (null: the registry does not know the code). */
  coverage: Map<string, ReadonlySet<string> | null>;
}

/** A store's cache entry; a promise so that concurrent requests after a change build it once. */
const caches = new WeakMap<SubmissionStore, Promise<Built>>();

async function built(store: Pick<SubmissionStore, 'listRegistry' | 'registryVersion'>): Promise<Built> {
  const build = async (version: string): Promise<Built> => {
    const rows = await store.listRegistry();
    return { version, rows, registry: storedRegistry(rows), coverage: new Map() };
  };
  if (!store.registryVersion) return build('');
  const key = store as SubmissionStore;
  const version = await store.registryVersion();
  const cached = caches.get(key);
  if (cached) {
    const hit = await cached.catch(() => undefined);
    if (hit && hit.version === version) return hit;
    // Another request may have started the rebuild meanwhile.
    const now = caches.get(key);
    if (now !== cached && now) {
      const other = await now.catch(() => undefined);
      if (other && other.version === version) return other;
    }
  }
  // The rows are read after the version: a replacement in between gives a newer registry under the older
  // version, which the next request's version check replaces (never an older registry kept).
  const fresh = build(version);
  caches.set(key, fresh);
  fresh.catch(() => {
    if (caches.get(key) === fresh) caches.delete(key);
  });
  return fresh;
}

/** The store's registry rows (treat as read-only: they are shared between requests). */
export async function registryRows(store: Pick<SubmissionStore, 'listRegistry' | 'registryVersion'>): Promise<readonly RegistryUnit[]> {
  return (await built(store)).rows;
}

/** The store's registry as a Registry, or undefined when it has none (shared: do not change it). */
export async function currentRegistry(store: Pick<SubmissionStore, 'listRegistry' | 'registryVersion'>): Promise<Registry | undefined> {
  return (await built(store)).registry;
}

/** What a unit token for `code` covers (registryCoverage), memoised per registry version. */
export async function currentCoverage(store: Pick<SubmissionStore, 'listRegistry' | 'registryVersion'>, code: string): Promise<ReadonlySet<string> | null> {
  const b = await built(store);
  if (!b.coverage.has(code)) b.coverage.set(code, b.registry && b.registry.byCode.has(code) ? coverage(b.registry, code) : null);
  return b.coverage.get(code)!;
}
