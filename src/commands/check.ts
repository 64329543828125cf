import type { Text } from '../diagnostics/catalogue.js';
import { cliMessage } from '../diagnostics/cli-messages.js';
import { summaryLine } from '../diagnostics/reporters/summary.js';
import { scoreInput } from '../pipeline.js';
import { EXIT, exitCodeFor, type Io, printProblems, UsageError, usageError } from './io.js';
import { exportOptions, exportOptionsFrom, langFrom, limitOptions, limitsFrom, parse, registryFrom, unitsOption } from './options.js';

/** `chiso check --help`, in both languages (--lang). */
export const checkHelp: Text = {
  vi: `chiso check TỆP… [--format text|github] [--annotate TỆP_ĐÁNH_DẤU.xlsx] [--unit MÃ --year NĂM --framework MÃ_BỘ_CHỈ_SỐ]
  Chỉ kiểm tra: in ra stderr mọi lỗi và cảnh báo, mỗi dòng theo dạng tệp:Trang!Ô: mức độ mã: nội dung.
  TỆP có thể là tệp xuất từ ODK Central / KoboToolbox (CSV hoặc XLSX); khi đó lỗi được chỉ ra theo dòng và cột của chính tệp xuất.
  --annotate ghi một bản sao của tệp Excel, có đánh dấu và ghi chú tại từng ô có lỗi.`,
  en: `chiso check F… [--format text|github] [--annotate OUT.xlsx] [--unit CODE --year Y --framework ID]
  Diagnostics only: every problem as file:Sheet!Cell: severity code: message on stderr.
  F may be an ODK Central / KoboToolbox export (CSV or XLSX); its problems are at the export's own row and column.
  --annotate writes a copy of the workbook with each problem marked and commented at its cell.`,
};

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
