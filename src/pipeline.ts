/**
 * The one-way flow of design.md as a single call: workbook → ingest → score → scorecards.
 * The CLI, the service and the benchmarks all go through here.
 */
import { problem, type Problem } from './diagnostics/problem.js';
import { ingestWorkbook } from './ingest/index.js';
import type { Survey } from './ingest/types.js';
import type { Limits } from './limits.js';
import { selectRows } from './scoring/responses.js';
import { poolSharedItems } from './scoring/pool-shared.js';
import type { CodedResponses, Scorecard, ScorecardLevel, UnitInfo } from './scoring/types.js';
import { scoreUnit } from './scoring/unitScore.js';
import { withPerformanceGroups } from './scoring/groups.js';
import type { Registry } from './units/types.js';
import { resolveUnits } from './units/resolve.js';
import { parentChain } from './units/queries.js';
import { interviewQuality } from './quality.js';

/** How an ODK/Kobo export names its unit, year and questionnaire (CLI --unit --year --framework). */
export interface ExportOptions {
  unitCode?: string;
  year?: number;
  framework?: string;
}

export interface ScoreOptions {
  /** Name shown in problems and scorecards (a path for the CLI, the upload's name for the service). */
  fileName: string;
  confidence?: number;
  limits?: Limits;
  /** The service's deadline: checked while reading and between units; its reason is thrown when it fires. */
  signal?: AbortSignal;
  /**
   * Asked with the workbook's units once they are read, before any scoring:
   * false stops there (`refused`), so a token cannot spend CPU on units it does not cover.
   * May answer later (a scoring worker asks the service, src/server/workers/).
   */
  authorize?: (units: readonly UnitInfo[]) => boolean | Promise<boolean>;
  /** The units registry: each unit is checked against it for its year and named by it (src/units/resolve.ts). */
  registry?: Registry;
  /** An export's unit, year and questionnaire (scoreInput only; a template names its own). */
  exports?: ExportOptions;
}

export interface WorkbookResult {
  file: string;
  problems: Problem[];
  /** One per unit in the workbook; empty when the workbook could not be scored. */
  scorecards: Scorecard[];
  /** Could not be scored at all (exit 2 / HTTP 4xx). */
  fatal: boolean;
  /** The ingested survey (targets, plan, item texts) for reports. */
  survey: Survey;
  /** Set when `authorize` said no: the units read, none scored. */
  refused?: UnitInfo[];
  /**
   * The survey's coded answers per unit, encoded for the store (store/answers-codec.ts).
   * Set by the scoring worker, which encodes them off the service's event loop;
   * absent in-process, where the service encodes them itself (server/ingest.ts).
   */
  answers?: Uint8Array;
}

/** Warnings that only scoring can see: sub-dimensions or indicators nobody answered. */
function scoringProblems(survey: Survey, card: Scorecard): Problem[] {
  const where = (code: string) => {
    const location = survey.locations.get(code) ?? '';
    const [sheet, cell] = location.includes('!') ? location.split('!') : ['Responses', ''];
    return { file: survey.file, sheet, cell };
  };
  const inUnit = survey.units.length > 1 ? { vi: ` ở đơn vị "${card.unit.code}"`, en: ` in unit "${card.unit.code}"` } : { vi: '', en: '' };
  const problems: Problem[] = [];
  for (const ind of card.indicators)
    if (ind.answered === 0)
      problems.push(problem('no-answers', { item: ind.code, inUnit }, where(ind.code)));
  for (const d of card.dimensions)
    if (d.definedSubdimensions > 0 && d.definedSubdimensions < d.subdimensionCount) {
      const missing = card.subdimensions.filter((s) => s.dimension === d.code && s.normalized === null).map((s) => s.code);
      problems.push(problem('partial-dimension', { code: d.code, inUnit, defined: d.definedSubdimensions, count: d.subdimensionCount, missing: missing.join(', ') }, where(d.code)));
    } else if (d.definedSubdimensions === 0)
      problems.push(problem('undefined-dimension', { code: d.code, inUnit }, where(d.code)));
  return problems;
}

