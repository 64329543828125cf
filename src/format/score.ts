/**
 * The one way a score is shown (design.md): 2 decimals by Math.round(θ·100)/100
 * in double precision (methodology.md §5, the value target statuses compare),
 * then written with a decimal comma in Vietnamese and a point in English. The
 * report, its charts, the narrative and the workbench all use this, so one
 * score never reads "1,67" in one place and "1,68" in another.
 * Pure and dependency-free: the browser bundle imports it too.
 */
export type ScoreLang = 'vi' | 'en';

/** The 2-decimal value an official sees: θ·100 in double precision, halves up. */
export function roundScore(score: number): number {
  return Math.round(score * 100) / 100;
}

/** "4,97" (vi) / "4.97" (en); "–" for a score that is not defined. */
export function formatScore(score: number | null | undefined, lang: ScoreLang = 'vi'): string {
  if (score === null || score === undefined || !Number.isFinite(score)) return '–';
  // toFixed of the rounded value only pads ("6" → "6.00"): the rounding is roundScore's.
  const text = roundScore(score).toFixed(2);
  return lang === 'vi' ? text.replace('.', ',') : text;
}

/** Another number of decimals (a percentage, "48%"), rounded the same way. */
export function formatDecimal(value: number | null | undefined, lang: ScoreLang = 'vi', decimals = 2): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  if (decimals === 2) return formatScore(value, lang);
  const factor = 10 ** decimals;
  const text = (Math.round(value * factor) / factor).toFixed(decimals);
  return lang === 'vi' ? text.replace('.', ',') : text;
}

/** A signed change, "+0,32" / "−1,03": the minus sign is U+2212, which the bundled font has. */
export function formatSignedScore(delta: number | null | undefined, lang: ScoreLang = 'vi'): string {
  if (delta === null || delta === undefined || !Number.isFinite(delta)) return '–';
  const r = roundScore(delta);
  if (r === 0) return formatScore(0, lang);
  return `${r > 0 ? '+' : '−'}${formatScore(Math.abs(r), lang)}`;
}

/**
 * A change shown beside two rounded scores (methodology.md §6): the difference of
 * the shown values, so "7,00 → 6,69" reads "giảm 0,31". Status still comes from the
 * unrounded Δ and its SE; the JSON keeps the unrounded delta.
 */
export function shownChange(from: number | null, to: number | null): number | null {
  if (from === null || to === null || !Number.isFinite(from) || !Number.isFinite(to)) return null;
  return roundScore(roundScore(to) - roundScore(from));
}
