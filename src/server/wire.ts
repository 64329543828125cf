/**
 * The one place the service meets the real pipeline. Ingest, reports and
 * templates are imported lazily so the app (and its tests) load without
 * exceljs or the chart renderer.
 */
import { compareScorecards } from '../scoring/compare.js';
import type { ReportSurvey } from '../report/context.js';
import type { Comparison, Scorecard } from '../scoring/types.js';
import { currentRegistry } from './registry-cache.js';
import { covers, LOCAL_ADMIN } from './auth.js';
import { defaultServerLimits } from './deps.js';
import { needsPool, pooledComparison } from './year-over-year.js';
import { unitKeyOf } from '../store/keys.js';
import type { SubmissionStore } from '../store/types.js';
import type { AppDeps } from './deps.js';
import { createScorer, type ScorePool, type ScorerOptions } from './workers/index.js';

export type PipelineDeps = Pick<AppDeps, 'score' | 'compare' | 'renderReport' | 'renderComparison' | 'template'>;

const toBytes = (buffer: Uint8Array) => new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);

/** The real score / compare / report / template functions, bound to a store (for last year's scores). */
export function pipelineDeps(
  store: SubmissionStore,
  options: { templateFramework?: string; workers?: ScorerOptions } = {},
): PipelineDeps & { /** The scoring workers (null: scoring in-process). */ scorePool: ScorePool | null } {
  let templateBytes: Promise<Uint8Array> | undefined;
  // Uploads and batches are read and scored in worker threads (workers/), off the event loop.
  const scorer = createScorer(options.workers);
  scorer.pool?.warm(); // workers started with the server, not by the first uploads
  return {
    scorePool: scorer.pool,
    // Uploads and batches are read and scored in worker threads; scoreInput takes a template workbook or an ODK/Kobo export.
    score: scorer.score,

    // Pure and light: imported directly.
    compare: compareScorecards,

    renderReport: async (submission, input, lang = 'vi', context = {}) => {
      const [{ scoreWorkbook }, { buildReport }, { workbookBuffer }] = await Promise.all([
        import('../pipeline.js'),
        import('../report/index.js'),
        import('../writer/stableXlsx.js'),
      ]);
      // The store keeps what the report needs (item texts, plan, targets) with the scorecards; a submission
      // imported from the old file store has none, and re-reading its original bytes gives them back.
      const stored = await store.getReportInputs(submission.id);
      const storedCard = submission.scorecards.find((s) => s.level === 'unit');
      let survey: ReportSurvey;
      let scorecard: Scorecard;
      if (stored && storedCard) {
        survey = { framework: stored.framework, plan: stored.plan };
        scorecard = storedCard;
      } else {
        const result = await scoreWorkbook(input, { fileName: submission.fileName, confidence: submission.confidence });
        survey = result.survey;
        scorecard = result.scorecards.find((s) => s.level === 'unit') ?? submission.scorecards[0];
      }
      let previous: Scorecard | undefined;
      let comparison: Comparison | undefined;
      const principal = context.principal;
      if (scorecard && scorecard.unit.year !== null) {
        const year = scorecard.unit.year - 1;
        // With a registry, a unit formed from others is compared with the pool of its predecessors (year-over-year.ts).
        const registry = await currentRegistry(store);
        if (registry && needsPool(registry, scorecard.unit.code, scorecard.unit.year, year)) {
          const pooled = await pooledComparison(
            { store, score: scoreWorkbook, limits: defaultServerLimits },
            { registry, principal: principal ?? LOCAL_ADMIN, later: { submission, scorecard }, year, confidence: scorecard.confidence },
          );
          // No predecessor with data (or none readable): the report has no comparison, as without a previous year.
          if ('result' in pooled) ({ comparison, from: previous } = pooled.result);
        } else {
          const last = await store.latest(unitKeyOf(scorecard.unit), year);
          previous = last?.scorecards.find((s) => s.level === 'unit' && unitKeyOf(s.unit) === unitKeyOf(scorecard.unit));
          // Only what the requester may read takes part.
          if (previous && principal && !covers(principal, { key: unitKeyOf(previous.unit), code: previous.unit.code, province: previous.unit.province, district: previous.unit.district })) previous = undefined;
        }
      }
      const { localizeAll } = await import('../diagnostics/problem.js');
      const workbook = await buildReport({ survey, scorecard, problems: localizeAll(submission.problems, lang), previous, comparison, locale: lang });
      return toBytes(await workbookBuffer(workbook));
    },

    renderComparison: async (comparison, context) => {
      const [{ buildComparisonReport }, { workbookBuffer }] = await Promise.all([import('../report/index.js'), import('../writer/stableXlsx.js')]);
      return toBytes(await workbookBuffer(await buildComparisonReport(comparison, context.fromScorecard, context.toScorecard)));
    },

    template: () =>
      (templateBytes ??= (async () => {
        const [{ loadFramework }, { buildTemplate }, { workbookBuffer }] = await Promise.all([
          import('../framework/load.js'),
          import('../template/writeTemplate.js'),
          import('../writer/stableXlsx.js'),
        ]);
        return toBytes(await workbookBuffer(buildTemplate(loadFramework(options.templateFramework ?? 'papi-29'))));
      })().catch((err: unknown) => {
        templateBytes = undefined;
        throw err;
      })),
  };
}
