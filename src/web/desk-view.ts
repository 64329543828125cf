/**
 * The desk of a province or district (issue 15): its communes ranked (a
 * sortable table: score, CI, performance-group colour per dimension and total,
 * change since last year with significance), a chart of the totals with their
 * CIs and the plan's target, the roll-up, the missing communes, and a link into
 * each commune. Data: GET /api/league (src/server/routes/desk.ts).
 */
import { apiUrl, getJson } from './api.js';
import { h } from './dom.js';
import { locale, num, t, type MessageKey } from './i18n.js';
import type { Comparison, Scorecard } from './types.js';
import type { View } from './editors.js';

type Group = 'best' | 'high-average' | 'low-average' | 'lowest';

export interface DeskLeague {
  unit: { code: string; name: string; level: 'province' | 'district' };
  year: number;
  scorecards: Scorecard[];
  missing: { code: string; name: string; parent: string | null }[];
  changes: { code: string; level: string; comparison: Comparison }[];
  cuts: { total: { q1: number; median: number; q3: number } | null; dimensions: Record<string, { q1: number; median: number; q3: number } | null> };
}

export interface DeskPlace {
  level: 'province' | 'district';
  name: string;
  /** Codes of communes filed under this place, to find its registry code. */
  communes: string[];
  years: number[];
}

/**
 * Text that starts a tooltip or a cell starts with a capital: the change notes' words ("so với số liệu
 * gộp của …") are lower-case to be joined with "; ". toLocaleUpperCase keeps Vietnamese marks ("đ" → "Đ").
 */
function sentence(text: string): string {
  return text ? text.charAt(0).toLocaleUpperCase('vi') + text.slice(1) : text;
}

export const GROUP_KEYS: Record<Group, MessageKey> = {
  best: 'groupBest',
  'high-average': 'groupHighAverage',
  'low-average': 'groupLowAverage',
  lowest: 'groupLowest',
};

/** The registry's place of `level` above one of `communes` in `year` (the first that has one). */
export async function placeCode(communes: readonly string[], year: number, level: 'province' | 'district'): Promise<{ code: string; name: string } | null> {
  for (const unit of communes.slice(0, 5)) {
    const response = await fetch(apiUrl('/api/league/of', { unit, year: String(year), level }));
    const place = response.ok ? ((await response.json()) as { place: { code: string; name: string } | null }).place : null;
    if (place) return place;
  }
  return null;
}

export const leagueOf = (code: string, year: number) => getJson<DeskLeague>(apiUrl('/api/league', { unit: code, year: String(year) }));

type SortKey = 'rank' | 'name' | 'total' | 'change' | `d:${string}`;

export class DeskView implements View {
  readonly element: HTMLElement;
  private league: DeskLeague | null = null;
  private error: string | null = null;
  private loading = false;
  private year: number;
  private sort: { key: SortKey; descending: boolean } = { key: 'rank', descending: false };

  constructor(
    private readonly place: DeskPlace,
    private readonly actions: { openUnit(code: string): void; openDesk?(place: DeskPlace): void },
  ) {
    this.element = h('div', { class: 'view desk-view' });
    this.year = Math.max(...place.years);
    void this.load();
  }

  title(): string {
    return `${t('deskOf')} ${this.place.name}`;
  }

  refresh(): void {
    void this.load();
  }

  private async load(): Promise<void> {
    // A cold province re-reads every commune's workbook for its roll-up (seconds): say so meanwhile.
    this.loading = true;
    this.render();
    try {
      const found = await placeCode(this.place.communes, this.year, this.place.level);
      if (!found) throw new Error(t('deskNoRegistry'));
      this.league = await leagueOf(found.code, this.year);
      this.error = null;
    } catch (error) {
      this.league = null;
      this.error = (error as Error).message;
    }
    this.loading = false;
    this.render();
  }

