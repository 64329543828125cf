import { cellRef } from '../diagnostics/problem.js';
import type { Item } from '../framework/schema.js';
import { compileRelevant, parseRelevant, relevantNumber, type CompiledRelevant } from '../framework/relevant.js';
import { ASK_CODE_ANSWER, CODE_TABLE_LENGTH, codeAnswer, codeTable, type RawAnswer } from '../scoring/coding.js';
import { ScaleTally } from '../scoring/quality.js';
import { INVALID, type CodedResponses, type UnitInfo } from '../scoring/types.js';
import type { Limits } from '../limits.js';
import type { SheetRow, WorkbookSource } from './source.js';
import { acceptedCodes, questionText } from './itemText.js';
import { cellNumber, cellText, isBlankRow, openTable, type ProblemList } from './table.js';

export { RESPONDENT_COLUMNS } from '../contract.js';
import { RESPONDENT_COLUMNS, SHEET } from '../contract.js';

/** A growable Float64Array, so rows can be coded as they stream in. */
class GrowableFloats {
  data: Float64Array;
  length = 0;
  constructor(capacity: number) {
    this.data = new Float64Array(Math.max(capacity, 16));
  }
  reserve(extra: number): void {
    if (this.length + extra <= this.data.length) return;
    const next = new Float64Array(Math.max(this.data.length * 2, this.length + extra));
    next.set(this.data.subarray(0, this.length));
    this.data = next;
  }
  /** Room for `total` floats in all, allocated now (one copy of what is there) instead of by doubling. */
  ensure(total: number): void {
    if (total <= this.data.length) return;
    const next = new Float64Array(total);
    next.set(this.data.subarray(0, this.length));
    this.data = next;
  }
  view(): Float64Array {
    return this.data.subarray(0, this.length);
  }
}

export interface ResponsesRead {
  coded: CodedResponses;
  units: UnitInfo[];
  unitOfRow: Int32Array;
  sheetRow: Int32Array;
  respondentIds: string[];
  /** 1-based column of respondent_id, to place row-level warnings. */
  idColumn: number;
  /** Scale codes as typed, per row, for straight-lining (methodology.md §10). */
  scaleTally: ScaleTally;
  /** item code → "Responses!F1" */
  headerCells: Map<string, string>;
  /** Hit a limit, or no respondents: the result must not be scored. */
  fatal: boolean;
}

/** The scored columns of the Responses sheet: item j sits in 1-based column itemColumns[j]. */
interface ItemColumns {
  sheet: string;
  items: Item[];
  itemColumns: number[];
  /** codeTable of each item, for quickCode. */
  tables: Float64Array[];
  /** The skip conditions, or null when no item has one (the common fast path). */
  skips: SkipPlan | null;
}

/**
 * The Codebook's `relevant` conditions, compiled once for the sheet (methodology.md
 * §2 rule 0). Steps run in Codebook order, so a condition sees the answers of
 * earlier items as it would on a form: the number typed, or NaN when blank,
 * non-numeric or not asked itself (a question skipped is blank to later
 * conditions, as ODK clears it).
 */
interface SkipPlan {
  steps: {
    /** 1-based Responses column of the item, 0 when it has none (then its answers read as blank). */
    column: number;
    /** Where later conditions read this item's answer, -1 when none does. */
    slot: number;
    condition: CompiledRelevant | null;
    /** Index of the item among the scored columns, -1 when it has none. */
    j: number;
  }[];
  slots: Float64Array;
  /** Per scored column, for the current row: 1 when the question was not asked. */
  notAsked: Uint8Array;
}

function skipPlan(codebook: readonly Item[], items: readonly Item[], columnOf: (code: string) => number | undefined): SkipPlan | null {
  const parsed = new Map<string, ReturnType<typeof parseRelevant>>();
  const referenced = new Map<string, number>();
  for (const item of codebook) {
    if (item.relevant === undefined) continue;
    // readCodebook kept only conditions that parse and name earlier items.
    const p = parseRelevant(item.relevant);
    if (!p.ok) continue;
    parsed.set(item.code, p);
    for (const ref of p.refs) if (!referenced.has(ref)) referenced.set(ref, referenced.size);
  }
  if (parsed.size === 0) return null;
  const indexOf = new Map(items.map((item, j) => [item.code, j]));
  const steps: SkipPlan['steps'] = [];
  for (const item of codebook) {
    const p = parsed.get(item.code);
    const slot = referenced.get(item.code) ?? -1;
    if (!p && slot < 0) continue;
    steps.push({
      column: columnOf(item.code) ?? 0,
      slot,
      condition: p && p.ok ? compileRelevant(p.condition, (code) => referenced.get(code)!) : null,
      j: indexOf.get(item.code) ?? -1,
    });
  }
  return { steps, slots: new Float64Array(referenced.size), notAsked: new Uint8Array(items.length) };
}

