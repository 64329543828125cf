/** The first tab: what to do here. */
import { api } from './api.js';
import { h } from './dom.js';
import type { View } from './editors.js';
import { t } from './i18n.js';

export class WelcomeView implements View {
  readonly element = h('section', { class: 'view welcome-view' });
  constructor(private readonly upload: () => void) {
    this.refresh();
  }
  title(): string {
    return t('welcome');
  }
  refresh(): void {
    this.element.replaceChildren(h('h2', {}, t('appTitle')), h('p', {}, t('welcomeText')),
      h('p', { class: 'actions' },
        h('button', { class: 'button', type: 'button', onclick: () => this.upload() }, t('uploadWorkbook')),
        h('a', { class: 'button', href: api.templateUrl(), download: '' }, t('downloadTemplate'))));
  }
}