  private render(): void {
    const yearSelect = h('select', { id: `desk-year-${this.place.name}`, 'aria-label': t('deskYear'), onchange: (e: Event) => { this.year = Number((e.target as HTMLSelectElement).value); void this.load(); } },
      ...[...this.place.years].sort((a, b) => b - a).map((y) => h('option', { value: String(y), selected: y === this.year ? '' : null }, String(y))));
    const league = this.league;
    const heading = h('header', { class: 'desk-header' },
      h('h2', {}, `${t('deskOf')} ${league?.unit.name ?? this.place.name}`),
      h('label', {}, `${t('deskYear')} `, yearSelect),
      league ? h('a', { class: 'button secondary', href: apiUrl('/api/league.xlsx', { unit: league.unit.code, year: String(league.year) }), download: '' }, t('downloadLeague')) : null,
    );
    if (!league || this.loading) {
      this.element.replaceChildren(heading, h('p', { class: 'empty', role: 'status' }, this.loading ? t('deskLoading') : this.error ?? '…'));
      return;
    }
    const communes = league.scorecards.filter((c) => c.level === 'unit');
    const districts = league.scorecards.filter((c) => c.level === 'district');
    const parent = league.scorecards.find((c) => c.level !== 'unit' && c.unit.code === league.unit.code) ?? null;
    const sections = [
      heading,
      parent ? this.rollUp(parent, league) : null,
      this.table(communes, league),
      this.chart(communes, parent),
      districts.length ? this.districtTable(districts, league) : null,
      this.missing(league),
    ];
    this.element.replaceChildren(...sections.filter((s): s is HTMLElement => s !== null));
  }

  private change(league: DeskLeague, code: string, level: string): Comparison | null {
    return league.changes.find((c) => c.code === code && c.level === level)?.comparison ?? null;
  }

  /** The change since last year as a table cell (`td`), or as the roll-up's `dd`. */
  /** What "*" after a change means, under a table whose changes have notes. */
  private noteMark(league: DeskLeague, level: string): HTMLElement | null {
    const noted = league.changes.some((c) => c.level === level && (c.comparison.from.units?.length || c.comparison.approximate || c.comparison.incomplete?.length));
    return noted ? h('p', { class: 'legend-note' }, t('changeNoteMark')) : null;
  }

  private changeCell(comparison: Comparison | null, tag: 'td' | 'dd' = 'td'): HTMLElement {
    if (!comparison) return h(tag, { class: 'num' }, '–');
    const { from, to, status } = comparison.total;
    const delta = from === null || to === null ? null : Math.round(to * 100) / 100 - Math.round(from * 100) / 100;
    const word = status === 'improved' ? t('improved') : status === 'declined' ? t('declined') : status === 'not comparable' ? t('notComparable') : t('noChange');
    const notes = sentence([comparison.from.units?.length ? `${t('pooledFrom')} ${comparison.from.units.join(' + ')}` : '', comparison.approximate ? t('approximate') : '', comparison.incomplete?.length ? `${t('incompleteData')} ${comparison.incomplete.join(', ')}` : ''].filter(Boolean).join('; '));
    const sign = delta !== null && delta > 0 ? '+' : '';
    // The word under the number: on one line the column ran past a 1366-px screen's edge.
    return h(tag, { class: `num change ${status.replace(/ /g, '-')}`, title: notes || null },
      h('span', {}, `${sign}${num(delta)}${notes && tag === 'td' ? ' *' : ''}`),
      h('span', { class: 'change-word' }, word),
      // The roll-up's notes in full (one place, and "*" with a tooltip says nothing on a touch screen).
      notes && tag === 'dd' ? h('span', { class: 'change-note' }, notes) : null);
  }

  private scoreCell(score: number | null, group: Group | null | undefined): HTMLElement {
    return h('td', { class: `num${group ? ` group-${group}` : ''}`, title: group ? t(GROUP_KEYS[group]) : null, 'data-group': group ?? null }, num(score));
  }

