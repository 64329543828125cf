/** One problem found in a workbook (contract.md "Diagnostics"). */
export type Severity = 'error' | 'warning' | 'info';

export interface Problem {
  file: string;
  sheet: string;
  /** A1 reference, or '' for a whole sheet or the whole file. */
  cell: string;
  severity: Severity;
  /** Stable code, documented in docs/diagnostics.md. */
  code: string;
  message: string;
}

export function hasErrors(problems: readonly Problem[]): boolean {
  return problems.some((p) => p.severity === 'error');
}

/** A1 column letters for a 1-based column number. */
export function columnLetters(column: number): string {
  let s = '';
  for (let c = column; c > 0; c = Math.floor((c - 1) / 26)) {
    s = String.fromCharCode(65 + ((c - 1) % 26)) + s;
  }
  return s;
}

export function cellRef(row: number, column: number): string {
  return `${columnLetters(column)}${row}`;
}
