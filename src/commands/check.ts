import { cliMessage } from '../diagnostics/cli-messages.js';
import { summaryLine } from '../diagnostics/reporters/summary.js';
import { scoreInput } from '../pipeline.js';
import { EXIT, exitCodeFor, type Io, printProblems, UsageError, usageError } from './io.js';
import { exportOptions, exportOptionsFrom, langFrom, limitOptions, limitsFrom, parse, registryFrom, unitsOption } from './options.js';

export const checkHelp = `chiso check F… [--format text|github] [--annotate OUT.xlsx] [--unit CODE --year Y --framework ID]
  Diagnostics only: every problem as file:Sheet!Cell: severity code: message on stderr.
  F may be an ODK Central / KoboToolbox export (CSV or XLSX); its problems are at the export's own row and column.`;

export async function check(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, { format: { type: 'string' }, annotate: { type: 'string' }, ...exportOptions, ...limitOptions, ...unitsOption });
  if (positionals.length === 0) throw usageError('usageCheckOne');
  const format = values.format ?? 'text';
  if (format !== 'text' && format !== 'github') throw usageError('usageFormat');
  if (values.annotate && positionals.length > 1) throw usageError('usageAnnotateOne');
  const limits = limitsFrom(values);
  const lang = langFrom(values);
  const exports = exportOptionsFrom(values);
  const { registry, failed } = await registryFrom(values.units, io, limits, lang);
  if (failed) return EXIT.unscorable;
  const results = [];
  for (const file of positionals) {
    io.progress(cliMessage(lang, 'checking', { file }));
    const result = await scoreInput(file, { fileName: file, limits, registry, exports });
    printProblems(io, result.problems, format, lang);
    results.push(result);
    if (values.annotate && !result.fatal && result.survey.responsesSheet !== 'Responses')
      io.err(cliMessage(lang, 'annotateExport', { file }));
    else if (values.annotate && !result.fatal) {
      const { writeAnnotatedCopy } = await import('../report/annotate.js');
      const mode = await writeAnnotatedCopy(file, result.problems, values.annotate, lang, limits);
      if (mode === 'rebuilt') io.progress(cliMessage(lang, 'annotateRebuilt', { file: values.annotate }));
      io.progress(cliMessage(lang, 'wrote', { file: values.annotate }));
    }
  }
  io.err(summaryLine(results.flatMap((r) => r.problems), lang));
  return exitCodeFor(results);
}

/** What src/cli.ts loads. */
export { check as run, checkHelp as help };
