import { type Io, UsageError } from './io.js';
import { parse } from './options.js';

/** Regenerates the committed sample workbooks and templates (deterministic: same bytes each run). */
export async function run(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, { out: { type: 'string' }, templates: { type: 'string' } });
  if (positionals.length) throw new UsageError('samples takes no positional arguments');
  const { writeSampleSet, writeCommittedTemplates } = await import('../sample/index.js');
  const files = await writeSampleSet(values.out ?? 'samples');
  for (const f of files) io.err(`wrote ${f.path} (${f.unit} ${f.year}, ${f.respondents} respondents, ${f.framework}${f.errors ? ', with deliberate errors' : ''})`);
  const templates = await writeCommittedTemplates(values.templates ?? 'templates');
  for (const t of templates) io.err(`wrote ${t}`);
  return 0;
}
