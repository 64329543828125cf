/** The Problems panel: every diagnostic of the open submission (or of a rejected upload); click to go to the cell. */
import { h } from './dom.js';
import { sheetLabel, t, type MessageKey } from './i18n.js';
import type { State } from './state.js';
import type { Problem } from './types.js';

/** More than this many rows would slow the page; the rest are summarised (the report lists them all). */
const SHOWN = 500;

const ICON: Record<string, string> = { error: '✖', warning: '⚠', info: 'ℹ' };
const SEVERITY: Record<string, MessageKey> = { error: 'sevError', warning: 'sevWarning', info: 'sevInfo' };

export class ProblemsPanel {
  readonly element: HTMLElement;
  private readonly heading = h('h2', { id: 'problems-heading' });
  private readonly list = h('ul', { class: 'problems-list', 'aria-labelledby': 'problems-heading' });

  constructor(private readonly state: State, private readonly goTo: (problem: Problem) => void) {
    this.element = h('section', { class: 'panel', 'aria-labelledby': 'problems-heading' }, this.heading, this.list);
    state.on(() => this.render());
  }

  render(): void {
    const { active, rejected } = this.state;
    const problems = rejected?.problems ?? active?.problems ?? null;
    const counts = { error: 0, warning: 0, info: 0 };
    for (const p of problems ?? []) counts[p.severity]++;
    this.heading.replaceChildren(
      t('problems'),
      h('span', { class: 'count', 'aria-label': `${counts.error} ${t('errors')}, ${counts.warning} ${t('warnings')}` }, ` ${counts.error + counts.warning + counts.info}`),
    );
    this.list.setAttribute('aria-label', t('problemsLabel'));
    if (problems === null) return this.list.replaceChildren(h('li', { class: 'empty' }, t('noSubmission')));
    if (problems.length === 0) return this.list.replaceChildren(h('li', { class: 'empty' }, t('noProblems')));
    const canOpen = !rejected;
    this.list.replaceChildren(
      ...problems.slice(0, SHOWN).map((p) => {
        const where = `${p.sheet}${p.cell ? '!' + p.cell : ''}`;
        const content = [
          h('span', { class: `sev sev-${p.severity}`, role: 'img', 'aria-label': t(SEVERITY[p.severity]), title: t(SEVERITY[p.severity]) }, ICON[p.severity]),
          h('span', { class: 'code' }, p.code),
          // The service renders messages in the language the workbench asked for (?lang).
          h('span', { class: 'message' }, p.message),
          h('span', { class: 'where', translate: 'no', title: p.sheet ? `${sheetLabel(p.sheet)}${p.cell ? `, ${t('cell').toLowerCase()} ${p.cell}` : ''}` : null }, p.sheet ? `${p.file}:${where}` : p.file),
        ];
        return h('li', {}, canOpen && p.sheet
          ? h('button', { class: 'problem', type: 'button', 'data-cell': p.cell, 'data-sheet': p.sheet, onclick: () => this.goTo(p) }, ...content)
          : h('div', { class: 'problem' }, ...content));
      }),
      problems.length > SHOWN ? h('li', { class: 'empty' }, `… +${problems.length - SHOWN} (${t('downloadReport')})`) : '',
    );
  }
}
