import { codeOf, type MessageId, type ParamsOf } from '../diagnostics/catalogue.js';
import { cellRef, problem, type Problem } from '../diagnostics/problem.js';
import { parseDecimal, type RawAnswer } from '../scoring/coding.js';
import type { SheetRow, WorkbookSource } from './source.js';
import { SHEET } from '../contract.js';
import { listSheets } from './sheetNames.js';

/** Collects problems for one workbook, with the file name filled in. */
export class ProblemList {
  readonly items: Problem[] = [];
  private readonly perCode = new Map<string, number>();
  constructor(
    readonly file: string,
    /** Beyond this many of one code, further ones are counted in a single summary. */
    private readonly capPerCode = 1000,
  ) {}

  /** Adds catalogue message `id` at Sheet!Cell; its severity and code come from the catalogue. */
  add<Id extends MessageId>(id: Id, params: ParamsOf<Id>, sheet: string, cell: string): void {
    const code = codeOf(id);
    const seen = (this.perCode.get(code) ?? 0) + 1;
    this.perCode.set(code, seen);
    if (seen <= this.capPerCode) this.items.push(problem(id, params, { file: this.file, sheet, cell }));
  }
  /** Adds a summary for each code that went past the cap. */
  finish(): Problem[] {
    for (const [code, count] of this.perCode)
      if (count > this.capPerCode)
        this.items.push(problem('too-many-problems', { more: count - this.capPerCode, other: code, count }, { file: this.file }));
    return this.items;
  }
}

/** The text of a cell, trimmed and NFC-normalised ('' for blank); numbers as written. */
export function cellText(value: RawAnswer): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value.trim().normalize('NFC');
  if (typeof value === 'number') return String(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') return value.error;
  return String(value);
}

/** A number from a numeric cell or decimal text ("6,00"); null for anything else. */
export function cellNumber(value: RawAnswer): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string') return parseDecimal(value);
  return null;
}

export interface Table {
  sheet: string;
  /** column code (row 1) → 1-based column. */
  columns: Map<string, number>;
  rows: SheetRow[];
}

export interface OpenTable {
  sheet: string;
  columns: Map<string, number>;
  /** The rows after the header, streamed. */
  rows: AsyncIterable<SheetRow>;
}

/** A small sheet read whole (Unit, Framework, Codebook, Targets, Plan). */
export async function readTable(
  source: WorkbookSource,
  sheet: string,
  required: readonly string[],
  optional: readonly string[],
  problems: ProblemList,
  options: { sheetRequired: boolean },
): Promise<Table | null> {
  const open = await openTable(source, sheet, required, optional, problems, options);
  if (!open) return null;
  const rows: SheetRow[] = [];
  for await (const row of open.rows) rows.push(row);
  return { sheet, columns: open.columns, rows };
}

/**
 * Opens a sheet whose row 1 holds column codes (contract.md) and reads its header;
 * the data rows are left to stream. Missing required columns are reported;
 * returns null when the sheet or a required column is absent.
 */
export async function openTable(
  source: WorkbookSource,
  sheet: string,
  required: readonly string[],
  optional: readonly string[],
  problems: ProblemList,
  { sheetRequired }: { sheetRequired: boolean },
): Promise<OpenTable | null> {
  if (!source.sheetNames.includes(sheet)) {
    if (sheetRequired) problems.add('missing-sheet', { sheet, found: listSheets(source.sheetNames) }, sheet, '');
    return null;
  }
  const iterator = source.rows(sheet)[Symbol.asyncIterator]();
  const first = await iterator.next();
  const unrecognised = first.done ? source.unrecognisedElements?.(sheet) : undefined;
  if (unrecognised) {
    // Not "no such column": the sheet has rows, in a form the reader could not recognise.
    problems.add('unreadable-sheet', { sheet, count: unrecognised }, sheet, '');
    return null;
  }
  let pending: SheetRow | undefined = first.done ? undefined : first.value;
  const header = pending?.number === 1 ? pending : undefined;
  if (header) pending = undefined;
  const columns = new Map<string, number>();
  header?.values.forEach((v, col) => {
    const code = cellText(v).toLowerCase();
    if (!code) return;
    if (columns.has(code)) {
      problems.add('duplicate-column', { column: code, first: cellRef(1, columns.get(code)!).replace(/\d+$/, '') }, sheet, cellRef(1, col));
      return;
    }
    columns.set(code, col);
  });
  const known = new Set([...required, ...optional]);
  if (known.size > 0 && sheet !== SHEET.responses)
    for (const [code, col] of columns)
      if (!known.has(code)) problems.add('unknown-column', { column: code }, sheet, cellRef(1, col));
  const absent = required.filter((c) => !columns.has(c));
  for (const code of absent)
    problems.add('missing-column', { sheet, column: code }, sheet, 'A1');
  if (absent.length) {
    await iterator.return?.();
    return null;
  }
  // The header's lookahead row first, then the source's own iterator: no extra
  // async-generator step per row (a national sheet has tens of thousands).
  let lookahead: SheetRow | undefined = pending;
  const rows: AsyncIterableIterator<SheetRow> = {
    next: () => {
      if (!lookahead) return iterator.next();
      const result: IteratorResult<SheetRow> = { done: false, value: lookahead };
      lookahead = undefined;
      return Promise.resolve(result);
    },
    return: async () => (await iterator.return?.()) ?? { done: true, value: undefined },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
  return { sheet, columns, rows };
}

export function valueAt(row: SheetRow, table: { columns: Map<string, number> }, column: string): RawAnswer {
  const col = table.columns.get(column);
  return col === undefined ? null : row.values[col];
}

export function refAt(row: SheetRow, table: { columns: Map<string, number> }, column: string): string {
  return cellRef(row.number, table.columns.get(column) ?? 1);
}

export function isBlankRow(row: SheetRow): boolean {
  return row.values.every((v) => cellText(v) === '');
}
