import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { packageRoot, summarizeIssues } from '../framework/load.js';

/**
 * The real units of the seed plans (samples/units.json): where they are, which
 * years and framework versions to sample, the plan's targets and tasks, and a
 * quality hint per dimension for realistic mock scores.
 */

const DIMENSION_CODES = ['1', '2', '3', '4', '5', '6', '7', '8'] as const;

/** "total", a dimension ("4"), a sub-dimension ("4a"), or several of them: "7b,7c". */
export const levelSchema = z
  .string()
  .regex(/^(total|[0-9]+[a-z]?)(,(total|[0-9]+[a-z]?))*$/, 'a level is "total", "4", "4a" or a list like "7b,7c"');

export const sampleTargetSchema = z.object({ level: levelSchema, target: z.number() });

export const sampleTaskSchema = z.object({
  level: levelSchema,
  task: z.string().min(1),
  responsible: z.string(),
  coordinating: z.string(),
  timing: z.string(),
});

const qualitySchema = z.number().min(1).max(10);

export const sampleUnitSchema = z
  .object({
    slug: z.string().regex(/^[a-z0-9-]+$/),
    province: z.string().min(1),
    district: z.string().min(1),
    unit: z.string().min(1),
    unit_code: z.string().regex(/^[0-9]{5}$/, 'a commune code has 5 digits'),
    unit_code_note: z.string().optional(),
    years: z
      .array(z.object({ year: z.number().int().min(2009).max(2100), framework: z.string().regex(/^[a-z0-9-]+$/) }))
      .min(1),
    plan: z.object({
      year: z.number().int(),
      title: z.string().min(1),
      issuer: z.string().optional(),
      source: z.string().min(1),
      note: z.string().optional(),
    }),
    targets: z.array(sampleTargetSchema),
    tasks: z.array(sampleTaskSchema).min(1),
    quality: z.object(Object.fromEntries(DIMENSION_CODES.map((d) => [d, qualitySchema])) as Record<(typeof DIMENSION_CODES)[number], typeof qualitySchema>),
    quality_note: z.string().optional(),
  })
  .refine((u) => new Set(u.years.map((y) => y.year)).size === u.years.length, {
    message: 'a year is listed twice',
    path: ['years'],
  });

export const sampleUnitsFileSchema = z
  .object({
    $comment: z.string().optional(),
    quality_scale: z.string().optional(),
    /** Long-run provincial means per dimension, the centre the quality hints move around. */
    long_run_means: z.record(z.string(), z.number()),
    units: z.array(sampleUnitSchema).min(1),
  })
  .refine((f) => new Set(f.units.map((u) => u.slug)).size === f.units.length, { message: 'a slug is listed twice', path: ['units'] })
  .refine((f) => new Set(f.units.map((u) => u.unit_code)).size === f.units.length, {
    message: 'a unit_code is listed twice',
    path: ['units'],
  });

export type SampleTarget = z.infer<typeof sampleTargetSchema>;
export type SampleTask = z.infer<typeof sampleTaskSchema>;
export type SampleUnit = z.infer<typeof sampleUnitSchema>;
export type SampleUnitsFile = z.infer<typeof sampleUnitsFileSchema>;

export function sampleUnitsPath(): string {
  return join(packageRoot(), 'samples', 'units.json');
}

/** samples/units.json, validated; throws an Error with the zod issues summarised. */
export function loadSampleUnitsFile(file = sampleUnitsPath()): SampleUnitsFile {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`Cannot read sample units ${file}: ${(err as Error).message}`);
  }
  const parsed = sampleUnitsFileSchema.safeParse(raw);
  if (!parsed.success) throw new Error(`Sample units file ${file} is invalid: ${summarizeIssues(parsed.error)}`);
  return parsed.data;
}

export function loadSampleUnits(file?: string): SampleUnit[] {
  return loadSampleUnitsFile(file).units;
}

/** The codes a level names: "7b,7c" → ["7b", "7c"]. */
export function levelCodes(level: string): string[] {
  return level
    .split(',')
    .map((code) => code.trim())
    .filter(Boolean);
}

function nameKey(name: string): string {
  return name
    .normalize('NFC')
    .toLocaleLowerCase('vi')
    .replace(/^(phường|xã|thị trấn)\s+/u, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * A sample unit by slug, unit_code or name ("Phường Long Thạnh", "long thạnh",
 * "long-thanh", "30316"); names compared after NFC, case-insensitively, with or
 * without "Phường"/"Xã". Undefined when nothing or more than one unit matches.
 */
export function findSampleUnit(query: string, units: SampleUnit[] = loadSampleUnits()): SampleUnit | undefined {
  const q = query.trim();
  const exact = units.find((u) => u.slug === q.toLowerCase() || u.unit_code === q);
  if (exact) return exact;
  const matches = units.filter((u) => nameKey(u.unit) === nameKey(q));
  return matches.length === 1 ? matches[0] : undefined;
}
