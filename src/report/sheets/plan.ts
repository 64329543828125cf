/**
 * Plan: every task of the plan, whether or not the plan has numeric targets,
 * grouped by dimension; the weak (below or close to a target) and declining
 * dimensions first, the weakest of them first, then the others in order, then
 * the tasks for the whole unit or for no known level. Issue 16: Liên Hội's plan
 * has 29 tasks and no targets, and the Targets sheet alone lost them all.
 */
import type ExcelJS from 'exceljs';
import type { PlanTask } from '../../framework/schema.js';
import type { Comparison, DimensionScore, Scorecard } from '../../scoring/types.js';
import type { ReportContext } from '../context.js';
import { both, changeStatusLabels, headers, sheetNames, targetStatusLabels } from '../labels.js';
import { SCORE_FORMAT, repeatHeaderRow, setupPage, writeTable, type Column } from '../layout.js';

export interface PlanGroup {
  /** A dimension code, or '' for tasks of the whole unit (total) or of no known level. */
  code: string;
  dimension: DimensionScore | null;
  /** Below or close to its target, or declined significantly since the previous year. */
  weak: boolean;
  tasks: PlanTask[];
}

/** The dimension a plan level belongs to: "4" and "4a" → "4"; "total" and unknown levels → ''. */
function dimensionOf(level: string, scorecard: Scorecard): string {
  if (scorecard.dimensions.some((d) => d.code === level)) return level;
  return scorecard.subdimensions.find((s) => s.code === level)?.dimension ?? '';
}

export function planGroups(scorecard: Scorecard, plan: readonly PlanTask[], comparison?: Comparison): PlanGroup[] {
  const declined = new Set((comparison?.dimensions ?? []).filter((c) => c.status === 'declined').map((c) => c.code));
  const groups = new Map<string, PlanTask[]>();
  for (const task of plan) {
    // A task naming several dimensions is listed under each of them.
    const codes = [...new Set(task.levels.map((l) => dimensionOf(l, scorecard)))];
    for (const code of codes) groups.set(code, [...(groups.get(code) ?? []), task]);
  }
  const byDimension: PlanGroup[] = scorecard.dimensions
    .filter((d) => groups.has(d.code))
    .map((d) => ({ code: d.code, dimension: d, weak: d.status === 'below' || d.status === 'close' || declined.has(d.code), tasks: groups.get(d.code)! }));
  const weak = byDimension.filter((g) => g.weak).sort((a, b) => (a.dimension!.score ?? -Infinity) - (b.dimension!.score ?? -Infinity) || a.code.localeCompare(b.code));
  const others = byDimension.filter((g) => !g.weak);
  const general = groups.has('') ? [{ code: '', dimension: null, weak: false, tasks: groups.get('')! }] : [];
  return [...weak, ...others, ...general];
}

interface Line {
  group: PlanGroup;
  first: boolean;
  task: PlanTask;
  change: string;
}

const COLUMNS: Column<Line>[] = [
  { header: headers.dimension, width: 34, value: (l) => (!l.first ? '' : l.group.dimension ? `${l.group.code}. ${l.group.dimension.name}` : both('Chung', 'General')) },
  { header: headers.score, width: 9, value: (l) => (l.first && l.group.dimension ? l.group.dimension.score : ''), format: SCORE_FORMAT },
  {
    header: headers.status,
    width: 16,
    value: (l) => (!l.first || !l.group.dimension ? '' : l.group.dimension.target === null ? targetStatusLabels.none : l.group.dimension.status === null ? '' : targetStatusLabels[l.group.dimension.status]),
    status: (l) => (l.first ? (l.group.dimension?.status ?? null) : null),
  },
  { header: headers.change, width: 16, value: (l) => (l.first ? l.change : '') },
  { header: headers.task, width: 56, value: (l) => l.task.task },
  { header: headers.responsible, width: 22, value: (l) => l.task.responsible },
  { header: headers.coordinating, width: 22, value: (l) => l.task.coordinating },
  { header: headers.timing, width: 13, value: (l) => l.task.timing },
];

/** Writes the sheet when the plan has tasks; a report without a plan has no Plan sheet. */
export function writePlan(workbook: ExcelJS.Workbook, context: ReportContext): void {
  const plan = context.input.survey?.plan ?? [];
  if (plan.length === 0) return;
  const changes = new Map((context.comparison?.dimensions ?? []).map((c) => [c.code, c.status]));
  const lines: Line[] = planGroups(context.scorecard, plan, context.comparison).flatMap((group) =>
    group.tasks.map((task, k) => {
      const status = changes.get(group.code);
      return { group, first: k === 0, task, change: status ? changeStatusLabels[status] : '' };
    }),
  );
  const sheet = workbook.addWorksheet(sheetNames.plan);
  const { headerRow } = writeTable(sheet, 1, COLUMNS, lines);
  repeatHeaderRow(sheet, headerRow);
  sheet.views = [{ state: 'frozen', ySplit: headerRow }];
  setupPage(sheet, 'landscape', context.footer);
}
