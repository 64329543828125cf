import { parseArgs, type ParseArgsConfig } from 'node:util';
import { cliLimits, type Limits, withOverrides } from '../limits.js';
import { DEFAULT_LANG, type Lang, parseLang } from '../diagnostics/lang.js';
import { errorText } from '../diagnostics/reasons.js';
import { loadFramework } from '../framework/load.js';
import type { Framework } from '../framework/schema.js';
import { type Io, printProblems, UsageError, usageError } from './io.js';
import type { Registry } from '../units/types.js';

type Options = NonNullable<ParseArgsConfig['options']>;

/** `--lang vi|en`, on every command (contract.md): messages, reports and the narrative. */
export const langOptions = { lang: { type: 'string' } } as const;

export function langFrom(values: { lang?: string | boolean | (string | boolean)[] }): Lang {
  if (values.lang === undefined) return DEFAULT_LANG;
  const lang = typeof values.lang === 'string' ? parseLang(values.lang) : undefined;
  if (!lang || !/^(vi|en)$/i.test(String(values.lang))) throw usageError('usageLang', { value: String(values.lang) });
  return lang;
}

/** node:util parseArgs, with its errors turned into usage errors (exit 64); every command takes `--lang`. */
export function parse<T extends Options>(args: string[], options: T) {
  try {
    return parseArgs({ args, options: { ...langOptions, ...options } as T & typeof langOptions, allowPositionals: true, strict: true });
  } catch (error) {
    throw usageError('usageOption', { detail: (error as Error).message });
  }
}

export const limitOptions = {
  'max-file-mb': { type: 'string' },
  'max-uncompressed-mb': { type: 'string' },
  'max-cells': { type: 'string' },
} as const;

function positiveNumber(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw usageError('usagePositive', { name, value: String(value) });
  return n;
}

export function limitsFrom(values: Record<string, unknown>, base: Limits = cliLimits): Limits {
  const mb = (name: string) => {
    const n = positiveNumber(name, values[name] as string | undefined);
    return n === undefined ? undefined : Math.round(n * 1024 * 1024);
  };
  const cells = positiveNumber('max-cells', values['max-cells'] as string | undefined);
  const uncompressed = mb('max-uncompressed-mb');
  return withOverrides(base, {
    maxFileBytes: mb('max-file-mb'),
    maxUncompressedBytes: uncompressed,
    maxEntryBytes: uncompressed,
    maxCells: cells === undefined ? undefined : Math.round(cells),
  });
}

export function confidenceFrom(value: string | undefined): number {
  if (value === undefined) return 0.95;
  const c = Number(value.replace(',', '.'));
  if (!(c > 0 && c < 1)) throw usageError('usageConfidence', { value: String(value) });
  return c;
}

/**
 * `--framework ID`, or else the questionnaire of `year` (papi-29 before 2021, papi-28 from then and
 * without a year), loaded; an unknown or broken framework is a usage error in the chosen language.
 */
export function frameworkFrom(id: string | undefined, year: number | null): Framework {
  try {
    return loadFramework(id ?? (year !== null && year < 2021 ? 'papi-29' : 'papi-28'));
  } catch (error) {
    throw new UsageError(errorText(error));
  }
}

export function integerFrom(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n)) throw usageError('usageWhole', { name, value: String(value) });
  return n;
}

/** `--units F`: every command that reads workbooks takes a registry (contract.md). */
export const unitsOption = { units: { type: 'string' } } as const;

/**
 * Loads `--units F`. A registry with any error is not used at all (its problems
 * are printed and the command ends with exit 2), as `chiso units import` imports
 * nothing: a half-read registry would decide identities wrongly.
 */
export async function registryFrom(file: string | undefined, io: Io, limits: Limits, lang: Lang = DEFAULT_LANG): Promise<{ registry?: Registry; failed: boolean }> {
  if (file === undefined) return { failed: false };
  const { loadRegistryFile } = await import('../units/load.js');
  const result = await loadRegistryFile(file, limits);
  printProblems(io, result.problems, 'text', lang);
  return result.registry ? { registry: result.registry, failed: false } : { failed: true };
}

/** How an ODK Central / KoboToolbox export names its unit, year and questionnaire (contract.md). */
export const exportOptions = {
  unit: { type: 'string' },
  year: { type: 'string' },
  framework: { type: 'string' },
} as const;

export interface ExportFlags {
  unitCode?: string;
  year?: number;
  framework?: string;
}

export function exportOptionsFrom(values: Record<string, unknown>): ExportFlags {
  const year = values.year as string | undefined;
  if (year !== undefined && !/^\d{4}$/.test(year.trim())) throw usageError('usageYear', { value: String(year) });
  const framework = values.framework as string | undefined;
  if (framework !== undefined && !/^[a-z0-9-]+$/.test(framework)) throw usageError('usageFramework', { value: String(framework) });
  return {
    unitCode: (values.unit as string | undefined)?.trim() || undefined,
    year: year === undefined ? undefined : Number(year),
    framework,
  };
}
