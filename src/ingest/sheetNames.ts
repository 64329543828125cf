import { SHEET_NAMES } from '../contract.js';
import type { WorkbookSource } from './source.js';
import type { ProblemList } from './table.js';

/**
 * Sheet names as people type them: "responses", "Responses ", "Code book" are
 * the template's sheets. Excel itself compares sheet names without case, so a
 * clerk who renamed a tab did not mean another sheet. Keys compare without case
 * and without spaces (NFC, so a decomposed name matches too).
 */
export function sheetKey(name: string): string {
  return name.normalize('NFC').toLowerCase().replace(/\s+/g, '');
}

/** The sheet of `names` that `wanted` means: the exact name, else the one with the same key. */
export function findSheetName(names: readonly string[], wanted: string): string | undefined {
  if (names.includes(wanted)) return wanted;
  const key = sheetKey(wanted);
  const matches = names.filter((n) => sheetKey(n) === key);
  return matches.length === 1 ? matches[0] : undefined;
}

/**
 * The source with the template's sheets under their contract names: a tab
 * written "responses" is read as "Responses" (an info problem says so), so
 * ingest and every problem's location use one spelling. Other sheets keep
 * their names.
 */
export function withContractSheetNames(source: WorkbookSource, problems: ProblemList): WorkbookSource {
  const actual = new Map<string, string>();
  for (const name of SHEET_NAMES) {
    const found = findSheetName(source.sheetNames, name);
    if (found !== undefined && found !== name) actual.set(name, found);
  }
  if (actual.size === 0) return source;
  const contractOf = new Map([...actual].map(([contract, found]) => [found, contract]));
  for (const [contract, found] of actual)
    problems.add('sheet-name-matched', { found, sheet: contract }, contract, '');
  const real = (name: string) => actual.get(name) ?? name;
  return {
    sheetNames: source.sheetNames.map((n) => contractOf.get(n) ?? n),
    hiddenSheets: source.hiddenSheets.map((n) => contractOf.get(n) ?? n),
    rows: (name) => source.rows(real(name)),
    unrecognisedElements: (name) => source.unrecognisedElements?.(real(name)),
    rowEstimate: (name) => source.rowEstimate?.(real(name)),
  };
}

/** "Unit", "Data", "Sheet1" (in tab order, quoted; — for none): the sheets a missing-sheet problem lists as found. */
export function listSheets(names: readonly string[]): string {
  return names.length === 0 ? '—' : names.map((n) => `"${n}"`).join(', ');
}
