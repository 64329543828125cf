import type { Dimension, Framework, Item, PlanTask, Subdimension, Target } from '../framework/schema.js';
import { isDirection, isItemType } from '../framework/codes.js';
import { relevantProblem } from '../framework/relevant.js';
import type { UnitInfo } from '../scoring/types.js';
import type { WorkbookSource } from './source.js';
import { cellNumber, cellText, isBlankRow, type ProblemList, readTable, refAt, valueAt } from './table.js';

const UNIT_FIELDS = ['province', 'district', 'unit', 'unit_code', 'year', 'framework'] as const;

export interface UnitSheet {
  unit: UnitInfo;
  frameworkId: string;
  /** Where each field's value sits, e.g. unit_code → "Unit!B5". */
  cells: Map<string, string>;
}

export async function readUnitSheet(source: WorkbookSource, problems: ProblemList): Promise<UnitSheet | null> {
  const table = await readTable(source, 'Unit', ['field', 'value'], [], problems, { sheetRequired: true });
  if (!table) return null;
  const fields = new Map<string, { value: ReturnType<typeof valueAt>; ref: string }>();
  for (const row of table.rows) {
    const field = cellText(valueAt(row, table, 'field')).toLowerCase();
    if (!field) continue;
    if (!(UNIT_FIELDS as readonly string[]).includes(field)) {
      problems.warning('unknown-unit-field', 'Unit', refAt(row, table, 'field'), `"${field}" is not a Unit field chiso reads (${UNIT_FIELDS.join(', ')})`);
      continue;
    }
    fields.set(field, { value: valueAt(row, table, 'value'), ref: refAt(row, table, 'value') });
  }
  const text = (f: string) => cellText(fields.get(f)?.value ?? null);
  for (const f of ['unit', 'unit_code', 'year'])
    if (!text(f)) problems.warning('missing-unit-field', 'Unit', fields.get(f)?.ref ?? '', `the Unit sheet gives no ${f}; fill it so reports and year-over-year comparisons can name the unit`);
  let year: number | null = null;
  if (text('year')) {
    const y = cellNumber(fields.get('year')!.value);
    if (y !== null && Number.isInteger(y) && y >= 2000 && y <= 2100) year = y;
    else problems.error('invalid-unit-field', 'Unit', fields.get('year')!.ref, `year "${text('year')}" is not a year such as 2024`);
  }
  const frameworkId = text('framework');
  if (!frameworkId)
    problems.warning('missing-unit-field', 'Unit', fields.get('framework')?.ref ?? '', 'the Unit sheet does not say which framework version the workbook was made from (e.g. papi-29)');
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
  const table = await readTable(source, 'Framework', ['code', 'parent', 'name_vi', 'name_en'], [], problems, { sheetRequired: true });
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
      problems.error('invalid-framework', 'Framework', ref, 'this row has no code');
      continue;
    }
    if (cells.has(code)) {
      problems.error('invalid-framework', 'Framework', ref, `code "${code}" is defined twice; the first (${cells.get(code)}) is used`);
      continue;
    }
    if (!parent) {
      if (!/^[0-9]+$/.test(code)) {
        problems.error('invalid-framework', 'Framework', ref, `dimension code "${code}" should be a number such as 4`);
        continue;
      }
      dimensions.push({ code, nameVi: nameVi || code, nameEn: nameEn || code });
    } else {
      if (!/^[0-9]+[a-z]$/.test(code)) {
        problems.error('invalid-framework', 'Framework', ref, `sub-dimension code "${code}" should be its dimension and a letter, such as 4a`);
        continue;
      }
      pending.push({ sub: { code, dimension: parent, nameVi: nameVi || code, nameEn: nameEn || code }, ref });
    }
    cells.set(code, `Framework!${ref}`);
  }
  const dimensionCodes = new Set(dimensions.map((d) => d.code));
  for (const { sub, ref } of pending) {
    if (!dimensionCodes.has(sub.dimension)) {
      problems.error('invalid-framework', 'Framework', ref, `sub-dimension ${sub.code} names parent "${sub.dimension}", which is not a dimension on this sheet`);
      cells.delete(sub.code);
      continue;
    }
    subdimensions.push(sub);
  }
  for (const d of dimensions)
    if (!subdimensions.some((s) => s.dimension === d.code))
      problems.error('invalid-framework', 'Framework', cells.get(d.code)!.replace('Framework!', ''), `dimension ${d.code} has no sub-dimensions, so it cannot be scored`);
  if (dimensions.length === 0 || subdimensions.length === 0) {
    problems.error('empty-framework', 'Framework', '', 'the Framework sheet lists no dimensions and sub-dimensions; nothing can be scored');
    return null;
  }
  return { dimensions, subdimensions, cells };
}

