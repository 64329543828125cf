import { reason } from '../diagnostics/reasons.js';
import { readFileStore, type Rejection } from './file-store-reader.js';
import type { SqlStore } from './sql-store.js';

export interface ImportReport {
  imported: number;
  existing: number;
  tokens: number;
  rejected: Rejection[];
}

/**
 * Copies a file-store directory into the database: every submission (same
 * id, bytes, upload time and uploader, in the old commit order) and every
 * token. Idempotent: a second run finds everything by its hash. Verified:
 * each stored workbook is read back and checked against its SHA-256.
 */
export async function importFileStore(store: SqlStore, dir: string): Promise<ImportReport> {
  const contents = await readFileStore(dir);
  const report: ImportReport = { imported: 0, existing: 0, tokens: 0, rejected: [...contents.rejected] };
  for (const s of contents.submissions) {
    const { submission, created } = await store.insert(
      { fileName: s.fileName, files: s.files, problems: s.problems, scorecards: s.scorecards, confidence: s.confidence, uploadedBy: s.uploadedBy ?? undefined, engineVersion: 'chiso file store' },
      s.input,
      s.uploadedAt,
    );
    const back = await store.getInput(submission.id);
    if (submission.id !== s.id || back === undefined) {
      report.rejected.push({ name: `submissions/${s.id}`, reason: reason('file-store-read-back') });
      continue;
    }
    if (created) report.imported++;
    else report.existing++;
  }
  for (const token of contents.tokens) {
    if (await store.getToken(token.id)) continue;
    await store.putToken(token);
    report.tokens++;
  }
  return report;
}
