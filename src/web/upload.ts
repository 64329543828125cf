/** Upload by file picker or by dropping a workbook anywhere on the page. */
import { h } from './dom.js';
import { t } from './i18n.js';

export class Uploader {
  readonly input: HTMLInputElement;
  readonly overlay: HTMLElement;
  private depth = 0;

  constructor(private readonly onFile: (file: File) => void) {
    this.input = h('input', { type: 'file', class: 'visually-hidden', id: 'file-input', tabindex: -1, accept: '.xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
    this.input.addEventListener('change', () => {
      const file = this.input.files?.[0];
      if (file) this.onFile(file);
      this.input.value = '';
    });
    this.overlay = h('div', { class: 'dropzone', hidden: true, 'aria-hidden': 'true' });
    window.addEventListener('dragenter', (e) => this.drag(e, 1));
    window.addEventListener('dragleave', (e) => this.drag(e, -1));
    window.addEventListener('dragover', (e) => e.preventDefault());
    window.addEventListener('drop', (e) => {
      e.preventDefault();
      this.depth = 0;
      this.overlay.hidden = true;
      const file = e.dataTransfer?.files[0];
      if (file) this.onFile(file);
    });
    this.refresh();
  }

  refresh(): void {
    this.input.setAttribute('aria-label', t('uploadWorkbook'));
    this.overlay.textContent = t('dropHere');
  }

  pick(): void {
    this.input.click();
  }

  private drag(e: DragEvent, step: number): void {
    if (!e.dataTransfer?.types.includes('Files')) return;
    e.preventDefault();
    this.depth = Math.max(0, this.depth + step);
    this.overlay.hidden = this.depth === 0;
  }
}