/** Decides, for one row, which questions were not asked (fills skips.notAsked). */
function applySkips(row: SheetRow, skips: SkipPlan): void {
  const { steps, slots, notAsked } = skips;
  const values = row.values;
  for (let s = 0; s < steps.length; s++) {
    const step = steps[s];
    const asked = step.condition === null || step.condition(slots);
    if (step.j >= 0) notAsked[step.j] = asked ? 0 : 1;
    if (step.slot >= 0) slots[step.slot] = asked && step.column > 0 && step.column < values.length ? relevantNumber(values[step.column]) : NaN;
  }
}

function isBlankAnswer(value: unknown): boolean {
  return value === null || value === undefined || (typeof value === 'string' && value.trim() === '');
}

/**
 * Codes one row's answers into data[base, base + J). A small function of its own,
 * so V8 compiles this inner loop early and keeps it compiled (inside the long
 * async readResponses it was compiled late and thrown away twice: bench/README.md).
 */
function codeRow(row: SheetRow, data: Float64Array, base: number, columns: ItemColumns, problems: ProblemList): void {
  const values = row.values;
  const { itemColumns, tables, skips } = columns;
  if (skips !== null) applySkips(row, skips);
  const notAsked = skips === null ? null : skips.notAsked;
  // Trailing blank cells are not in the array: reading past its end would be
  // an out-of-bounds access, which deoptimised this loop (V8 --trace-deopt).
  const length = values.length;
  const J = itemColumns.length;
  for (let j = 0; j < J; j++) {
    const c = itemColumns[j];
    const value = c < length ? values[c] : undefined;
    if (notAsked !== null && notAsked[j] === 1) {
      notAskedCell(columns, value, data, base + j, row.number, j, problems);
      continue;
    }
    // quickCode (scoring/coding.ts), written out: V8 did not inline the call here, and
    // this is the loop over every cell (callgrind at 20k rows: 440 → 377 M instructions).
    // test/ingest/xlsxQuickCode.test.ts checks what it stores against codeAnswer.
    if (typeof value === 'number') {
      const k = value | 0;
      // -0 is left to codeAnswer, which keeps its sign (1 / -0 is -Infinity).
      if (k === value && k >= 0 && k < CODE_TABLE_LENGTH && (k !== 0 || 1 / value > 0)) {
        const x = tables[j][k];
        if (x !== ASK_CODE_ANSWER) {
          data[base + j] = x;
          continue;
        }
      }
    } else if (value === undefined || value === null) {
      data[base + j] = NaN;
      continue;
    }
    codeSlow(columns.items[j], value, data, base + j, columns.sheet, row.number, c, problems);
  }
}

/** Rule 0: a question not asked is missing, whatever the cell holds; a filled one is reported. */
function notAskedCell({ sheet, items, itemColumns }: ItemColumns, value: RawAnswer, data: Float64Array, at: number, r: number, j: number, problems: ProblemList): void {
  data[at] = NaN;
  if (!isBlankAnswer(value))
    problems.add('not-asked', { item: items[j].code, question: questionText(items[j]), condition: items[j].relevant!, value: cellText(value) }, sheet, cellRef(r, itemColumns[j]));
}

/** codeAnswer and its problems, for what quickCode leaves (text, fractions, invalid or clamped answers): rare, so out of codeRow's loop. */
function codeSlow(item: Item, value: RawAnswer, data: Float64Array, at: number, sheet: string, r: number, c: number, problems: ProblemList): void {
  const coded = codeAnswer(item, value);
  if (coded.kind === 'value') {
    data[at] = coded.x;
    if (coded.clampedFrom !== undefined)
      problems.add('clamped-value', { value: coded.clampedFrom, min: item.min, max: item.max, item: item.code, question: questionText(item), bound: item.max }, sheet, cellRef(r, c));
  } else if (coded.kind === 'missing') {
    data[at] = NaN;
  } else {
    data[at] = INVALID;
    problems.add(`invalid-answer.${coded.reason}`, { value: coded.value, item: item.code, question: questionText(item), accepted: acceptedCodes(item) }, sheet, cellRef(r, c));
  }
}