const CODEBOOK_COLUMNS = ['code', 'subdimension', 'type', 'min', 'max', 'direction', 'missing', 'zero', 'weight', 'text_vi', 'text_en', 'relevant'];

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
  const table = await readTable(source, 'Codebook', ['code', 'subdimension', 'type', 'direction'], CODEBOOK_COLUMNS, problems, { sheetRequired: true });
  if (!table) return null;
  const items: Item[] = [];
  const cells = new Map<string, string>();
  for (const row of table.rows) {
    if (isBlankRow(row)) continue;
    const at = (column: string) => refAt(row, table, column);
    const bad = (column: string, message: string) => problems.error('invalid-codebook', 'Codebook', at(column), message);
    const code = cellText(valueAt(row, table, 'code')).toLowerCase();
    if (!code) {
      bad('code', 'this codebook row has no item code; it is left out');
      continue;
    }
    if (cells.has(code)) {
      bad('code', `item ${code} is defined twice; the first (${cells.get(code)}) is used`);
      continue;
    }
    const leftOut = `; item ${code} is left out of scoring`;
    const subdimension = cellText(valueAt(row, table, 'subdimension')).toLowerCase();
    if (subdimension !== '' && !subdimensions.has(subdimension)) {
      bad('subdimension', `sub-dimension "${subdimension}" is not on the Framework sheet${leftOut}`);
      continue;
    }
    const type = cellText(valueAt(row, table, 'type')).toLowerCase();
    if (!isItemType(type)) {
      bad('type', `type "${cellText(valueAt(row, table, 'type'))}" is not binary, scale or number${leftOut}`);
      continue;
    }
    const direction = cellText(valueAt(row, table, 'direction'));
    if (!isDirection(direction)) {
      bad('direction', `direction "${cellText(valueAt(row, table, 'direction'))}" is not + or -${leftOut}`);
      continue;
    }
    let min = 0;
    let max = 1;
    if (type !== 'binary') {
      const lo = cellNumber(valueAt(row, table, 'min'));
      const hi = cellNumber(valueAt(row, table, 'max'));
      if (lo === null || hi === null) {
        bad(lo === null ? 'min' : 'max', `a ${type} item needs numeric min and max${leftOut}`);
        continue;
      }
      if (lo >= hi) {
        bad('min', `min ${lo} is not below max ${hi}${leftOut}`);
        continue;
      }
      [min, max] = [lo, hi];
    }
    const missing = parseCodes(valueAt(row, table, 'missing'));
    if (missing === null) {
      bad('missing', `missing codes "${cellText(valueAt(row, table, 'missing'))}" must be whole numbers separated by commas, e.g. 9,98${leftOut}`);
      continue;
    }
    const zero = parseCodes(valueAt(row, table, 'zero'));
    if (zero === null) {
      bad('zero', `zero codes "${cellText(valueAt(row, table, 'zero'))}" must be whole numbers separated by commas${leftOut}`);
      continue;
    }
    let weight = 1;
    const weightValue = valueAt(row, table, 'weight');
    if (cellText(weightValue) !== '') {
      const w = cellNumber(weightValue);
      if (w === null || !(w > 0)) {
        bad('weight', `item weight "${cellText(weightValue)}" must be a number above 0${leftOut}`);
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
        problems.error('invalid-relevant', 'Codebook', at('relevant'), `relevant "${relevant.length > 80 ? `${relevant.slice(0, 80)}…` : relevant}" for ${code}: ${problem.en}; ${code} is asked of every respondent`);
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
  const table = await readTable(source, 'Targets', ['level', 'target'], [], problems, { sheetRequired: false });
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
      problems.error('invalid-target', 'Targets', levelRef, 'this target row names no level (total, a dimension such as 4, or a sub-dimension such as 4a)');
      continue;
    }
    if (value === null) {
      problems.error('invalid-target', 'Targets', targetRef, `target "${cellText(valueAt(row, table, 'target'))}" is not a number (write 6,00 or 6.00)`);
      continue;
    }
    const known = named.filter((level) => {
      const r = range(level);
      if (!r) {
        problems.warning('unknown-target-level', 'Targets', levelRef, `"${level}" is not total or a code on the Framework sheet; this target is ignored`);
        return false;
      }
      if (value < r[0] - 1e-9 || value > r[1] + 1e-9)
        problems.warning('target-out-of-range', 'Targets', targetRef, `target ${value} for ${level} is outside its scale ${+r[0].toFixed(2)}–${+r[1].toFixed(2)}`);
      if (seen.has(level)) problems.warning('duplicate-target', 'Targets', levelRef, `${level} already has a target at ${seen.get(level)}; this later one is used`);
      seen.set(level, `Targets!${levelRef}`);
      return true;
    });
    if (known.length) targets.push({ levels: known, target: value, cell: `Targets!${targetRef}` });
  }
  return targets;
}

const PLAN_COLUMNS = ['level', 'task', 'responsible', 'coordinating', 'timing'];

export async function readPlan(source: WorkbookSource, framework: Framework, problems: ProblemList): Promise<PlanTask[]> {
  const table = await readTable(source, 'Plan', ['level', 'task'], ['responsible', 'coordinating', 'timing'], problems, { sheetRequired: false });
  if (!table) return [];
  const codes = new Set(['total', ...framework.dimensions.map((d) => d.code), ...framework.subdimensions.map((s) => s.code)]);
  const tasks: PlanTask[] = [];
  for (const row of table.rows) {
    if (isBlankRow(row) || PLAN_COLUMNS.every((column) => cellText(valueAt(row, table, column)) === '')) continue;
    const named = levels(cellText(valueAt(row, table, 'level')));
    const task = cellText(valueAt(row, table, 'task'));
    if (!task) {
      problems.warning('invalid-plan', 'Plan', refAt(row, table, 'task'), 'this plan row has no task; it is ignored');
      continue;
    }
    const unknown = named.filter((l) => !codes.has(l));
    if (named.length === 0 || unknown.length)
      problems.warning('unknown-plan-level', 'Plan', refAt(row, table, 'level'), `level "${unknown.join(',') || ''}" is not total or a code on the Framework sheet; the task is kept but matches no score`);
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