/** Row indices of each unit of a survey, in unit order (one pass over the rows). */
export function rowsByUnit(survey: Survey): number[][] {
  const rows = survey.units.map(() => [] as number[]);
  survey.unitOfRow.forEach((u, i) => rows[u].push(i));
  return rows;
}

export function scoreSurvey(survey: Survey, confidence = 0.95, signal?: AbortSignal): Scorecard[] {
  if (survey.fatal) return [];
  const cardFor = (unit: UnitInfo, rows: number[] | null): Scorecard =>
    scoreUnit({
      coded: rows ? selectRows(survey.responses, rows) : survey.responses,
      framework: survey.framework,
      targets: survey.targets,
      confidence,
      level: 'unit',
      file: survey.file,
      unit,
    });
  if (survey.units.length <= 1) return [cardFor(survey.units[0] ?? survey.unit, null)];
  const rowsOf = rowsByUnit(survey);
  return survey.units.map((unit, u) => {
    signal?.throwIfAborted();
    return cardFor(unit, rowsOf[u]);
  });
}

export async function scoreWorkbook(input: Uint8Array | string, options: ScoreOptions): Promise<WorkbookResult> {
  const survey = await ingestWorkbook(input, { fileName: options.fileName, limits: options.limits, signal: options.signal });
  return scoreIngested(survey, options);
}

/**
 * A template workbook, or a data export of ODK Central (CSV) or KoboToolbox
 * (CSV, or XLSX without the template's sheets): src/ingest/exports decides.
 */
export async function scoreInput(input: Uint8Array | string, options: ScoreOptions): Promise<WorkbookResult> {
  const exports = options.exports ?? {};
  const exportFlags = exports.unitCode !== undefined || exports.year !== undefined || exports.framework !== undefined;
  // The common case first, without loading the export code (csv-parse): a template workbook.
  let template: Survey | undefined;
  if (!exportFlags && !/\.(csv|tsv|txt)$/i.test(options.fileName)) {
    template = await ingestWorkbook(input, { fileName: options.fileName, limits: options.limits, signal: options.signal });
    // No Responses sheet: perhaps a Kobo XLSX export.
    // Same rule as src/ingest/exports onlyMissingSheets (not imported: that would load csv-parse for every template).
    const errors = template.problems.filter((p) => p.severity === 'error');
    if (!template.fatal || errors.length === 0 || !errors.every((p) => p.code === 'missing-sheet')) return scoreIngested(template, options);
  }
  options.signal?.throwIfAborted();
  const { ingestInput, NOT_AN_EXPORT } = await import('./ingest/exports/index.js');
  const survey = await ingestInput(input, { fileName: options.fileName, limits: options.limits, ...exports, templateTried: template !== undefined });
  // Neither a template nor an export: the template's problems (missing sheets) say more.
  if (template && survey.fatal && survey.problems.some((p) => NOT_AN_EXPORT.has(p.code))) return scoreIngested(template, options);
  return scoreIngested(survey, options);
}

/**
 * Scores an ingested survey, template or export alike: the registry names its units,
 * `authorize` may refuse them before any scoring, then scorecards, scoring warnings
 * and the interview-quality signals (§10).
 */
