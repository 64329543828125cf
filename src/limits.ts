/**
 * Every size limit in one place (contract.md "Limits"). Each is checked before
 * the work it protects; exceeding one is a located diagnostic, exit 2 / HTTP 413.
 * (Plain TypeScript, not zod: this module is on every CLI run's start-up path,
 * and the CLI checks its limit options itself: commands/options.ts.)
 */
export interface Limits {
  /** Bytes of the uploaded or read file. */
  maxFileBytes: number;
  /** Sum of the uncompressed sizes of the zip entries (zip bombs). */
  maxUncompressedBytes: number;
  /** Uncompressed size of any one zip entry. */
  maxEntryBytes: number;
  /** Entries in the zip. */
  maxEntries: number;
  /** Cells read in the Responses sheet (rows × columns). */
  maxCells: number;
  /** Strings in the shared string table (each costs memory however short). */
  maxSharedStrings: number;
  /** Characters of all shared strings together. */
  maxSharedStringChars: number;
}

const MB = 1024 * 1024;

export const serviceLimits: Limits = {
  maxFileBytes: 25 * MB,
  maxUncompressedBytes: 250 * MB,
  maxEntryBytes: 250 * MB,
  maxEntries: 10_000,
  maxCells: 5_000_000,
  // A commune's file holds its text answers and labels: tens of thousands; 13 million took 3.4 s.
  maxSharedStrings: 1_000_000,
  maxSharedStringChars: 50_000_000,
};

/** Larger, so a national 100,000-respondent file scores on the command line. */
export const cliLimits: Limits = {
  maxFileBytes: 512 * MB,
  maxUncompressedBytes: 1024 * MB,
  maxEntryBytes: 1024 * MB,
  maxEntries: 10_000,
  maxCells: 50_000_000,
  maxSharedStrings: 10_000_000,
  maxSharedStringChars: 500_000_000,
};

/** `base` with the defined overrides; each limit must be a whole number above 0. */
export function withOverrides(base: Limits, overrides: Partial<Limits>): Limits {
  const limits: Limits = { ...base };
  for (const key of Object.keys(base) as (keyof Limits)[]) {
    const value = overrides[key];
    if (value === undefined) continue;
    if (!Number.isInteger(value) || value <= 0) throw new RangeError(`the limit ${key} must be a whole number above 0, not ${value}`);
    limits[key] = value;
  }
  return limits;
}
