/**
 * The short generated text an official can paste into the commune's report:
 * which dimensions met their targets, which are close or below and by how much,
 * and the largest significant changes since the previous year.
 */
import { formatNumber } from '../charts/configs.js';
import { roundForDisplay } from '../scoring/targets.js';
import type { Comparison, DimensionScore, Scorecard, SubdimensionScore } from '../scoring/types.js';
import type { ReportLocale } from './labels.js';

const MAX_CHANGES = 3;

function percent(level: number): string {
  return `${Math.round(level * 1000) / 10}%`;
}

function list(parts: string[], locale: ReportLocale): string {
  if (parts.length <= 1) return parts.join('');
  const and = locale === 'vi' ? ' và ' : ' and ';
  return `${parts.slice(0, -1).join('; ')}${and}${parts[parts.length - 1]}`;
}

type Scored = Pick<DimensionScore | SubdimensionScore, 'code' | 'name' | 'nameEn' | 'score' | 'target' | 'gap' | 'status'>;

function label(d: Scored, locale: ReportLocale, separator: string): string {
  return `${d.code}${separator}${locale === 'vi' ? d.name : d.nameEn}`;
}

function shortfall(d: Scored, locale: ReportLocale, separator: string): string {
  const n = (v: number) => formatNumber(v, locale);
  const score = n(d.score as number);
  const target = n(d.target as number);
  const gap = n(Math.abs(d.gap ?? roundForDisplay(d.score as number) - (d.target as number)));
  return locale === 'vi'
    ? `${label(d, locale, separator)} đạt ${score}, thấp hơn mục tiêu ${target} là ${gap} điểm`
    : `${label(d, locale, separator)} scored ${score}, ${gap} points below its target of ${target}`;
}

function met(d: Scored, locale: ReportLocale, separator: string): string {
  const n = (v: number) => formatNumber(v, locale);
  return locale === 'vi'
    ? `${label(d, locale, separator)} (${n(d.score as number)}; mục tiêu ${n(d.target as number)})`
    : `${label(d, locale, separator)} (${n(d.score as number)}; target ${n(d.target as number)})`;
}

function unitPlace(s: Scorecard): string {
  return [s.unit.district, s.unit.province].filter((p) => p.trim() !== '').join(', ');
}

function overview(s: Scorecard, locale: ReportLocale): string {
  const n = (v: number) => formatNumber(v, locale);
  const place = unitPlace(s);
  const who = `${s.unit.name}${place ? ` (${place})` : ''}`;
  const neff = s.effectiveN === null ? '' : locale === 'vi' ? ` (cỡ mẫu hiệu dụng ${n(s.effectiveN)})` : ` (effective sample size ${n(s.effectiveN)})`;
  const year = s.unit.year === null ? '' : locale === 'vi' ? `Năm ${s.unit.year}, ` : `In ${s.unit.year}, `;
  const t = s.total;
  const sentences: string[] = [];
  sentences.push(
    locale === 'vi'
      ? `${year}${who} có ${s.respondents} người trả lời khảo sát${neff}.`
      : `${year}${who} had ${s.respondents} survey respondents${neff}.`,
  );
  if (t.score === null) {
    sentences.push(
      locale === 'vi'
        ? 'Chưa tính được tổng điểm vì có chỉ số nội dung không tính được.'
        : 'The total could not be computed because a dimension could not be scored.',
    );
  } else {
    const ci = t.ciLow !== null && t.ciHigh !== null ? `${n(t.ciLow)}–${n(t.ciHigh)}` : null;
    let text =
      locale === 'vi'
        ? `Tổng điểm PAPI đạt ${n(t.score)}${ci ? ` (khoảng tin cậy ${percent(s.confidence)}: ${ci})` : ''}`
        : `The total PAPI score is ${n(t.score)}${ci ? ` (${percent(s.confidence)} confidence interval ${ci})` : ''}`;
    if (t.target !== null && t.status !== null) {
      const statusText = {
        vi: { met: 'đạt mục tiêu', close: 'gần đạt mục tiêu', below: 'chưa đạt mục tiêu' },
        en: { met: 'meeting its target', close: 'close to its target', below: 'below its target' },
      }[locale][t.status];
      text += locale === 'vi' ? `, ${statusText} ${n(t.target)}` : `, ${statusText} of ${n(t.target)}`;
    }
    sentences.push(`${text}.`);
  }
  return sentences.join(' ');
}

function targetSentences(items: Scored[], locale: ReportLocale, kind: 'dimension' | 'subdimension'): string[] {
  const sep = kind === 'dimension' ? '. ' : ' ';
  const withTarget = items.filter((d) => d.target !== null && d.status !== null);
  const out: string[] = [];
  const metOnes = withTarget.filter((d) => d.status === 'met');
  const close = withTarget.filter((d) => d.status === 'close');
  const below = withTarget.filter((d) => d.status === 'below');
  const noun = {
    vi: kind === 'dimension' ? 'chỉ số nội dung' : 'chỉ số nội dung thành phần',
    en: kind === 'dimension' ? 'dimensions' : 'sub-dimensions',
  }[locale];
  if (withTarget.length === 0) return out;
  if (kind === 'dimension' || metOnes.length > 0) {
    out.push(
      locale === 'vi'
        ? `Đạt mục tiêu: ${metOnes.length}/${withTarget.length} ${noun} có mục tiêu${metOnes.length ? ` — ${list(metOnes.map((d) => met(d, locale, sep)), locale)}` : ''}.`
        : `Targets met: ${metOnes.length} of ${withTarget.length} ${noun} with a target${metOnes.length ? ` — ${list(metOnes.map((d) => met(d, locale, sep)), locale)}` : ''}.`,
    );
  }
  if (close.length > 0) {
    out.push(
      locale === 'vi'
        ? `Gần đạt (thấp hơn mục tiêu nhưng chưa có ý nghĩa thống kê): ${list(close.map((d) => shortfall(d, locale, sep)), locale)}.`
        : `Close (below the target, but not significantly): ${list(close.map((d) => shortfall(d, locale, sep)), locale)}.`,
    );
  }
  if (below.length > 0) {
    out.push(
      locale === 'vi'
        ? `Chưa đạt mục tiêu: ${list(below.map((d) => shortfall(d, locale, sep)), locale)}.`
        : `Below target: ${list(below.map((d) => shortfall(d, locale, sep)), locale)}.`,
    );
  }
  return out;
}

