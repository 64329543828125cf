import type { Text } from '../diagnostics/catalogue.js';
import { cliMessage } from '../diagnostics/cli-messages.js';
import type { Lang } from '../diagnostics/lang.js';
import { formatScore, shownChange } from '../format/score.js';
import { summaryLine } from '../diagnostics/reporters/summary.js';
import { scoreInput, type WorkbookResult } from '../pipeline.js';
import { planComparisons, scoredUnits } from '../units/yearOverYear.js';
import { changeStatusWords } from '../report/labels.js';
import { EXIT, exitCodeFor, type Io, printProblems, UsageError, usageError } from './io.js';
import { confidenceFrom, exportOptions, exportOptionsFrom, langFrom, limitOptions, limitsFrom, parse, registryFrom, unitsOption } from './options.js';

/** `chiso compare --help`, in both languages (--lang). */
export const compareHelp: Text = {
  vi: `chiso compare A B [-o TỆP] [--json] [--confidence 0.95] [--unit MÃ --year NĂM_A,NĂM_B --framework MÃ_BỘ_CHỈ_SỐ]
chiso compare TỆP… --units DANH_MỤC [-o TỆP] [--json]
  So sánh giữa hai năm của một đơn vị: năm trước là mốc so sánh, dù các tệp được đưa vào theo thứ tự nào.
  Không có danh mục đơn vị: đúng hai tệp Excel của cùng một mã đơn vị (unit_code), khác năm.
  Có --units: mỗi đơn vị của năm gần nhất được so với các đơn vị hợp thành nó ở năm trước gần nhất
  (sau sáp nhập, số liệu các đơn vị cũ được gộp lại: "gần đúng", "chưa đủ số liệu").
  Tệp đầu vào có thể là tệp xuất từ ODK Central / KoboToolbox: --unit và --framework áp dụng cho mọi tệp,
  --year cho mỗi tệp một năm.`,
  en: `chiso compare A B [-o F] [--json] [--confidence 0.95] [--unit CODE --year YA,YB --framework ID]
chiso compare F… --units REGISTRY [-o F] [--json]
  Year over year for one unit: the earlier year is the "from" side, whatever the order given.
  Without a registry: exactly two workbooks of the same unit_code and different years.
  With --units: each unit of the latest year is compared with the units it descends from in
  the latest earlier year (pooled across a merger: "approximate", "incomplete").
  Inputs may be ODK Central / KoboToolbox exports: --unit and --framework apply to all,
  --year gives one year per input.`,
};

export async function compare(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, { output: { type: 'string', short: 'o' }, json: { type: 'boolean' }, confidence: { type: 'string' }, ...exportOptions, ...limitOptions, ...unitsOption });
  if (!values.units && positionals.length !== 2) throw usageError('usageCompareTwo');
  if (values.units && positionals.length < 2) throw usageError('usageCompareAtLeastTwo');
  const confidence = confidenceFrom(values.confidence);
  const limits = limitsFrom(values);
  const lang = langFrom(values);
  // Exports of several years: --year takes one per input ("2023,2024"), --unit and --framework apply to all.
  const years = values.year?.split(',') ?? [];
  if (years.length > 0 && years.length !== positionals.length) throw usageError('usageCompareYears');
  const exports = positionals.map((_, k) => exportOptionsFrom({ ...values, year: years[k] }));
  const { registry, failed } = await registryFrom(values.units, io, limits, lang);
  if (failed) return EXIT.unscorable;
  const results: WorkbookResult[] = [];
  for (const [k, file] of positionals.entries()) {
    const result = await scoreInput(file, { fileName: file, confidence, limits, registry, exports: exports[k] });
    printProblems(io, result.problems, 'text', lang);
    results.push(result);
  }
  const planned = planComparisons(scoredUnits(results), registry, confidence);
  printProblems(io, planned.problems, 'text', lang);
  const allProblems = [...results.flatMap((r) => r.problems), ...planned.problems];
  if (planned.comparisons.length === 0) {
    io.err(summaryLine(allProblems, lang));
    return EXIT.unscorable;
  }
  const comparisons = planned.comparisons.map((c) => c.comparison);
  if (values.json) io.out(JSON.stringify(comparisons.length === 1 ? comparisons[0] : { comparisons }, null, 2));
  if (values.output) {
    const { writeComparisonReport } = await import('../report/outputs.js');
    for (const c of planned.comparisons) {
      // Several later units: one report each, named by the unit's code.
      const output = planned.comparisons.length === 1 ? values.output : values.output.replace(/(\.xlsx)?$/i, `-${c.to.unit.code}.xlsx`);
      await writeComparisonReport(c.comparison, c.from, c.to, output);
      io.progress(cliMessage(lang, 'wrote', { file: output }));
    }
  }
  if (!values.json && !values.output) {
    for (const comparison of comparisons) {
      const flags = [comparison.approximate ? cliMessage(lang, 'compareApproximate') : '', comparison.incomplete?.length ? cliMessage(lang, 'compareIncomplete', { units: comparison.incomplete.join(' ') }) : ''].filter(Boolean).join(', ');
      io.out(`${comparison.from.code ?? (comparison.from.units ?? []).join('+')} ${comparison.from.year} → ${comparison.to.code} ${comparison.to.year}${flags ? ` (${flags})` : ''}`);
      for (const d of [{ ...comparison.total, code: cliMessage(lang, 'compareTotal') }, ...comparison.dimensions])
        io.out(`${(d.code ?? '').padEnd(6)} ${fmt(d.from, lang)} → ${fmt(d.to, lang)}  Δ ${fmt(shownChange(d.from, d.to), lang)}  ${changeStatusWords[lang][d.status]}`);
    }
  }
  io.err(summaryLine(allProblems, lang));
  const code = exitCodeFor(results);
  return code === EXIT.ok && planned.problems.some((p) => p.severity === 'error') ? EXIT.errors : code;
}

const fmt = (v: number | null, lang: Lang) => formatScore(v, lang).padStart(5);

/** What src/cli.ts loads. */
export { compare as run, compareHelp as help };
