import { parseArgs, type ParseArgsConfig } from 'node:util';
import { cliLimits, type Limits, withOverrides } from '../limits.js';
import { UsageError } from './io.js';

type Options = NonNullable<ParseArgsConfig['options']>;

/** node:util parseArgs, with its errors turned into usage errors (exit 64). */
export function parse<T extends Options>(args: string[], options: T) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
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
  if (!Number.isFinite(n) || n <= 0) throw new UsageError(`--${name} must be a positive number, not "${value}"`);
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
  if (!(c > 0 && c < 1)) throw new UsageError(`--confidence must be between 0 and 1 (e.g. 0.95), not "${value}"`);
  return c;
}

export function integerFrom(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n)) throw new UsageError(`--${name} must be a whole number, not "${value}"`);
  return n;
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
  if (year !== undefined && !/^\d{4}$/.test(year.trim())) throw new UsageError(`--year must be a year such as 2025, not "${year}"`);
  const framework = values.framework as string | undefined;
  if (framework !== undefined && !/^[a-z0-9-]+$/.test(framework)) throw new UsageError(`--framework is a framework id such as papi-28, not "${framework}"`);
  return {
    unitCode: (values.unit as string | undefined)?.trim() || undefined,
    year: year === undefined ? undefined : Number(year),
    framework,
  };
}
