import type { Text } from '../diagnostics/catalogue.js';
import type { Lang } from '../diagnostics/lang.js';
import { summaryLine } from '../diagnostics/reporters/summary.js';
import { formatScore } from '../format/score.js';
import { scoreInput } from '../pipeline.js';
import { parseDecimal } from '../scoring/coding.js';
import { DEFAULT_MARGIN, planSample, type SamplePlan } from '../scoring/samplePlan.js';
import { EXIT, exitCodeFor, type Io, printProblems, UsageError, usageError } from './io.js';
import { confidenceFrom, exportOptions, exportOptionsFrom, langFrom, limitOptions, limitsFrom, parse, registryFrom, unitsOption } from './options.js';

/** `chiso plan-sample --help`, in both languages (--lang). */
export const planSampleHelp: Text = {
  vi: `chiso plan-sample TỆP [--margin 0,25] [--confidence 0.95] [--json] [--unit MÃ --year NĂM --framework MÃ_BỘ_CHỈ_SỐ] [--units DANH_MỤC]
  Số người trả lời cần phỏng vấn năm sau để nửa độ rộng khoảng tin cậy của mỗi chỉ số nội dung không vượt quá --margin điểm
  (methodology.md §9), tính từ năm đã chấm điểm trong TỆP (tệp Excel theo mẫu hoặc tệp xuất từ ODK/Kobo).
  --json in ra {"required", "margin", "dimensions": [{"code", "halfWidth", "expectedHalfWidth"}]} (mỗi đơn vị một mục).`,
  en: `chiso plan-sample F [--margin 0,25] [--confidence 0.95] [--json] [--unit CODE --year Y --framework ID] [--units REGISTRY]
  Respondents to interview next year so that every dimension's CI half-width is at most the margin
  (methodology.md §9), from the scored year in F (a template workbook or an ODK/Kobo export).
  --json prints {"required", "margin", "dimensions": [{"code", "halfWidth", "expectedHalfWidth"}]} (one object per unit).`,
};

export async function run(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, { margin: { type: 'string' }, confidence: { type: 'string' }, json: { type: 'boolean' }, ...exportOptions, ...limitOptions, ...unitsOption });
  if (positionals.length !== 1) throw usageError('usagePlanSampleOne');
  let margin = DEFAULT_MARGIN;
  if (values.margin !== undefined) {
    const m = parseDecimal(values.margin);
    if (m === null || !(m > 0)) throw usageError('usageMargin', { value: String(values.margin) });
    margin = m;
  }
  const confidence = confidenceFrom(values.confidence);
  const limits = limitsFrom(values);
  const lang = langFrom(values);
  const exports = exportOptionsFrom(values);
  const { registry, failed } = await registryFrom(values.units, io, limits, lang);
  if (failed) return EXIT.unscorable;
  const file = positionals[0];
  const result = await scoreInput(file, { fileName: file, confidence, limits, registry, exports });
  printProblems(io, result.problems, 'text', lang);
  const plans = result.scorecards.map((card) => ({ unit: card.unit, plan: planSample(card, margin) }));
  if (values.json) {
    const json = plans.map(({ unit, plan }) => ({ ...plan, unit: { code: unit.code, name: unit.name, year: unit.year } }));
    io.out(JSON.stringify(json.length === 1 ? json[0] : json, null, 2));
  } else for (const { unit, plan } of plans) io.out(describePlan(`${unit.name || unit.code} ${unit.year ?? ''}`.trim(), plan, lang));
  io.err(summaryLine(result.problems, lang));
  const code = exitCodeFor([result]);
  return code === EXIT.ok && plans.every((p) => p.plan.required === null) && plans.length > 0 ? EXIT.errors : code;
}

/** The plan as lines a district officer reads: the number first, then why. Points through formatScore (decimal comma in Vietnamese). */
export function describePlan(unit: string, plan: SamplePlan, lang: Lang = 'en'): string {
  const percent = String(Math.round(plan.confidence * 1000) / 10); // 95, 99.5
  const level = `${lang === 'vi' ? percent.replace('.', ',') : percent}%`;
  const p = (v: number) => formatScore(v, lang);
  const vi = lang === 'vi';
  if (plan.required === null)
    return vi
      ? `${unit}: không chỉ số nội dung nào có khoảng tin cậy (dưới 2 người trả lời), nên không tính được cỡ mẫu`
      : `${unit}: no dimension has a confidence interval (fewer than 2 respondents answered), so no sample size can be planned`;
  const lines = [
    vi
      ? `${unit}: năm sau cần phỏng vấn ${plan.required} người để khoảng tin cậy ${level} của mọi chỉ số nội dung không quá ±${p(plan.margin)} điểm (năm nay chấm ${plan.respondents} người)`
      : `${unit}: interview ${plan.required} respondents next year for a ${level} CI of ±${p(plan.margin)} points on every dimension (${plan.respondents} scored this year)`,
  ];
  for (const d of plan.dimensions)
    lines.push(vi ? `  chỉ số nội dung ${d.code}: hiện nay ±${p(d.halfWidth)}, dự kiến ±${p(d.expectedHalfWidth)} với ${plan.required} người` : `  dimension ${d.code}: ±${p(d.halfWidth)} now, ±${p(d.expectedHalfWidth)} expected with ${plan.required}`);
  return lines.join('\n');
}

export { planSampleHelp as help };
