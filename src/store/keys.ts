import type { UnitInfo } from '../scoring/types.js';

/** NFC, trimmed, single spaces, lower case: how names from different workbooks are matched. */
export function normalizeName(name: string): string {
  return name.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase('vi');
}

/** The key a unit is filed under: its code, or its normalised name when the workbook has no code. */
export function unitKeyOf(unit: Pick<UnitInfo, 'code' | 'name'>): string {
  const code = unit.code.trim();
  return code !== '' ? code : `name:${normalizeName(unit.name)}`;
}

export function yearKey(year: number | null): string {
  return year === null ? '-' : String(year);
}
