/**
 * POST /api/batches: several workbooks at once (multipart, several `file`
 * fields, or one .zip of commune workbooks). Scores every unit, optionally
 * rolls up to district or province (`rollup` field), and answers the
 * scorecards with their performance groups and every problem. Nothing is
 * stored: a batch is a comparison, not a submission.
 */
import type { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { problem, type Problem } from '../../diagnostics/problem.js';
import { batchResult, expandZipBatch, isZipBatch } from '../../ingest/zipBatch.js';
import { rollUp, withPerformanceGroups, type WorkbookResult } from '../../pipeline.js';
import type { Scorecard } from '../../scoring/types.js';
import { coversAll, type Principal } from '../auth.js';
import { safeFileName } from '../content-disposition.js';
import type { ScoreFn, ServerLimits } from '../deps.js';
import { ApiError, badRequest, errorResponse, forbidden, tooLarge } from '../errors.js';
import { LIMIT_CODES } from '../ingest.js';
import { unitKeyOf } from '../../store/keys.js';

type Env = { Variables: { principal: Principal } };

const MULTIPART_SLACK = 64 * 1024;

export interface BatchResponse {
  files: string[];
  problems: Problem[];
  scorecards: Scorecard[];
}

/** Scores the uploaded files (workbooks or batch zips) into one comparison. */
export async function scoreBatch(
  uploads: readonly { name: string; bytes: Uint8Array }[],
  options: { score: ScoreFn; limits: ServerLimits; confidence: number; rollup?: 'district' | 'province' },
): Promise<{ results: WorkbookResult[]; scorecards: Scorecard[] }> {
  const results: WorkbookResult[] = [];
  const scoreOne = (bytes: Uint8Array, fileName: string) => options.score(bytes, { fileName, confidence: options.confidence, limits: options.limits });
  for (const upload of uploads) {
    if (!isZipBatch(upload.name, upload.bytes)) {
      results.push(await scoreOne(upload.bytes, upload.name));
      continue;
    }
    const batch = await expandZipBatch(upload.bytes, upload.name, options.limits);
    if (!batch.fatal && batch.entries.length === 0)
      batch.problems.push(problem('not-a-workbook.empty-batch', {}, { file: upload.name }));
    if (batch.problems.length) results.push(batchResult(upload.name, batch.problems, batch.fatal || batch.entries.length === 0));
    for (const entry of batch.entries) results.push(await scoreOne(entry.bytes, entry.fileName));
  }
  let scorecards = results.flatMap((r) => r.scorecards);
  if (options.rollup) {
    const surveys = results.filter((r) => !r.fatal && r.survey).map((r) => r.survey);
    scorecards = [...scorecards, ...rollUp(surveys, 'district', options.confidence)];
    if (options.rollup === 'province') scorecards = [...scorecards, ...rollUp(surveys, 'province', options.confidence)];
  }
  return { results, scorecards: withPerformanceGroups(scorecards) };
}

export function registerBatchRoutes(app: Hono<Env>, deps: { score: ScoreFn; limits: ServerLimits; confidence: number }): void {
  const { limits } = deps;
  app.post(
    '/api/batches',
    bodyLimit({ maxSize: limits.maxFileBytes + MULTIPART_SLACK, onError: (c) => errorResponse(c, tooLarge(limits.maxFileBytes)) }),
    async (c) => {
      if (!/^multipart\/form-data/i.test(c.req.header('Content-Type') ?? ''))
        throw new ApiError(415, 'unsupported-media-type', 'send the workbooks as multipart/form-data in "file" fields (several, or one .zip)');
      let body: Record<string, unknown>;
      try {
        body = await c.req.parseBody({ all: true });
      } catch {
        throw badRequest('the multipart body could not be read');
      }
      const raw = body.file;
      const files = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).filter((f): f is File => f instanceof File);
      if (files.length === 0) throw badRequest('file: send one or more workbooks (or one .zip) in "file" fields');
      const rollup = typeof body.rollup === 'string' && body.rollup !== '' ? body.rollup : undefined;
      if (rollup !== undefined && rollup !== 'district' && rollup !== 'province') throw badRequest('rollup: district or province');
      const confidenceText = typeof body.confidence === 'string' ? body.confidence : undefined;
      const confidence = confidenceText === undefined || confidenceText === '' ? deps.confidence : Number(confidenceText);
      if (!(confidence > 0 && confidence < 1)) throw badRequest('confidence: a number between 0 and 1');

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

      const { results, scorecards } = await scoreBatch(uploads, { score: deps.score, limits, confidence, rollup });
      const problems = results.flatMap((r) => r.problems);
      if (!scorecards.some((s) => s.level === 'unit')) {
        const first = problems.find((p) => p.severity === 'error');
        const over = problems.some((p) => p.severity === 'error' && LIMIT_CODES.has(p.code));
        throw new ApiError(
          over ? 413 : 422,
          over ? 'too-large' : 'unscorable',
          first ? `the batch could not be scored: ${first.message}` : 'the batch has no unit that could be scored',
          problems,
        );
      }
      const units = scorecards
        .filter((s) => s.level === 'unit')
        .map((s) => ({ key: unitKeyOf(s.unit), code: s.unit.code, province: s.unit.province, district: s.unit.district }));
      if (!coversAll(c.get('principal'), units)) throw forbidden('this token does not cover every unit of this batch');
      const response: BatchResponse = { files: results.map((r) => r.file), problems, scorecards };
      return c.json(response);
    },
  );
}
