/**
 * A virtualised read-only grid: only the cells in view are in the DOM, so a
 * 20,000-row sheet scrolls like a 20-row one. Column letters and row numbers
 * stay in place (they follow the body's scroll). Cells carry data-addr="F12".
 */
import { h } from './dom.js';
import { columnName } from './workbook.js';

export const ROW_HEIGHT = 24;
export const COLUMN_WIDTH = 110;
const ROW_HEADER_WIDTH = 64;
const OVERSCAN = 4;

export interface GridData {
  rowCount: number;
  columnCount: number;
  value(row: number, column: number): string;
  /** 'error' | 'warning' | 'info' for cells with a problem. */
  mark(row: number, column: number): string | undefined;
  /** Tooltip for a marked cell. */
  note(row: number, column: number): string | undefined;
}

function range(from: number, to: number): number[] {
  const out: number[] = [];
  for (let i = from; i < to; i++) out.push(i);
  return out;
}

export class VirtualGrid {
  readonly element: HTMLElement;
  private readonly body: HTMLElement;
  private readonly sizer: HTMLElement;
  private readonly colHeader: HTMLElement;
  private readonly rowHeader: HTMLElement;
  private selected: { row: number; column: number } | null = null;
  private frame = 0;
  private readonly frozenRow = h('div', { class: 'grid-frozen', role: 'row' });

  constructor(private data: GridData, label: string) {
    this.sizer = h('div', { class: 'grid-sizer' });
    this.body = h('div', { class: 'grid-body', tabindex: 0, role: 'grid', 'aria-label': label, 'aria-readonly': 'true' }, this.sizer);
    this.colHeader = h('div', { class: 'grid-colheader', 'aria-hidden': 'true' });
    this.rowHeader = h('div', { class: 'grid-rowheader', 'aria-hidden': 'true' });
    this.element = h('div', { class: 'grid' }, h('div', { class: 'grid-corner' }), this.colHeader, this.rowHeader, this.body);
    this.element.style.setProperty('--row-h', `${ROW_HEIGHT}px`);
    this.element.style.setProperty('--col-w', `${COLUMN_WIDTH}px`);
    this.element.style.setProperty('--rowhead-w', `${ROW_HEADER_WIDTH}px`);
    this.body.addEventListener('scroll', () => this.schedule());
    this.body.addEventListener('click', (e) => {
      const cell = (e.target as HTMLElement).closest<HTMLElement>('.grid-cell');
      if (cell) this.select(Number(cell.dataset.row), Number(cell.dataset.col));
    });
    this.body.addEventListener('keydown', (e) => this.onKey(e));
    new ResizeObserver(() => this.schedule()).observe(this.body);
    this.setData(data);
  }

  setData(data: GridData): void {
    this.data = data;
    this.sizer.style.height = `${data.rowCount * ROW_HEIGHT}px`;
    this.sizer.style.width = `${Math.max(1, data.columnCount) * COLUMN_WIDTH}px`;
    this.body.setAttribute('aria-rowcount', String(data.rowCount));
    this.body.setAttribute('aria-colcount', String(data.columnCount));
    this.schedule();
  }

  get selection(): string | null {
    return this.selected ? `${columnName(this.selected.column)}${this.selected.row + 1}` : null;
  }

  /** Scrolls the cell into the middle of the view and highlights it. */
  reveal(row: number, column: number): void {
    const top = row * ROW_HEIGHT - (this.body.clientHeight + ROW_HEIGHT) / 2;
    const left = column * COLUMN_WIDTH - (this.body.clientWidth - COLUMN_WIDTH) / 2;
    this.body.scrollTo({ top: Math.max(0, top), left: Math.max(0, left) });
    this.select(row, column);
    this.body.focus({ preventScroll: true });
  }

  select(row: number, column: number): void {
    this.selected = { row, column };
    this.render();
  }

