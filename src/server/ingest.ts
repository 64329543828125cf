import { problem, type Problem } from '../diagnostics/problem.js';
import type { Survey } from '../ingest/types.js';
import { currentRegistry } from './registry-cache.js';
import { matchCode } from '../units/resolve.js';
import type { Registry } from '../units/types.js';
import { encodeSurvey } from '../store/answers-codec.js';
import { engineVersion } from '../store/engine-version.js';
import { sha256Hex } from '../store/hash.js';
import { unitKeyOf } from '../store/keys.js';
import type { UnitInfo } from '../scoring/types.js';
import type { StoredSubmission, SubmissionStore } from '../store/types.js';
import { coversAll, placeKey, type Principal, type UnitPlace } from './auth.js';
import type { ScoreFn, ServerLimits } from './deps.js';
import type { ExportOptions } from '../pipeline.js';
import { stoppedByLimit } from './errors.js';

export type IngestOutcome =
  | { kind: 'created' | 'existing'; submission: StoredSubmission }
  | { kind: 'unscorable'; tooLarge: boolean; problems: Problem[] }
  /** The workbook's unit is not the registry's (422 `unknown-unit`) or its code is recorded elsewhere (409 `unit-code-elsewhere`); nothing stored. */
  | { kind: 'unit-refused'; code: 'unknown-unit' | 'unit-code-elsewhere'; problems: Problem[] }
  | { kind: 'forbidden'; units: UnitPlace[] };

export interface IngestRequest {
  bytes: Uint8Array;
  fileName: string;
  confidence: number;
  principal: Principal;
  /** The request's deadline: the work stops at its next check and nothing is stored. */
  signal?: AbortSignal;
  /**
   * Single-user loopback mode: a code the registry does not know is registered
   * by its first upload (its Unit sheet's names, a warning) instead of refused.
   */
  provisional?: boolean;
  /** An ODK/Kobo export's unit and year from the upload form (a template names its own). */
  exports?: ExportOptions;
  /**
   * Called once the workbook is scored, before the checks and the store's write: the route gives
   * back its scoring turn there (WorkTicket.endTurn), so the next upload's scoring overlaps this write.
   */
  onScored?: () => void;
}

/**
 * Upload → score → store, shared by POST /api/submissions and the sample
 * ingestion at start. Same bytes at the same confidence are answered from the
 * store without scoring; at another confidence they are scored at that level.
 */
export async function ingestWorkbook(
  deps: { store: SubmissionStore; score: ScoreFn; limits: ServerLimits },
  request: IngestRequest,
): Promise<IngestOutcome> {
  const { store } = deps;
  const existing = await store.findByHash(sha256Hex(request.bytes), request.confidence);
  if (existing) {
    if (!coversAll(request.principal, existing.units)) return { kind: 'forbidden', units: existing.units };
    const submission = await store.get(existing.id);
    if (submission) return { kind: 'existing', submission };
  }
  // A variable, not a literal: `limits` reaches a pipeline that accepts it without breaking one that does not yet.
  const placeOf = (u: UnitInfo): UnitPlace => ({ key: unitKeyOf(u), code: u.code, province: u.province, district: u.district });
  // Built once per registry version (registry-cache.ts): an import, by any process, takes effect at the next request.
  const registry = await currentRegistry(store);
  const options = {
    registry,
    fileName: request.fileName,
    confidence: request.confidence,
    limits: deps.limits,
    signal: request.signal,
    exports: request.exports,
    // Authorization before scoring: the units are known once the workbook is read.
    authorize: (units: readonly UnitInfo[]) => coversAll(request.principal, units.map(placeOf)),
  };
  const result = await deps.score(request.bytes, options);
  request.onScored?.();
  if (result.refused) return { kind: 'forbidden', units: result.refused.map(placeOf) };
  if (result.fatal || result.scorecards.length === 0) {
    // The route words the refusal in the requester's language (api-errors.ts) from these problems.
    return { kind: 'unscorable', tooLarge: stoppedByLimit(result.problems), problems: result.problems };
  }
  const units = result.scorecards
    .filter((s) => s.level === 'unit')
    .map((s) => ({ key: unitKeyOf(s.unit), code: s.unit.code, province: s.unit.province, district: s.unit.district }));
  if (!coversAll(request.principal, units)) return { kind: 'forbidden', units };
  let problems = result.problems;
  const unknown = problems.filter((p) => p.code === 'unknown-unit');
  if (unknown.length && !request.provisional)
    return { kind: 'unit-refused', code: 'unknown-unit', problems };
  const elsewhere = await claimedElsewhere(store, result.scorecards.filter((s) => s.level === 'unit').map((s) => s.unit), registry, result.survey);
  if (elsewhere.length)
    return { kind: 'unit-refused', code: 'unit-code-elsewhere', problems: [...problems, ...elsewhere] };
  // Single-user mode: the unknown code is registered by this first upload (its Unit sheet's names), said as a warning.
  if (unknown.length) problems = problems.map((p) => (p.code === 'unknown-unit' ? provisionalProblem(p, result.scorecards.map((s) => s.unit)) : p));
  // A deadline that fired during the last stretch of scoring still means: store nothing.
  request.signal?.throwIfAborted();
  const { submission, created } = await store.put(
    {
      fileName: request.fileName,
      files: [result.file],
      problems,
      scorecards: result.scorecards,
      confidence: request.confidence,
      uploadedBy: request.principal.tokenId ?? 'local',
      // What the report is rebuilt from later, without re-reading the workbook.
      reportInputs: result.survey
        ? { framework: result.survey.framework, targets: result.survey.targets, plan: result.survey.plan, engineVersion: engineVersion(), confidence: request.confidence }
        : undefined,
      // The coded answers, for roll-ups (schema v3): encoded by the scoring worker, or here when scoring ran in-process.
      answers: result.answers ?? (result.survey ? encodeSurvey(result.survey) : undefined),
    },
    request.bytes,
  );
  return { kind: created ? 'created' : 'existing', submission };
}

