/** The command palette (Ctrl+Shift+P): filter by typing, arrows to choose, Enter to run, Escape to close. */
import { h } from './dom.js';
import { t } from './i18n.js';

export interface Command {
  id: string;
  title: () => string;
  run: () => void;
}

/** Lower case without diacritics (đ → d too): "bao cao" finds "Tải báo cáo" on a keyboard without Vietnamese input. */
export function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/gi, 'd').toLowerCase();
}

export class Palette {
  readonly element: HTMLElement;
  private readonly input: HTMLInputElement;
  private readonly list: HTMLElement;
  private matches: Command[] = [];
  private index = 0;
  private returnFocus: HTMLElement | null = null;

  constructor(private readonly commands: Command[]) {
    this.input = h('input', { type: 'text', class: 'palette-input', role: 'combobox', 'aria-expanded': 'true', 'aria-controls': 'palette-list', 'aria-autocomplete': 'list' });
    this.list = h('ul', { class: 'palette-list', id: 'palette-list', role: 'listbox' });
    this.element = h('div', { class: 'palette', role: 'dialog', 'aria-modal': 'true', hidden: true }, this.input, this.list);
    this.input.addEventListener('input', () => { this.index = 0; this.render(); });
    this.input.addEventListener('keydown', (e) => this.onKey(e));
    this.input.addEventListener('blur', () => setTimeout(() => { if (!this.element.contains(document.activeElement)) this.close(); }, 150));
  }

  get isOpen(): boolean {
    return !this.element.hidden;
  }

  open(): void {
    this.returnFocus = document.activeElement as HTMLElement | null;
    this.element.hidden = false;
    this.refresh();
    this.input.value = '';
    this.index = 0;
    this.render();
    this.input.focus();
  }

  /** Texts in the current language (also when the language changes while it is open). */
  refresh(): void {
    this.element.setAttribute('aria-label', t('paletteLabel'));
    this.input.setAttribute('aria-label', t('paletteLabel'));
    this.input.placeholder = t('palettePlaceholder');
    if (this.isOpen) this.render();
  }

  close(): void {
    if (this.element.hidden) return;
    this.element.hidden = true;
    this.returnFocus?.focus?.();
  }

  private render(): void {
    const q = fold(this.input.value.trim());
    this.matches = this.commands.filter((c) => fold(c.title()).includes(q) || c.id.includes(q));
    if (this.matches.length === 0) {
      this.list.replaceChildren(h('li', { class: 'empty' }, t('paletteEmpty')));
      this.input.removeAttribute('aria-activedescendant');
      return;
    }
    this.index = Math.min(this.index, this.matches.length - 1);
    this.list.replaceChildren(
      ...this.matches.map((c, i) => {
        const li = h('li', { id: `cmd-${c.id}`, role: 'option', 'aria-selected': String(i === this.index), class: i === this.index ? 'active' : '' }, c.title());
        li.addEventListener('mousedown', (e) => { e.preventDefault(); this.run(c); });
        return li;
      }),
    );
    this.input.setAttribute('aria-activedescendant', `cmd-${this.matches[this.index].id}`);
  }

  private run(command: Command): void {
    this.close();
    command.run();
  }

  private onKey(e: KeyboardEvent): void {
    if (e.key === 'Escape') this.close();
    else if (e.key === 'ArrowDown') { this.index = (this.index + 1) % Math.max(1, this.matches.length); this.render(); }
    else if (e.key === 'ArrowUp') { this.index = (this.index - 1 + this.matches.length) % Math.max(1, this.matches.length); this.render(); }
    else if (e.key === 'Enter') { const c = this.matches[this.index]; if (c) this.run(c); }
    else return;
    e.preventDefault();
  }
}
