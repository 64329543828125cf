/**
 * The text an official can paste into the commune's report, in the style of the
 * plans it goes into (shared/seeds): what the survey is, one line per dimension
 * against its target ("- Chỉ số nội dung 1. …: đạt 4,97 điểm, chưa đạt chỉ tiêu
 * 6,00 điểm (thấp hơn 1,03 điểm)."), the weakest sub-dimensions, every
 * significant change grouped as "duy trì, phát huy" and "tập trung khắc phục",
 * and the data errors. Statistics (confidence intervals, effective sample size)
 * are explained on the Method sheet, not here. Numbers go through formatScore;
 * a change shown beside two scores is the difference of the shown values
 * (methodology.md §6).
 */
import type { Problem } from '../diagnostics/problem.js';
import { formatScore, shownChange } from '../format/score.js';
import type { Change, Comparison, DimensionScore, Scorecard, SubdimensionScore, TargetStatus } from '../scoring/types.js';
import type { ReportLocale } from './labels.js';

/** How many of the weakest sub-dimensions the narrative names. */
const WEAKEST_SUBDIMENSIONS = 3;

/** Administrative words that open a unit's name ("Xã Liên Hội"), written lower-case mid-sentence. */
const ADMINISTRATIVE = ['thành phố', 'thị trấn', 'thị xã', 'phường', 'huyện', 'quận', 'tỉnh', 'xã', 'đặc khu'];

