import type { MessageId, ParamsOf } from '../diagnostics/catalogue.js';
import type { Dimension, Framework, Item, PlanTask, Subdimension, Target } from '../framework/schema.js';
import { isDirection, isItemType } from '../framework/codes.js';
import { relevantProblem } from '../framework/relevant.js';
import type { UnitInfo } from '../scoring/types.js';
import type { WorkbookSource } from './source.js';
import { CODEBOOK_COLUMNS, CODEBOOK_REQUIRED, FRAMEWORK_COLUMNS, PLAN_COLUMNS, PLAN_REQUIRED, SHEET, TARGET_COLUMNS, UNIT_COLUMNS, UNIT_FIELDS } from '../contract.js';
import { cellNumber, cellText, isBlankRow, type ProblemList, readTable, refAt, valueAt } from './table.js';


export interface UnitSheet {
  unit: UnitInfo;
  frameworkId: string;
  /** Where each field's value sits, e.g. unit_code → "Unit!B5". */
  cells: Map<string, string>;
}

export async function readUnitSheet(source: WorkbookSource, problems: ProblemList): Promise<UnitSheet | null> {
  const table = await readTable(source, SHEET.unit, UNIT_COLUMNS, [], problems, { sheetRequired: true });
  if (!table) return null;
  const fields = new Map<string, { value: ReturnType<typeof valueAt>; ref: string }>();
  for (const row of table.rows) {
    const field = cellText(valueAt(row, table, 'field')).toLowerCase();
    if (!field) continue;
    if (!(UNIT_FIELDS as readonly string[]).includes(field)) {
      problems.add('unknown-unit-field', { field, fields: UNIT_FIELDS.join(', ') }, 'Unit', refAt(row, table, 'field'));
      continue;
    }
    fields.set(field, { value: valueAt(row, table, 'value'), ref: refAt(row, table, 'value') });
  }
  const text = (f: string) => cellText(fields.get(f)?.value ?? null);
  for (const f of ['unit', 'unit_code', 'year'])
    if (!text(f)) problems.add('missing-unit-field', { field: f }, 'Unit', fields.get(f)?.ref ?? '');
  let year: number | null = null;
  if (text('year')) {
    const y = cellNumber(fields.get('year')!.value);
    if (y !== null && Number.isInteger(y) && y >= 2000 && y <= 2100) year = y;
    else problems.add('invalid-unit-field.year', { value: text('year') }, 'Unit', fields.get('year')!.ref);
  }
  // Excel turns a code typed as a number (06268) into 6268: say so; a registry can restore it (src/units/resolve.ts).
  const codeField = fields.get('unit_code');
  if (typeof codeField?.value === 'number') problems.add('numeric-unit-code', { code: text('unit_code') }, 'Unit', codeField.ref);
  const frameworkId = text('framework');
  if (!frameworkId)
    problems.add('missing-unit-field.framework', {}, 'Unit', fields.get('framework')?.ref ?? '');
  return {
    unit: { name: text('unit'), code: text('unit_code'), province: text('province'), district: text('district'), year },
    frameworkId: frameworkId || 'unknown',
    cells: new Map([...fields].map(([f, { ref }]) => [f, `Unit!${ref}`])),
  };
}

export interface FrameworkSheet {
  dimensions: Dimension[];
  subdimensions: Subdimension[];
  /** code → "Framework!A5" */
  cells: Map<string, string>;
}

export async function readFrameworkSheet(source: WorkbookSource, problems: ProblemList): Promise<FrameworkSheet | null> {
  const table = await readTable(source, SHEET.framework, FRAMEWORK_COLUMNS, [], problems, { sheetRequired: true });
  if (!table) return null;
  const dimensions: Dimension[] = [];
  const subdimensions: Subdimension[] = [];
  const cells = new Map<string, string>();
  const pending: { sub: Subdimension; ref: string }[] = [];
  for (const row of table.rows) {
    if (isBlankRow(row)) continue;
    const code = cellText(valueAt(row, table, 'code')).toLowerCase();
    const parent = cellText(valueAt(row, table, 'parent')).toLowerCase();
    const nameVi = cellText(valueAt(row, table, 'name_vi'));
    const nameEn = cellText(valueAt(row, table, 'name_en')) || nameVi;
    const ref = refAt(row, table, 'code');
    if (!code) {
      problems.add('invalid-framework.no-code', {}, 'Framework', ref);
      continue;
    }
    if (cells.has(code)) {
      problems.add('invalid-framework.twice', { code, first: cells.get(code)! }, 'Framework', ref);
      continue;
    }
    if (!parent) {
      if (!/^[0-9]+$/.test(code)) {
        problems.add('invalid-framework.dimension-code', { code }, 'Framework', ref);
        continue;
      }
      dimensions.push({ code, nameVi: nameVi || code, nameEn: nameEn || code });
    } else {
      if (!/^[0-9]+[a-z]$/.test(code)) {
        problems.add('invalid-framework.subdimension-code', { code }, 'Framework', ref);
        continue;
      }
      pending.push({ sub: { code, dimension: parent, nameVi: nameVi || code, nameEn: nameEn || code }, ref });
    }
    cells.set(code, `Framework!${ref}`);
  }
  const dimensionCodes = new Set(dimensions.map((d) => d.code));
  for (const { sub, ref } of pending) {
    if (!dimensionCodes.has(sub.dimension)) {
      problems.add('invalid-framework.unknown-parent', { code: sub.code, parent: sub.dimension }, 'Framework', ref);
      cells.delete(sub.code);
      continue;
    }
    subdimensions.push(sub);
  }
  for (const d of dimensions)
    if (!subdimensions.some((s) => s.dimension === d.code))
      problems.add('invalid-framework.no-subdimensions', { code: d.code }, 'Framework', cells.get(d.code)!.replace('Framework!', ''));
  if (dimensions.length === 0 || subdimensions.length === 0) {
    problems.add('empty-framework', {}, 'Framework', '');
    return null;
  }
  return { dimensions, subdimensions, cells };
}


