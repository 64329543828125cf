import { DEFAULT_LANG, type Lang } from '../lang.js';
import type { Problem } from '../problem.js';

export function countBySeverity(problems: readonly Problem[]): { error: number; warning: number; info: number } {
  const counts = { error: 0, warning: 0, info: 0 };
  for (const p of problems) counts[p.severity]++;
  return counts;
}

/** "2 lỗi, 5 cảnh báo" / "2 errors, 5 warnings" — the closing line of a check. */
export function summaryLine(problems: readonly Problem[], lang: Lang = DEFAULT_LANG): string {
  const c = countBySeverity(problems);
  if (lang === 'vi') return `${c.error} lỗi, ${c.warning} cảnh báo${c.info ? `, ${c.info} lưu ý` : ''}`;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  return `${plural(c.error, 'error')}, ${plural(c.warning, 'warning')}${c.info ? `, ${c.info} info` : ''}`;
}
