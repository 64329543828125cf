/**
 * POST /api/batches: several workbooks at once (multipart, several `file`
 * fields, or one .zip of commune workbooks). Scores every unit, optionally
 * rolls up to district or province (`rollup` field), and answers the
 * scorecards with their performance groups and every problem. Nothing is
 * stored: a batch is a comparison, not a submission.
 */
import type { Hono, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { localizeAll, problem, type Problem } from '../../diagnostics/problem.js';
import { batchResult, expandZipBatch, isZipBatch } from '../../ingest/zipBatch.js';
import { rollUp, withPerformanceGroups, type WorkbookResult } from '../../pipeline.js';
import type { Scorecard } from '../../scoring/types.js';
import { coversAll, type Principal } from '../auth.js';
import { safeFileName } from '../content-disposition.js';
import type { ScoreFn, ServerLimits } from '../deps.js';
import { ApiError, badRequest, errorResponse, invalidFields, langOf, tooLarge, unscorable, type FieldProblem } from '../errors.js';

import { unitKeyOf } from '../../store/keys.js';

import { runQueued, type QueuedWork, type WorkEnv } from '../guard/queue.js';
import type { UnitInfo } from '../../scoring/types.js';

type Env = { Variables: { principal: Principal; work: QueuedWork } };

const MULTIPART_SLACK = 64 * 1024;

export interface BatchResponse {
  files: string[];
  problems: Problem[];
  scorecards: Scorecard[];
}

/**
 * Scores the uploaded files (workbooks or batch zips) into one comparison.
 * The whole request is bounded: at most `maxBatchWorkbooks` workbooks (counted
 * before any is scored) and `maxBatchCells` response cells together (each
 * workbook is read with what is left of that budget as its cell limit); the
 * signal stops it between and inside workbooks; `authorize` is asked before
 * each workbook is scored, and a refusal stops the batch (`refused`).
 */
export async function scoreBatch(
  uploads: readonly { name: string; bytes: Uint8Array }[],
  options: {
    score: ScoreFn;
    limits: ServerLimits;
    confidence: number;
    rollup?: 'district' | 'province';
    signal?: AbortSignal;
    authorize?: (units: readonly UnitInfo[]) => boolean;
  },
): Promise<{ results: WorkbookResult[]; scorecards: Scorecard[]; refused?: UnitInfo[] }> {
  const { limits, signal } = options;
  const results: WorkbookResult[] = [];
  // Expand the zips first: the workbook count is known before any scoring starts.
  const workbooks: { name: string; bytes: Uint8Array }[] = [];
  for (const upload of uploads) {
    signal?.throwIfAborted();
    if (!isZipBatch(upload.name, upload.bytes)) {
      workbooks.push(upload);
      continue;
    }
    const batch = await expandZipBatch(upload.bytes, upload.name, limits);
    if (!batch.fatal && batch.entries.length === 0)
      batch.problems.push(problem('not-a-workbook.empty-batch', {}, { file: upload.name }));
    if (batch.problems.length) results.push(batchResult(upload.name, batch.problems, batch.fatal || batch.entries.length === 0));
    for (const entry of batch.entries) workbooks.push({ name: entry.fileName, bytes: entry.bytes });
  }
  if (workbooks.length > limits.maxBatchWorkbooks) {
    const over = problem('too-many-workbooks', { count: workbooks.length, limit: limits.maxBatchWorkbooks }, { file: uploads[0]?.name ?? '' });
    return { results: [...results, batchResult(over.file, [over], true)], scorecards: [] };
  }

  const skipped = (name: string) => batchResult(name, [problem('batch-too-large.skipped', { limit: limits.maxBatchCells }, { file: name })], true);
  let cellsLeft = limits.maxBatchCells;
  for (const [i, workbook] of workbooks.entries()) {
    signal?.throwIfAborted();
    if (cellsLeft <= 0) {
      for (const rest of workbooks.slice(i)) results.push(skipped(rest.name));
      break;
    }
    const byBudget = cellsLeft < limits.maxCells;
    const result = await options.score(workbook.bytes, {
      fileName: workbook.name,
      confidence: options.confidence,
      limits: { ...limits, maxCells: Math.min(limits.maxCells, cellsLeft) },
      signal,
      authorize: options.authorize,
    });
    if (result.refused) return { results, scorecards: [], refused: result.refused };
    results.push(result);
    const coded = result.survey?.responses;
    if (!result.problems.some((p) => p.code === 'too-many-cells')) {
      cellsLeft -= coded ? coded.n * coded.items.length : 0;
      continue;
    }
    // Stopped at the cell limit: if it was what was left of the batch's budget, the batch is what is too large.
    if (byBudget) {
      const left = workbooks.length - i - 1;
      result.problems.push(problem('batch-too-large.stopped', { limit: limits.maxBatchCells, left }, { file: workbook.name }));
      for (const rest of workbooks.slice(i + 1)) results.push(skipped(rest.name));
      break;
    }
    cellsLeft = Math.max(0, cellsLeft - limits.maxCells);
  }
  let scorecards = results.flatMap((r) => r.scorecards);
  if (options.rollup) {
    const surveys = results.filter((r) => !r.fatal && r.survey).map((r) => r.survey);
    scorecards = [...scorecards, ...rollUp(surveys, 'district', options.confidence)];
    if (options.rollup === 'province') scorecards = [...scorecards, ...rollUp(surveys, 'province', options.confidence)];
  }
  return { results, scorecards: withPerformanceGroups(scorecards) };
}

export function registerBatchRoutes(
  app: Hono<Env>,
  deps: { score: ScoreFn; limits: ServerLimits; confidence: number; queued: MiddlewareHandler<WorkEnv> },
): void {
  const { limits } = deps;
  app.post(
    '/api/batches',
    deps.queued,
    bodyLimit({ maxSize: limits.maxFileBytes + MULTIPART_SLACK, onError: (c) => errorResponse(c, tooLarge(limits.maxFileBytes)) }),
    async (c) => {
      if (!/^multipart\/form-data/i.test(c.req.header('Content-Type') ?? ''))
        throw ApiError.text(415, 'unsupported-media-type', 'batch-wrong-type');
      // Read only once its turn comes (see POST /api/submissions in app.ts).
      const { results, scorecards, refused } = await runQueued(c.get('work'), limits.requestTimeoutMs, async (signal) => {
        let body: Record<string, unknown>;
        try {
          body = await c.req.parseBody({ all: true });
        } catch (error) {
          if (error instanceof HTTPException) throw error; // the body limit, counted while reading
          throw badRequest('form-unreadable');
        }
        const raw = body.file;
        const files = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).filter((f): f is File => f instanceof File);
        if (files.length === 0) throw badRequest('batch-no-files');
        const rollupText = typeof body.rollup === 'string' && body.rollup !== '' ? body.rollup : undefined;
        const rollup = rollupText === undefined || rollupText === 'district' || rollupText === 'province' ? rollupText : null;
        const confidenceText = typeof body.confidence === 'string' ? body.confidence : undefined;
        const confidence = confidenceText === undefined || confidenceText === '' ? deps.confidence : Number(confidenceText);
        // Both fields at once, as a zod refusal of the upload form names every wrong field.
        const wrong: FieldProblem[] = [];
        if (rollup === null) wrong.push({ field: 'rollup', expected: 'field-rollup' });
        if (!(confidence > 0 && confidence < 1)) wrong.push({ field: 'confidence', expected: 'field-confidence-open' });
        if (rollup === null || wrong.length) throw invalidFields(wrong, langOf(c));

        const uploads: { name: string; bytes: Uint8Array }[] = [];
        let total = 0;
        const names = new Set<string>();
        for (const [i, file] of files.entries()) {
          let name = safeFileName(file.name || `upload-${i + 1}.xlsx`);
          if (names.has(name)) name = `${i + 1}-${name}`;
          names.add(name);
          total += file.size;
          if (total > limits.maxFileBytes) throw tooLarge(limits.maxFileBytes, name);
          uploads.push({ name, bytes: new Uint8Array(await file.arrayBuffer()) });
        }

        if (files.length > limits.maxBatchWorkbooks)
          throw ApiError.text(413, 'too-large', 'too-many-files', { count: files.length, limit: limits.maxBatchWorkbooks });
        const principal = c.get('principal');
        const authorize = (units: readonly UnitInfo[]) =>
          coversAll(principal, units.map((u) => ({ key: unitKeyOf(u), code: u.code, province: u.province, district: u.district })));
        return scoreBatch(uploads, { score: deps.score, limits, confidence, rollup, signal, authorize });
      });
      if (refused) throw ApiError.text(403, 'forbidden', 'forbidden-batch', { units: refused.map((u) => u.code || u.name).join(', ') });
      const problems = results.flatMap((r) => r.problems);
      if (!scorecards.some((s) => s.level === 'unit'))
        throw unscorable(problems, langOf(c), 'batch');
      const units = scorecards
        .filter((s) => s.level === 'unit')
        .map((s) => ({ key: unitKeyOf(s.unit), code: s.unit.code, province: s.unit.province, district: s.unit.district }));
      if (!coversAll(c.get('principal'), units)) throw ApiError.text(403, 'forbidden', 'forbidden-batch', { units: units.map((u) => u.code || u.key).join(', ') });
      const response: BatchResponse = { files: results.map((r) => r.file), problems: localizeAll(problems, langOf(c)), scorecards };
      return c.json(response);
    },
  );
}