export async function scoreIngested(ingested: Survey, options: Omit<ScoreOptions, 'fileName'> = {}): Promise<WorkbookResult> {
  let survey = ingested;
  if (options.registry) survey = { ...survey, ...resolveUnits(survey, options.registry) };
  if (!survey.fatal && options.authorize) {
    const units = survey.units.length ? survey.units : [survey.unit];
    if (!(await options.authorize(units))) return { file: survey.file, problems: survey.problems, scorecards: [], fatal: false, survey, refused: units };
  }
  options.signal?.throwIfAborted();
  const scorecards = scoreSurvey(survey, options.confidence ?? 0.95, options.signal);
  const problems = [...survey.problems, ...scorecards.flatMap((c) => scoringProblems(survey, c))];
  if (!survey.fatal && scorecards.length) {
    const quality = interviewQuality(survey, survey.units.length <= 1 ? [Array.from({ length: survey.responses.n }, (_, i) => i)] : rowsByUnit(survey));
    scorecards.forEach((card, u) => (card.quality = quality.units[u]));
    problems.push(...quality.problems);
  }
  return { file: survey.file, problems, scorecards, fatal: survey.fatal, survey };
}

/**
 * Roll-up (methodology.md §7): pools the respondents of every unit in the same
 * district (or province) with their weights and scores the pool.
 */
export function rollUp(
  surveys: readonly Survey[],
  level: Exclude<ScorecardLevel, 'unit'>,
  confidence = 0.95,
  registry?: Registry,
  /** Receives a `rollup-items-differ` warning for each roll-up whose workbooks' codebooks differ. */
  problems?: Problem[],
): Scorecard[] {
  const groups = new Map<string, { unit: UnitInfo; framework: Survey['framework']; files: Set<string>; parts: CodedResponses[] }>();
  for (const survey of surveys) {
    if (survey.fatal) continue;
    const rowsOf = rowsByUnit(survey);
    survey.units.forEach((unit, u) => {
      const parent = registry ? registryParent(registry, unit, level) : typedParent(unit, level);
      if (!parent) return; // nothing to roll up into: no such parent named, or (from 2025) no district level
      const key = `${survey.framework.id}|${parent.code}|${unit.year ?? ''}`;
      let group = groups.get(key);
      if (!group) {
        group = { unit: parent, framework: survey.framework, files: new Set(), parts: [] };
        groups.set(key, group);
      }
      group.files.add(survey.file);
      group.parts.push(selectRows(survey.responses, rowsOf[u]));
    });
  }
  return [...groups.values()].map((g) => {
    // Only the items every pooled workbook has (src/scoring/pool-shared.ts), with a warning when that drops some.
    const pool = poolSharedItems(g.parts);
    if (pool.dropped.length)
      problems?.push(
        problem('rollup-items-differ', { unit: `${g.unit.name} ${g.unit.year ?? ''}`.trim(), shared: pool.coded.items.length, count: pool.dropped.length, items: pool.dropped.join(', ') }, { file: [...g.files].join(', ') }),
      );
    return scoreUnit({
      coded: pool.coded,
      framework: g.framework,
      targets: [],
      confidence,
      level,
      file: [...g.files].join(', '),
      unit: g.unit,
    });
  });
}

/** Without a registry a roll-up is named by the Unit sheet's names (docs/methodology.md "Roll-up unit code"). */
function typedParent(unit: UnitInfo, level: Exclude<ScorecardLevel, 'unit'>): UnitInfo | null {
  const province = unit.province.normalize('NFC');
  const district = unit.district.normalize('NFC');
  const name = level === 'district' ? district : province;
  if (!name) return null;
  return { name, code: level === 'district' ? `${province}/${district}` : province, province, district: level === 'district' ? district : '', year: unit.year };
}

/** With a registry, the parent of the data's year by its registry code (methodology.md §8). */
function registryParent(registry: Registry, unit: UnitInfo, level: Exclude<ScorecardLevel, 'unit'>): UnitInfo | null {
  if (unit.year === null) return null;
  const chain = parentChain(registry, unit.code, unit.year);
  const parent = chain.find((p) => p.level === level);
  if (!parent) return null;
  const province = chain.find((p) => p.level === 'province')?.name ?? '';
  return { name: parent.name, code: parent.code, province, district: level === 'district' ? parent.name : '', year: unit.year };
}

export { withPerformanceGroups };
