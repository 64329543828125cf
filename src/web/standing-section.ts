/**
 * A unit's page: where it stands in its group among the communes of its
 * province (methodology.md §7), from the desk's league. A commune token gets
 * the league cut down to its own row and the group thresholds
 * (src/server/routes/desk.ts), which is all this section shows.
 */
import { GROUP_KEYS, leagueOf, placeCode } from './desk-view.js';
import { h } from './dom.js';
import { num, t } from './i18n.js';
import type { UnitSection } from './unit-sections.js';

export const standingSection: UnitSection = ({ card }) => {
  const { code, year } = card.unit;
  if (!code || year === null || card.level !== 'unit') return null;
  const section = h('section', { class: 'unit-section standing', 'aria-labelledby': 'standing-heading', hidden: true });
  void (async () => {
    const province = await placeCode([code], year, 'province');
    if (!province) return;
    const league = await leagueOf(province.code, year);
    const own = league.scorecards.find((c) => c.level === 'unit' && c.unit.code === code);
    if (!own?.groups) return;
    const rows: [string, string, string][] = [];
    const cut = (q: { q1: number; median: number; q3: number } | null | undefined) => (q ? `${num(q.q1)} · ${num(q.median)} · ${num(q.q3)}` : '–');
    if (own.groups.total) rows.push([t('total'), t(GROUP_KEYS[own.groups.total]), cut(league.cuts.total)]);
    for (const d of own.dimensions) {
      const g = own.groups.dimensions[d.code];
      if (g) rows.push([`${d.code}. ${d.name}`, t(GROUP_KEYS[g]), cut(league.cuts.dimensions[d.code])]);
    }
    const groupOfRow = (i: number) => (i === 0 ? own.groups!.total : own.groups!.dimensions[own.dimensions.filter((d) => own.groups!.dimensions[d.code])[i - 1]?.code]);
    // The rank among the communes, when the league shows them (a commune token sees its own row only).
    const communes = league.scorecards.filter((c) => c.level === 'unit' && c.total.score !== null);
    const rank = communes.length > 1 && own.total.score !== null ? communes.filter((c) => c.total.score! > own.total.score!).length + 1 : null;
    section.replaceChildren(
      h('h3', { id: 'standing-heading' }, t('standing')),
      ...(rank !== null ? [h('p', { class: 'standing-rank' }, `${t('rank')}: ${rank} / ${communes.length}`)] : []),
      h('table', { class: 'targets' },
        h('caption', {}, `${t('standingCaption')} ${league.unit.name} ${year}`),
        h('thead', {}, h('tr', {}, ...['', t('group'), t('groupCuts')].map((x) => h('th', { scope: 'col' }, x)))),
        h('tbody', {}, ...rows.map(([label, group, cuts], i) => h('tr', {}, h('th', { scope: 'row' }, label), h('td', { class: `group-${groupOfRow(i) ?? ''}` }, group), h('td', { class: 'num' }, cuts)))),
      ),
    );
    section.hidden = false;
  })().catch(() => undefined);
  return section;
};
