/** A submission's workbook in the virtual grid, one sheet at a time, with its problem cells marked. */
import { api, getBytes } from './api.js';
import { h } from './dom.js';
import type { View } from './editors.js';
import { SHEET } from '../contract.js';
import { sheetKey } from '../ingest/sheetNames.js';
import { VirtualGrid, type GridData } from './grid.js';
import { RESPONSE_FIXED_COLUMNS } from '../template/responsesSheet.js';
import { locale, sheetLabel, t, type MessageKey } from './i18n.js';
import type { Problem, StoredSubmission } from './types.js';
import { openWorkbook, parseAddress, type Sheet, type Workbook } from './workbook.js';

const RANK: Record<string, number> = { error: 3, warning: 2, info: 1 };
const SEVERITY: Record<string, MessageKey> = { error: 'sevError', warning: 'sevWarning', info: 'sevInfo' };

/** Column code → the question (or the fixed column's meaning), in both languages. */
export type Questions = Map<string, { vi: string; en: string }>;

/**
 * What each Responses column asks: the fixed columns from the template's own
 * definition, the items from the workbook's Codebook sheet (the questions the
 * clerk's copy was made with), so the header's tooltip is the question.
 */
export function questionsOf(codebook: Sheet | null): Questions {
  const questions: Questions = new Map(RESPONSE_FIXED_COLUMNS.map((c) => [c.code, { vi: c.vi, en: c.en }]));
  const head = codebook?.rows[0]?.map((x) => x.trim().toLowerCase()) ?? [];
  const [code, vi, en] = ['code', 'text_vi', 'text_en'].map((name) => head.indexOf(name));
  if (!codebook || code < 0 || (vi < 0 && en < 0)) return questions;
  for (const row of codebook.rows.slice(1)) {
    const key = row[code]?.trim();
    const textVi = (vi >= 0 ? row[vi] : '')?.trim() ?? '';
    const textEn = (en >= 0 ? row[en] : '')?.trim() ?? '';
    if (key && (textVi || textEn)) questions.set(key, { vi: textVi || textEn, en: textEn || textVi });
  }
  return questions;
}

function sheetData(sheet: Sheet, problems: Problem[], questions: Questions): GridData {
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
    note: (r, c) => {
      const lines = marks.get(`${r}:${c}`)?.map((p) => `${t(SEVERITY[p.severity] ?? 'sevInfo')} ${p.code}: ${p.message}`) ?? [];
      const question = r === 0 ? questions.get(sheet.rows[0]?.[c]?.trim() ?? '') : undefined;
      if (question) lines.unshift(locale() === 'en' ? question.en : question.vi);
      return lines.length > 0 ? lines.join('\n') : undefined;
    },
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

  private questionsOf: Promise<Questions> | null = null;
  private questions(workbook: Workbook): Promise<Questions> {
    this.questionsOf ??= (workbook.sheetNames.includes('Codebook') ? workbook.sheet('Codebook') : Promise.resolve(null))
      .then(questionsOf, () => questionsOf(null));
    return this.questionsOf;
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
    this.workbook ??= getBytes(api.inputUrl(this.submission.id)).then((b) => openWorkbook(new Uint8Array(b)));
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
    const questions = sheetName === 'Responses' ? await this.questions(workbook) : new Map();
    const data = sheetData(sheet, this.submission.problems, questions);
    const label = `${t('gridLabel')}: ${sheetLabel(sheetName)}`;
    if (this.grid) this.grid.setData(data);
    else {
      this.grid = new VirtualGrid(data, label);
      this.host.replaceChildren(this.grid.element);
    }
    this.grid.element.querySelector('.grid-body')?.setAttribute('aria-label', label);
    this.element.dataset.sheet = sheetName;
    this.sheetTabs.replaceChildren(
      ...workbook.sheetNames.map((name) =>
        // Vietnamese name on the tab; the open one also shows the file's own name, as problems and Excel say "Responses!D5".
        h('button', { class: `sheet-tab${name === sheetName ? ' active' : ''}`, 'aria-pressed': String(name === sheetName), 'data-sheet': name, title: `${t('sheetInFile')}: ${name}`, onclick: () => void this.show(name) },
          sheetLabel(name), name === sheetName && sheetLabel(name) !== name ? h('span', { class: 'sheet-file-name', translate: 'no' }, name) : null),
      ),
    );
    this.status.textContent = `${sheetLabel(sheetName)} (${sheetName}) · ${sheet.rows.length} × ${sheet.columnCount}`;
    const at = cell ? parseAddress(cell) : null;
    if (at) {
      // The grid needs its size before it can centre the cell.
      await new Promise((r) => requestAnimationFrame(r));
      this.grid.reveal(at.row, at.column);
      this.status.textContent = `${sheetName}!${cell}`;
    }
  }
}
