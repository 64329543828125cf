/**
 * A batch: a .zip of commune workbooks (methodology.md §7). Expands the zip into
 * its .xlsx entries within the limits of src/limits.ts — entry count, per-entry
 * and total inflated size — counting the bytes as node:zlib inflates them (the
 * sizes in the zip directory can lie). Other entries (nested zips, PDFs, folders
 * of a Mac's __MACOSX) are left out with an info problem.
 */
import { unexpectedReason } from '../diagnostics/reasons.js';
import type { Registry } from '../units/types.js';
import type { MessageId, ParamsOf } from '../diagnostics/catalogue.js';
import { problem as makeProblem, type Problem } from '../diagnostics/problem.js';
import type { Limits } from '../limits.js';
import { scoreWorkbook, type WorkbookResult } from '../pipeline.js';
import { entryBytes, isEncrypted, ZipFormatError } from '../zip/directory.js';
import { inflateEntry } from '../zip/inflate.js';
import { readZipDirectory } from './preflight.js';
import { packageKind } from './xlsx/package.js';
import { unscorableSurvey } from './index.js';

export interface BatchEntry {
  /** The entry's path inside the zip. */
  name: string;
  /** What problems and scorecards call it: "batch.zip/entry.xlsx". */
  fileName: string;
  bytes: Uint8Array;
}

export interface ZipBatch {
  entries: BatchEntry[];
  problems: Problem[];
  /** The zip itself could not be expanded (damaged, over a limit). */
  fatal: boolean;
}

const XLSX_MAGIC = [0x50, 0x4b, 0x03, 0x04];

/**
 * Whether an input is a batch zip rather than a workbook: a zip that is neither
 * an OOXML package (.xlsx) nor an OpenDocument file (.ods, itself a zip: it goes
 * to ingest, which says how to save it as .xlsx), whatever its name says.
 */
export function isZipBatch(fileName: string, bytes: Uint8Array): boolean {
  if (!XLSX_MAGIC.every((b, i) => bytes[i] === b)) return false;
  const entries = readZipDirectory(bytes);
  if (entries === null) return /\.zip$/i.test(fileName); // damaged: a .zip is reported as a batch, anything else as a workbook
  return entries.length > 0 && packageKind(entries.map((e) => e.name)) === 'other';
}

class InflateLimit extends Error {}

async function inflateCapped(data: Uint8Array, method: number, cap: number): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of inflateEntry(data, method, 256 * 1024)) {
    size += chunk.length;
    if (size > cap) throw new InflateLimit();
    chunks.push(chunk);
  }
  return new Uint8Array(Buffer.concat(chunks, size));
}

/** The .xlsx entries of a batch zip, in the zip's order, with the problems met on the way. */
export async function expandZipBatch(bytes: Uint8Array, zipName: string, limits: Limits): Promise<ZipBatch> {
  const problems: Problem[] = [];
  const problem = <Id extends MessageId>(id: Id, params: ParamsOf<Id>, file: string) => problems.push(makeProblem(id, params, { file }));
  const fatal = <Id extends MessageId>(id: Id, params: ParamsOf<Id>): ZipBatch => {
    problem(id, params, zipName);
    return { entries: [], problems, fatal: true };
  };
  if (bytes.length > limits.maxFileBytes) return fatal('file-too-large.batch', { size: bytes.length, limit: limits.maxFileBytes });
  const directory = readZipDirectory(bytes);
  if (!directory) return fatal('corrupt-workbook.batch-directory', {});
  if (directory.length > limits.maxEntries) return fatal('too-many-entries.batch', { count: directory.length, limit: limits.maxEntries });

  const entries: BatchEntry[] = [];
  let total = 0;
  for (const e of directory) {
    const fileName = `${zipName}/${e.name}`;
    if (e.name.endsWith('/')) continue; // a folder
    const base = e.name.split('/').pop() ?? '';
    if (!/\.(xlsx|ods|xls)$/i.test(base) || e.name.startsWith('__MACOSX/') || base.startsWith('~$') || base.startsWith('._')) {
      problem('ignored-entry', { entry: e.name }, fileName);
      continue;
    }
    if (isEncrypted(e)) {
      problem('encrypted-workbook.batch-entry', { entry: e.name }, fileName);
      continue;
    }
    if (e.uncompressedSize > limits.maxEntryBytes) {
      problem('uncompressed-too-large.batch-entry', { entry: e.name, size: e.uncompressedSize, limit: limits.maxEntryBytes }, fileName);
      continue;
    }
    let data: Uint8Array;
    try {
      data = entryBytes(bytes, e);
    } catch {
      problem('corrupt-workbook.batch-header', { entry: e.name }, fileName);
      continue;
    }
    const remaining = limits.maxUncompressedBytes - total;
    const cap = Math.min(limits.maxEntryBytes, remaining);
    try {
      const inflated = await inflateCapped(data, e.method, cap);
      total += inflated.length;
      entries.push({ name: e.name, fileName, bytes: inflated });
    } catch (error) {
      if (error instanceof InflateLimit) {
        if (cap === limits.maxEntryBytes && remaining > limits.maxEntryBytes) {
          problem('uncompressed-too-large.batch-streamed', { entry: e.name, limit: limits.maxEntryBytes }, fileName);
          continue;
        }
        return fatal('uncompressed-too-large.batch-total', { limit: limits.maxUncompressedBytes, entry: e.name });
      }
      problem('corrupt-workbook.batch-inflate', { entry: e.name, reason: error instanceof ZipFormatError ? error.reason : unexpectedReason(error) }, fileName);
    }
  }
  return { entries, problems, fatal: false };
}

/** A result that carries only the batch zip's own problems (no scorecards), shaped like a workbook's. */
export function batchResult(zipName: string, problems: Problem[], fatal: boolean): WorkbookResult {
  // Never pooled by a roll-up: it has no respondents.
  const survey = unscorableSurvey(zipName, problems);
  return { file: zipName, problems, scorecards: [], fatal, survey };
}

/**
 * Scores every workbook of a batch zip: one result per entry (file = "batch.zip/entry.xlsx"),
 * preceded by one for the zip's own problems when it has any.
 */
export async function scoreZipBatch(
  bytes: Uint8Array,
  zipName: string,
  options: { confidence?: number; limits: Limits; registry?: Registry },
): Promise<WorkbookResult[]> {
  const batch = await expandZipBatch(bytes, zipName, options.limits);
  const results: WorkbookResult[] = [];
  if (!batch.fatal && batch.entries.length === 0)
    batch.problems.push(makeProblem('not-a-workbook.empty-batch', {}, { file: zipName }));
  const fatal = batch.fatal || batch.entries.length === 0;
  if (batch.problems.length) results.push(batchResult(zipName, batch.problems, fatal));
  for (const entry of batch.entries)
    results.push(await scoreWorkbook(entry.bytes, { fileName: entry.fileName, confidence: options.confidence, limits: options.limits, registry: options.registry }));
  return results;
}
