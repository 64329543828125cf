import type { Text } from '../diagnostics/catalogue.js';
import { fileReason } from '../diagnostics/reasons.js';
import { formatDecimal } from '../format/score.js';
import { cliMessage } from '../diagnostics/cli-messages.js';
import { basename, dirname, relative } from 'node:path';
import { readFile, stat } from 'node:fs/promises';
import type { MessageId, ParamsOf } from '../diagnostics/catalogue.js';
import { DEFAULT_LANG, type Lang } from '../diagnostics/lang.js';
import { localizeAll, problem, type Problem } from '../diagnostics/problem.js';
import type { Limits } from '../limits.js';
import { summaryLine } from '../diagnostics/reporters/summary.js';
import { rollUp, scoreInput, type WorkbookResult, withPerformanceGroups } from '../pipeline.js';
import type { Comparison, Scorecard } from '../scoring/types.js';
import { EXIT, exitCodeFor, type Io, printProblems, UsageError, usageError } from './io.js';
import { confidenceFrom, exportOptions, exportOptionsFrom, langFrom, limitOptions, limitsFrom, parse, registryFrom, unitsOption } from './options.js';
import { historySeries, type History } from '../units/history.js';
import { communesUnder } from '../units/queries.js';
import type { Registry } from '../units/types.js';
import type { LeagueMissing, LeaguePlan } from '../report/league.js';
import { compareWithEarlier, earlierSide, scoredUnits } from '../units/yearOverYear.js';

/** `chiso score --help`, in both languages (--lang). */
export const scoreHelp: Text = {
  vi: `chiso score TỆP… [-o bao-cao.xlsx [--annotate danh-dau.xlsx]] [--json] [--previous TỆP_NĂM_TRƯỚC]… [--history THƯ_MỤC] [--units DANH_MỤC] [--confidence 0.95] [--rollup district|province [--plan KẾ_HOẠCH.xlsx]…] [--unit MÃ --year NĂM --framework MÃ_BỘ_CHỈ_SỐ]
  Tính điểm từng tệp Excel nhập liệu (với tệp .zip chứa tệp của các xã: tính điểm từng tệp .xlsx bên trong) hoặc tệp xuất
  từ ODK Central / KoboToolbox (CSV hoặc XLSX; thêm --unit MÃ --year NĂM --framework MÃ_BỘ_CHỈ_SỐ khi tệp xuất không có
  cột unit_code và year); --json in bảng điểm dạng JSON ra stdout; lỗi và cảnh báo in ra stderr; -o khi có nhiều bảng điểm
  (nhiều đơn vị, cấp tổng hợp) ghi báo cáo kèm bảng xếp hạng.
  --previous (dùng được nhiều lần) và --history THƯ_MỤC (mọi tệp Excel trong thư mục) cho số liệu các năm trước: năm gần nhất
  được dùng để so sánh, tất cả các năm tạo thành diễn biến qua các năm (mục "history" của JSON, trang History của báo cáo).
  Với --units, các năm trước của một đơn vị hình thành sau sáp nhập gộp số liệu của các đơn vị cũ hợp thành nó (methodology.md §8).
  --plan cho tệp kế hoạch của quận/huyện hoặc tỉnh/thành phố (trang Unit có unit_code và year, trang Targets, trang Plan):
  cấp tổng hợp đó được so với chỉ tiêu và xếp mức đạt, gần đạt, chưa đạt chỉ tiêu.`,
  en: `chiso score F… [-o report.xlsx [--annotate marked.xlsx]] [--json] [--previous G]… [--history DIR] [--units REGISTRY] [--confidence 0.95] [--rollup district|province [--plan PLAN.xlsx]…] [--unit CODE --year Y --framework ID]
  Scores each workbook (a .zip of commune workbooks scores each .xlsx in it) or ODK Central / KoboToolbox export
  (CSV or XLSX; --unit CODE --year Y --framework ID when the export has no unit_code/year columns); --json prints the scorecard JSON on stdout;
  diagnostics go to stderr; -o with several scorecards (units, roll-ups) writes the league report.
  --previous (repeatable) and --history DIR (every workbook in it) give earlier years: the latest is compared,
  all of them make the history (JSON "history", the report's History sheet). With --units, a merged unit's
  earlier years pool the units it descends from (methodology.md §8). --plan gives a district's or province's
  plan workbook (Unit sheet with unit_code and year, Targets, Plan): its roll-up gets the targets and statuses.`,
};

