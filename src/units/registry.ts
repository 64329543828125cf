/**
 * Reading and checking a units registry (contract.md "Units registry"): rows of
 * text in, a Registry or located problems out. Pure: the CSV text or the cells of
 * a `Units` sheet come from the caller (src/units/load.ts reads files).
 *
 * Locations are `Units!<column><row>` for a CSV as for a workbook sheet, so one
 * reporter prints both (`samples/units.csv:Units!D5`).
 */
import { columnLetters, type Problem } from '../diagnostics/problem.js';
import { parseCsv } from './csv.js';
import type { MessageId, ParamsOf } from '../diagnostics/catalogue.js';
import { unitProblem } from './messages.js';
import { type Predecessor, type Registry, TWO_TIER_FROM, UNIT_LEVELS, type UnitLevel, type UnitPeriod } from './types.js';

export const REGISTRY_COLUMNS = ['code', 'name', 'level', 'parent', 'from', 'to', 'predecessors'] as const;
type Column = (typeof REGISTRY_COLUMNS)[number];

/** Years outside these are typing mistakes, not administrative history. */
const FIRST_YEAR = 1945;
const LAST_YEAR = 2100;
/** Stand-ins for an open period when periods are compared. */
const OPEN_FROM = FIRST_YEAR;
const OPEN_TO = LAST_YEAR;

const CODE = /^[0-9]{1,12}$/;

export interface RegistryRow {
  row: number;
  cells: string[];
}

export interface RegistryResult {
  /** null when any error was found: a registry is imported whole or not at all. */
  registry: Registry | null;
  problems: Problem[];
}

export function parseRegistryCsv(text: string, file: string): RegistryResult {
  return parseRegistryRows(parseCsv(text), file);
}

/** Rows as read (the first non-blank one is the header), cells as text. */
export function parseRegistryRows(rows: readonly RegistryRow[], file: string): RegistryResult {
  const problems: Problem[] = [];
  const sheet = 'Units';
  const report = <Id extends MessageId>(id: Id, row: number, column: number | null, params: ParamsOf<Id>) =>
    problems.push(unitProblem(id, { file, sheet, cell: column === null ? '' : `${columnLetters(column + 1)}${row}` }, params));

  const nonBlank = rows.filter((r) => r.cells.some((c) => c.trim() !== ''));
  const header = nonBlank[0];
  if (!header) {
    report('registry-missing-column', 1, null, { column: 'code' });
    return { registry: null, problems };
  }
  const position = new Map<string, number>();
  header.cells.forEach((c, i) => position.set(c.trim().toLowerCase(), i));
  const missing = REGISTRY_COLUMNS.filter((c) => c !== 'predecessors' && c !== 'parent' && !position.has(c));
  for (const column of missing) report('registry-missing-column', header.row, null, { column });
  if (missing.length) return { registry: null, problems };

  const periods: UnitPeriod[] = [];
  for (const r of nonBlank.slice(1)) {
    const at = (c: Column) => position.get(c) ?? null;
    const text = (c: Column) => {
      const i = position.get(c);
      return i === undefined ? '' : (r.cells[i] ?? '').trim().normalize('NFC');
    };
    let ok = true;
    const code = text('code');
    if (!CODE.test(code)) {
      report('registry-bad-code', r.row, at('code'), { value: code });
      ok = false;
    }
    const name = text('name');
    if (!name) {
      report('registry-missing-name', r.row, at('name'), { code });
      ok = false;
    }
    const level = text('level').toLowerCase() as UnitLevel;
    if (!UNIT_LEVELS.includes(level)) {
      report('registry-bad-level', r.row, at('level'), { value: text('level') });
      ok = false;
    }
    const parent = text('parent') || null;
    if (parent !== null && !CODE.test(parent)) {
      report('registry-bad-code', r.row, at('parent'), { value: parent });
      ok = false;
    }
    const year = (c: 'from' | 'to'): number | null | undefined => {
      const t = text(c);
      if (!t) return null;
      const y = Number(t);
      if (Number.isInteger(y) && y >= FIRST_YEAR && y <= LAST_YEAR) return y;
      report('registry-bad-years', r.row, at(c), { value: t });
      return undefined;
    };
    const from = year('from');
    const to = year('to');
    if (from === undefined || to === undefined) ok = false;
    else if (from !== null && to !== null && from > to) {
      report('registry-bad-years.order', r.row, at('to'), { from, to });
      ok = false;
    }
    const predecessors: Predecessor[] = [];
    for (const token of text('predecessors').split(/\s+/).filter(Boolean)) {
      const m = /^([0-9]{1,12})(:part)?$/i.exec(token);
      if (!m) {
        report('registry-bad-predecessor', r.row, at('predecessors'), { value: token });
        ok = false;
      } else if (m[1] !== code) predecessors.push({ code: m[1], part: Boolean(m[2]) }); // a unit that keeps its code continues its own history
    }
    if (predecessors.length && (from === null || from === undefined)) {
      report('registry-bad-predecessor.from', r.row, at('from'), { value: text('predecessors') });
      ok = false;
    }
    if (ok) periods.push({ code, name, level, parent, from: from ?? null, to: to ?? null, predecessors, row: r.row });
  }
  if (problems.length) return { registry: null, problems };

  const registry = buildRegistry(file, periods);
  const col = (c: Column) => position.get(c) ?? null;
  checkRegistry(registry, (id, period, column, params) => report(id, period.row, column === null ? null : col(column), params));
  return { registry: problems.length ? null : registry, problems };
}

