import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { loadFramework } from '../framework/load.js';
import type { PlanTask, Target } from '../framework/schema.js';
import { saveWorkbook } from '../writer/stableXlsx.js';
import { generateSample } from './generate.js';
import { hashSeed } from './random.js';
import { levelCodes, loadSampleUnitsFile, type SampleUnit, type SampleUnitsFile } from './units.js';

/** The committed samples: samples/<slug>-<year>.xlsx for each unit-year of units.json, plus errors-demo.xlsx. */

export const ERRORS_DEMO_FILE = 'errors-demo.xlsx';

export function sampleFileName(unit: SampleUnit, year: number): string {
  return `${unit.slug}-${year}.xlsx`;
}

/** 150–400 respondents, varying by unit and a little by year, as real commune samples do. */
export function sampleSize(unitCode: string, year: number): number {
  return 150 + (hashSeed('size', unitCode) % 201) + (hashSeed('size', unitCode, year) % 50);
}

export function sampleSeed(unitCode: string, year: number): number {
  return hashSeed(unitCode, year);
}

export function unitTargets(unit: SampleUnit): Target[] {
  return unit.targets.map((t) => ({ levels: levelCodes(t.level), target: t.target }));
}

export function unitPlan(unit: SampleUnit): PlanTask[] {
  return unit.tasks.map((t) => ({
    levels: levelCodes(t.level),
    task: t.task,
    responsible: t.responsible,
    coordinating: t.coordinating,
    timing: t.timing,
  }));
}

export interface SampleFile {
  path: string;
  unit: string;
  year: number;
  framework: string;
  respondents: number;
  seed: number;
  errors: boolean;
}

/** One unit-year's workbook (also what `chiso sample --unit --year` needs). */
export function sampleWorkbook(
  file: SampleUnitsFile,
  unit: SampleUnit,
  year: number,
  options: { respondents?: number; seed?: number; errors?: boolean; framework?: string } = {},
) {
  const frameworkId = options.framework ?? unit.years.find((y) => y.year === year)?.framework ?? (year >= 2021 ? 'papi-28' : 'papi-29');
  const respondents = options.respondents ?? sampleSize(unit.unit_code, year);
  const seed = options.seed ?? sampleSeed(unit.unit_code, year);
  const workbook = generateSample({
    framework: loadFramework(frameworkId),
    unit: { province: unit.province, district: unit.district, name: unit.unit, code: unit.unit_code },
    year,
    respondents,
    seed,
    errors: options.errors ?? false,
    targets: unitTargets(unit),
    plan: unitPlan(unit),
    quality: unit.quality,
    longRunMeans: file.long_run_means,
  });
  return { workbook, framework: frameworkId, respondents, seed };
}

/** Writes every committed sample into outDir (byte-stable); returns what was written. */
export async function writeSampleSet(outDir: string, file: SampleUnitsFile = loadSampleUnitsFile()): Promise<SampleFile[]> {
  await mkdir(outDir, { recursive: true });
  const written: SampleFile[] = [];
  for (const unit of file.units) {
    for (const { year } of unit.years) {
      const made = sampleWorkbook(file, unit, year);
      const path = join(outDir, sampleFileName(unit, year));
      await saveWorkbook(made.workbook, path);
      written.push({ path, unit: unit.slug, year, framework: made.framework, respondents: made.respondents, seed: made.seed, errors: false });
    }
  }
  // The errors demo: the first unit's latest year, small, with every kind of bad cell.
  const unit = file.units[0];
  const year = unit.years[unit.years.length - 1].year;
  const demo = sampleWorkbook(file, unit, year, { respondents: 120, seed: hashSeed('errors-demo'), errors: true });
  const path = join(outDir, ERRORS_DEMO_FILE);
  await saveWorkbook(demo.workbook, path);
  written.push({ path, unit: unit.slug, year, framework: demo.framework, respondents: demo.respondents, seed: demo.seed, errors: true });
  return written;
}
