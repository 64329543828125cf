import { writeFile } from 'node:fs/promises';
import { loadFramework } from '../framework/load.js';
import { buildXlsForm } from '../xlsform/form.js';
import { xlsFormWorkbook } from '../xlsform/write.js';
import { type Io, UsageError } from './io.js';
import { integerFrom, parse } from './options.js';

export const help = `chiso xlsform [-o F] [--framework papi-28|papi-29] [--unit CODE] [--year Y]
  Writes the questionnaire as an XLSForm (survey, choices, settings) for ODK Collect and KoboToolbox
  (default chiso-papi-28.xlsform.xlsx). --unit and --year pre-fill the unit code and year fields.
  Upload it to ODK Central or KoboToolbox; score the data export with chiso score EXPORT.csv.`;

export async function run(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, { output: { type: 'string', short: 'o' }, framework: { type: 'string' }, unit: { type: 'string' }, year: { type: 'string' } });
  if (positionals.length) throw new UsageError(`xlsform takes no positional arguments (got ${positionals.join(' ')})`);
  const year = integerFrom('year', values.year, 0);
  if (values.unit !== undefined && !/^[0-9]{1,10}$/.test(values.unit)) throw new UsageError(`--unit is a unit code of digits, e.g. 06268, not "${values.unit}"`);
  const frameworkId = values.framework ?? (year && year < 2021 ? 'papi-29' : 'papi-28');
  let framework;
  try {
    framework = loadFramework(frameworkId);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const form = buildXlsForm(framework, { unitCode: values.unit, year: year || undefined });
  const output = values.output ?? `chiso-${framework.id}.xlsform.xlsx`;
  await writeFile(output, await xlsFormWorkbook(form));
  io.err(`wrote ${output} (form ${form.settings.formId}, version ${form.settings.version}, ${framework.items.length} questions)`);
  return 0;
}
