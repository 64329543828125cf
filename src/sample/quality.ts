import type { Framework } from '../framework/schema.js';
import { Random, hashSeed } from './random.js';

/**
 * The latent governance quality of a unit in a year: the dimension scores the
 * mock answers are drawn to reproduce (D = 1 + 9·mean S, methodology.md §3).
 * It depends on the unit code and year only, not on the sample's seed: two
 * samples of one unit-year differ by sampling noise, not by governance.
 */

/** Long-run PAPI provincial means per dimension (1–10). */
export const PAPI_MEANS: Readonly<Record<string, number>> = {
  '1': 5.09,
  '2': 5.47,
  '3': 5.02,
  '4': 6.38,
  '5': 7.12,
  '6': 7.15,
  '7': 3.7,
  '8': 3.1,
};
const FALLBACK_MEAN = 5.5;
const TOTAL_RANGE: [number, number] = [39, 48];

export interface UnitQuality {
  /** Latent dimension score D (1–10) per dimension code. */
  dimensions: Record<string, number>;
  /** Latent normalised score S (0–1) per sub-dimension code. */
  subdimensions: Record<string, number>;
}

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

/**
 * @param hint per-dimension quality on the dimension's 1–10 scale (e.g. from
 *   samples/units.json); missing dimensions fall back to the PAPI means.
 */
export function unitQuality(
  framework: Framework,
  unitCode: string,
  year: number,
  hint: Partial<Record<string, number>> = {},
): UnitQuality {
  const dimensions: Record<string, number> = {};
  let free = 0;
  for (const d of framework.dimensions) {
    const unitRandom = new Random(hashSeed('unit', unitCode, d.code));
    const yearRandom = new Random(hashSeed('year', unitCode, d.code, year));
    const drift = yearRandom.normal(0, 0.15);
    const given = hint[d.code];
    if (given !== undefined) {
      dimensions[d.code] = clamp(given + drift, 1.3, 9.7);
    } else {
      dimensions[d.code] = clamp((PAPI_MEANS[d.code] ?? FALLBACK_MEAN) + unitRandom.uniform(-0.9, 0.9) + drift, 1.3, 9.7);
      free++;
    }
  }
  // Keep the total (8 dimensions) in PAPI's usual provincial band, moving only the free dimensions.
  if (free > 0 && framework.dimensions.length === 8) {
    const total = Object.values(dimensions).reduce((a, b) => a + b, 0);
    const shift = clamp(total, ...TOTAL_RANGE) - total;
    for (const d of framework.dimensions) {
      if (hint[d.code] === undefined) dimensions[d.code] = clamp(dimensions[d.code] + shift / free, 1.3, 9.7);
    }
  }

  const subdimensions: Record<string, number> = {};
  for (const d of framework.dimensions) {
    const subs = framework.subdimensions.filter((s) => s.dimension === d.code);
    const target = (dimensions[d.code] - 1) / 9;
    const offsets = subs.map((s) => new Random(hashSeed('sub', unitCode, s.code)).uniform(-0.12, 0.12));
    const mean = offsets.reduce((a, b) => a + b, 0) / Math.max(1, offsets.length);
    subs.forEach((s, i) => {
      subdimensions[s.code] = clamp(target + offsets[i] - mean, 0.04, 0.96);
    });
  }
  return { dimensions, subdimensions };
}
