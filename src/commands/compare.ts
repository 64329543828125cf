import type { Lang } from '../diagnostics/lang.js';
import { problem } from '../diagnostics/problem.js';
import { formatScore, shownChange } from '../format/score.js';
import { summaryLine } from '../diagnostics/reporters/summary.js';
import { scoreWorkbook } from '../pipeline.js';
import { changeStatusWords } from '../report/labels.js';
import { compareScorecards } from '../scoring/compare.js';
import { EXIT, exitCodeFor, type Io, printProblems, UsageError } from './io.js';
import { confidenceFrom, langFrom, limitOptions, limitsFrom, parse } from './options.js';
import { matchingScorecard } from './score.js';

export const compareHelp = `chiso compare A B [-o F] [--json] [--confidence 0.95]
  Year over year for one unit: the earlier year is the "from" side, whatever the order given.`;

export async function compare(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, { output: { type: 'string', short: 'o' }, json: { type: 'boolean' }, confidence: { type: 'string' }, ...limitOptions });
  if (positionals.length !== 2) throw new UsageError('compare needs exactly two workbooks: the earlier and the later year');
  const confidence = confidenceFrom(values.confidence);
  const limits = limitsFrom(values);
  const lang = langFrom(values);
  const results = [];
  for (const file of positionals) {
    const result = await scoreWorkbook(file, { fileName: file, confidence, limits });
    printProblems(io, result.problems, 'text', lang);
    results.push(result);
  }
  const code = exitCodeFor(results);
  const [a, b] = results;
  const later = b.scorecards[0];
  const earlier = later && matchingScorecard(later, a.scorecards);
  if (!later || !earlier) {
    const notComparable = problem('not-comparable', {}, { file: a.file });
    printProblems(io, [notComparable], 'text', lang);
    io.err(summaryLine([...results.flatMap((r) => r.problems), notComparable], lang));
    return EXIT.unscorable;
  }
  const [from, to] = (earlier.unit.year ?? 0) <= (later.unit.year ?? 0) ? [earlier, later] : [later, earlier];
  const comparison = compareScorecards(from, to, confidence);
  if (values.json) io.out(JSON.stringify(comparison, null, 2));
  if (values.output) {
    const { writeComparisonReport } = await import('../report/outputs.js');
    await writeComparisonReport(comparison, from, to, values.output);
    io.progress(`wrote ${values.output}`);
  }
  if (!values.json && !values.output) {
    for (const d of [{ code: 'total', ...comparison.total }, ...comparison.dimensions])
      io.out(`${(d.code ?? "").padEnd(6)} ${fmt(d.from, lang)} → ${fmt(d.to, lang)}  Δ ${fmt(shownChange(d.from, d.to), lang)}  ${changeStatusWords[lang][d.status]}`);
  }
  io.err(summaryLine(results.flatMap((r) => r.problems), lang));
  return code;
}

const fmt = (v: number | null, lang: Lang) => formatScore(v, lang).padStart(5);

/** What src/cli.ts loads. */
export { compare as run, compareHelp as help };
