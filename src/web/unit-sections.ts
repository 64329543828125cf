/**
 * Per-unit sections under a scorecard. Each section is one function from what
 * the workbench knows about the open unit to an element (or null when it has
 * nothing to show). New per-unit information (data-quality counts, the plan's
 * tasks, a unit's registry history) is added as one more entry in
 * UNIT_SECTIONS, without touching the scorecard view.
 */
import { shortDate } from './dates.js';
import { h } from './dom.js';
import type { ChartConfiguration, ChartDataset } from 'chart.js';
import { api } from './api.js';
import { chartBox } from './charts.js';
import { locale, num, t } from './i18n.js';
import type { State } from './state.js';
import type { Scorecard, StoredSubmission, UnitHistory } from './types.js';
import type { HistoryEntry } from '../store/types.js';

export interface UnitSectionContext {
  state: State;
  submission: StoredSubmission;
  card: Scorecard;
  unitKey: string | null;
  openSubmission(id: string, unitKey: string): void;
}

export type UnitSection = (ctx: UnitSectionContext) => HTMLElement | null;

/**
 * The unit across the years: its current total for every stored year (each one
 * click from its scores) and, from GET /api/units/:code/history, a chart of the
 * total and dimensions by year continued by the units it was formed from (with
 * a registry: the communes merged into it, a part of one flagged).
 */
export const historySection: UnitSection = ({ state, submission, unitKey, openSubmission }) => {
  const unit = unitKey ? state.unit(unitKey) : undefined;
  if (!unit || !unitKey) return null;
  const years = [...unit.years].sort((a, b) => (a.year ?? -Infinity) - (b.year ?? -Infinity));
  const more = h('div', { class: 'history-more' });
  const section = h('section', { class: 'unit-section history', 'aria-labelledby': 'history-heading' },
    h('h3', { id: 'history-heading' }, t('history')),
    years.length < 2 ? null : h('table', { class: 'targets' },
      h('caption', {}, t('historyCaption')),
      h('thead', {}, h('tr', {}, ...[t('year'), t('total'), t('respondents'), t('file')].map((x) => h('th', { scope: 'col' }, x)), h('td', {}))),
      h('tbody', {}, ...years.map((y) => {
        const file = state.summary(y.submissionId);
        const here = y.submissionId === submission.id;
        return h('tr', { 'aria-current': here ? 'true' : null, class: here ? 'current' : '' },
          h('th', { scope: 'row' }, String(y.year ?? '–')),
          h('td', { class: 'num' }, num(y.total.score)),
          h('td', { class: 'num' }, String(y.respondents)),
          h('td', {}, file ? `${file.fileName} (${shortDate(file.uploadedAt)})` : ''),
          h('td', {}, here ? '' : h('button', { class: 'button secondary', type: 'button', 'aria-label': `${t('openYearScores')} ${y.year ?? ''}`.trim(), onclick: () => openSubmission(y.submissionId, unitKey) }, t('openYear'))),
        );
      })),
    ),
    more,
  );
  // Shown once there are two years to draw (its own or its predecessors').
  section.hidden = years.length < 2;
  if (unit.code) void fillHistory(unit.code, more, section);
  return section;
};

const current = (entries: HistoryEntry[]) => entries.filter((e) => !e.superseded && e.year !== null);

