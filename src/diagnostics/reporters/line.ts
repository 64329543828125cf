import type { Problem } from '../problem.js';

/**
 * `file:Sheet!Cell: severity code: message` — the form terminals, VS Code
 * problem matchers and grep can all use (contract.md).
 */
export function formatProblemLine(p: Problem): string {
  const where = p.sheet ? `${p.file}:${p.sheet}${p.cell ? `!${p.cell}` : ''}` : p.file;
  return `${where}: ${p.severity} ${p.code}: ${p.message}`;
}