interface RowContext {
  sheet: string;
  J: number;
  columns: ItemColumns;
  defaultUnit: UnitInfo;
  problems: ProblemList;
  limits: Limits;
  width: number;
  readColumns: Set<number>;
  idCol: number;
  weightCol: number | undefined;
  unitCodeCol: number | undefined;
  unitNameCol: number | undefined;
  scaleTally: ScaleTally;
  /** The source's estimate of the sheet's rows (WorkbookSource.rowEstimate), or undefined. */
  rowEstimate: () => number | undefined;
}

/** After this many respondents the coded matrix is sized from the source's row estimate. */
const SIZE_AFTER_ROWS = 256;

/**
 * The Responses rows read so far. The per-row work is this class's plain method,
 * not the body of readResponses' `for await`: V8 compiled that long async
 * function twice (30–45 ms of TurboFan each, bench/README.md) and threw the
 * code away on types it had not seen yet; a small synchronous method is
 * compiled once, early.
 */
class RespondentRows {
  readonly x: GrowableFloats;
  readonly weights: number[] = [];
  readonly sheetRows: number[] = [];
  readonly unitOfRow: number[] = [];
  readonly respondentIds: string[] = [];
  readonly units: UnitInfo[] = [];
  readonly scaleTally: ScaleTally;
  private readonly firstRowOfId = new Map<string, number>();
  private readonly unitIndex = new Map<string, number>();
  private cells = 0;

  constructor(private readonly ctx: RowContext) {
    this.x = new GrowableFloats(1024 * ctx.J);
    this.scaleTally = ctx.scaleTally;
  }

  /**
   * Sizes the coded matrix once for the whole sheet. Doubling it from 1,024 rows
   * copied ~30 MB at 20k rows and touched as many fresh pages (about 20 ms of CPU:
   * bench/README.md). An estimate too high costs only untouched, not resident,
   * pages; one too low leaves the doubling to finish; capped at the cell limit.
   */
  private sizeFromEstimate(): void {
    const estimate = this.ctx.rowEstimate();
    if (estimate === undefined || !(estimate > 0)) return;
    const { J, limits } = this.ctx;
    const rows = Math.min(Math.ceil(estimate * 1.05) + 64, Math.ceil(limits.maxCells / Math.max(J, 1)) + 1);
    this.x.ensure(rows * J);
  }

  /** Takes one row; false when it went past the cell limit (the read must stop, fatal). */
  add(row: SheetRow): boolean {
    const { sheet, problems, defaultUnit, weightCol, idCol, unitCodeCol, unitNameCol, J } = this.ctx;
    if (isBlankRow(row)) return true;
    this.cells += this.ctx.width;
    if (this.cells > this.ctx.limits.maxCells) {
      problems.add('too-many-cells', { limit: this.ctx.limits.maxCells }, sheet, cellRef(row.number, 1));
      return false;
    }
    const r = row.number;
    for (const c of row.formulaColumns)
      problems.add('formula-cell', {}, sheet, cellRef(r, c));
    if (row.mergedColumns !== undefined && row.mergedColumns.length > 0)
      for (const c of row.mergedColumns)
        if (this.ctx.readColumns.has(c))
          problems.add('merged-cell', {}, sheet, cellRef(r, c));
    if (row.hidden) problems.add('hidden-row', {}, sheet, cellRef(r, 1));
    const values = row.values;

    // Weight: blank → 1; otherwise a finite number > 0, or the row is excluded.
    let w = 1;
    if (weightCol !== undefined && cellText(values[weightCol]) !== '') {
      const parsed = typeof values[weightCol] === 'number' || typeof values[weightCol] === 'string' ? cellNumber(values[weightCol]) : null;
      if (parsed === null || !(parsed > 0)) {
        problems.add('invalid-weight', { weight: cellText(values[weightCol]) }, sheet, cellRef(r, weightCol));
        return true;
      }
      w = parsed;
    }

    const id = cellText(values[idCol]);
    if (!id) problems.add('missing-respondent-id', {}, sheet, cellRef(r, idCol));
    else if (this.firstRowOfId.has(id))
      problems.add('duplicate-respondent', { id, first: this.firstRowOfId.get(id)!, row: r }, sheet, cellRef(r, idCol));
    else this.firstRowOfId.set(id, r);

    // Identity is unit_code (methodology.md §7); without that column, a unit column's
    // names (NFC, as cellText gives them) tell the units apart.
    const name = unitNameCol !== undefined ? cellText(values[unitNameCol]) : '';
    let unitCode = defaultUnit.code;
    if (unitCodeCol !== undefined) {
      const code = cellText(values[unitCodeCol]);
      if (typeof values[unitCodeCol] === 'number' && !this.unitIndex.has(code))
        problems.add('numeric-unit-code', { code }, sheet, cellRef(r, unitCodeCol));
      if (code) unitCode = code;
      else problems.add('missing-unit-code', { unit: defaultUnit.code ? `"${defaultUnit.code}"` : { vi: '(không có mã)', en: '(none)' } }, sheet, cellRef(r, unitCodeCol));
    } else if (name && name !== defaultUnit.name) {
      unitCode = name;
    }
    let u = this.unitIndex.get(unitCode);
    if (u === undefined) {
      u = this.units.length;
      this.unitIndex.set(unitCode, u);
      this.units.push({ ...defaultUnit, code: unitCode, name: unitCode === defaultUnit.code ? defaultUnit.name : '' });
    }
    if (name && !this.units[u].name) this.units[u].name = name;

    const x = this.x;
    x.reserve(J);
    codeRow(row, x.data, x.length, this.ctx.columns, problems);
    this.scaleTally.observe(values, this.ctx.columns.itemColumns, x.data, x.length);
    x.length += J;
    if (this.weights.length === SIZE_AFTER_ROWS) this.sizeFromEstimate();
    this.weights.push(w);
    this.sheetRows.push(r);
    this.unitOfRow.push(u);
    this.respondentIds.push(id);
    return true;
  }
}

