/**
 * Per-unit sections under a scorecard. Each section is one function from what
 * the workbench knows about the open unit to an element (or null when it has
 * nothing to show). New per-unit information (data-quality counts, the plan's
 * tasks, a unit's registry history) is added as one more entry in
 * UNIT_SECTIONS, without touching the scorecard view.
 */
import { shortDate } from './dates.js';
import { h } from './dom.js';
import { num, t } from './i18n.js';
import type { State } from './state.js';
import type { Scorecard, StoredSubmission } from './types.js';

export interface UnitSectionContext {
  state: State;
  submission: StoredSubmission;
  card: Scorecard;
  unitKey: string | null;
  openSubmission(id: string, unitKey: string): void;
}

export type UnitSection = (ctx: UnitSectionContext) => HTMLElement | null;

/** The unit's current total for every stored year, each one click from its scores. */
export const historySection: UnitSection = ({ state, submission, unitKey, openSubmission }) => {
  const unit = unitKey ? state.unit(unitKey) : undefined;
  if (!unit || !unitKey || unit.years.length < 2) return null;
  const years = [...unit.years].sort((a, b) => (a.year ?? -Infinity) - (b.year ?? -Infinity));
  return h('section', { class: 'unit-section history', 'aria-labelledby': 'history-heading' },
    h('h3', { id: 'history-heading' }, t('history')),
    h('table', { class: 'targets' },
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
  );
};

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
