/** Small display helpers shared by the views. */
import { h } from './dom.js';
import { formatScore } from '../format/score.js';
import { locale, num, t, type MessageKey } from './i18n.js';

export function statusText(status: string | null | undefined): string {
  const keys: Record<string, MessageKey> = {
    met: 'met', close: 'close', below: 'below',
    improved: 'improved', declined: 'declined', 'no significant change': 'noChange', 'not comparable': 'notComparable',
  };
  return status ? t(keys[status] ?? 'noTarget') : t('noTarget');
}

export function statusBadge(status: string | null | undefined): HTMLElement {
  const cls = (status ?? 'none').replace(/\s+/g, '-');
  return h('span', { class: `status status-${cls}` }, statusText(status));
}

export function ci(low: number | null, high: number | null): string {
  return low === null || high === null ? '–' : `${num(low)} – ${num(high)}`;
}

export function signed(value: number | null): string {
  if (value === null) return '–';
  return (value > 0 ? '+' : '') + num(value);
}

/** A score as the report and the narrative show it (src/format/score.ts), in the workbench's language. */
export function scoreText(value: number | null | undefined): string {
  return formatScore(value, locale() === 'vi' ? 'vi' : 'en');
}