/** The scorecard JSON of contract.md. */
export function scorecardJson(
  results: readonly WorkbookResult[],
  scorecards: readonly Scorecard[],
  comparison?: Comparison,
  lang: Lang = DEFAULT_LANG,
  extra: { problems?: Problem[]; history?: History } = {},
) {
  return {
    files: results.map((r) => r.file),
    problems: localizeAll([...results.flatMap((r) => r.problems), ...(extra.problems ?? [])], lang),
    scorecards,
    ...(comparison ? { comparison } : {}),
    ...(extra.history ? { history: extra.history } : {}),
  };
}

/** The scorecard of `previous` for the same unit as `card` (same unit_code), else its first. */
export function matchingScorecard(card: Scorecard, previous: readonly Scorecard[]): Scorecard | undefined {
  return previous.find((p) => p.unit.code === card.unit.code) ?? (previous.length === 1 ? previous[0] : undefined);
}

/** A batch zip of commune workbooks from disk: one result per entry (see ingest/zipBatch.ts). */
/** The workbooks of a --history directory, in name order (Excel's ~$ lock files left out). */
async function workbooksIn(dir: string): Promise<string[]> {
  const { readdir } = await import('node:fs/promises');
  const { join } = await import('node:path');
  const names = await readdir(dir).catch(() => {
    throw usageError('usageHistoryDir', { dir });
  });
  return names.filter((n) => /\.xlsx$/i.test(n) && !n.startsWith('~$')).sort().map((n) => join(dir, n));
}

async function scoreZipFile(file: string, options: { confidence: number; limits: Limits; registry?: Registry }): Promise<WorkbookResult[]> {
  const { batchResult, scoreZipBatch } = await import('../ingest/zipBatch.js');
  const fail = <Id extends MessageId>(id: Id, params: ParamsOf<Id>) => [batchResult(file, [problem(id, params, { file })], true)];
  let bytes: Uint8Array;
  try {
    const size = (await stat(file)).size;
    if (size > options.limits.maxFileBytes) return fail('file-too-large.batch', { size, limit: options.limits.maxFileBytes });
    bytes = await readFile(file);
  } catch (error) {
    return fail('unreadable-file.batch', { reason: fileReason(error) });
  }
  return scoreZipBatch(bytes, file, options);
}

