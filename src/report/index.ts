export { buildReport, buildComparisonReport, writeReport } from './build.js';
export type { ReportInput } from './context.js';
export { buildNarrative } from './narrative.js';
export { annotatedCellLink } from './sheets/problems.js';
export { targetRows, tasksFor, type TargetRow } from './sheets/targets.js';
export { sheetNames, type ReportLocale } from './labels.js';