  private onKey(e: KeyboardEvent): void {
    const moves: Record<string, [number, number]> = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };
    const move = moves[e.key];
    if (!move) return;
    e.preventDefault();
    const at = this.selected ?? { row: 0, column: 0 };
    const row = Math.min(Math.max(0, at.row + move[0]), Math.max(0, this.data.rowCount - 1));
    const column = Math.min(Math.max(0, at.column + move[1]), Math.max(0, this.data.columnCount - 1));
    this.selected = { row, column };
    const b = this.body;
    if (row > 0 && (row - 1) * ROW_HEIGHT < b.scrollTop) b.scrollTop = (row - 1) * ROW_HEIGHT;
    else if ((row + 1) * ROW_HEIGHT > b.scrollTop + b.clientHeight) b.scrollTop = (row + 1) * ROW_HEIGHT - b.clientHeight;
    if (column * COLUMN_WIDTH < b.scrollLeft) b.scrollLeft = column * COLUMN_WIDTH;
    else if ((column + 1) * COLUMN_WIDTH > b.scrollLeft + b.clientWidth) b.scrollLeft = (column + 1) * COLUMN_WIDTH - b.clientWidth;
    this.render();
  }

  private schedule(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.render();
    });
  }

  private render(): void {
    const { data, body } = this;
    const firstRow = Math.max(0, Math.floor(body.scrollTop / ROW_HEIGHT) - OVERSCAN);
    const lastRow = Math.min(data.rowCount, Math.ceil((body.scrollTop + body.clientHeight) / ROW_HEIGHT) + OVERSCAN);
    const firstCol = Math.max(0, Math.floor(body.scrollLeft / COLUMN_WIDTH) - 1);
    const lastCol = Math.min(data.columnCount, Math.ceil((body.scrollLeft + body.clientWidth) / COLUMN_WIDTH) + 1);

    const cells: HTMLElement[] = [];
    const frozen: HTMLElement[] = [];
    for (const r of [0, ...range(Math.max(1, firstRow), lastRow)]) {
      for (let c = firstCol; c < lastCol; c++) {
        const mark = data.mark(r, c);
        const isSelected = this.selected?.row === r && this.selected.column === c;
        const cls = ['grid-cell', r === 0 ? 'head' : '', mark ? `bad ${mark}` : '', isSelected ? 'selected' : ''].join(' ').trim();
        const cell = h('div', {
          class: cls,
          role: 'gridcell',
          'data-row': r,
          'data-col': c,
          'data-addr': `${columnName(c)}${r + 1}`,
          'aria-selected': isSelected ? 'true' : null,
          title: data.note(r, c) ?? null,
        }, data.value(r, c));
        cell.style.transform = `translate(${c * COLUMN_WIDTH}px, ${r === 0 ? 0 : r * ROW_HEIGHT}px)`;
        (r === 0 ? frozen : cells).push(cell);
      }
    }
    // Row 1 (the column codes) stays in view: a sticky strip, moved by the compositor, not by script.
    this.frozenRow.replaceChildren(...frozen);
    this.sizer.replaceChildren(this.frozenRow, ...cells);

    const heads: HTMLElement[] = [];
    for (let c = firstCol; c < lastCol; c++) {
      const el = h('div', { class: `grid-colname${this.selected?.column === c ? ' active' : ''}` }, columnName(c));
      el.style.transform = `translateX(${c * COLUMN_WIDTH - body.scrollLeft}px)`;
      heads.push(el);
    }
    this.colHeader.replaceChildren(...heads);

    const nums: HTMLElement[] = [];
    for (const r of [...range(Math.max(1, firstRow), lastRow), 0]) {
      const el = h('div', { class: `grid-rownum${r === 0 ? ' frozen' : ''}${this.selected?.row === r ? ' active' : ''}` }, String(r + 1));
      el.style.transform = `translateY(${r === 0 ? 0 : r * ROW_HEIGHT - body.scrollTop}px)`;
      nums.push(el);
    }
    this.rowHeader.replaceChildren(...nums);
  }
}
