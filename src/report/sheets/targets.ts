/** Targets: every target with its status, and for close/below ones the plan's tasks (methodology.md §5). */
import type ExcelJS from 'exceljs';
import type { PlanTask } from '../../framework/schema.js';
import type { Scorecard, TargetFields } from '../../scoring/types.js';
import type { ReportContext } from '../context.js';
import { headers, infoLabels, levelLabels, sheetNames, targetStatusLabels } from '../labels.js';
import { SCORE_FORMAT, repeatHeaderRow, setValue, setupPage, statusFill, styleHeaderRow } from '../layout.js';

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

const COLUMNS: [string, number][] = [
  [headers.level, 14],
  [headers.code, 7],
  [headers.name, 34],
  [headers.score, 9],
  [headers.target, 9],
  [headers.gap, 9],
  [headers.status, 14],
  [headers.task, 50],
  [headers.responsible, 24],
  [headers.coordinating, 24],
  [headers.timing, 13],
];

export function writeTargets(workbook: ExcelJS.Workbook, context: ReportContext): void {
  const sheet = workbook.addWorksheet(sheetNames.targets);
  const header = sheet.getRow(1);
  COLUMNS.forEach(([text, width], i) => {
    setValue(header.getCell(i + 1), text);
    sheet.getColumn(i + 1).width = width;
  });
  styleHeaderRow(header);
  repeatHeaderRow(sheet, 1);
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  const rows = targetRows(context.scorecard, context.input.survey?.plan ?? []);
  let r = 2;
  if (rows.length === 0) {
    setValue(sheet.getCell(r, 1), infoLabels.noTargets);
  }
  for (const t of rows) {
    const row = sheet.getRow(r);
    setValue(row.getCell(1), levelLabels[t.level]);
    setValue(row.getCell(2), t.level === 'total' ? '' : t.code);
    setValue(row.getCell(3), t.name);
    setValue(row.getCell(4), t.score, SCORE_FORMAT);
    setValue(row.getCell(5), t.target, SCORE_FORMAT);
    setValue(row.getCell(6), t.gap, SCORE_FORMAT);
    setValue(row.getCell(7), t.status === null ? null : targetStatusLabels[t.status]);
    const fill = statusFill(t.status);
    if (fill) row.getCell(7).fill = fill;
    const tasks = t.tasks.length > 0 ? t.tasks : [null];
    tasks.forEach((task, k) => {
      const taskRow = sheet.getRow(r + k);
      if (task === null) return;
      setValue(taskRow.getCell(8), task.task);
      setValue(taskRow.getCell(9), task.responsible);
      setValue(taskRow.getCell(10), task.coordinating);
      setValue(taskRow.getCell(11), task.timing);
    });
    for (let k = 0; k < tasks.length; k++) {
      for (let c = 1; c <= COLUMNS.length; c++) {
        sheet.getCell(r + k, c).border = { bottom: { style: k === tasks.length - 1 ? 'thin' : 'hair', color: { argb: 'FFBDBDBD' } } };
      }
    }
    r += tasks.length;
  }
  setupPage(sheet, 'landscape', context.footer);
}
