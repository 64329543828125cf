/** Editor tabs: one view per tab, kept alive while hidden so a grid keeps its scroll position. */
import { h } from './dom.js';
import { t } from './i18n.js';

export interface View {
  readonly element: HTMLElement;
  title(): string;
  /** Re-render texts (language or theme changed). */
  refresh(): void;
  /** Shown again (tab re-activated). */
  shown?(): void;
  dispose?(): void;
}

interface Tab {
  id: string;
  view: View;
}

export class Editors {
  readonly tablist: HTMLElement;
  readonly body: HTMLElement;
  private readonly tabs: Tab[] = [];
  private activeId: string | null = null;
  onActivate: (id: string) => void = () => {};

  constructor() {
    this.tablist = h('div', { class: 'tabs', role: 'tablist' });
    this.body = h('div', { class: 'editor-body' });
  }

  get active(): View | null {
    return this.tabs.find((tab) => tab.id === this.activeId)?.view ?? null;
  }

  get(id: string): View | undefined {
    return this.tabs.find((tab) => tab.id === id)?.view;
  }

  open(id: string, make: () => View): View {
    let tab = this.tabs.find((x) => x.id === id);
    if (!tab) {
      tab = { id, view: make() };
      this.tabs.push(tab);
      tab.view.element.setAttribute('role', 'tabpanel');
      tab.view.element.id = `panel-${cssId(id)}`;
      this.body.append(tab.view.element);
    }
    this.activate(id);
    return tab.view;
  }

  activate(id: string): void {
    this.activeId = id;
    for (const tab of this.tabs) tab.view.element.hidden = tab.id !== id;
    this.renderTabs();
    this.active?.shown?.();
    this.onActivate(id);
  }

  close(id: string): void {
    const index = this.tabs.findIndex((x) => x.id === id);
    if (index < 0) return;
    const [tab] = this.tabs.splice(index, 1);
    tab.view.dispose?.();
    tab.view.element.remove();
    if (this.activeId === id) {
      const next = this.tabs[Math.min(index, this.tabs.length - 1)];
      if (next) this.activate(next.id);
      else {
        this.activeId = null;
        this.renderTabs();
      }
    } else this.renderTabs();
  }

  refresh(): void {
    for (const tab of this.tabs) tab.view.refresh();
    this.renderTabs();
  }

  renderTabs(): void {
    this.tablist.setAttribute('aria-label', t('tabs'));
    this.tablist.replaceChildren(
      ...this.tabs.map((tab) => {
        const selected = tab.id === this.activeId;
        const button = h('button', {
          class: 'tab-title', role: 'tab', id: `tab-${cssId(tab.id)}`, 'aria-selected': String(selected),
          'aria-controls': `panel-${cssId(tab.id)}`, tabindex: selected ? 0 : -1,
          onclick: () => this.activate(tab.id),
        }, tab.view.title());
        button.addEventListener('keydown', (e) => this.tabKey(e, tab.id));
        const close = h('button', { class: 'tab-close', 'aria-label': `${t('closeTab')}: ${tab.view.title()}`, title: t('closeTab'), onclick: () => this.close(tab.id) }, '×');
        return h('div', { class: `tab${selected ? ' active' : ''}` }, button, close);
      }),
    );
  }

  private tabKey(e: KeyboardEvent, id: string): void {
    const index = this.tabs.findIndex((x) => x.id === id);
    let next = -1;
    if (e.key === 'ArrowRight') next = (index + 1) % this.tabs.length;
    else if (e.key === 'ArrowLeft') next = (index - 1 + this.tabs.length) % this.tabs.length;
    else if (e.key === 'Delete') return this.close(id);
    if (next < 0) return;
    e.preventDefault();
    this.activate(this.tabs[next].id);
    this.tablist.querySelector<HTMLElement>(`#tab-${cssId(this.tabs[next].id)}`)?.focus();
  }
}

function cssId(id: string): string {
  return id.replace(/[^a-zA-Z0-9_-]/g, '_');
}
