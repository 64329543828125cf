/** Year over year for one unit: pick two years, see the chart and the table of changes (GET /api/compare). */
import type { Chart } from 'chart.js';
import { yearOverYearConfig, type ChangeDatum, type ChangeStatusLike } from '../charts/configs.js';
import { api } from './api.js';
import { chartBox } from './charts.js';
import { h } from './dom.js';
import type { View } from './editors.js';
import { signed, statusBadge } from './format.js';
import { locale, num, t } from './i18n.js';
import type { State } from './state.js';
import type { Change, Comparison, Scorecard } from '../scoring/types.js';

export class CompareView implements View {
  readonly element = h('section', { class: 'view compare-view' });
  private chart: Chart | null = null;
  private from = '';
  private to = '';

  /** Earlier years of the units this one was formed from (with a registry): compared with their pool. */
  private predecessorYears: string[] = [];

  constructor(private readonly state: State, private readonly unitKey: string) {
    const years = this.years();
    this.from = years.at(-2) ?? '';
    this.to = years.at(-1) ?? '';
    this.refresh();
    void this.addPredecessorYears();
  }

  private years(): string[] {
    const unit = this.state.unit(this.unitKey);
    const own = (unit?.years ?? []).filter((y) => y.year !== null).map((y) => String(y.year));
    return [...new Set([...own, ...this.predecessorYears])].sort();
  }

  private async addPredecessorYears(): Promise<void> {
    const code = this.state.unit(this.unitKey)?.code;
    if (!code) return;
    const history = await api.history(code).catch(() => null);
    const first = this.years()[0];
    const years = (history?.predecessors ?? []).flatMap((p) => p.entries.map((e) => String(e.year))).filter((y) => y !== 'null' && (!first || y < first));
    if (!years.length) return;
    this.predecessorYears = [...new Set(years)];
    const all = this.years();
    if (!this.from || this.from === this.to) this.from = all.at(-2) ?? '';
    this.to ||= all.at(-1) ?? '';
    this.refresh();
  }

  title(): string {
    const unit = this.state.unit(this.unitKey);
    return `${t('compare')}: ${unit?.name || this.unitKey}`;
  }

  refresh(): void {
    void this.render();
  }

  private select(label: string, value: string, onchange: (v: string) => void): HTMLElement {
    const sel = h('select', { 'aria-label': label }, ...this.years().map((y) => h('option', { value: y, selected: y === value }, y)));
    sel.addEventListener('change', () => onchange(sel.value));
    return h('label', {}, `${label} `, sel);
  }

  private async render(): Promise<void> {
    this.chart?.destroy();
    this.chart = null;
    const years = this.years();
    const head = h('h2', {}, this.title());
    if (years.length < 2) {
      this.element.replaceChildren(head, h('p', {}, t('compareNeedsTwo')));
      return;
    }
    const controls = h('div', { class: 'actions' },
      this.select(t('from'), this.from, (v) => { this.from = v; void this.render(); }),
      this.select(t('to'), this.to, (v) => { this.to = v; void this.render(); }),
      h('a', { class: 'button', href: api.compareXlsxUrl(this.unitKey, this.from, this.to), download: '' }, t('downloadComparison')),
    );
    this.element.replaceChildren(head, controls, h('p', {}, t('loadingWorkbook')));
    try {
      const result = await api.compare(this.unitKey, this.from, this.to);
      const names = await this.dimensionNames();
      const rows: ChangeDatum[] = result.dimensions.map((d) => ({
        code: d.code ?? '', name: names.get(d.code ?? '') ?? '', from: d.from, to: d.to, delta: d.delta, status: d.status as ChangeStatusLike,
      }));
      const box = chartBox(yearOverYearConfig(rows, { from: this.from, to: this.to }, { locale: locale() }), t('compare'), 380);
      this.chart = box.chart;
      const line = (label: string, c: Change) =>
        h('tr', {}, h('th', { scope: 'row' }, label), h('td', { class: 'num' }, num(c.from)), h('td', { class: 'num' }, num(c.to)),
          h('td', { class: 'num' }, signed(c.delta)), h('td', {}, statusBadge(c.status)));
      const table = h('table', { class: 'targets' },
        h('thead', {}, h('tr', {}, ...[t('dimension'), this.from, this.to, t('delta'), t('status')].map((x) => h('th', { scope: 'col' }, x)))),
        h('tbody', {}, ...result.dimensions.map((d) => line(`${d.code}. ${names.get(d.code ?? '') ?? ''}`, d)), line(t('total'), result.total)),
      );
      this.element.replaceChildren(head, controls, ...reorganisationNotes(result), box.element, table);
    } catch (e) {
      this.element.replaceChildren(head, controls, h('p', { class: 'error' }, (e as Error).message));
    }
  }

  private async dimensionNames(): Promise<Map<string, string>> {
    const year = this.state.unit(this.unitKey)?.years.find((y) => String(y.year) === this.to);
    const names = new Map<string, string>();
    if (!year) return names;
    const submission = await this.state.submission(year.submissionId);
    const card: Scorecard | undefined = submission.scorecards.find((s) => s.level === 'unit');
    for (const d of card?.dimensions ?? []) names.set(d.code, locale() === 'en' ? d.nameEn || d.name : d.name);
    return names;
  }

  dispose(): void {
    this.chart?.destroy();
  }
}

/** Across a reorganisation (methodology.md §8): which units the earlier year pools, and whether it is approximate or incomplete. */
export function reorganisationNotes(result: Pick<Comparison, 'from' | 'approximate' | 'incomplete'>): HTMLElement[] {
  const notes: HTMLElement[] = [];
  if (result.from.units?.length) notes.push(h('p', { class: 'note pooled' }, `${t('comparePooled')} `, h('span', { translate: 'no' }, result.from.units.join(', '))));
  if (result.approximate) notes.push(h('p', { class: 'note approximate', role: 'note' }, t('compareApproximate')));
  if (result.incomplete?.length) notes.push(h('p', { class: 'note incomplete', role: 'note' }, `${t('compareIncomplete')} `, h('span', { translate: 'no' }, result.incomplete.join(', '))));
  return notes;
}
