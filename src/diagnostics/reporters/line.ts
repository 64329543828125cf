import { DEFAULT_LANG, type Lang } from '../lang.js';
import { messageIn, type Problem } from '../problem.js';

/**
 * `file:Sheet!Cell: severity code: message` — the form terminals, VS Code
 * problem matchers and grep can all use (contract.md). Severity and code stay
 * English in both languages so matchers and scripts read them; the message is in `lang`.
 */
export function formatProblemLine(p: Problem, lang: Lang = DEFAULT_LANG): string {
  const where = p.sheet ? `${p.file}:${p.sheet}${p.cell ? `!${p.cell}` : ''}` : p.file;
  return `${where}: ${p.severity} ${p.code}: ${messageIn(p, lang)}`;
}
