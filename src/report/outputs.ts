import { DEFAULT_LANG, type Lang } from '../diagnostics/lang.js';
import { localizeAll, type Problem } from '../diagnostics/problem.js';
import type { LeagueMissing, LeaguePlan } from './league.js';
/** What the CLI's -o writes: the unit report, the league report (several scorecards), or the comparison workbook. */
import type { WorkbookResult } from '../pipeline.js';
import type { Comparison, Scorecard } from '../scoring/types.js';
import type { History } from '../units/history.js';
import { saveWorkbook } from '../writer/stableXlsx.js';
import { buildComparisonReport, buildReport } from './build.js';

export async function writeScoreReport(options: {
  results: readonly WorkbookResult[];
  scorecards: readonly Scorecard[];
  comparison?: Comparison;
  previous?: Scorecard;
  history?: History;
  output: string;
  annotatedFileName?: string;
  /** The language of the problems' messages, the Summary's narrative and the chart texts; Vietnamese by default. */
  lang?: Lang;
  /** For the league workbook: registry communes with no workbook (--units), the plans' tasks, roll-up problems. */
  league?: { missing?: readonly LeagueMissing[]; plans?: readonly LeaguePlan[]; problems?: readonly Problem[] };
}): Promise<void> {
  const lang = options.lang ?? DEFAULT_LANG;
  // Several scorecards (units of a batch, or roll-ups): the league report.
  if (options.scorecards.length > 1) {
    const { buildLeagueReport } = await import('./league.js');
    const workbook = await buildLeagueReport({
      scorecards: options.scorecards,
      problems: localizeAll([...options.results.flatMap((r) => r.problems), ...(options.league?.problems ?? [])], lang),
      previous: options.previous ? [options.previous] : [],
      missing: options.league?.missing?.map(({ code, name, parent, year }) => ({ code, name, parent, year })),
      plans: options.league?.plans,
    });
    await saveWorkbook(workbook, options.output);
    return;
  }
  const scorecard = options.scorecards[0];
  const result = options.results.find((r) => r.scorecards.includes(scorecard)) ?? options.results[0];
  const workbook = await buildReport({
    survey: result.survey,
    scorecard,
    problems: localizeAll(options.results.flatMap((r) => r.problems), lang),
    comparison: options.comparison,
    previous: options.previous,
    history: options.history,
    annotatedFileName: options.annotatedFileName,
    locale: lang,
  });
  await saveWorkbook(workbook, options.output);
}

export async function writeComparisonReport(comparison: Comparison, from: Scorecard, to: Scorecard, output: string): Promise<void> {
  await saveWorkbook(await buildComparisonReport(comparison, from, to), output);
}
