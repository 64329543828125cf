/** A submission's scores: headline numbers, the report's charts and the target table. */
import { dimensionBarsConfig, dimensionRadarConfig, subdimensionBarsConfig, type ScoreDatum } from '../charts/configs.js';
import type { Chart } from 'chart.js';
import { api } from './api.js';
import { chartBox } from './charts.js';
import { h } from './dom.js';
import type { View } from './editors.js';
import { ci, statusBadge } from './format.js';
import { locale, num, t } from './i18n.js';
import type { State } from './state.js';
import type { Scorecard, StoredSubmission } from './types.js';
import { UNIT_SECTIONS } from './unit-sections.js';
import { shortDate } from './dates.js';

export function pickScorecard(submission: StoredSubmission, unitKey?: string | null): Scorecard | undefined {
  const units = submission.scorecards.filter((s) => s.level === 'unit');
  const wanted = unitKey ? submission.units.find((u) => u.key === unitKey) : undefined;
  return (
    (wanted && units.find((s) => s.unit.code === wanted.code && s.unit.name === wanted.name && s.unit.year === wanted.year)) ??
    units[0] ?? submission.scorecards[0]
  );
}

export interface ScorecardActions {
  openGrid(): void;
  compare?: () => void;
  openSubmission(id: string, unitKey: string): void;
}

export class ScorecardView implements View {
  readonly element = h('section', { class: 'view scorecard-view' });
  private charts: Chart[] = [];
  /** Parts that follow the store (a newer upload, another year): re-rendered on every state change. */
  private readonly banner = h('div', { class: 'banner-slot' });
  private readonly sections = h('div', { class: 'unit-sections' });
  private readonly stopListening: () => void;

  constructor(
    private readonly state: State,
    private readonly submission: StoredSubmission,
    private readonly unitKey: string | null,
    private readonly actions: ScorecardActions,
  ) {
    this.refresh();
    this.stopListening = state.on(() => this.renderLive());
  }

  /** The banner of a superseded submission: which file replaced it, and one click to it. */
  private renderBanner(): void {
    const unitKey = this.unitKey ?? this.submission.units[0]?.key ?? null;
    const next = this.state.replacement(this.submission.id, unitKey);
    if (!next) return this.banner.replaceChildren();
    const file = next.summary ? `${next.summary.fileName} (${t('uploadedAt')} ${shortDate(next.summary.uploadedAt)})` : next.id;
    this.banner.replaceChildren(
      h('div', { class: 'banner superseded-banner', role: 'note' },
        h('strong', {}, t('supersededTitle')), ' ', t('supersededText'), ' ', h('span', { class: 'file' }, file), ' ',
        h('button', { class: 'button', type: 'button', 'data-action': 'open-current', onclick: () => this.actions.openSubmission(next.id, unitKey ?? '') }, t('openCurrent'))),
    );
  }

  private renderLive(): void {
    this.renderBanner();
    const card = pickScorecard(this.submission, this.unitKey);
    if (!card) return this.sections.replaceChildren();
    const ctx = { state: this.state, submission: this.submission, card, unitKey: this.unitKey ?? this.submission.units[0]?.key ?? null, openSubmission: this.actions.openSubmission };
    this.sections.replaceChildren(...UNIT_SECTIONS.map((section) => section(ctx)).filter((x): x is HTMLElement => x !== null));
  }

  title(): string {
    const s = pickScorecard(this.submission, this.unitKey);
    const title = `${t('scores')}: ${s ? `${s.unit.name || s.unit.code} ${s.unit.year ?? ''}`.trim() : this.submission.fileName}`;
    // Two tabs of one unit-year (an old file beside the current one) must not read the same.
    return this.state.replacement(this.submission.id, this.unitKey ?? this.submission.units[0]?.key ?? null) ? `${title} (${t('oldFile')})` : title;
  }

  refresh(): void {
    this.destroyCharts();
    const card = pickScorecard(this.submission, this.unitKey);
    const actions = h('div', { class: 'actions' },
      h('a', { class: 'button', href: api.reportUrl(this.submission.id), download: '', 'data-action': 'download-report' }, t('downloadReport')),
      h('a', { class: 'button', href: api.inputUrl(this.submission.id), download: '' }, t('downloadInput')),
      h('button', { class: 'button', type: 'button', 'data-action': 'open-grid', onclick: () => this.actions.openGrid() }, t('openResponses')),
      this.actions.compare ? h('button', { class: 'button', type: 'button', 'data-action': 'compare', onclick: () => this.actions.compare?.() }, t('compareYears')) : null,
    );
    if (!card) {
      this.element.replaceChildren(h('h2', {}, this.submission.fileName), this.banner, actions);
      this.renderLive();
      return;
    }
    const en = locale() === 'en';
    const dims: ScoreDatum[] = card.dimensions.map((d) => ({ ...d, name: en ? d.nameEn || d.name : d.name }));
    const subs = card.subdimensions.map((d) => ({ ...d, name: en ? d.nameEn || d.name : d.name }));
    const bars = chartBox(dimensionBarsConfig(dims, { locale: locale() }), t('scores'), 380);
    const radar = chartBox(dimensionRadarConfig(dims, { locale: locale() }), t('scores'), 380);
    const subBars = chartBox(subdimensionBarsConfig(subs, { locale: locale() }), t('scores'), 520);
    this.charts = [bars.chart, radar.chart, subBars.chart];

    const headline = h('dl', { class: 'headline' },
      h('dt', {}, t('unit')), h('dd', {}, `${card.unit.name} (${card.unit.code}) · ${card.unit.district} · ${card.unit.province}`),
      h('dt', {}, t('year')), h('dd', {}, String(card.unit.year ?? '–')),
      h('dt', {}, t('respondents')), h('dd', {}, String(card.respondents)),
      h('dt', {}, t('total')), h('dd', { class: 'total-score' }, `${num(card.total.score)} (${ci(card.total.ciLow, card.total.ciHigh)})`),
    );
    const row = (code: string, name: string, x: Scorecard['total']) =>
      h('tr', {},
        h('th', { scope: 'row' }, code ? `${code}. ${name}` : name),
        h('td', { class: 'num' }, num(x.score)),
        h('td', { class: 'num' }, ci(x.ciLow, x.ciHigh)),
        h('td', { class: 'num' }, num(x.target)),
        h('td', { class: 'num' }, num(x.gap)),
        h('td', {}, statusBadge(x.status)),
      );
    const table = h('table', { class: 'targets' },
      h('caption', {}, t('targetsTable')),
      h('thead', {}, h('tr', {}, ...[t('dimension'), t('score'), t('ci'), t('target'), t('gap'), t('status')].map((x) => h('th', { scope: 'col' }, x)))),
      h('tbody', {}, ...dims.map((d) => row(d.code, d.name, card.dimensions.find((x) => x.code === d.code)!)), row('', t('total'), card.total)),
    );
    this.element.replaceChildren(
      h('h2', {}, this.title()),
      this.banner,
      headline,
      actions,
      bars.element,
      h('div', { class: 'charts' }, table, radar.element),
      subBars.element,
      this.sections,
    );
    this.renderLive();
  }

  private destroyCharts(): void {
    for (const chart of this.charts) chart.destroy();
    this.charts = [];
  }

  dispose(): void {
    this.destroyCharts();
    this.stopListening();
  }
}
