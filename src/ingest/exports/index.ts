/**
 * Data exports of ODK Central (CSV, group paths joined by `-`) and KoboToolbox
 * (XLSX or CSV with XML headers, group paths joined by `/`) as a source beside
 * the template workbook (contract.md). The export's data sheet is presented to
 * readResponses as a Responses sheet whose header row holds template codes in
 * the export's own columns, so every answer is coded by the same code as a
 * template's and every problem keeps the export's row and column letter.
 */
import { fileReason, unexpectedReason } from '../../diagnostics/reasons.js';
import { basename, extname } from 'node:path';
import type { MessageId, ParamsOf } from '../../diagnostics/catalogue.js';
import { cellRef, problem, type Problem } from '../../diagnostics/problem.js';
import { FrameworkError, listFrameworks, loadFramework } from '../../framework/load.js';
import type { Framework } from '../../framework/schema.js';
import { cliLimits, type Limits } from '../../limits.js';
import type { UnitInfo } from '../../scoring/types.js';
import { ingestWorkbook, readInput, unscorableSurvey } from '../index.js';
import { preflight } from '../preflight.js';
import { findSheetName } from '../sheetNames.js';
import { SHEET } from '../../contract.js';
import { readResponses } from '../responses.js';
import type { SheetRow, WorkbookSource } from '../source.js';
import { cellNumber, cellText, isBlankRow, ProblemList } from '../table.js';
import type { Survey } from '../types.js';
import { openXlsx, XlsxError } from '../xlsx/index.js';
import { csvRows, CsvFormatError } from './csv.js';
import { mapExportColumns } from './columns.js';

export interface InputOptions {
  fileName: string;
  limits?: Limits;
  /** --unit CODE: the unit of every row (else a unit_code column). */
  unitCode?: string;
  /** --year Y (else a year column). */
  year?: number;
  /** --framework ID (else the framework of the year: papi-28 from 2021). */
  framework?: string;
  /** The caller already read it as a template workbook and found no Responses sheet. */
  templateTried?: boolean;
}

/**
 * A template read that found no template sheets and nothing worse: perhaps a Kobo XLSX export.
 * Any other error (a zip bomb, a limit, a damaged part) stands: reading the file again as an
 * export would only repeat the work the limit stopped.
 */
export function onlyMissingSheets(survey: Survey): boolean {
  const errors = survey.problems.filter((p) => p.severity === 'error');
  return survey.fatal && errors.length > 0 && errors.every((p) => p.code === 'missing-sheet');
}

/** Codes that mean "this is no export at all" (rather than a broken one). */
export const NOT_AN_EXPORT: ReadonlySet<string> = new Set(['export-no-header', 'export-no-id', 'export-no-items', 'missing-sheet']);

/** The framework a year was scored with when nothing else says (methodology.md §1: 5b dropped from 2021). */
export const frameworkForYear = (year: number): string => (year >= 2021 ? 'papi-28' : 'papi-29');

const isZip = (bytes: Uint8Array) => bytes[0] === 0x50 && bytes[1] === 0x4b;

/**
 * Any input `check`, `score` and `compare` take: a template workbook, or an
 * ODK/Kobo export. A CSV is an export; an xlsx is a template when it has a
 * Responses sheet, else a Kobo export (its first sheet holds the data).
 */
