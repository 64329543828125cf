/**
 * A registry file from disk: CSV (UTF-8, header row) or a workbook with a
 * `Units` sheet. The I/O edge of src/units; the checks are in registry.ts.
 */
import { readFile, stat } from 'node:fs/promises';
import { cellText } from '../ingest/table.js';
import type { Limits } from '../limits.js';
import { unitProblem } from './messages.js';
import { parseRegistryCsv, parseRegistryRows, type RegistryResult, type RegistryRow } from './registry.js';

/** A registry of the whole country is ~12,000 rows (≈1 MB); this leaves room and still bounds the work. */
export const MAX_REGISTRY_BYTES = 32 * 1024 * 1024;

export async function loadRegistryFile(file: string, limits: Limits): Promise<RegistryResult> {
  const fail = (reason: string): RegistryResult => ({ registry: null, problems: [unitProblem('registry-unreadable', { file }, { reason })] });
  let bytes: Uint8Array;
  try {
    const size = (await stat(file)).size;
    if (size > MAX_REGISTRY_BYTES) return { registry: null, problems: [unitProblem('registry-unreadable.size', { file }, { size, limit: MAX_REGISTRY_BYTES })] };
    bytes = await readFile(file);
  } catch (error) {
    return fail((error as NodeJS.ErrnoException).code ?? (error as Error).message);
  }
  return parseRegistryBytes(bytes, file, limits);
}

/** CSV or xlsx (told apart by the zip signature, not the name), for the CLI and the service. */
export async function parseRegistryBytes(bytes: Uint8Array, file: string, limits: Limits): Promise<RegistryResult> {
  const isZip = bytes[0] === 0x50 && bytes[1] === 0x4b;
  if (!isZip) {
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      return { registry: null, problems: [unitProblem('registry-unreadable.utf8', { file }, {})] };
    }
    return parseRegistryCsv(text, file);
  }
  const { openXlsx, XlsxError } = await import('../ingest/xlsx/index.js');
  try {
    const source = await openXlsx(bytes, limits);
    if (!source.sheetNames.includes('Units'))
      return { registry: null, problems: [unitProblem('registry-unreadable.sheet', { file, sheet: 'Units' }, {})] };
    const rows: RegistryRow[] = [];
    for await (const row of source.rows('Units')) {
      const cells: string[] = [];
      // Formulas are never evaluated: a formula cell counts as its cached text, like everywhere in chiso.
      row.values.forEach((v, c) => (cells[c - 1] = cellText(v)));
      rows.push({ row: row.number, cells: Array.from(cells, (c) => c ?? '') });
    }
    return parseRegistryRows(rows, file);
  } catch (error) {
    if (error instanceof XlsxError) return { registry: null, problems: [unitProblem('registry-unreadable', { file }, { reason: error.text() })] };
    throw error;
  }
}
