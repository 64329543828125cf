import { summaryLine } from '../diagnostics/reporters/summary.js';
import { scoreWorkbook } from '../pipeline.js';
import { EXIT, exitCodeFor, type Io, printProblems, UsageError } from './io.js';
import { langFrom, limitOptions, limitsFrom, parse, registryFrom, unitsOption } from './options.js';

export const checkHelp = `chiso check F… [--format text|github] [--annotate OUT.xlsx]
  Diagnostics only: every problem as file:Sheet!Cell: severity code: message on stderr.`;

export async function check(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, { format: { type: 'string' }, annotate: { type: 'string' }, ...limitOptions, ...unitsOption });
  if (positionals.length === 0) throw new UsageError('check needs at least one workbook');
  const format = values.format ?? 'text';
  if (format !== 'text' && format !== 'github') throw new UsageError('--format is text or github');
  if (values.annotate && positionals.length > 1) throw new UsageError('--annotate takes one input workbook');
  const limits = limitsFrom(values);
  const lang = langFrom(values);
  const { registry, failed } = await registryFrom(values.units, io, limits, lang);
  if (failed) return EXIT.unscorable;
  const results = [];
  for (const file of positionals) {
    io.progress(`checking ${file}`);
    const result = await scoreWorkbook(file, { fileName: file, limits, registry });
    printProblems(io, result.problems, format, lang);
    results.push(result);
    if (values.annotate && !result.fatal) {
      const { writeAnnotatedCopy } = await import('../report/annotate.js');
      const mode = await writeAnnotatedCopy(file, result.problems, values.annotate, lang, limits);
      if (mode === 'rebuilt') io.progress(`the input could not be copied with its formatting (exceljs cannot load it as written); ${values.annotate} holds the values chiso read, with the marks`);
      io.progress(`wrote ${values.annotate}`);
    }
  }
  io.err(summaryLine(results.flatMap((r) => r.problems), lang));
  return exitCodeFor(results);
}

/** What src/cli.ts loads. */
export { check as run, checkHelp as help };