/**
 * Reads the Responses sheet and codes every answer (methodology.md §2–§3).
 * A bad answer is an error at its cell and counts as invalid; a bad weight
 * excludes its row; nothing else stops the rest of the row or the sheet.
 */
export async function readResponses(
  source: WorkbookSource,
  codebook: Item[],
  defaultUnit: UnitInfo,
  problems: ProblemList,
  limits: Limits,
): Promise<ResponsesRead | null> {
  const sheet = SHEET.responses;
  const table = await openTable(source, sheet, ['respondent_id'], [], problems, { sheetRequired: true });
  if (!table) return null;

  const byCode = new Map(codebook.map((item) => [item.code, item]));
  const items: Item[] = [];
  const itemColumns: number[] = [];
  const headerCells = new Map<string, string>();
  for (const [code, col] of table.columns) {
    if ((RESPONDENT_COLUMNS as readonly string[]).includes(code)) continue;
    const item = byCode.get(code);
    if (!item) {
      problems.add('unknown-column.not-an-item', { column: code }, sheet, cellRef(1, col));
      continue;
    }
    items.push(item);
    itemColumns.push(col);
    headerCells.set(code, `${sheet}!${cellRef(1, col)}`);
  }
  for (const item of codebook)
    if (!headerCells.has(item.code))
      problems.add('missing-item-column', { item: item.code }, sheet, '');

  const J = items.length;
  const columns: ItemColumns = { sheet, items, itemColumns, tables: items.map(codeTable), skips: skipPlan(codebook, items, (code) => table.columns.get(code)) };
  const col = (name: string) => table.columns.get(name);
  const idCol = col('respondent_id')!;
  const weightCol = col('weight');
  const unitCodeCol = col('unit_code');
  const unitNameCol = col('unit');
  if (unitCodeCol !== undefined) headerCells.set('Responses.unit_code', `${sheet}!${cellRef(1, unitCodeCol)}`);
  const width = Math.max(...table.columns.values());
  const readColumns = new Set(table.columns.values());

  const rows = new RespondentRows({ sheet, J, columns, defaultUnit, problems, limits, width, readColumns, idCol, weightCol, unitCodeCol, unitNameCol, scaleTally: new ScaleTally(items), rowEstimate: () => source.rowEstimate?.(sheet) });
  for await (const row of table.rows) {
    if (!rows.add(row)) {
      const { units, scaleTally } = rows;
      return { coded: { items, n: 0, weights: new Float64Array(0), x: new Float64Array(0) }, units, unitOfRow: new Int32Array(0), sheetRow: new Int32Array(0), respondentIds: [], idColumn: idCol, scaleTally, headerCells, fatal: true };
    }
  }
  const { x, weights, sheetRows, unitOfRow, respondentIds, units, scaleTally } = rows;

  // A sheet with no one to score is refused (CLI exit 2, HTTP 422, not stored):
  // a blank upload is a mistake, not a submission.
  const empty = weights.length === 0;
  if (empty) problems.add('no-respondents', {}, sheet, 'A2');
  if (units.length === 0) units.push({ ...defaultUnit });
  return {
    coded: { items, n: weights.length, weights: Float64Array.from(weights), x: x.view() },
    units,
    unitOfRow: Int32Array.from(unitOfRow),
    sheetRow: Int32Array.from(sheetRows),
    respondentIds,
    idColumn: idCol,
    scaleTally,
    headerCells,
    fatal: empty,
  };
}
