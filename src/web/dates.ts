/** Dates as the tree and banners show them. */
import { locale } from './i18n.js';

/** "23/11/2026 10:56" (Vietnamese day/month/year, as the seed plans write dates) or "2026-11-23 10:56", local time. */
export function shortDate(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const p = (n: number) => String(n).padStart(2, '0');
  const time = `${p(d.getHours())}:${p(d.getMinutes())}`;
  return locale() === 'vi'
    ? `${p(d.getDate())}/${p(d.getMonth() + 1)}/${d.getFullYear()} ${time}`
    : `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${time}`;
}