export async function ingestInput(input: Uint8Array | string, options: InputOptions): Promise<Survey> {
  const limits = options.limits ?? cliLimits;
  const file = options.fileName;
  const isCsvName = /\.(csv|tsv|txt)$/i.test(file);
  const hasExportFlags = options.unitCode !== undefined || options.year !== undefined || options.framework !== undefined;
  if (!isCsvName && !hasExportFlags && !options.templateTried) {
    // The common case, untouched: a template workbook goes straight to ingestWorkbook,
    // unless it turns out to have no Responses sheet (a Kobo XLSX export).
    const survey = await ingestWorkbook(input, { fileName: file, limits });
    if (!onlyMissingSheets(survey)) return survey;
  }
  let bytes: Uint8Array;
  try {
    const read = await readInput(input, limits);
    if ('tooLarge' in read) return fail('file-too-large', { size: read.tooLarge, limit: limits.maxFileBytes }, { file });
    bytes = read;
  } catch (error) {
    return fail('unreadable-file', { reason: fileReason(error) }, { file });
  }
  if (!isZip(bytes)) {
    if (!isCsvName && hasExportFlags && bytes.length > 0 && !looksLikeText(bytes)) return ingestWorkbook(bytes, { fileName: file, limits });
    const sheet = basename(file, extname(file)) || 'export';
    return ingestExport(file, sheet, { sheetNames: [sheet], hiddenSheets: [], rows: () => csvRows(bytes) }, options, limits, []);
  }
  const checked = preflight(bytes, file, limits);
  if (checked.fatal) return unscorableSurvey(file, checked.problems);
  try {
    const source = await openXlsx(bytes, limits);
    // A template given --unit/--year by habit is still a template.
    if (findSheetName(source.sheetNames, SHEET.responses)) return ingestWorkbook(bytes, { fileName: file, limits });
    const sheet = source.sheetNames[0];
    if (sheet === undefined) return fail('missing-sheet.none', {}, { file });
    return await ingestExport(file, sheet, source, options, limits, checked.problems);
  } catch (error) {
    if (error instanceof XlsxError) return unscorableSurvey(file, [...checked.problems, error.problem(file)]);
    return fail('corrupt-workbook', { reason: unexpectedReason(error) }, { file });
  }
}

/** No NUL bytes in the first 4 KiB: text, not a binary file with the wrong name. */
function looksLikeText(bytes: Uint8Array): boolean {
  return !bytes.subarray(0, 4096).includes(0);
}

/** An export that cannot be scored: one error (after any found before it), at `sheet!cell`. */
function fail<Id extends MessageId>(id: Id, params: ParamsOf<Id>, where: { file: string; sheet?: string; cell?: string; earlier?: Problem[] }): Survey {
  const { file, sheet, cell, earlier = [] } = where;
  return unscorableSurvey(file, [...earlier, problem(id, params, { file, sheet, cell })]);
}

/** Rows of `sheet` after the header, with the first data row already read (for the year). */
interface Opened {
  header: SheetRow | undefined;
  first: SheetRow | undefined;
  rest: AsyncIterator<SheetRow>;
}

async function openRows(source: WorkbookSource, sheet: string): Promise<Opened> {
  const rest = source.rows(sheet)[Symbol.asyncIterator]();
  let header: SheetRow | undefined;
  let first: SheetRow | undefined;
  for (let next = await rest.next(); !next.done; next = await rest.next()) {
    if (!header) {
      if (next.value.number !== 1) {
        first = next.value; // no header row at all: reported by the caller
        break;
      }
      header = next.value;
      continue;
    }
    if (isBlankRow(next.value)) continue;
    first = next.value;
    break;
  }
  return { header, first, rest };
}

