import { fileReason, unexpectedReason } from '../diagnostics/reasons.js';
import type { Problem } from '../diagnostics/problem.js';
import { readFile, stat } from 'node:fs/promises';
import type { Framework } from '../framework/schema.js';
import { cliLimits, type Limits } from '../limits.js';
import type { UnitInfo } from '../scoring/types.js';
import { preflight } from './preflight.js';
import { readResponses } from './responses.js';
import { readCodebook, readFrameworkSheet, readPlan, readTargets, readUnitSheet } from './sheets.js';
import type { WorkbookSource } from './source.js';
import { openXlsx, XlsxError, type XlsxSource } from './xlsx/index.js';
import { ProblemList } from './table.js';
import { listSheets, withContractSheetNames } from './sheetNames.js';
import type { Survey } from './types.js';
import { SHEET } from '../contract.js';

export type { Survey } from './types.js';
export { preflight, readZipDirectory } from './preflight.js';
export type { WorkbookSource, SheetRow } from './source.js';

export interface IngestOptions {
  fileName: string;
  limits?: Limits;
  /** Aborts the read between chunks (the service's deadline); the signal's reason is thrown, not turned into a problem. */
  signal?: AbortSignal;
}

const EMPTY_UNIT: UnitInfo = { name: '', code: '', province: '', district: '', year: null };

/** A survey with nothing to score: carries the problems of an input that could not be read. */
export function unscorableSurvey(file: string, problems: Problem[], unit: UnitInfo = EMPTY_UNIT): Survey {
  return {
    file,
    framework: { id: 'unknown', nameVi: '', nameEn: '', dimensions: [], subdimensions: [], items: [] },
    unit,
    units: [],
    unitOfRow: new Int32Array(0),
    sheetRow: new Int32Array(0),
    respondentIds: [],
    targets: [],
    plan: [],
    responses: { items: [], n: 0, weights: new Float64Array(0), x: new Float64Array(0) },
    problems,
    fatal: true,
    locations: new Map(),
  };
}

function fatalSurvey(file: string, problems: ProblemList, unit: UnitInfo = EMPTY_UNIT): Survey {
  return unscorableSurvey(file, problems.finish(), unit);
}

/** Reads the bytes of a path, refusing before reading a file over the limit. */
export async function readInput(input: Uint8Array | string, limits: Limits): Promise<Uint8Array | { tooLarge: number }> {
  if (typeof input !== 'string') return input;
  const size = (await stat(input)).size;
  if (size > limits.maxFileBytes) return { tooLarge: size };
  return readFile(input);
}

/**
 * Workbook bytes → Survey: the workbook's own Framework/Codebook/Targets/Plan,
 * the coded Responses, and every problem at its Sheet!Cell.
 */
export async function ingestWorkbook(input: Uint8Array | string, options: IngestOptions): Promise<Survey> {
  const limits = options.limits ?? cliLimits;
  const file = options.fileName;
  const problems = new ProblemList(file);
  let bytes: Uint8Array;
  try {
    const read = await readInput(input, limits);
    if ('tooLarge' in read) {
      problems.add('file-too-large', { size: read.tooLarge, limit: limits.maxFileBytes }, '', '');
      return fatalSurvey(file, problems);
    }
    bytes = read;
  } catch (error) {
    problems.add('unreadable-file', { reason: fileReason(error) }, '', '');
    return fatalSurvey(file, problems);
  }

  const checked = preflight(bytes, file, limits);
  problems.items.push(...checked.problems);
  if (checked.fatal) return fatalSurvey(file, problems);
  // Inflated sizes are not counted here: the reader caps each part and their sum
  // while it streams (a zip bomb stops at the limit as uncompressed-too-large).

  // The streaming reader (src/ingest/xlsx); loadWithExcelJS stays as its reference in tests.
  let source: XlsxSource;
  const preflightProblems = [...problems.items];
  try {
    source = await openXlsx(bytes, limits, { signal: options.signal });
  } catch (error) {
    if (options.signal?.aborted) throw error;
    return fatalSurvey(file, readFailure(problems, error));
  }
  try {
    const survey = await readSurvey(source, file, problems, limits);
    if (!source.takeLateMerges()) return survey;
    // A large sheet had merges, found only after its rows (see XlsxSource): read
    // once more with them known, so covered cells are blank and warned about.
    const again = new ProblemList(file);
    again.items.push(...preflightProblems);
    return await readSurvey(source, file, again, limits);
  } catch (error) {
    // Sheets stream, so a bomb or DOCTYPE deep in one surfaces while its rows are read.
    if (error instanceof XlsxError) return fatalSurvey(file, readFailure(problems, error));
    throw error;
  }
}

/** A reader failure as a problem: the typed ones keep their code (limits, DOCTYPE), the rest are a damaged file. */
function readFailure(problems: ProblemList, error: unknown): ProblemList {
  if (error instanceof XlsxError) problems.items.push(error.problem(problems.file));
  else problems.add('corrupt-workbook', { reason: unexpectedReason(error) }, '', '');
  return problems;
}

async function readSurvey(workbook: WorkbookSource, file: string, problems: ProblemList, limits: Limits): Promise<Survey> {
  const source = withContractSheetNames(workbook, problems);
  for (const hidden of source.hiddenSheets)
    problems.add('hidden-sheet', { sheet: hidden }, hidden, '');

  const unitSheet = await readUnitSheet(source, problems);
  const frameworkSheet = await readFrameworkSheet(source, problems);
  const codebook = frameworkSheet ? await readCodebook(source, new Set(frameworkSheet.subdimensions.map((s) => s.code)), problems) : null;
  if (!source.sheetNames.includes(SHEET.responses))
    problems.add('missing-sheet', { sheet: SHEET.responses, found: listSheets(source.sheetNames) }, SHEET.responses, '');
  if (!unitSheet || !frameworkSheet || !codebook || !source.sheetNames.includes(SHEET.responses))
    return fatalSurvey(file, problems, unitSheet?.unit);

  const framework: Framework = {
    id: unitSheet.frameworkId,
    nameVi: '',
    nameEn: '',
    dimensions: frameworkSheet.dimensions,
    subdimensions: frameworkSheet.subdimensions,
    items: codebook.items,
  };
  const read = await readResponses(source, codebook.items, unitSheet.unit, problems, limits);
  if (!read || read.fatal) return fatalSurvey(file, problems, unitSheet.unit);
  framework.items = read.coded.items;

  for (const sub of framework.subdimensions)
    if (!framework.items.some((i) => i.subdimension === sub.code))
      problems.add('no-items', { code: sub.code }, 'Framework', frameworkSheet.cells.get(sub.code)!.replace('Framework!', ''));

  const targets = await readTargets(source, framework, problems);
  const plan = await readPlan(source, framework, problems);
  const locations = new Map<string, string>([...frameworkSheet.cells, ...codebook.cells, ...read.headerCells]);
  // The Unit sheet's cells as "Unit.unit_code" → "Unit!B5", for the registry check (src/units/resolve.ts).
  for (const [field, ref] of unitSheet.cells) locations.set(`Unit.${field}`, ref);

  return {
    file,
    framework,
    unit: unitSheet.unit,
    units: read.units,
    unitOfRow: read.unitOfRow,
    sheetRow: read.sheetRow,
    respondentIds: read.respondentIds,
    idColumn: read.idColumn,
    responsesSheet: 'Responses',
    scaleTally: read.scaleTally,
    targets,
    plan,
    responses: read.coded,
    problems: problems.finish(),
    fatal: false,
    locations,
  };
}