export async function score(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, {
    output: { type: 'string', short: 'o' },
    annotate: { type: 'string' },
    json: { type: 'boolean' },
    previous: { type: 'string', multiple: true },
    history: { type: 'string' },
    confidence: { type: 'string' },
    rollup: { type: 'string' },
    plan: { type: 'string', multiple: true },
    ...exportOptions,
    ...limitOptions,
    ...unitsOption,
  });
  if (positionals.length === 0) throw usageError('usageScoreOne');
  const rollup = values.rollup;
  if (rollup !== undefined && rollup !== 'district' && rollup !== 'province') throw usageError('usageRollup');
  const confidence = confidenceFrom(values.confidence);
  const limits = limitsFrom(values);
  const lang = langFrom(values);
  const exports = exportOptionsFrom(values);
  const { registry, failed } = await registryFrom(values.units, io, limits, lang);
  if (failed) return EXIT.unscorable;

  const results: WorkbookResult[] = [];
  for (const file of positionals) {
    io.progress(cliMessage(lang, 'scoring', { file }));
    const started = Date.now();
    const scored = /\.zip$/i.test(file) ? await scoreZipFile(file, { confidence, limits, registry }) : [await scoreInput(file, { fileName: file, confidence, limits, registry, exports })];
    io.progress(cliMessage(lang, 'scored', { file, respondents: scored.reduce((n, r) => n + r.scorecards.reduce((s, c) => s + c.respondents, 0), 0), seconds: formatDecimal((Date.now() - started) / 1000, lang, 1) }));
    for (const result of scored) {
      printProblems(io, result.problems, 'text', lang);
      results.push(result);
    }
  }
  let scorecards = results.flatMap((r) => r.scorecards);
  const rollupProblems: Problem[] = [];
  // For the league workbook: the registry communes with no workbook (with --units) and the plans' tasks.
  let missing: MissingUnit[] | undefined;
  const plans: LeaguePlan[] = [];
  if (rollup) {
    const surveys = results.filter((r) => !r.fatal).map((r) => r.survey);
    scorecards = [...scorecards, ...rollUp(surveys, 'district', confidence, registry, rollupProblems)];
    if (rollup === 'province') scorecards = [...scorecards, ...rollUp(surveys, 'province', confidence, registry, rollupProblems)];
    if (registry) {
      missing = missingUnits(scorecards, registry);
      rollupProblems.push(...missing.map((m) => m.problem));
    }
    if (values.plan?.length) scorecards = await withPlans(scorecards, values.plan, limits, rollupProblems, io, plans, lang);
    printProblems(io, rollupProblems, 'text', lang);
  } else if (values.plan?.length) throw usageError('usagePlanRollup');
  scorecards = withPerformanceGroups(scorecards);

  let comparison: Comparison | undefined;
  let previousCard: Scorecard | undefined;
  let history: History | undefined;
  const previousResults: WorkbookResult[] = [];
  const earlierFiles = [...(values.previous ?? []), ...(values.history ? await workbooksIn(values.history) : [])];
  const extraProblems: Problem[] = [];
  if (earlierFiles.length) {
    for (const file of earlierFiles) {
      // --year is this year's; an earlier file (a template, or an export with a year column) says its own.
      const result = await scoreInput(file, { fileName: file, confidence, limits, registry, exports: { ...exports, year: undefined } });
      printProblems(io, result.problems, 'text', lang);
      previousResults.push(result);
    }
    const target = scoredUnits(results)[0];
    if (target) {
      const earlier = scoredUnits(previousResults);
      // The comparison is with the latest earlier year; the history with all of them.
      const built = historySeries(target, earlier, registry, confidence);
      extraProblems.push(...built.problems);
      const points = built.history.points;
      if (points.length >= 2) {
        const latest = points[points.length - 2];
        const side = earlierSide(target, earlier, latest.year, registry, confidence);
        if ('card' in side) {
          const compared = compareWithEarlier(target, side, confidence);
          comparison = compared.comparison;
          previousCard = compared.from;
        }
      }
      if (points.length >= 2) history = built.history;
      // An earlier workbook of the current year or later is no earlier year: say so rather than drop it silently.
      for (const u of earlier)
        if (target.card.unit.year !== null && u.card.unit.year !== null && u.card.unit.year >= target.card.unit.year && u.card.unit.code === target.card.unit.code)
          extraProblems.push(problem('not-comparable.not-earlier', { file: u.survey.file, year: u.card.unit.year, later: target.card.unit.year }, { file: u.survey.file, sheet: 'Unit', cell: u.survey.locations.get('Unit.year')?.split('!')[1] ?? '' }));
    }
    printProblems(io, extraProblems, 'text', lang);
  }

  if (values.json) io.out(JSON.stringify(scorecardJson(results, scorecards, comparison, lang, { problems: [...rollupProblems, ...extraProblems], history }), null, 2));
  if (values.output) {
    const scored = results.find((r) => !r.fatal && r.scorecards.length);
    if (!scored) printProblems(io, [problem('no-report', {}, { file: values.output })], 'text', lang);
    else {
      const { writeScoreReport } = await import('../report/outputs.js');
      // The report's Problems sheet links to cells of the annotated copy, when one is written.
      let annotatedFileName: string | undefined;
      // An annotated copy is of a template workbook; an export's problems carry its own rows and columns.
      if (values.annotate && scored.survey.responsesSheet !== undefined && scored.survey.responsesSheet !== 'Responses')
        io.err(cliMessage(lang, 'annotateExport', { file: scored.file }));
      else if (values.annotate) {
        const { writeAnnotatedCopy } = await import('../report/annotate.js');
        const mode = await writeAnnotatedCopy(scored.file, scored.problems, values.annotate, lang, limits);
        if (mode === 'rebuilt') io.progress(cliMessage(lang, 'annotateRebuilt', { file: values.annotate }));
        annotatedFileName = relative(dirname(values.output), values.annotate) || basename(values.annotate);
        io.progress(cliMessage(lang, 'wrote', { file: values.annotate }));
      }
      await writeScoreReport({
        annotatedFileName,
        results,
        scorecards,
        comparison,
        previous: previousCard,
        history,
        output: values.output,
        lang,
        league: { missing, plans, problems: [...rollupProblems, ...extraProblems] },
      });
      io.progress(cliMessage(lang, 'wrote', { file: values.output }));
    }
  }
  io.err(summaryLine([...results.flatMap((r) => r.problems), ...rollupProblems, ...extraProblems], lang));
  const code = exitCodeFor(results);
  if (code === EXIT.ok && previousResults.some((r) => r.fatal)) return EXIT.unscorable;
  return code === EXIT.ok && [...rollupProblems, ...extraProblems].some((p) => p.severity === 'error') ? EXIT.errors : code;
}

