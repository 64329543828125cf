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
const TOTAL_RANGE: [number, number] = [38.5, 48.5];

export interface UnitQuality {
  /** Latent dimension score D (1–10) per dimension code. */
  dimensions: Record<string, number>;
  /** Latent normalised score S (0–1) per sub-dimension code. */
  subdimensions: Record<string, number>;
}

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

/** Dimension points per step of the 1–10 quality hint (5 = the long-run mean). */
export const POINTS_PER_QUALITY_STEP = 0.3;

/**
 * @param hint per-dimension quality on the relative 1–10 scale of
 *   samples/units.json: 5 is about the long-run mean of that dimension, 1
 *   among the weakest units, 10 among the strongest. Dimensions without a hint
 *   get a random position derived from the unit code.
 * @param means long-run mean score per dimension (default PAPI_MEANS).
 */
export function unitQuality(
  framework: Framework,
  unitCode: string,
  year: number,
  hint: Partial<Record<string, number>> = {},
  means: Readonly<Record<string, number>> = PAPI_MEANS,
): UnitQuality {
  const dimensions: Record<string, number> = {};
  for (const d of framework.dimensions) {
    const unitRandom = new Random(hashSeed('unit', unitCode, d.code));
    const yearRandom = new Random(hashSeed('year', unitCode, d.code, year));
    const given = hint[d.code];
    const position = given !== undefined ? (given - 5) * POINTS_PER_QUALITY_STEP + unitRandom.uniform(-0.25, 0.25) : unitRandom.uniform(-0.9, 0.9);
    dimensions[d.code] = clamp((means[d.code] ?? FALLBACK_MEAN) + position + yearRandom.normal(0, 0.15), 1.3, 9.7);
  }
  // Keep the total (8 dimensions) in PAPI's usual provincial band.
  if (framework.dimensions.length === 8) {
    const total = Object.values(dimensions).reduce((a, b) => a + b, 0);
    const shift = (clamp(total, ...TOTAL_RANGE) - total) / 8;
    for (const d of framework.dimensions) dimensions[d.code] = clamp(dimensions[d.code] + shift, 1.3, 9.7);
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
