/** Targets: every target with its status, and for close/below ones the plan's tasks (methodology.md §5). */
import type ExcelJS from 'exceljs';
import type { PlanTask } from '../../framework/schema.js';
import type { Scorecard, TargetFields } from '../../scoring/types.js';
import type { ReportContext } from '../context.js';
import { headers, infoLabels, levelLabels, sheetNames, targetStatusLabels } from '../labels.js';
import { SCORE_FORMAT, repeatHeaderRow, setValue, setupPage, writeTable, type Column } from '../layout.js';

export interface TargetRow extends TargetFields {
  level: 'total' | 'dimension' | 'subdimension';
  code: string;
  name: string;
  score: number | null;
  tasks: PlanTask[];
}

/**
 * Plan tasks for a level: tasks naming the level itself, and for a dimension
 * also tasks naming any of its sub-dimensions.
 */
export function tasksFor(plan: readonly PlanTask[], code: string, subdimensionCodes: readonly string[] = []): PlanTask[] {
  const wanted = new Set([code, ...subdimensionCodes]);
  return plan.filter((t) => t.levels.some((l) => wanted.has(l)));
}

export function targetRows(scorecard: Scorecard, plan: readonly PlanTask[]): TargetRow[] {
  const rows: TargetRow[] = [];
  const needsTasks = (status: TargetFields['status']) => status === 'close' || status === 'below';
  const t = scorecard.total;
  if (t.target !== null) {
    rows.push({ level: 'total', code: 'total', name: infoLabels.total8, score: t.score, target: t.target, gap: t.gap, status: t.status, tasks: needsTasks(t.status) ? tasksFor(plan, 'total') : [] });
  }
  for (const d of scorecard.dimensions) {
    if (d.target === null) continue;
    const subs = scorecard.subdimensions.filter((s) => s.dimension === d.code).map((s) => s.code);
    rows.push({ level: 'dimension', code: d.code, name: d.name, score: d.score, target: d.target, gap: d.gap, status: d.status, tasks: needsTasks(d.status) ? tasksFor(plan, d.code, subs) : [] });
  }
  for (const s of scorecard.subdimensions) {
    if (s.target === null) continue;
    rows.push({ level: 'subdimension', code: s.code, name: s.name, score: s.score, target: s.target, gap: s.gap, status: s.status, tasks: needsTasks(s.status) ? tasksFor(plan, s.code) : [] });
  }
  return rows;
}

interface Line {
  /** The target, on the first line of its block only. */
  target: TargetRow | null;
  task: PlanTask | null;
}

const text = (line: Line, value: (t: TargetRow) => string | number | null) => (line.target ? value(line.target) : '');

const COLUMNS: Column<Line>[] = [
  { header: headers.level, width: 18, value: (l) => text(l, (t) => levelLabels[t.level]) },
  { header: headers.code, width: 7, value: (l) => text(l, (t) => (t.level === 'total' ? '' : t.code)) },
  { header: headers.name, width: 32, value: (l) => text(l, (t) => t.name) },
  { header: headers.score, width: 9, value: (l) => text(l, (t) => t.score), format: SCORE_FORMAT },
  { header: headers.target, width: 9, value: (l) => text(l, (t) => t.target), format: SCORE_FORMAT },
  { header: headers.gap, width: 9, value: (l) => text(l, (t) => t.gap), format: SCORE_FORMAT },
  {
    header: headers.status,
    width: 16,
    value: (l) => text(l, (t) => (t.status === null ? null : targetStatusLabels[t.status])),
    status: (l) => l.target?.status ?? null,
  },
  { header: headers.task, width: 50, value: (l) => l.task?.task ?? '' },
  { header: headers.responsible, width: 24, value: (l) => l.task?.responsible ?? '' },
  { header: headers.coordinating, width: 24, value: (l) => l.task?.coordinating ?? '' },
  { header: headers.timing, width: 13, value: (l) => l.task?.timing ?? '' },
];

export function writeTargets(workbook: ExcelJS.Workbook, context: ReportContext): void {
  const sheet = workbook.addWorksheet(sheetNames.targets);
  const rows = targetRows(context.scorecard, context.input.survey?.plan ?? []);
  // One line per plan task; the target's own cells on the first line of its block.
  const lines: Line[] = rows.flatMap((t): Line[] =>
    t.tasks.length === 0 ? [{ target: t, task: null }] : t.tasks.map((task, k) => ({ target: k === 0 ? t : null, task })),
  );
  const { headerRow } = writeTable(sheet, 1, COLUMNS, lines);
  if (rows.length === 0) setValue(sheet.getCell(headerRow + 1, 1), infoLabels.noTargets);
  repeatHeaderRow(sheet, headerRow);
  sheet.views = [{ state: 'frozen', ySplit: headerRow }];
  setupPage(sheet, 'landscape', context.footer);
}
