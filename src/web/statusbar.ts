/** The status bar: unit, year, respondents, total score, problem counts, upload progress, language and theme. */
import { h } from './dom.js';
import { locale, num, t } from './i18n.js';
import { pickScorecard } from './scorecard-view.js';
import type { State } from './state.js';

export class StatusBar {
  readonly element = h('footer', { class: 'statusbar', role: 'contentinfo' });
  private readonly progress = h('progress', { max: 1, value: 0 });

  constructor(private readonly state: State, private readonly actions: { toggleLanguage(): void; toggleTheme(): void; theme(): 'light' | 'dark'; showProblems(): void }) {
    state.on(() => this.render());
  }

  render(): void {
    const { active, rejected, upload } = this.state;
    const card = active ? pickScorecard(active, this.state.activeUnitKey) : undefined;
    const problems = rejected?.problems ?? active?.problems ?? [];
    const count = (s: string) => problems.filter((p) => p.severity === s).length;
    const items: (HTMLElement | null)[] = [
      // Counts in words ("3 lỗi · 5 cảnh báo"): the ✖ ⚠ ℹ glyphs alone read as nothing to a clerk.
      // Nothing open, nothing counted: "0 lỗi" would read as a clean file.
      active || rejected ? h('button', { class: 'item', type: 'button', title: t('problems'), onclick: this.actions.showProblems, 'data-status': 'problems' },
        `${count('error')} ${t('errors')} · ${count('warning')} ${t('warnings')} · ${count('info')} ${t('infos')}`) : null,
      card ? h('span', { class: 'item', 'data-status': 'unit' }, `${t('unit')}: ${card.unit.name || card.unit.code}`) : null,
      card ? h('span', { class: 'item', 'data-status': 'year' }, `${t('year')}: ${card.unit.year ?? '–'}`) : null,
      card ? h('span', { class: 'item', 'data-status': 'respondents' }, `${t('respondents')}: ${card.respondents}`) : null,
      card ? h('span', { class: 'item', 'data-status': 'total' }, `${t('total')}: ${num(card.total.score)}`) : null,
    ];
    if (upload) {
      this.progress.value = upload.fraction;
      const label = upload.phase === 'uploading' ? `${t('uploading')} ${upload.name} ${Math.round(upload.fraction * 100)} %`
        : upload.phase === 'scoring' ? `${upload.name}: ${t('scoring')}`
        : upload.phase === 'done' ? `${t('uploaded')}: ${upload.name}` : `${t('uploadFailed')}: ${upload.message ?? ''}`;
      this.progress.setAttribute('aria-label', label);
      items.push(h('span', { class: `item upload upload-${upload.phase}`, role: 'status', 'data-status': 'upload' },
        upload.phase === 'uploading' || upload.phase === 'scoring' ? this.progress : null, label));
    }
    this.element.replaceChildren(
      h('div', { class: 'left' }, ...items.filter((x): x is HTMLElement => x !== null)),
      h('div', { class: 'right' },
        h('button', { class: 'item', type: 'button', lang: locale() === 'vi' ? 'en' : 'vi', title: t('language'), 'data-status': 'language', onclick: this.actions.toggleLanguage }, t('switchLanguage')),
        h('button', { class: 'item', type: 'button', title: t('toggleTheme'), 'data-status': 'theme', onclick: this.actions.toggleTheme },
          this.actions.theme() === 'dark' ? t('themeToLight') : t('themeToDark')),
      ),
    );
  }
}
