import { basename, dirname, relative } from 'node:path';
import { readFile, stat } from 'node:fs/promises';
import type { Limits } from '../limits.js';
import { summaryLine } from '../diagnostics/reporters/summary.js';
import { rollUp, scoreInput, type WorkbookResult, withPerformanceGroups } from '../pipeline.js';
import { compareScorecards } from '../scoring/compare.js';
import type { Comparison, Scorecard } from '../scoring/types.js';
import { EXIT, exitCodeFor, type Io, printProblems, UsageError } from './io.js';
import { confidenceFrom, exportOptions, exportOptionsFrom, limitOptions, limitsFrom, parse } from './options.js';

export const scoreHelp = `chiso score F… [-o report.xlsx [--annotate marked.xlsx]] [--json] [--previous G] [--confidence 0.95] [--rollup district|province]
  Scores each workbook (a .zip of commune workbooks scores each .xlsx in it) or ODK Central / KoboToolbox export
  (CSV or XLSX; --unit CODE --year Y --framework ID when the export has no unit_code/year columns); --json prints the scorecard JSON on stdout;
  diagnostics go to stderr; -o with several scorecards (units, roll-ups) writes the league report.`;

/** The scorecard JSON of contract.md. */
export function scorecardJson(results: readonly WorkbookResult[], scorecards: readonly Scorecard[], comparison?: Comparison) {
  return {
    files: results.map((r) => r.file),
    problems: results.flatMap((r) => r.problems),
    scorecards,
    ...(comparison ? { comparison } : {}),
  };
}

/** The scorecard of `previous` for the same unit as `card` (same unit_code), else its first. */
export function matchingScorecard(card: Scorecard, previous: readonly Scorecard[]): Scorecard | undefined {
  return previous.find((p) => p.unit.code === card.unit.code) ?? (previous.length === 1 ? previous[0] : undefined);
}

/** A batch zip of commune workbooks from disk: one result per entry (see ingest/zipBatch.ts). */
async function scoreZipFile(file: string, options: { confidence: number; limits: Limits }): Promise<WorkbookResult[]> {
  const { batchResult, scoreZipBatch } = await import('../ingest/zipBatch.js');
  const fail = (code: string, message: string) => [batchResult(file, [{ file, sheet: '', cell: '', severity: 'error', code, message }], true)];
  let bytes: Uint8Array;
  try {
    const size = (await stat(file)).size;
    if (size > options.limits.maxFileBytes) return fail('file-too-large', `the batch is ${size} bytes; the limit is ${options.limits.maxFileBytes}`);
    bytes = await readFile(file);
  } catch (error) {
    return fail('unreadable-file', `the batch cannot be read: ${(error as Error).message}`);
  }
  return scoreZipBatch(bytes, file, options);
}

export async function score(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, {
    output: { type: 'string', short: 'o' },
    annotate: { type: 'string' },
    json: { type: 'boolean' },
    previous: { type: 'string' },
    confidence: { type: 'string' },
    rollup: { type: 'string' },
    ...exportOptions,
    ...limitOptions,
  });
  if (positionals.length === 0) throw new UsageError('score needs at least one workbook');
  const rollup = values.rollup;
  if (rollup !== undefined && rollup !== 'district' && rollup !== 'province') throw new UsageError('--rollup is district or province');
  const confidence = confidenceFrom(values.confidence);
  const limits = limitsFrom(values);
  const exports = exportOptionsFrom(values);

  const results: WorkbookResult[] = [];
  for (const file of positionals) {
    io.progress(`scoring ${file}`);
    const started = Date.now();
    const scored = /\.zip$/i.test(file) ? await scoreZipFile(file, { confidence, limits }) : [await scoreInput(file, { fileName: file, confidence, limits, exports })];
    io.progress(`${file}: ${scored.reduce((n, r) => n + r.scorecards.reduce((s, c) => s + c.respondents, 0), 0)} respondents in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    for (const result of scored) {
      printProblems(io, result.problems);
      results.push(result);
    }
  }
  let scorecards = results.flatMap((r) => r.scorecards);
  if (rollup) {
    const surveys = results.filter((r) => !r.fatal).map((r) => r.survey);
    scorecards = [...scorecards, ...rollUp(surveys, 'district', confidence)];
    if (rollup === 'province') scorecards = [...scorecards, ...rollUp(surveys, 'province', confidence)];
  }
  scorecards = withPerformanceGroups(scorecards);

  let comparison: Comparison | undefined;
  let previousResult: WorkbookResult | undefined;
  if (values.previous) {
    // --year is this year's; the previous file (a template, or an export with a year column) says its own.
    previousResult = await scoreInput(values.previous, { fileName: values.previous, confidence, limits, exports: { ...exports, year: undefined } });
    printProblems(io, previousResult.problems);
    const from = scorecards[0] && matchingScorecard(scorecards[0], previousResult.scorecards);
    if (from) comparison = compareScorecards(from, scorecards[0], confidence);
    else io.err(`${values.previous}: warning no-previous-unit: no scorecard for unit ${scorecards[0]?.unit.code ?? ''} to compare with`);
  }

  if (values.json) io.out(JSON.stringify(scorecardJson(results, scorecards, comparison), null, 2));
  if (values.output) {
    const scored = results.find((r) => !r.fatal && r.scorecards.length);
    if (!scored) io.err(`${values.output}: error no-report: nothing could be scored, so no report was written`);
    else {
      const { writeScoreReport } = await import('../report/outputs.js');
      // The report's Problems sheet links to cells of the annotated copy, when one is written.
      let annotatedFileName: string | undefined;
      // An annotated copy is of a template workbook; an export's problems carry its own rows and columns.
      if (values.annotate && scored.survey.responsesSheet !== undefined && scored.survey.responsesSheet !== 'Responses')
        io.err(`${scored.file}: --annotate marks template workbooks; an export's problems are listed with their row and column`);
      else if (values.annotate) {
        const { writeAnnotatedCopy } = await import('../report/annotate.js');
        await writeAnnotatedCopy(scored.file, scored.problems, values.annotate);
        annotatedFileName = relative(dirname(values.output), values.annotate) || basename(values.annotate);
        io.progress(`wrote ${values.annotate}`);
      }
      await writeScoreReport({
        annotatedFileName,
        results,
        scorecards,
        comparison,
        previous: comparison ? matchingScorecard(scorecards[0], previousResult!.scorecards) : undefined,
        output: values.output,
      });
      io.progress(`wrote ${values.output}`);
    }
  }
  io.err(summaryLine(results.flatMap((r) => r.problems)));
  const code = exitCodeFor(results);
  return code === EXIT.ok && previousResult?.fatal ? EXIT.unscorable : code;
}

/** What src/cli.ts loads. */
export { score as run, scoreHelp as help };
