import type { Problem } from '../diagnostics/problem.js';
import { engineVersion } from '../store/engine-version.js';
import { sha256Hex } from '../store/hash.js';
import { unitKeyOf } from '../store/keys.js';
import type { UnitInfo } from '../scoring/types.js';
import type { StoredSubmission, SubmissionStore } from '../store/types.js';
import { coversAll, type Principal, type UnitPlace } from './auth.js';
import type { ScoreFn, ServerLimits } from './deps.js';
import type { ExportOptions } from '../pipeline.js';

/** Problem codes ingest uses when a limit stops it (answered 413, contract.md "Limits"). */
export const LIMIT_CODES = new Set(['file-too-large', 'too-many-entries', 'uncompressed-too-large', 'too-many-cells', 'too-many-strings', 'too-many-workbooks', 'batch-too-large']);

export type IngestOutcome =
  | { kind: 'created' | 'existing'; submission: StoredSubmission }
  | { kind: 'unscorable'; tooLarge: boolean; problems: Problem[]; message: string }
  | { kind: 'forbidden'; units: UnitPlace[] };

export interface IngestRequest {
  bytes: Uint8Array;
  fileName: string;
  confidence: number;
  principal: Principal;
  /** The request's deadline: the work stops at its next check and nothing is stored. */
  signal?: AbortSignal;
  /** An ODK/Kobo export's unit and year from the upload form (a template names its own). */
  exports?: ExportOptions;
}

/**
 * Upload → score → store, shared by POST /api/submissions and the sample
 * ingestion at start. Same bytes are answered from the store without scoring.
 */
export async function ingestWorkbook(
  deps: { store: SubmissionStore; score: ScoreFn; limits: ServerLimits },
  request: IngestRequest,
): Promise<IngestOutcome> {
  const { store } = deps;
  const existing = await store.findByHash(sha256Hex(request.bytes));
  if (existing) {
    if (!coversAll(request.principal, existing.units)) return { kind: 'forbidden', units: existing.units };
    const submission = await store.get(existing.id);
    if (submission) return { kind: 'existing', submission };
  }
  // A variable, not a literal: `limits` reaches a pipeline that accepts it without breaking one that does not yet.
  const placeOf = (u: UnitInfo): UnitPlace => ({ key: unitKeyOf(u), code: u.code, province: u.province, district: u.district });
  const options = {
    fileName: request.fileName,
    confidence: request.confidence,
    limits: deps.limits,
    signal: request.signal,
    exports: request.exports,
    // Authorization before scoring: the units are known once the workbook is read.
    authorize: (units: readonly UnitInfo[]) => coversAll(request.principal, units.map(placeOf)),
  };
  const result = await deps.score(request.bytes, options);
  if (result.refused) return { kind: 'forbidden', units: result.refused.map(placeOf) };
  if (result.fatal || result.scorecards.length === 0) {
    const firstError = result.problems.find((p) => p.severity === 'error');
    return {
      kind: 'unscorable',
      tooLarge: result.problems.some((p) => p.severity === 'error' && LIMIT_CODES.has(p.code)),
      problems: result.problems,
      message: firstError ? `the workbook could not be scored: ${firstError.message}` : 'the workbook has no unit that could be scored',
    };
  }
  const units = result.scorecards
    .filter((s) => s.level === 'unit')
    .map((s) => ({ key: unitKeyOf(s.unit), code: s.unit.code, province: s.unit.province, district: s.unit.district }));
  if (!coversAll(request.principal, units)) return { kind: 'forbidden', units };
  // A deadline that fired during the last stretch of scoring still means: store nothing.
  request.signal?.throwIfAborted();
  const { submission, created } = await store.put(
    {
      fileName: request.fileName,
      files: [result.file],
      problems: result.problems,
      scorecards: result.scorecards,
      confidence: request.confidence,
      uploadedBy: request.principal.tokenId ?? 'local',
      // What the report is rebuilt from later, without re-reading the workbook.
      reportInputs: result.survey
        ? { framework: result.survey.framework, targets: result.survey.targets, plan: result.survey.plan, engineVersion: engineVersion(), confidence: request.confidence }
        : undefined,
    },
    request.bytes,
  );
  return { kind: created ? 'created' : 'existing', submission };
}