function changeSentences(s: Scorecard, comparison: Comparison, locale: ReportLocale): string[] {
  const n = (v: number) => formatNumber(v, locale);
  const since = comparison.from.year === null ? (locale === 'vi' ? 'kỳ trước' : 'the previous survey') : `${locale === 'vi' ? 'năm' : ''} ${comparison.from.year}`.trim();
  const names = new Map(s.dimensions.map((d) => [d.code, d]));
  const significant = comparison.dimensions
    .filter((c) => (c.status === 'improved' || c.status === 'declined') && c.delta !== null)
    .sort((a, b) => Math.abs(b.delta as number) - Math.abs(a.delta as number) || (a.code ?? '').localeCompare(b.code ?? ''))
    .slice(0, MAX_CHANGES);
  const describe = (code: string, delta: number, from: number | null, to: number | null) => {
    const d = names.get(code);
    const name = d ? `${code}. ${locale === 'vi' ? d.name : d.nameEn}` : code;
    const range = from !== null && to !== null ? ` (${n(from)} → ${n(to)})` : '';
    return locale === 'vi'
      ? `${name} ${delta > 0 ? 'tăng' : 'giảm'} ${n(Math.abs(delta))} điểm${range}`
      : `${name} ${delta > 0 ? 'rose' : 'fell'} by ${n(Math.abs(delta))} points${range}`;
  };
  const out: string[] = [];
  const head = locale === 'vi' ? `So với ${since}` : `Compared with ${since}`;
  if (significant.length === 0) {
    out.push(
      locale === 'vi'
        ? `${head}, không có chỉ số nội dung nào thay đổi có ý nghĩa thống kê.`
        : `${head}, no dimension changed significantly.`,
    );
  } else {
    out.push(
      locale === 'vi'
        ? `${head}, các thay đổi lớn nhất có ý nghĩa thống kê: ${list(significant.map((c) => describe(c.code as string, c.delta as number, c.from, c.to)), locale)}.`
        : `${head}, the largest significant changes: ${list(significant.map((c) => describe(c.code as string, c.delta as number, c.from, c.to)), locale)}.`,
    );
  }
  const t = comparison.total;
  if ((t.status === 'improved' || t.status === 'declined') && t.delta !== null) {
    out.push(
      locale === 'vi'
        ? `Tổng điểm ${t.delta > 0 ? 'tăng' : 'giảm'} ${n(Math.abs(t.delta))} điểm, có ý nghĩa thống kê.`
        : `The total ${t.delta > 0 ? 'rose' : 'fell'} by ${n(Math.abs(t.delta))} points, a significant change.`,
    );
  }
  const notComparable = comparison.dimensions.filter((c) => c.status === 'not comparable').map((c) => c.code as string);
  if (notComparable.length > 0) {
    out.push(
      locale === 'vi'
        ? `Không so sánh được: chỉ số nội dung ${notComparable.join(', ')} (cách tính thay đổi giữa hai năm hoặc thiếu số liệu).`
        : `Not comparable: dimension ${notComparable.join(', ')} (its construction changed between the years, or data are missing).`,
    );
  }
  return out;
}

/**
 * Paragraphs of the narrative in one language. Numbers are shown as the
 * official sees them (2 decimals, decimal comma in Vietnamese).
 */
export function buildNarrative(scorecard: Scorecard, comparison: Comparison | undefined, locale: ReportLocale = 'vi'): string[] {
  const paragraphs = [overview(scorecard, locale)];
  const dims = targetSentences(scorecard.dimensions, locale, 'dimension');
  const noTarget = scorecard.dimensions.filter((d) => d.target === null);
  if (noTarget.length > 0 && dims.length > 0) {
    const n = (v: number | null) => (v === null ? '–' : formatNumber(v, locale));
    dims.push(
      locale === 'vi'
        ? `Chưa có mục tiêu: ${list(noTarget.map((d) => `${d.code}. ${d.name} (${n(d.score)})`), locale)}.`
        : `No target set: ${list(noTarget.map((d) => `${d.code}. ${d.nameEn} (${n(d.score)})`), locale)}.`,
    );
  }
  paragraphs.push(...dims);
  const subs = targetSentences(
    scorecard.subdimensions.filter((s) => s.status === 'close' || s.status === 'below'),
    locale,
    'subdimension',
  );
  if (subs.length > 0) {
    paragraphs.push(
      `${locale === 'vi' ? 'Chỉ số nội dung thành phần' : 'Sub-dimensions'} — ${subs.join(' ')}`,
    );
  }
  if (comparison) paragraphs.push(changeSentences(scorecard, comparison, locale).join(' '));
  return paragraphs;
}
