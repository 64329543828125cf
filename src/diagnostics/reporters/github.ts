import { DEFAULT_LANG, type Lang } from '../lang.js';
import { messageIn, type Problem } from '../problem.js';

const escapeData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (s: string) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

/** GitHub Actions workflow commands, so a CI check of committed workbooks annotates the run. */
export function formatGithubAnnotation(p: Problem, lang: Lang = DEFAULT_LANG): string {
  const level = p.severity === 'info' ? 'notice' : p.severity;
  const title = `${p.code} at ${p.sheet}${p.cell ? `!${p.cell}` : ''}`;
  return `::${level} file=${escapeProperty(p.file)},title=${escapeProperty(title)}::${escapeData(messageIn(p, lang))}`;
}
