import { loadFramework } from '../framework/load.js';
import { writeTemplate } from '../template/index.js';
import { type Io, UsageError } from './io.js';
import { integerFrom, parse } from './options.js';

export const templateHelp = `chiso template [-o F] [--framework papi-29|papi-28] [--unit NAME --year Y --province P --district D --unit-code C] [--lang vi|en]
  Writes a blank template workbook (default chiso-template.xlsx). --lang en prints the Questionnaire sheet in English (default Vietnamese).`;

export async function template(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, {
    output: { type: 'string', short: 'o' },
    framework: { type: 'string' },
    unit: { type: 'string' },
    'unit-code': { type: 'string' },
    province: { type: 'string' },
    district: { type: 'string' },
    year: { type: 'string' },
    lang: { type: 'string' },
  });
  const lang = values.lang ?? 'vi';
  if (lang !== 'vi' && lang !== 'en') throw new UsageError(`--lang must be vi or en (got "${lang}")`);
  if (positionals.length) throw new UsageError(`template takes no positional arguments (got ${positionals.join(' ')})`);
  const year = integerFrom('year', values.year, 0);
  const frameworkId = values.framework ?? (year && year < 2021 ? 'papi-29' : 'papi-28');
  let framework;
  try {
    framework = loadFramework(frameworkId);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const output = values.output ?? 'chiso-template.xlsx';
  const unit = values.unit || year
    ? { name: values.unit ?? '', code: values['unit-code'] ?? '', province: values.province ?? '', district: values.district ?? '', year }
    : undefined;
  await writeTemplate(framework, output, { unit, questionnaireLang: lang });
  io.err(`wrote ${output} (framework ${framework.id}, ${framework.items.length} items)`);
  return 0;
}

/** What src/cli.ts loads. */
export { template as run, templateHelp as help };
