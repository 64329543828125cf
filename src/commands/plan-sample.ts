import { summaryLine } from '../diagnostics/reporters/summary.js';
import { scoreInput } from '../pipeline.js';
import { parseDecimal } from '../scoring/coding.js';
import { DEFAULT_MARGIN, planSample, type SamplePlan } from '../scoring/samplePlan.js';
import { EXIT, exitCodeFor, type Io, printProblems, UsageError } from './io.js';
import { confidenceFrom, exportOptions, exportOptionsFrom, limitOptions, limitsFrom, parse } from './options.js';

export const planSampleHelp = `chiso plan-sample F [--margin 0,25] [--confidence 0.95] [--json] [--unit CODE --year Y --framework ID]
  Respondents to interview next year so that every dimension's CI half-width is at most the margin
  (methodology.md §9), from the scored year in F (a template workbook or an ODK/Kobo export).
  --json prints {"required", "margin", "dimensions": [{"code", "halfWidth", "expectedHalfWidth"}]} (one object per unit).`;

export async function run(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, { margin: { type: 'string' }, confidence: { type: 'string' }, json: { type: 'boolean' }, ...exportOptions, ...limitOptions });
  if (positionals.length !== 1) throw new UsageError('plan-sample needs exactly one scored workbook or export');
  let margin = DEFAULT_MARGIN;
  if (values.margin !== undefined) {
    const m = parseDecimal(values.margin);
    if (m === null || !(m > 0)) throw new UsageError(`--margin must be a number of points above 0 (e.g. 0,25), not "${values.margin}"`);
    margin = m;
  }
  const confidence = confidenceFrom(values.confidence);
  const file = positionals[0];
  const result = await scoreInput(file, { fileName: file, confidence, limits: limitsFrom(values), exports: exportOptionsFrom(values) });
  printProblems(io, result.problems);
  const plans = result.scorecards.map((card) => ({ unit: card.unit, plan: planSample(card, margin) }));
  if (values.json) {
    const json = plans.map(({ unit, plan }) => ({ ...plan, unit: { code: unit.code, name: unit.name, year: unit.year } }));
    io.out(JSON.stringify(json.length === 1 ? json[0] : json, null, 2));
  } else for (const { unit, plan } of plans) io.out(describePlan(`${unit.name || unit.code} ${unit.year ?? ''}`.trim(), plan));
  io.err(summaryLine(result.problems));
  const code = exitCodeFor([result]);
  return code === EXIT.ok && plans.every((p) => p.plan.required === null) && plans.length > 0 ? EXIT.errors : code;
}

const points = (v: number) => v.toFixed(2);

/** The plan as lines a district officer reads: the number first, then why. */
export function describePlan(unit: string, plan: SamplePlan): string {
  const level = `${Math.round(plan.confidence * 1000) / 10}%`;
  if (plan.required === null) return `${unit}: no dimension has a confidence interval (fewer than 2 respondents answered), so no sample size can be planned`;
  const lines = [`${unit}: interview ${plan.required} respondents next year for a ${level} CI of ±${points(plan.margin)} points on every dimension (${plan.respondents} scored this year)`];
  for (const d of plan.dimensions) lines.push(`  dimension ${d.code}: ±${points(d.halfWidth)} now, ±${points(d.expectedHalfWidth)} expected with ${plan.required}`);
  return lines.join('\n');
}

export { planSampleHelp as help };