/** "Xã An, Huyện Đông, Tỉnh Thử Nghiệm": a unit's place as its workbook (or the store) names it. */
function placeText(u: Pick<UnitInfo, 'name' | 'district' | 'province'>): string {
  return [u.name, u.district, u.province].filter((x) => x.trim() !== '').join(', ') || '–';
}

function provisionalProblem(p: Problem, units: readonly UnitInfo[]): Problem {
  const code = String(p.params?.code ?? '');
  const unit = units.find((u) => u.code === code);
  const place = unit ? [unit.district, unit.province].filter((x) => x.trim() !== '').join(', ') : '';
  return problem('unit-provisional', { code, year: p.params?.year ?? '', name: unit?.name || '–', place: place || '–' }, { file: p.file, sheet: p.sheet, cell: p.cell });
}

/**
 * A code the registry does not know is the unit its first stored upload named
 * (issue 14: "registered by their first upload"): a later upload claiming that
 * code with another name, district or province is refused. Codes the registry
 * knows carry the registry's names already, so they are not checked here.
 */
async function claimedElsewhere(store: SubmissionStore, units: readonly UnitInfo[], registry: Registry | undefined, survey: Survey | undefined): Promise<Problem[]> {
  const unregistered = units.filter((u) => u.code !== '' && !(registry && u.year !== null && matchCode(registry, u.code, u.year)));
  if (unregistered.length === 0) return [];
  // Only these codes' entries (one indexed query), not the whole store's listing per upload (37 ms at 5,000 submissions).
  const stored = new Map((await store.listUnits(unregistered.map((u) => unitKeyOf(u)))).filter((e) => e.code !== '').map((e) => [e.code, e]));
  const ref = survey?.locations.get('Unit.unit_code') ?? '';
  const [sheet, cell] = ref.includes('!') ? ref.split('!') : ['Unit', ''];
  const problems: Problem[] = [];
  for (const u of unregistered) {
    const known = stored.get(u.code);
    if (!known) continue;
    // A field the upload leaves blank claims nothing (an ODK/Kobo export names only its code).
    const same = (['name', 'district', 'province'] as const).every((f) => placeKey(u[f]) === '' || placeKey(known[f]) === placeKey(u[f]));
    if (!same) problems.push(problem('unit-code-elsewhere', { code: u.code, known: placeText(known), given: placeText(u) }, { file: survey?.file ?? '', sheet, cell }));
  }
  return problems;
}