export function buildRegistry(file: string, periods: UnitPeriod[]): Registry {
  const byCode = new Map<string, UnitPeriod[]>();
  for (const p of periods) byCode.set(p.code, [...(byCode.get(p.code) ?? []), p]);
  for (const list of byCode.values()) list.sort((a, b) => (a.from ?? OPEN_FROM) - (b.from ?? OPEN_FROM));
  return { file, periods, byCode };
}

const start = (p: UnitPeriod) => p.from ?? OPEN_FROM;
const end = (p: UnitPeriod) => p.to ?? OPEN_TO;

type Report = <Id extends MessageId>(id: Id, period: UnitPeriod, column: Column | null, params: ParamsOf<Id>) => void;

/** The checks that need the whole registry: periods, parents, predecessors, cycles. */
function checkRegistry(registry: Registry, report: Report): void {
  // One code, one row a year: overlapping rows are either a duplicate or the unit in two places.
  for (const list of registry.byCode.values())
    for (let i = 1; i < list.length; i++) {
      const a = list[i - 1];
      const b = list[i];
      if (start(b) <= end(a)) {
        const year = start(b);
        if (a.parent !== b.parent)
          report('registry-two-places', b, 'parent', { code: b.code, year, parent: b.parent ?? '', otherParent: a.parent ?? '', other: a.row });
        else report('registry-overlap', b, 'from', { code: b.code, year, other: a.row });
      }
    }

  const expectedParent = (p: UnitPeriod, year: number): UnitLevel | null =>
    p.level === 'province' ? null : p.level === 'district' ? 'province' : year >= TWO_TIER_FROM ? 'province' : 'district';

  // Open periods are checked over the years the registry lists (and the first two-tier year), not 1945–2100.
  const listed = registry.periods.flatMap((p) => [p.from, p.to]).filter((y): y is number => y !== null);
  const lo = Math.min(...listed, TWO_TIER_FROM);
  const hi = Math.max(...listed, TWO_TIER_FROM);
  for (const p of registry.periods) {
    if (p.level === 'district' && end(p) >= TWO_TIER_FROM) {
      report('registry-bad-years.district', p, 'to', { year: TWO_TIER_FROM });
      continue;
    }
    // The parent must be a unit of the right level in every year of the period.
    for (let year = Math.max(start(p), lo); year <= Math.min(end(p), hi); year++) {
      const expected = expectedParent(p, year);
      if (expected === null) {
        if (p.parent !== null) {
          report('registry-bad-parent.province', p, 'parent', { code: p.code, parent: p.parent });
          break;
        }
        continue;
      }
      const parent = p.parent === null ? undefined : periodAt(registry, p.parent, year);
      if (!parent) {
        report('registry-unknown-parent', p, 'parent', { parent: p.parent ?? '', year });
        break;
      }
      if (parent.level !== expected) {
        report('registry-bad-parent', p, 'parent', { code: p.code, year, expected, parent: `${parent.code} ${parent.name}` });
        break;
      }
    }
  }

  // Predecessors exist before the successor's start; a whole predecessor has one successor.
  const wholeSuccessor = new Map<string, UnitPeriod>();
  for (const p of registry.periods)
    for (const pred of p.predecessors) {
      const before = (registry.byCode.get(pred.code) ?? []).some((q) => start(q) < start(p));
      if (!before) report('registry-unknown-predecessor', p, 'predecessors', { predecessor: pred.code, from: start(p) });
      if (!pred.part) {
        const other = wholeSuccessor.get(pred.code);
        if (other && other.code !== p.code)
          report('registry-predecessor-twice', p, 'predecessors', { predecessor: pred.code, code: p.code, other: other.code, otherRow: other.row });
        else wholeSuccessor.set(pred.code, p);
      }
    }

  // Descent must be a DAG on codes (a code's own continuation is not an edge).
  const edges = new Map<string, string[]>();
  for (const p of registry.periods) edges.set(p.code, [...(edges.get(p.code) ?? []), ...p.predecessors.map((q) => q.code)]);
  const state = new Map<string, 'open' | 'done'>();
  const reported = new Set<string>();
  const visit = (code: string, path: string[]): void => {
    state.set(code, 'open');
    for (const next of edges.get(code) ?? []) {
      if (state.get(next) === 'open') {
        const cycle = [...path.slice(path.indexOf(next)), code, next].filter((c, i, a) => i === 0 || c !== a[i - 1]);
        const key = [...new Set(cycle)].sort().join(' ');
        if (!reported.has(key)) {
          reported.add(key);
          const at = registry.byCode.get(code)!.find((q) => q.predecessors.some((x) => x.code === next))!;
          report('registry-cycle', at, 'predecessors', { cycle: cycle.join(' → ') });
        }
      } else if (!state.has(next)) visit(next, [...path, code]);
    }
    state.set(code, 'done');
  };
  for (const code of edges.keys()) if (!state.has(code)) visit(code, []);
}

/** The row of `code` valid in `year`, if any. */
export function periodAt(registry: Registry, code: string, year: number): UnitPeriod | undefined {
  return registry.byCode.get(code)?.find((p) => start(p) <= year && year <= end(p));
}

export const periodStart = start;
export const periodEnd = end;
