/**
 * A district's or province's plan workbook (contract.md "Plans"): a Unit sheet
 * with unit_code and year, and the template's Targets and Plan sheets. Read with
 * the same sheet readers as a commune workbook (src/ingest/sheets.ts), so a bad
 * target is located at its Targets!cell with the same codes. The levels are
 * checked against the workbook's own Framework sheet when it has one (the
 * template does), else against the built-in framework its Unit sheet names.
 */
import { unexpectedReason } from '../diagnostics/reasons.js';
import { problem, type Problem } from '../diagnostics/problem.js';
import type { Framework, PlanTask, Target } from '../framework/schema.js';
import { preflight } from '../ingest/preflight.js';
import { readFrameworkSheet, readPlan, readTargets, readUnitSheet } from '../ingest/sheets.js';
import { ProblemList } from '../ingest/table.js';
import { openXlsx, XlsxError } from '../ingest/xlsx/index.js';
import type { Limits } from '../limits.js';

export interface PlanWorkbook {
  unitCode: string;
  year: number | null;
  targets: Target[];
  tasks: PlanTask[];
  problems: Problem[];
  /** No unit code or year, or the file could not be read: nothing to store. */
  fatal: boolean;
}

export async function readPlanWorkbook(bytes: Uint8Array, fileName: string, limits: Limits): Promise<PlanWorkbook> {
  const problems = new ProblemList(fileName);
  const fail = (): PlanWorkbook => ({ unitCode: '', year: null, targets: [], tasks: [], problems: problems.finish(), fatal: true });
  if (bytes.byteLength > limits.maxFileBytes) {
    problems.add('file-too-large', { size: bytes.byteLength, limit: limits.maxFileBytes }, '', '');
    return fail();
  }
  const checked = preflight(bytes, fileName, limits);
  problems.items.push(...checked.problems);
  if (checked.fatal) return fail();
  try {
    const source = await openXlsx(bytes, limits);
    const unitSheet = await readUnitSheet(source, problems);
    if (!unitSheet) return fail();
    // A plan names no commune: its Unit sheet needs only unit_code and year.
    const nameMissing = problems.items.findIndex((p) => p.code === 'missing-unit-field' && p.params?.field === 'unit');
    if (nameMissing >= 0) problems.items.splice(nameMissing, 1);
    const { code, year } = unitSheet.unit;
    let framework: Framework | null = null;
    if (source.sheetNames.includes('Framework')) {
      const sheet = await readFrameworkSheet(source, problems);
      if (sheet) framework = { id: unitSheet.frameworkId, nameVi: '', nameEn: '', dimensions: sheet.dimensions, subdimensions: sheet.subdimensions, items: [] };
    }
    if (!framework) {
      const { loadFramework } = await import('../framework/load.js');
      try {
        framework = loadFramework(unitSheet.frameworkId === 'unknown' ? 'papi-29' : unitSheet.frameworkId);
      } catch {
        framework = loadFramework('papi-29');
      }
    }
    const targets = await readTargets(source, framework, problems);
    const tasks = await readPlan(source, framework, problems);
    const fatal = !code.trim() || year === null;
    return { unitCode: code.trim(), year, targets, tasks, problems: problems.finish(), fatal };
  } catch (error) {
    if (error instanceof XlsxError) problems.items.push(error.problem(fileName));
    else problems.items.push(problem('corrupt-workbook', { reason: unexpectedReason(error) }, { file: fileName }));
    return fail();
  }
}
