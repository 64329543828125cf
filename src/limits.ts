import { z } from 'zod';

/**
 * Every size limit in one place (contract.md "Limits"). Each is checked before
 * the work it protects; exceeding one is a located diagnostic, exit 2 / HTTP 413.
 */
export const limitsSchema = z.object({
  /** Bytes of the uploaded or read file. */
  maxFileBytes: z.number().int().positive(),
  /** Sum of the uncompressed sizes of the zip entries (zip bombs). */
  maxUncompressedBytes: z.number().int().positive(),
  /** Uncompressed size of any one zip entry. */
  maxEntryBytes: z.number().int().positive(),
  /** Entries in the zip. */
  maxEntries: z.number().int().positive(),
  /** Cells read in the Responses sheet (rows × columns). */
  maxCells: z.number().int().positive(),
});
export type Limits = z.infer<typeof limitsSchema>;

const MB = 1024 * 1024;

export const serviceLimits: Limits = {
  maxFileBytes: 25 * MB,
  maxUncompressedBytes: 250 * MB,
  maxEntryBytes: 250 * MB,
  maxEntries: 10_000,
  maxCells: 5_000_000,
};

/** Larger, so a national 100,000-respondent file scores on the command line. */
export const cliLimits: Limits = {
  maxFileBytes: 512 * MB,
  maxUncompressedBytes: 1024 * MB,
  maxEntryBytes: 1024 * MB,
  maxEntries: 10_000,
  maxCells: 50_000_000,
};

export function withOverrides(base: Limits, overrides: Partial<Limits>): Limits {
  return limitsSchema.parse({ ...base, ...Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined)) });
}
