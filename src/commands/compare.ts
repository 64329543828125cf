import { summaryLine } from '../diagnostics/reporters/summary.js';
import { scoreInput } from '../pipeline.js';
import { compareScorecards } from '../scoring/compare.js';
import { EXIT, exitCodeFor, type Io, printProblems, UsageError } from './io.js';
import { confidenceFrom, exportOptions, exportOptionsFrom, limitOptions, limitsFrom, parse } from './options.js';
import { matchingScorecard } from './score.js';

export const compareHelp = `chiso compare A B [-o F] [--json] [--confidence 0.95] [--unit CODE --year YA,YB --framework ID]
  Year over year for one unit: the earlier year is the "from" side, whatever the order given.
  A and B may be ODK Central / KoboToolbox exports: --unit and --framework apply to both, --year gives one year per input.`;

export async function compare(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, { output: { type: 'string', short: 'o' }, json: { type: 'boolean' }, confidence: { type: 'string' }, ...exportOptions, ...limitOptions });
  if (positionals.length !== 2) throw new UsageError('compare needs exactly two workbooks: the earlier and the later year');
  const confidence = confidenceFrom(values.confidence);
  const limits = limitsFrom(values);
  // Two exports are two years: --year takes one per input ("2023,2024"), --unit and --framework apply to both.
  const years = values.year?.split(',') ?? [];
  if (years.length > 0 && years.length !== positionals.length) throw new UsageError('--year takes one year per input for compare, e.g. --year 2023,2024');
  const results = [];
  for (const [k, file] of positionals.entries()) {
    const exports = exportOptionsFrom({ ...values, year: years[k] });
    const result = await scoreInput(file, { fileName: file, confidence, limits, exports });
    printProblems(io, result.problems);
    results.push(result);
  }
  const code = exitCodeFor(results);
  const [a, b] = results;
  const later = b.scorecards[0];
  const earlier = later && matchingScorecard(later, a.scorecards);
  if (!later || !earlier) {
    io.err(`${a.file}: error not-comparable: the two workbooks have no scored unit in common (same unit_code)`);
    io.err(summaryLine(results.flatMap((r) => r.problems)));
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
      io.out(`${(d.code ?? "").padEnd(6)} ${fmt(d.from)} → ${fmt(d.to)}  Δ ${fmt(d.delta)}  ${d.status}`);
  }
  io.err(summaryLine(results.flatMap((r) => r.problems)));
  return code;
}

const fmt = (v: number | null) => (v === null ? '  –  ' : v.toFixed(2).padStart(5));

/** What src/cli.ts loads. */
export { compare as run, compareHelp as help };