async function ingestExport(file: string, sheet: string, source: WorkbookSource, options: InputOptions, limits: Limits, earlier: Problem[]): Promise<Survey> {
  const problems = new ProblemList(file);
  problems.items.push(...earlier);
  let opened: Opened;
  try {
    opened = await openRows(source, sheet);
  } catch (error) {
    if (error instanceof CsvFormatError) return fail('export-malformed-csv.header', { row: error.row, reason: error.message }, { file, sheet, cell: cellRef(error.row, 1), earlier: problems.items });
    throw error;
  }
  if (!opened.header) return fail('export-no-header', {}, { file, sheet, cell: 'A1', earlier: problems.items });
  const headerTexts = new Map<number, string>();
  opened.header.values.forEach((v, c) => {
    const text = cellText(v).toLowerCase();
    if (text) headerTexts.set(c, text);
  });

  // The year first: with no --framework it decides which questionnaire's items to look for.
  const yearColumnGuess = [...headerTexts].find(([, t]) => t.split(/[/-]/).pop() === 'year')?.[0];
  let year = options.year ?? null;
  let yearCell = '';
  if (year === null && yearColumnGuess !== undefined && opened.first) {
    const y = cellNumber(opened.first.values[yearColumnGuess]);
    if (y !== null && Number.isInteger(y) && y >= 1900 && y <= 2999) [year, yearCell] = [y, cellRef(opened.first.number, yearColumnGuess)];
  }
  if (year === null && !options.framework)
    return fail('export-no-year', {}, { file, sheet, cell: yearColumnGuess ? cellRef(opened.first?.number ?? 2, yearColumnGuess) : 'A1', earlier: problems.items });

  let framework: Framework;
  try {
    framework = loadFramework(options.framework ?? frameworkForYear(year!));
  } catch (error) {
    const id = options.framework ?? frameworkForYear(year!);
    const known = listFrameworks();
    // The CLI checks the id's form; a known id that does not load is a broken framework file.
    if (!known.includes(id)) return fail('export-unknown-framework', { framework: id, known: known.join(', ') }, { file, earlier: problems.items });
    return fail('export-unknown-framework.invalid', { framework: id, reason: error instanceof FrameworkError ? error.reason : unexpectedReason(error) }, { file, earlier: problems.items });
  }
  const columns = mapExportColumns(headerTexts, new Set(framework.items.map((i) => i.code)));
  if (columns.idColumn === undefined)
    return fail('export-no-id', {}, { file, sheet, cell: 'A1', earlier: problems.items });
  const hasUnitColumn = [...columns.codes.values()].includes('unit_code');
  if (!options.unitCode && !hasUnitColumn)
    return fail('export-no-unit', {}, { file, sheet, cell: 'A1', earlier: problems.items });
  if (![...columns.codes.values()].some((c) => framework.items.some((i) => i.code === c)))
    return fail('export-no-items', { framework: framework.id }, { file, sheet, cell: 'A1', earlier: problems.items });

  // With --unit and a "unit" name column, the first row's name is the unit's (as a template's Unit
  // sheet names it), so readResponses does not take the name for a second unit's code.
  const nameColumn = [...columns.codes].find(([, code]) => code === 'unit')?.[0];
  const firstName = nameColumn !== undefined && opened.first ? cellText(opened.first.values[nameColumn]) : '';
  const unit: UnitInfo = { name: options.unitCode ? firstName : '', code: options.unitCode ?? '', province: '', district: '', year };
  const header: SheetRow = { number: 1, values: [], formulaColumns: [], hidden: false };
  for (const [c, code] of columns.codes) header.values[c] = code;
  const yearColumn = columns.yearColumn;
  const renamed = (p: Problem): Problem => (p.sheet === 'Responses' ? { ...p, sheet } : p);

  // The Responses sheet readResponses reads: the header in template codes, then the rows;
  // a row of another year than the export's is an error there and is left out.
  const virtual: WorkbookSource = {
    sheetNames: ['Responses'],
    hiddenSheets: [],
    async *rows() {
      yield header;
      const check = (row: SheetRow): boolean => {
        if (yearColumn === undefined || year === null) return true;
        const text = cellText(row.values[yearColumn]);
        const y = cellNumber(row.values[yearColumn]);
        if (text === '' || y === year) return true;
        const at = cellRef(row.number, yearColumn);
        if (yearCell) problems.add('export-year-mismatch', { text, year, cell: yearCell }, sheet, at);
        else problems.add('export-year-mismatch.flag', { text, year }, sheet, at);
        return false;
      };
      try {
        if (opened.first && check(opened.first)) yield opened.first;
        for (let next = await opened.rest.next(); !next.done; next = await opened.rest.next()) if (isBlankRow(next.value) || check(next.value)) yield next.value;
      } catch (error) {
        // A broken quote late in a CSV: the rows before it are kept and scored.
        if (!(error instanceof CsvFormatError)) throw error;
        problems.add('export-malformed-csv', { row: error.row, reason: error.message }, sheet, cellRef(error.row, 1));
      }
    },
  };
  const read = await readResponses(virtual, framework.items, unit, problems, limits);
  if (!read || read.fatal) return unscorableSurvey(file, problems.finish().map(renamed), unit);
  const locations = new Map([...read.headerCells].map(([code, at]) => [code, at.replace(/^Responses!/, `${sheet}!`)]));
  return {
    file,
    framework: { ...framework, items: read.coded.items },
    unit,
    units: read.units,
    unitOfRow: read.unitOfRow,
    sheetRow: read.sheetRow,
    respondentIds: read.respondentIds,
    idColumn: read.idColumn,
    responsesSheet: sheet,
    scaleTally: read.scaleTally,
    targets: [],
    plan: [],
    responses: read.coded,
    problems: problems.finish().map(renamed),
    fatal: false,
    locations,
  };
}
