import type { Text } from '../diagnostics/catalogue.js';
import { cliMessage } from '../diagnostics/cli-messages.js';
import { type Io, UsageError, usageError } from './io.js';
import { langFrom, parse } from './options.js';

/** `chiso samples --help`, in both languages (--lang). */
export const help: Text = {
  vi: `chiso samples [--out samples] [--templates templates]
  Tạo lại các tệp Excel mẫu và các tệp mẫu trống lưu trong dự án (lần nào cũng ra đúng các tệp như nhau).`,
  en: `chiso samples [--out samples] [--templates templates]
  Regenerates the committed sample workbooks and templates (the same bytes each run).`,
};

/** Regenerates the committed sample workbooks and templates (deterministic: same bytes each run). */
export async function run(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, { out: { type: 'string' }, templates: { type: 'string' } });
  if (positionals.length) throw usageError('usageNoPositionals', { command: 'samples', got: positionals.join(' ') });
  const lang = langFrom(values);
  const { writeSampleSet, writeCommittedTemplates } = await import('../sample/index.js');
  const files = await writeSampleSet(values.out ?? 'samples');
  for (const f of files) io.err(cliMessage(lang, 'samplesWrote', { file: f.path, unit: f.unit, year: f.year, respondents: f.respondents, framework: f.framework, errors: Boolean(f.errors) }));
  const templates = await writeCommittedTemplates(values.templates ?? 'templates');
  for (const t of templates) io.err(cliMessage(lang, 'wrote', { file: t }));
  return 0;
}