async function fillHistory(code: string, into: HTMLElement, section: HTMLElement): Promise<void> {
  let history: UnitHistory;
  try {
    history = await api.history(code);
  } catch {
    return; // the table above still stands; the chart is extra
  }
  const own = current(history.entries);
  const before = history.predecessors.map((p) => ({ ...p, entries: current(p.entries) })).filter((p) => p.entries.length);
  const labels = [...new Set([...own, ...before.flatMap((p) => p.entries)].map((e) => e.year!))].sort((a, b) => a - b);
  if (labels.length < 2) return;
  section.hidden = false;
  const at = (entries: HistoryEntry[], pick: (e: HistoryEntry) => number | null) => labels.map((y) => { const e = entries.find((x) => x.year === y); return e ? pick(e) : null; });
  const dims = own.at(-1)?.scorecard.dimensions ?? [];
  const en = locale() === 'en';
  const datasets: ChartDataset<'line'>[] = [
    { label: t('total'), data: at(own, (e) => e.scorecard.total.score), borderColor: '#1f4e79', backgroundColor: '#1f4e79', borderWidth: 3, spanGaps: true },
    ...dims.map((d, i) => ({ label: `${d.code}. ${en ? d.nameEn || d.name : d.name}`, data: at(own, (e) => e.scorecard.dimensions.find((x) => x.code === d.code)?.score ?? null), borderColor: PALETTE[i % PALETTE.length], backgroundColor: PALETTE[i % PALETTE.length], borderWidth: 1.5, spanGaps: true })),
    ...before.map((p) => ({ label: `${p.name} (${p.part ? t('predecessorPart') : t('predecessorWhole')})`, data: at(p.entries, (e) => e.scorecard.total.score), borderColor: '#7f7f7f', backgroundColor: '#7f7f7f', borderDash: p.part ? [2, 3] : [6, 4], borderWidth: 2, spanGaps: true })),
  ];
  const config: ChartConfiguration<'line'> = {
    type: 'line',
    data: { labels: labels.map(String), datasets },
    options: { scales: { y: { min: 1, max: 10 } }, plugins: { legend: { position: 'bottom' } } },
  };
  const box = chartBox(config as unknown as ChartConfiguration, t('historyChart'), 320);
  box.element.dataset.years = labels.join(' ');
  const parts: HTMLElement[] = [h('h4', {}, t('historyChart')), box.element];
  if (before.length)
    parts.push(h('table', { class: 'targets predecessors' },
      h('caption', {}, t('predecessorsCaption')),
      h('thead', {}, h('tr', {}, ...[t('predecessorUnit'), t('predecessorArea'), t('year'), t('total')].map((x) => h('th', { scope: 'col' }, x)))),
      h('tbody', {}, ...before.flatMap((p) => p.entries.map((e) => h('tr', {},
        h('th', { scope: 'row' }, h('span', { translate: 'no' }, `${p.code} ${p.name}`)),
        h('td', {}, p.part ? t('predecessorPart') : t('predecessorWhole')),
        h('td', {}, String(e.year)),
        h('td', { class: 'num' }, num(e.scorecard.total.score)),
      )))),
    ));
  into.replaceChildren(h('h4', { class: 'visually-hidden' }, t('predecessors')), ...parts);
}

const PALETTE = ['#c55a11', '#548235', '#7030a0', '#bf9000', '#2e75b6', '#a50021'];

/**
 * The shape of `Scorecard.quality` and `Scorecard.samplePlan` as the
 * `fieldwork` branch adds them (src/scoring/types.ts InterviewQuality,
 * src/scoring/samplePlan.ts SamplePlan, methodology §9–§10). Read
 * structurally until that branch is merged; then import its types instead.
 */
interface FieldworkCard {
  quality?: { straightLining: number; nearDuplicates: number; nearDuplicatePairs: number; duplicateCheck: 'pairwise' | 'exact' };
  samplePlan?: { required: number | null; margin: number; respondents: number };
}

/** Interview-quality counts and next year's sample size, where the scorecard has them. */
export const qualitySection: UnitSection = ({ card }) => {
  const { quality, samplePlan } = card as Scorecard & FieldworkCard;
  if (!quality && !samplePlan) return null;
  const rows: [string, string][] = [];
  if (quality) {
    rows.push([t('straightLining'), String(quality.straightLining)]);
    rows.push([t('nearDuplicates'), `${quality.nearDuplicates} (${quality.nearDuplicatePairs} ${t('pairs')})`]);
  }
  if (samplePlan?.required != null) rows.push([`${t('sampleRequired')} ±${num(samplePlan.margin)} ${t('points')}`, String(samplePlan.required)]);
  return h('section', { class: 'unit-section quality', 'aria-labelledby': 'quality-heading' },
    h('h3', { id: 'quality-heading' }, t('quality')),
    h('dl', { class: 'headline' }, ...rows.flatMap(([label, value]) => [h('dt', {}, label), h('dd', { class: 'num' }, value)])),
    quality?.duplicateCheck === 'exact' ? h('p', { class: 'note' }, t('exactDuplicatesOnly')) : null,
  );
};

export const UNIT_SECTIONS: UnitSection[] = [qualitySection, historySection];

/** Sections defined in their own modules (they import this one, so they join the list from there). */
export function addUnitSection(section: UnitSection): void {
  if (!UNIT_SECTIONS.includes(section)) UNIT_SECTIONS.push(section);
}