interface MissingUnit extends LeagueMissing {
  problem: Problem;
}

/** With a registry: the communes under each roll-up in its year that no workbook gave (methodology §8: listed, not dropped). */
function missingUnits(scorecards: readonly Scorecard[], registry: Registry): MissingUnit[] {
  const scored = new Set(scorecards.filter((c) => c.level === 'unit').map((c) => `${c.unit.code}|${c.unit.year}`));
  // Once per commune and year: under its district when both the district and the province are rolled up.
  const seen = new Set<string>();
  return scorecards
    .filter((c) => c.level !== 'unit' && c.unit.year !== null)
    .flatMap((roll) =>
      communesUnder(registry, roll.unit.code, roll.unit.year!)
        .filter((p) => !scored.has(`${p.code}|${roll.unit.year}`) && !seen.has(`${p.code}|${roll.unit.year}`) && seen.add(`${p.code}|${roll.unit.year}`) !== undefined)
        .map((p) => ({
          code: p.code,
          name: p.name,
          parent: p.parent,
          year: roll.unit.year!,
          problem: problem('rollup-missing-unit', { name: p.name, code: p.code, parent: roll.unit.name, year: roll.unit.year! }, { file: roll.file }),
        })),
    );
}

/**
 * --plan F (repeatable): a district's or province's plan workbook (contract.md "Plans"); its targets go to
 * the roll-up of its unit_code and year, which then has §5 statuses. A plan no roll-up matches is an error.
 */
async function withPlans(scorecards: Scorecard[], files: readonly string[], limits: Limits, problems: Problem[], io: Io, plans: LeaguePlan[], lang: Lang): Promise<Scorecard[]> {
  const [{ readPlanWorkbook }, { withTargets }] = await Promise.all([import('../desk/plan.js'), import('../scoring/apply-targets.js')]);
  let out = scorecards;
  for (const file of files) {
    let bytes: Uint8Array;
    try {
      bytes = await readFile(file);
    } catch {
      throw usageError('usagePlanRead', { file });
    }
    const plan = await readPlanWorkbook(bytes, file, limits);
    problems.push(...plan.problems);
    if (plan.fatal) continue;
    const matches = out.filter((c) => c.level !== 'unit' && c.unit.code === plan.unitCode && c.unit.year === plan.year);
    if (!matches.length) {
      problems.push(problem('plan-without-rollup', { file, code: plan.unitCode, year: plan.year ?? '' }, { file, sheet: 'Unit', cell: '' }));
      continue;
    }
    out = out.map((c) => (matches.includes(c) ? withTargets(c, plan.targets) : c));
    plans.push({ unitCode: plan.unitCode, year: plan.year, fileName: basename(file), tasks: plan.tasks });
    io.progress(cliMessage(lang, 'planTargets', { file, unit: plan.unitCode, year: plan.year ?? '' }));
  }
  return out;
}

/** What src/cli.ts loads. */
export { score as run, scoreHelp as help };