/** "9,98" or 9 → [9, 98]; null when a code is not an integer. */
function parseCodes(value: ReturnType<typeof valueAt>): number[] | null {
  if (typeof value === 'number') return Number.isInteger(value) ? [value] : null;
  const text = cellText(value);
  if (!text) return [];
  const parts = text.split(',').map((p) => p.trim());
  if (parts.some((p) => !/^-?\d+$/.test(p))) return null;
  return parts.map(Number);
}

export interface Codebook {
  items: Item[];
  /** item code → "Codebook!A7" */
  cells: Map<string, string>;
}

/**
 * Items from the Codebook sheet (methodology.md §2). A row with min ≥ max, a
 * weight ≤ 0, an unknown type or direction, a non-integer missing/zero code or an
 * unknown sub-dimension is a codebook error at its cell; that item is left out.
 * An empty sub-dimension makes a filter question (read and checked, never
 * scored). A `relevant` condition that does not parse, or names an item that is
 * not a valid row above it, is an error at its cell and the item is kept
 * without it (contract.md).
 */
export async function readCodebook(source: WorkbookSource, subdimensions: Set<string>, problems: ProblemList): Promise<Codebook | null> {
  const table = await readTable(source, SHEET.codebook, CODEBOOK_REQUIRED, CODEBOOK_COLUMNS, problems, { sheetRequired: true });
  if (!table) return null;
  const items: Item[] = [];
  const cells = new Map<string, string>();
  for (const row of table.rows) {
    if (isBlankRow(row)) continue;
    const at = (column: string) => refAt(row, table, column);
    const bad = <Id extends MessageId>(column: string, id: Id, params: ParamsOf<Id>) => problems.add(id, params, 'Codebook', at(column));
    const code = cellText(valueAt(row, table, 'code')).toLowerCase();
    if (!code) {
      bad('code', 'invalid-codebook.no-code', {});
      continue;
    }
    if (cells.has(code)) {
      bad('code', 'invalid-codebook.twice', { item: code, first: cells.get(code)! });
      continue;
    }
    const subdimension = cellText(valueAt(row, table, 'subdimension')).toLowerCase();
    if (subdimension !== '' && !subdimensions.has(subdimension)) {
      bad('subdimension', 'invalid-codebook.subdimension', { subdimension, item: code });
      continue;
    }
    const type = cellText(valueAt(row, table, 'type')).toLowerCase();
    if (!isItemType(type)) {
      bad('type', 'invalid-codebook.type', { type: cellText(valueAt(row, table, 'type')), item: code });
      continue;
    }
    const direction = cellText(valueAt(row, table, 'direction'));
    if (!isDirection(direction)) {
      bad('direction', 'invalid-codebook.direction', { direction: cellText(valueAt(row, table, 'direction')), item: code });
      continue;
    }
    let min = 0;
    let max = 1;
    if (type !== 'binary') {
      const lo = cellNumber(valueAt(row, table, 'min'));
      const hi = cellNumber(valueAt(row, table, 'max'));
      if (lo === null || hi === null) {
        bad(lo === null ? 'min' : 'max', 'invalid-codebook.range', { type, item: code });
        continue;
      }
      if (lo >= hi) {
        bad('min', 'invalid-codebook.order', { min: lo, max: hi, item: code });
        continue;
      }
      [min, max] = [lo, hi];
    }
    const missing = parseCodes(valueAt(row, table, 'missing'));
    if (missing === null) {
      bad('missing', 'invalid-codebook.missing', { codes: cellText(valueAt(row, table, 'missing')), item: code });
      continue;
    }
    const zero = parseCodes(valueAt(row, table, 'zero'));
    if (zero === null) {
      bad('zero', 'invalid-codebook.zero', { codes: cellText(valueAt(row, table, 'zero')), item: code });
      continue;
    }
    let weight = 1;
    const weightValue = valueAt(row, table, 'weight');
    if (cellText(weightValue) !== '') {
      const w = cellNumber(weightValue);
      if (w === null || !(w > 0)) {
        bad('weight', 'invalid-codebook.weight', { weight: cellText(weightValue), item: code });
        continue;
      }
      weight = w;
    }
    const textVi = cellText(valueAt(row, table, 'text_vi'));
    const textEn = cellText(valueAt(row, table, 'text_en'));
    const item: Item = { code, subdimension, type, min, max, direction, missing, zero, weight, textVi: textVi || textEn || code, textEn: textEn || textVi || code, options: [] };
    const relevant = table.columns.has('relevant') ? cellText(valueAt(row, table, 'relevant')) : '';
    if (relevant) {
      const problem = relevantProblem(relevant, cells, code);
      if (problem)
        problems.add('invalid-relevant', { condition: relevant.length > 80 ? `${relevant.slice(0, 80)}…` : relevant, item: code, reason: problem }, 'Codebook', at('relevant'));
      else item.relevant = relevant;
    }
    items.push(item);
    cells.set(code, `Codebook!${at('code')}`);
  }
  return { items, cells };
}

