/**
 * The one place the service meets the real pipeline. Ingest, reports and
 * templates are imported lazily so the app (and its tests) load without
 * exceljs or the chart renderer.
 */
import { compareScorecards } from '../scoring/compare.js';
import type { Scorecard } from '../scoring/types.js';
import { unitKeyOf } from '../store/keys.js';
import type { SubmissionStore } from '../store/types.js';
import type { AppDeps } from './deps.js';

export type PipelineDeps = Pick<AppDeps, 'score' | 'compare' | 'renderReport' | 'renderComparison' | 'template'>;

const toBytes = (buffer: Uint8Array) => new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);

/** The real score / compare / report / template functions, bound to a store (for last year's scores). */
export function pipelineDeps(store: SubmissionStore, options: { templateFramework?: string } = {}): PipelineDeps {
  let templateBytes: Promise<Uint8Array> | undefined;
  return {
    score: async (input, scoreOptions) => (await import('../pipeline.js')).scoreWorkbook(input, scoreOptions),

    // Pure and light: imported directly.
    compare: compareScorecards,

    renderReport: async (submission, input) => {
      const [{ scoreWorkbook }, { buildReport }, { workbookBuffer }] = await Promise.all([
        import('../pipeline.js'),
        import('../report/index.js'),
        import('../writer/stableXlsx.js'),
      ]);
      // The survey (targets, plan, item texts) is not stored; re-reading the original bytes gives it back.
      const result = await scoreWorkbook(input, { fileName: submission.fileName, confidence: submission.confidence });
      const scorecard = result.scorecards.find((s) => s.level === 'unit') ?? submission.scorecards[0];
      let previous: Scorecard | undefined;
      if (scorecard && scorecard.unit.year !== null) {
        const last = await store.latest(unitKeyOf(scorecard.unit), scorecard.unit.year - 1);
        previous = last?.scorecards.find((s) => s.level === 'unit' && unitKeyOf(s.unit) === unitKeyOf(scorecard.unit));
      }
      const workbook = await buildReport({ survey: result.survey, scorecard, problems: submission.problems, previous });
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
