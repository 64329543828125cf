/**
 * A workbook's units checked against the registry for the workbook's year
 * (contract.md "Units registry"): an unknown code is an error `unknown-unit`; a
 * code that lost its leading zeros is matched to the one code it pads to; the
 * registry's names (unit, district, province of that year) replace the typed ones.
 * Pure: takes the ingested Survey, returns what changes.
 */
import type { Problem } from '../diagnostics/problem.js';
import type { Survey } from '../ingest/types.js';
import type { UnitInfo } from '../scoring/types.js';
import { unitProblem } from './messages.js';
import { parentChain, unitAt } from './queries.js';
import type { Registry, UnitPeriod } from './types.js';

export interface ResolvedUnits {
  unit: UnitInfo;
  units: UnitInfo[];
  /** The survey's problems with these added (and number-cell warnings the registry settled removed). */
  problems: Problem[];
  /** Codes (as the workbook gave them) that are not in the registry for the year. */
  unknown: string[];
}

/** An ODK/Kobo export (src/ingest/exports): no Unit sheet; a unit given by `--unit` has no cell. */
const isExport = (survey: Survey) => survey.responsesSheet !== undefined && survey.responsesSheet !== 'Responses';

function where(survey: Survey, multi: boolean, unitIndex: number): { file: string; sheet: string; cell: string } {
  const ref = multi ? firstRowRef(survey, unitIndex) : survey.locations.get('Unit.unit_code');
  const [sheet, cell] = ref ? ref.split('!') : [isExport(survey) ? '' : 'Unit', ''];
  return { file: survey.file, sheet, cell: cell ?? '' };
}

/** The unit_code cell of the first Responses row of unit u. */
function firstRowRef(survey: Survey, u: number): string | undefined {
  const header = survey.locations.get('Responses.unit_code');
  if (!header) return survey.locations.get('Unit.unit_code');
  const i = survey.unitOfRow.indexOf(u);
  const [sheet, cell] = header.split('!');
  return i < 0 ? header : `${sheet}!${cell.replace(/[0-9]+$/, String(survey.sheetRow[i]))}`;
}

/** The registry row a typed code stands for in `year`, and whether zeros were restored. */
export function matchCode(registry: Registry, code: string, year: number): { period: UnitPeriod; padded: boolean } | undefined {
  const exact = unitAt(registry, code, year);
  if (exact) return { period: exact, padded: false };
  if (!/^[0-9]+$/.test(code)) return undefined;
  const stripped = code.replace(/^0+/, '');
  const candidates = registry.periods.filter(
    (p) => p.code !== code && p.code.replace(/^0+/, '') === stripped && unitAt(registry, p.code, year) === p,
  );
  return candidates.length === 1 ? { period: candidates[0], padded: true } : undefined;
}

/** The unit of `code` in `year` as the registry names it (its district to 2024, its province), or undefined. */
export function registeredUnit(registry: Registry, code: string, year: number): UnitInfo | undefined {
  const match = matchCode(registry, code, year);
  if (!match) return undefined;
  const chain = parentChain(registry, match.period.code, year);
  const named = (level: 'province' | 'district') => chain.find((p) => p.level === level)?.name ?? '';
  return { name: match.period.name, code: match.period.code, province: named('province'), district: named('district'), year };
}

export function resolveUnits(survey: Survey, registry: Registry): ResolvedUnits {
  const problems: Problem[] = [];
  const unknown: string[] = [];
  // Without the registry's answer the number-cell warning stands; with it, it is replaced below.
  const dropNumericWarning = new Set<string>();
  const multi = survey.units.length > 1 || survey.locations.has('Responses.unit_code');
  const resolveOne = (info: UnitInfo, u: number, checkNames: boolean): UnitInfo => {
    const at = where(survey, multi && u >= 0, u);
    if (!info.code) return info; // missing-unit-code / missing-unit-field already said so
    if (info.year === null) {
      problems.push(unitProblem('unit-without-year', at, { code: info.code }));
      return info;
    }
    const match = matchCode(registry, info.code, info.year);
    if (!match) {
      unknown.push(info.code);
      problems.push(unitProblem('unknown-unit', at, { code: info.code, year: info.year }));
      return info;
    }
    const { period } = match;
    if (match.padded) problems.push(unitProblem('unit-code-padded', at, { code: info.code, padded: period.code, name: period.name }));
    dropNumericWarning.add(`${at.sheet}!${at.cell}`);
    const registered = registeredUnit(registry, period.code, info.year)!;
    if (checkNames) {
      const unitCell = survey.locations.get('Unit.unit')?.split('!')[1] ?? '';
      const cellOf = (f: string) => ({ file: survey.file, sheet: 'Unit', cell: survey.locations.get(`Unit.${f}`)?.split('!')[1] ?? unitCell });
      for (const field of ['unit', 'district', 'province'] as const) {
        const given = field === 'unit' ? info.name : info[field];
        const reg = field === 'unit' ? registered.name : registered[field];
        if (given && given.normalize('NFC') !== reg.normalize('NFC'))
          problems.push(unitProblem('unit-name-differs', cellOf(field), { field, given, registered: reg || '–', code: period.code, year: info.year }));
      }
    }
    return registered;
  };
  // An export's unit name comes from a data column, like a Responses `unit` column: replaced, not checked.
  const unit = resolveOne(survey.unit, -1, !isExport(survey));
  const byCode = new Map<string, UnitInfo>([[survey.unit.code, unit]]);
  const units = survey.units.map((info, u) => {
    let resolved = byCode.get(info.code);
    if (!resolved) byCode.set(info.code, (resolved = resolveOne(info, u, false)));
    // Names typed in a Responses `unit` column are not checked one by one: the registry's replace them.
    return resolved;
  });
  const kept = survey.problems.filter((p) => !(p.code === 'numeric-unit-code' && dropNumericWarning.has(`${p.sheet}!${p.cell}`)));
  return { unit, units, problems: [...kept, ...problems], unknown: [...new Set(unknown)] };
}