function levels(text: string): string[] {
  return text
    .split(/[,;]/)
    .map((l) => l.trim().toLowerCase())
    .filter(Boolean);
}

export async function readTargets(source: WorkbookSource, framework: Framework, problems: ProblemList): Promise<Target[]> {
  const table = await readTable(source, SHEET.targets, TARGET_COLUMNS, [], problems, { sheetRequired: false });
  if (!table) return [];
  const k = (dimension: string) => framework.subdimensions.filter((s) => s.dimension === dimension).length;
  const range = (level: string): [number, number] | null => {
    if (level === 'total') return [framework.dimensions.length, 10 * framework.dimensions.length];
    if (framework.dimensions.some((d) => d.code === level)) return [1, 10];
    const sub = framework.subdimensions.find((s) => s.code === level);
    return sub ? [1 / k(sub.dimension), 10 / k(sub.dimension)] : null;
  };
  const targets: Target[] = [];
  const seen = new Map<string, string>();
  for (const row of table.rows) {
    // Only the columns chiso reads count: the template's legend sits beside them.
    if (isBlankRow(row) || (cellText(valueAt(row, table, 'level')) === '' && cellText(valueAt(row, table, 'target')) === '')) continue;
    const levelRef = refAt(row, table, 'level');
    const targetRef = refAt(row, table, 'target');
    const named = levels(cellText(valueAt(row, table, 'level')));
    const value = cellNumber(valueAt(row, table, 'target'));
    if (named.length === 0) {
      problems.add('invalid-target.no-level', {}, 'Targets', levelRef);
      continue;
    }
    if (value === null) {
      problems.add('invalid-target.not-a-number', { value: cellText(valueAt(row, table, 'target')) }, 'Targets', targetRef);
      continue;
    }
    const known = named.filter((level) => {
      const r = range(level);
      if (!r) {
        problems.add('unknown-target-level', { level }, 'Targets', levelRef);
        return false;
      }
      if (value < r[0] - 1e-9 || value > r[1] + 1e-9)
        problems.add('target-out-of-range', { value, level, low: +r[0].toFixed(2), high: +r[1].toFixed(2) }, 'Targets', targetRef);
      if (seen.has(level)) problems.add('duplicate-target', { level, first: seen.get(level)! }, 'Targets', levelRef);
      seen.set(level, `Targets!${levelRef}`);
      return true;
    });
    if (known.length) targets.push({ levels: known, target: value, cell: `Targets!${targetRef}` });
  }
  return targets;
}


export async function readPlan(source: WorkbookSource, framework: Framework, problems: ProblemList): Promise<PlanTask[]> {
  const table = await readTable(source, SHEET.plan, PLAN_REQUIRED, PLAN_COLUMNS, problems, { sheetRequired: false });
  if (!table) return [];
  const codes = new Set(['total', ...framework.dimensions.map((d) => d.code), ...framework.subdimensions.map((s) => s.code)]);
  const tasks: PlanTask[] = [];
  for (const row of table.rows) {
    if (isBlankRow(row) || PLAN_COLUMNS.every((column) => cellText(valueAt(row, table, column)) === '')) continue;
    const named = levels(cellText(valueAt(row, table, 'level')));
    const task = cellText(valueAt(row, table, 'task'));
    if (!task) {
      problems.add('invalid-plan', {}, 'Plan', refAt(row, table, 'task'));
      continue;
    }
    const unknown = named.filter((l) => !codes.has(l));
    if (named.length === 0 || unknown.length)
      problems.add('unknown-plan-level', { level: unknown.join(',') }, 'Plan', refAt(row, table, 'level'));
    tasks.push({
      levels: named.length ? named : ['?'],
      task,
      responsible: cellText(valueAt(row, table, 'responsible')),
      coordinating: cellText(valueAt(row, table, 'coordinating')),
      timing: cellText(valueAt(row, table, 'timing')),
    });
  }
  return tasks;
}
