/** A submission's workbook in the virtual grid, one sheet at a time, with its problem cells marked. */
import { api } from './api.js';
import { h } from './dom.js';
import type { View } from './editors.js';
import { SHEET } from '../contract.js';
import { sheetKey } from '../ingest/sheetNames.js';
import { VirtualGrid, type GridData } from './grid.js';
import { t } from './i18n.js';
import type { Problem, StoredSubmission } from './types.js';
import { openWorkbook, parseAddress, type Sheet, type Workbook } from './workbook.js';

const RANK: Record<string, number> = { error: 3, warning: 2, info: 1 };

function sheetData(sheet: Sheet, problems: Problem[]): GridData {
  const marks = new Map<string, Problem[]>();
  for (const p of problems) {
    if (!p.cell || sheetKey(p.sheet) !== sheetKey(sheet.name)) continue;
    const at = parseAddress(p.cell);
    if (!at) continue;
    const key = `${at.row}:${at.column}`;
    marks.set(key, [...(marks.get(key) ?? []), p]);
  }
  let columnCount = sheet.columnCount;
  let rowCount = sheet.rows.length;
  for (const key of marks.keys()) {
    const [r, c] = key.split(':').map(Number);
    rowCount = Math.max(rowCount, r + 1);
    columnCount = Math.max(columnCount, c + 1);
  }
  return {
    rowCount: Math.max(rowCount, 1),
    columnCount: Math.max(columnCount, 1),
    value: (r, c) => sheet.rows[r]?.[c] ?? '',
    mark: (r, c) => marks.get(`${r}:${c}`)?.reduce((a, p) => (RANK[p.severity] > RANK[a] ? p.severity : a), 'info' as string),
    note: (r, c) => marks.get(`${r}:${c}`)?.map((p) => `${p.severity} ${p.code}: ${p.message}`).join('\n'),
  };
}

export class GridView implements View {
  readonly element = h('section', { class: 'view grid-view' });
  private workbook: Promise<Workbook> | null = null;
  private grid: VirtualGrid | null = null;
  private sheetName: string = SHEET.responses;
  private readonly status = h('p', { class: 'grid-status', role: 'status' });
  private readonly sheetTabs = h('div', { class: 'sheet-tabs', role: 'toolbar' });
  private readonly host = h('div', { class: 'grid-host' });

  constructor(private readonly submission: StoredSubmission) {
    this.element.append(this.host, this.sheetTabs, this.status);
    this.refresh();
  }

  title(): string {
    return `${t('responses')}: ${this.submission.fileName}`;
  }

  refresh(): void {
    this.sheetTabs.setAttribute('aria-label', t('sheet'));
    void this.show(this.sheetName);
  }

  /** Opens `sheet` and, given a cell address, scrolls to it and highlights it. */
  async show(sheetName: string, cell?: string): Promise<void> {
    this.workbook ??= fetch(api.inputUrl(this.submission.id))
      .then((r) => (r.ok ? r.arrayBuffer() : Promise.reject(new Error(`HTTP ${r.status}`))))
      .then((b) => openWorkbook(new Uint8Array(b)));
    if (!this.grid) this.status.textContent = t('loadingWorkbook');
    let workbook: Workbook;
    try {
      workbook = await this.workbook;
    } catch (e) {
      this.status.textContent = `${t('uploadFailed')}: ${(e as Error).message}`;
      return;
    }
    // Problems name the template's sheets; the tab may be written otherwise ("responses").
    sheetName = workbook.find(sheetName) ?? workbook.find(SHEET.responses) ?? workbook.sheetNames[0];
    this.sheetName = sheetName;
    const sheet = await workbook.sheet(sheetName);
    const data = sheetData(sheet, this.submission.problems);
    const label = `${t('gridLabel')}: ${sheetName}`;
    if (this.grid) this.grid.setData(data);
    else {
      this.grid = new VirtualGrid(data, label);
      this.host.replaceChildren(this.grid.element);
    }
    this.grid.element.querySelector('.grid-body')?.setAttribute('aria-label', label);
    this.element.dataset.sheet = sheetName;
    this.sheetTabs.replaceChildren(
      ...workbook.sheetNames.map((name) =>
        h('button', { class: `sheet-tab${name === sheetName ? ' active' : ''}`, 'aria-pressed': String(name === sheetName), onclick: () => void this.show(name) }, name),
      ),
    );
    this.status.textContent = `${sheetName} · ${sheet.rows.length} × ${sheet.columnCount}`;
    const at = cell ? parseAddress(cell) : null;
    if (at) {
      // The grid needs its size before it can centre the cell.
      await new Promise((r) => requestAnimationFrame(r));
      this.grid.reveal(at.row, at.column);
      this.status.textContent = `${sheetName}!${cell}`;
    }
  }
}