  private table(cards: Scorecard[], league: DeskLeague): HTMLElement {
    const dims = [...new Map(cards.flatMap((c) => c.dimensions.map((d) => [d.code, d.name] as const))).entries()];
    const ranked = [...cards].sort((a, b) => (b.total.score ?? -Infinity) - (a.total.score ?? -Infinity));
    const rankOf = new Map(ranked.map((c, i) => [c.unit.code, i + 1]));
    const value = (c: Scorecard, key: SortKey): number | string => {
      if (key === 'rank') return rankOf.get(c.unit.code)!;
      if (key === 'name') return c.unit.name;
      if (key === 'total') return c.total.score ?? -Infinity;
      if (key === 'change') {
        const ch = this.change(league, c.unit.code, 'unit');
        return ch?.total.delta ?? -Infinity;
      }
      return c.dimensions.find((d) => d.code === key.slice(2))?.score ?? -Infinity;
    };
    const { key, descending } = this.sort;
    const rows = [...cards].sort((a, b) => {
      const x = value(a, key);
      const y = value(b, key);
      const order = typeof x === 'string' ? x.localeCompare(String(y), 'vi') : x - (y as number);
      return descending ? -order : order;
    });
    const th = (label: string, k: SortKey, title?: string) =>
      h('th', { scope: 'col', 'aria-sort': key === k ? (descending ? 'descending' : 'ascending') : 'none' },
        h('button', { type: 'button', class: 'sort', title: `${t('sortBy')}: ${title ?? label}`, 'data-sort': k, onclick: () => {
          this.sort = { key: k, descending: key === k ? !descending : k !== 'rank' && k !== 'name' };
          this.render();
        } }, label));
    return h('section', { class: 'desk-section', 'aria-labelledby': 'desk-league-heading' },
      h('h3', { id: 'desk-league-heading' }, t('deskLeague')),
      // The colours' key before the table: under 100 communes it was a long scroll away.
      h('p', { class: 'legend' }, ...(['best', 'high-average', 'low-average', 'lowest'] as Group[]).map((g) => h('span', { class: `legend-item group-${g}` }, t(GROUP_KEYS[g])))),
      h('table', { class: 'targets desk-league' },
        h('caption', {}, t('deskLeagueCaption')),
        h('thead', {}, h('tr', {},
          th(t('rank'), 'rank'), h('th', { scope: 'col' }, t('code')), th(t('unitName'), 'name'), th(t('total'), 'total'), h('th', { scope: 'col' }, t('ci')),
          ...dims.map(([code, name]) => th(code, `d:${code}`, name)),
          th(t('change'), 'change'))),
        h('tbody', {}, ...rows.map((c) => h('tr', { 'data-code': c.unit.code },
          h('td', { class: 'num' }, String(rankOf.get(c.unit.code))),
          h('td', {}, c.unit.code),
          h('th', { scope: 'row' }, h('button', { type: 'button', class: 'link', title: t('openLatest'), onclick: () => this.actions.openUnit(c.unit.code) }, c.unit.name)),
          this.scoreCell(c.total.score, c.groups?.total),
          h('td', { class: 'num' }, `${num(c.total.ciLow)} – ${num(c.total.ciHigh)}`),
          ...dims.map(([code]) => this.scoreCell(c.dimensions.find((d) => d.code === code)?.score ?? null, c.groups?.dimensions[code])),
          this.changeCell(this.change(league, c.unit.code, 'unit')),
        ))),
      ),
      this.noteMark(league, 'unit'),
    );
  }

  /** Totals with CI whiskers and the plan's target as a vertical line (SVG, drawn here: no chart library needed). */
  private chart(cards: Scorecard[], parent: Scorecard | null): HTMLElement {
    const NS = 'http://www.w3.org/2000/svg';
    const scored = [...cards].filter((c) => c.total.score !== null).sort((a, b) => b.total.score! - a.total.score!);
    const target = parent?.total.target ?? null;
    const values = scored.flatMap((c) => [c.total.ciLow ?? c.total.score!, c.total.ciHigh ?? c.total.score!]);
    if (target !== null) values.push(target);
    if (parent?.total.score != null) values.push(parent.total.score);
    const lo = Math.floor(Math.min(...values, Infinity));
    const hi = Math.ceil(Math.max(...values, -Infinity));
    const label = 200;
    const width = 760;
    const row = 20;
    const height = scored.length * row + 40;
    const x = (v: number) => label + ((v - lo) / Math.max(1e-9, hi - lo)) * (width - label - 20);
    const el = (name: string, attrs: Record<string, string | number>, text?: string) => {
      const e = document.createElementNS(NS, name);
      for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
      if (text !== undefined) e.textContent = text;
      return e;
    };
    const svg = el('svg', { viewBox: `0 0 ${width} ${height}`, width: '100%', role: 'img', 'aria-label': t('deskChart'), class: 'desk-chart' });
    scored.forEach((c, i) => {
      const y = 20 + i * row;
      svg.append(el('text', { x: label - 6, y: y + 4, 'text-anchor': 'end', class: 'label' }, c.unit.name));
      if (c.total.ciLow !== null && c.total.ciHigh !== null) svg.append(el('line', { x1: x(c.total.ciLow), x2: x(c.total.ciHigh), y1: y, y2: y, class: 'whisker' }));
      svg.append(el('circle', { cx: x(c.total.score!), cy: y, r: 5, class: `dot group-${c.groups?.total ?? 'none'}` }));
    });
    const axisY = height - 12;
    for (let v = lo; v <= hi; v += Math.max(1, Math.round((hi - lo) / 8))) svg.append(el('text', { x: x(v), y: axisY, 'text-anchor': 'middle', class: 'tick' }, num(v, 0)));
    if (target !== null) {
      svg.append(el('line', { x1: x(target), x2: x(target), y1: 8, y2: height - 24, class: 'target' }));
      svg.append(el('text', { x: x(target) + 4, y: 12, class: 'target-label' }, `${t('deskTarget')} ${num(target)}`));
    }
    return h('section', { class: 'desk-section', 'aria-labelledby': 'desk-chart-heading' }, h('h3', { id: 'desk-chart-heading' }, t('deskChart')), svg as unknown as HTMLElement);
  }