/** "Xã Liên Hội" → "xã Liên Hội" (mid-sentence, as the plans write it); other names unchanged. */
export function midSentence(name: string): string {
  const trimmed = name.trim();
  for (const word of ADMINISTRATIVE)
    if (trimmed.toLowerCase().startsWith(`${word} `) && trimmed.slice(0, word.length).toLowerCase() === word)
      return `${word}${trimmed.slice(word.length)}`;
  return trimmed;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

interface Words {
  n: (v: number | null) => string;
  points: (v: number | null) => string;
}

function words(locale: ReportLocale): Words {
  const n = (v: number | null) => formatScore(v, locale);
  return { n, points: (v) => `${n(v)} ${locale === 'vi' ? 'điểm' : v !== null && Math.abs(v) === 1 ? 'point' : 'points'}` };
}

function dimensionName(d: Pick<DimensionScore, 'code' | 'name' | 'nameEn'>, locale: ReportLocale): string {
  return locale === 'vi' ? `Chỉ số nội dung ${d.code}. ${d.name}` : `Dimension ${d.code}. ${d.nameEn}`;
}

/** What the survey is: said first, so no reader takes it for the official PAPI. */
function label(s: Scorecard, locale: ReportLocale): string {
  const year = s.unit.year === null ? '' : locale === 'vi' ? ` năm ${s.unit.year}` : `${s.unit.year} `;
  return locale === 'vi'
    ? `Kết quả khảo sát mô phỏng theo phương pháp PAPI${year} do địa phương tự thực hiện (không phải kết quả Chỉ số PAPI chính thức), tính trên thang điểm PAPI tối đa 80 điểm (8 chỉ số nội dung, mỗi chỉ số từ 1 đến 10 điểm).`
    : `Results of a ${year}mock survey run by the locality itself following the PAPI method (not the official PAPI results), on the PAPI scale of 80 points (8 dimensions of 1 to 10 points each).`;
}

function place(s: Scorecard, locale: ReportLocale): string {
  const parts = [s.unit.district, s.unit.province].filter((p) => p.trim() !== '').map((p) => (locale === 'vi' ? midSentence(p) : p));
  const name = locale === 'vi' ? midSentence(s.unit.name) : s.unit.name;
  return `${name || (locale === 'vi' ? 'đơn vị' : 'the unit')}${parts.length ? ` (${parts.join(', ')})` : ''}`;
}

function targetClause(status: TargetStatus | null, target: number | null, gap: number | null, locale: ReportLocale, w: Words): string {
  if (target === null || status === null) return '';
  const shown = gap === null ? null : Math.abs(Math.round(gap * 100) / 100);
  const by = shown === null || shown === 0 ? '' : locale === 'vi' ? ` (${(gap as number) > 0 ? 'cao' : 'thấp'} hơn ${w.points(shown)})` : ` (${w.points(shown)} ${(gap as number) > 0 ? 'above' : 'short'})`;
  const phrase = {
    vi: { met: 'đạt chỉ tiêu', close: 'gần đạt chỉ tiêu', below: 'chưa đạt chỉ tiêu' },
    en: { met: 'meeting the target of', close: 'close to the target of', below: 'below the target of' },
  }[locale][status];
  return `, ${phrase} ${w.points(target)}${by}`;
}

function overview(s: Scorecard, locale: ReportLocale, w: Words): string {
  const year = s.unit.year === null ? '' : locale === 'vi' ? `Năm ${s.unit.year}, ` : `In ${s.unit.year}, `;
  const who = place(s, locale);
  const t = s.total;
  const asked = locale === 'vi' ? `${year}${year ? who : capitalise(who)} khảo sát ${s.respondents} người dân` : `${year}${who} surveyed ${s.respondents} residents`;
  if (t.score === null)
    return locale === 'vi'
      ? `${asked}; chưa tính được tổng điểm vì có chỉ số nội dung không có câu trả lời.`
      : `${asked}; the total could not be computed because a dimension had no answers.`;
  return locale === 'vi'
    ? `${asked}; tổng điểm đạt ${w.n(t.score)}/80 điểm${targetClause(t.status, t.target, t.gap, locale, w)}.`
    : `${asked}; the total is ${w.n(t.score)} of 80 points${targetClause(t.status, t.target, t.gap, locale, w)}.`;
}

function dimensionLine(d: DimensionScore, locale: ReportLocale, w: Words): string {
  if (d.score === null)
    return `- ${dimensionName(d, locale)}: ${locale === 'vi' ? 'chưa tính được điểm (không có câu trả lời)' : 'not scored (no answers)'}.`;
  return `- ${dimensionName(d, locale)}: ${locale === 'vi' ? 'đạt' : ''}${locale === 'vi' ? ' ' : ''}${w.points(d.score)}${targetClause(d.status, d.target, d.gap, locale, w)}.`;
}

/** The lowest sub-dimensions by their place on their own scale (S), each shown in points on that scale. */
function weakestLine(s: Scorecard, locale: ReportLocale, w: Words): string | null {
  const scored = s.subdimensions.filter((x): x is SubdimensionScore & { score: number; normalized: number } => x.score !== null && x.normalized !== null);
  if (scored.length === 0) return null;
  const weakest = [...scored].sort((a, b) => a.normalized - b.normalized || a.code.localeCompare(b.code)).slice(0, WEAKEST_SUBDIMENSIONS);
  const items = weakest.map((x) =>
    locale === 'vi'
      ? `${x.code}. ${x.name} (${w.points(x.score)} trên thang ${w.n(x.min)}–${w.points(x.max)})`
      : `${x.code}. ${x.nameEn} (${w.points(x.score)} on its scale of ${w.n(x.min)}–${w.points(x.max)})`,
  );
  return locale === 'vi'
    ? `- Các nội dung thành phần có điểm thấp nhất so với thang điểm của từng nội dung thành phần: ${items.join('; ')}.`
    : `- The weakest sub-dimensions, each against its own scale: ${items.join('; ')}.`;
}

function changeLine(c: Change, name: string, locale: ReportLocale, w: Words): string {
  const shown = shownChange(c.from, c.to);
  const up = (c.delta as number) > 0;
  const size =
    shown === null || shown === 0
      ? locale === 'vi' ? `${up ? 'tăng' : 'giảm'} dưới 0,01 điểm` : `${up ? 'up' : 'down'} by less than 0.01 points`
      : locale === 'vi' ? `${up ? 'tăng' : 'giảm'} ${w.points(Math.abs(shown))}` : `${up ? 'up' : 'down'} ${w.points(Math.abs(shown))}`;
  return locale === 'vi'
    ? `- ${name}: từ ${w.points(c.from)} ${up ? 'lên' : 'xuống'} ${w.points(c.to)} (${size}).`
    : `- ${name}: from ${w.points(c.from)} to ${w.points(c.to)} (${size}).`;
}

function changeLines(s: Scorecard, comparison: Comparison, locale: ReportLocale, w: Words): string[] {
  const since = comparison.from.year === null ? (locale === 'vi' ? 'kỳ khảo sát trước' : 'the previous survey') : locale === 'vi' ? `năm ${comparison.from.year}` : String(comparison.from.year);
  const names = new Map(s.dimensions.map((d) => [d.code, d]));
  const nameOf = (c: Change) => {
    const d = names.get(c.code ?? '');
    return d ? dimensionName(d, locale) : locale === 'vi' ? `Chỉ số nội dung ${c.code}` : `Dimension ${c.code}`;
  };
  const rows: { change: Change; name: string }[] = [
    { change: comparison.total, name: locale === 'vi' ? 'Tổng điểm' : 'The total' },
    ...comparison.dimensions.map((c) => ({ change: c, name: nameOf(c) })),
  ].filter((r) => r.change.delta !== null);
  const improved = rows.filter((r) => r.change.status === 'improved');
  const declined = rows.filter((r) => r.change.status === 'declined');
  const out: string[] = [];
  if (improved.length === 0 && declined.length === 0)
    out.push(locale === 'vi' ? `So với ${since}, không có chỉ số nội dung nào thay đổi có ý nghĩa thống kê.` : `Compared with ${since}, no dimension changed significantly.`);
  if (improved.length > 0) {
    out.push(locale === 'vi' ? `Tiếp tục duy trì, phát huy các nội dung tăng điểm so với ${since}:` : `To keep up: what rose significantly since ${since}:`);
    for (const r of improved) out.push(changeLine(r.change, r.name, locale, w));
  }
  if (declined.length > 0) {
    out.push(locale === 'vi' ? `Tập trung khắc phục, cải thiện các nội dung giảm điểm so với ${since}:` : `To remedy: what fell significantly since ${since}:`);
    for (const r of declined) out.push(changeLine(r.change, r.name, locale, w));
  }
  const notComparable = comparison.dimensions.filter((c) => c.status === 'not comparable').map((c) => c.code as string);
  if (notComparable.length > 0)
    out.push(
      locale === 'vi'
        ? `Không so sánh được chỉ số nội dung ${notComparable.join(', ')} (cách tính khác nhau giữa hai năm hoặc thiếu số liệu).`
        : `Not comparable: dimension ${notComparable.join(', ')} (its construction changed between the years, or data are missing).`,
    );
  return out;
}

function dataLine(problems: readonly Problem[], locale: ReportLocale): string {
  const errors = problems.filter((p) => p.severity === 'error').length;
  const warnings = problems.filter((p) => p.severity === 'warning').length;
  if (errors === 0 && warnings === 0)
    return locale === 'vi' ? 'Dữ liệu: tệp phiếu khảo sát đã nhập không có lỗi hay cảnh báo.' : 'Data: the input file has no errors or warnings.';
  return locale === 'vi'
    ? `Dữ liệu: tệp phiếu khảo sát đã nhập có ${errors} lỗi và ${warnings} cảnh báo (chi tiết tại trang Problems); các câu trả lời bị lỗi không được tính điểm, cần sửa và chấm lại trước khi sử dụng kết quả.`
    : `Data: the input file has ${errors} error${errors === 1 ? '' : 's'} and ${warnings} warning${warnings === 1 ? '' : 's'} (see the Problems sheet); answers in error are not scored, so fix them and score again before using the results.`;
}

/**
 * The narrative in one language, one paragraph (or list line) per element.
 * `problems` are the input's problems (the data line); omitted, it is left out.
 */
export function buildNarrative(scorecard: Scorecard, comparison: Comparison | undefined, locale: ReportLocale = 'vi', problems?: readonly Problem[]): string[] {
  const w = words(locale);
  const out = [label(scorecard, locale), overview(scorecard, locale, w)];
  out.push(locale === 'vi' ? `Kết quả ${scorecard.dimensions.length} chỉ số nội dung:` : `The ${scorecard.dimensions.length} dimensions:`);
  for (const d of scorecard.dimensions) out.push(dimensionLine(d, locale, w));
  const weakest = weakestLine(scorecard, locale, w);
  if (weakest) out.push(weakest);
  if (comparison) out.push(...changeLines(scorecard, comparison, locale, w));
  if (problems) out.push(dataLine(problems, locale));
  return out;
}