  private rollUp(parent: Scorecard, league: DeskLeague): HTMLElement {
    const status = parent.total.status;
    return h('section', { class: 'desk-section', 'aria-labelledby': 'desk-rollup-heading' },
      h('h3', { id: 'desk-rollup-heading' }, `${t('rollUp')} ${league.unit.name} ${league.year}`),
      h('dl', { class: 'headline' },
        h('dt', {}, t('total')), h('dd', { class: 'num' }, `${num(parent.total.score)} (${num(parent.total.ciLow)} – ${num(parent.total.ciHigh)})`),
        h('dt', {}, t('respondents')), h('dd', { class: 'num' }, parent.respondents.toLocaleString(locale() === 'vi' ? 'vi-VN' : 'en-GB')),
        parent.total.target !== null ? h('dt', {}, t('deskTarget')) : null,
        // `status` gives the badge its white text (styles.css); without it the text was the page's, dark on dark green.
        parent.total.target !== null ? h('dd', { class: 'num' }, h('span', { class: `status status-${status ?? 'none'}`, 'data-status': status ?? null }, `${num(parent.total.target)}${status ? ` (${t(status)})` : ''}`)) : null,
        h('dt', {}, t('change')), this.changeCell(this.change(league, parent.unit.code, parent.level), 'dd'),
      ),
    );
  }

  private districtTable(cards: Scorecard[], league: DeskLeague): HTMLElement {
    return h('section', { class: 'desk-section', 'aria-labelledby': 'desk-districts-heading' },
      h('h3', { id: 'desk-districts-heading' }, t('districts')),
      h('table', { class: 'targets desk-districts' },
        h('thead', {}, h('tr', {}, ...[t('code'), t('explorer'), t('total'), t('ci'), t('respondents'), t('change')].map((x) => h('th', { scope: 'col' }, x)))),
        h('tbody', {}, ...cards.map((c) => h('tr', {},
          h('td', {}, c.unit.code),
          h('th', { scope: 'row' }, this.actions.openDesk ? h('button', { type: 'button', class: 'link', title: t('openDesk'), onclick: () => this.openDistrict(c, league) }, c.unit.name) : c.unit.name),
          this.scoreCell(c.total.score, c.groups?.total),
          h('td', { class: 'num' }, `${num(c.total.ciLow)} – ${num(c.total.ciHigh)}`), h('td', { class: 'num' }, c.respondents.toLocaleString(locale() === 'vi' ? 'vi-VN' : 'en-GB')),
          this.changeCell(this.change(league, c.unit.code, 'district')),
        ))),
      ),
      this.noteMark(league, 'district'),
    );
  }

  /** A district's own desk, from its communes in this league (they carry the registry's district name). */
  private openDistrict(district: Scorecard, league: DeskLeague): void {
    const communes = league.scorecards.filter((c) => c.level === 'unit' && c.unit.district === district.unit.name).map((c) => c.unit.code);
    this.actions.openDesk?.({ level: 'district', name: district.unit.name, communes, years: this.place.years });
  }

  private missing(league: DeskLeague): HTMLElement {
    // Under a province before 2025, the district to ask (its roll-up carries the registry name).
    const districtName = new Map(league.scorecards.filter((c) => c.level === 'district').map((c) => [c.unit.code, c.unit.name]));
    return h('section', { class: 'desk-section', 'aria-labelledby': 'desk-missing-heading' },
      h('h3', { id: 'desk-missing-heading' }, `${t('missingUnits')} (${league.missing.length})`),
      league.missing.length ? h('ul', { class: 'desk-missing' }, ...league.missing.map((m) => h('li', {}, `${m.name} (${m.code})`, m.parent && m.parent !== league.unit.code ? h('span', { class: 'muted' }, ` · ${districtName.get(m.parent) ?? m.parent}`) : null))) : h('p', {}, t('noMissing')),
    );
  }
}
