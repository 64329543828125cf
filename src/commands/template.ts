import type { Text } from '../diagnostics/catalogue.js';
import { cliMessage } from '../diagnostics/cli-messages.js';
import { writeTemplate } from '../template/index.js';
import { cliLimits } from '../limits.js';
import { unitProblem } from '../units/messages.js';
import { type Io, printProblems, usageError } from './io.js';
import { frameworkFrom, integerFrom, langFrom, parse, registryFrom, unitsOption } from './options.js';

/** `chiso template --help`, in both languages (--lang). */
export const templateHelp: Text = {
  vi: `chiso template [-o TỆP] [--framework papi-29|papi-28] [--unit TÊN --year NĂM --province TỈNH --district HUYỆN --unit-code MÃ] [--lang vi|en]
chiso template --unit MÃ --year NĂM --units DANH_MỤC [-o TỆP]
  Ghi một tệp Excel mẫu trống để nhập phiếu trả lời (mặc định chiso-template.xlsx). Với --units, trang Unit được điền
  sẵn từ danh mục đơn vị: đơn vị có mã đó trong năm đó, quận/huyện của đơn vị (đến năm 2024) và tỉnh/thành phố.
  Trang Questionnaire in phiếu khảo sát bằng tiếng Việt; --lang en in bằng tiếng Anh.`,
  en: `chiso template [-o F] [--framework papi-29|papi-28] [--unit NAME --year Y --province P --district D --unit-code C] [--lang vi|en]
chiso template --unit CODE --year Y --units REGISTRY [-o F]
  Writes a blank template workbook (default chiso-template.xlsx). With --units the Unit sheet is filled
  from the registry: the unit of that code in that year, its district (to 2024) and province.
  --lang en prints the Questionnaire sheet in English (default Vietnamese).`,
};

export async function template(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, {
    output: { type: 'string', short: 'o' },
    framework: { type: 'string' },
    unit: { type: 'string' },
    'unit-code': { type: 'string' },
    province: { type: 'string' },
    district: { type: 'string' },
    year: { type: 'string' },
    ...unitsOption,
  });
  const lang = langFrom(values);
  if (positionals.length) throw usageError('usageNoPositionals', { command: 'template', got: positionals.join(' ') });
  const year = integerFrom('year', values.year, 0);
  const framework = frameworkFrom(values.framework, year || null);
  const output = values.output ?? 'chiso-template.xlsx';
  let unit = values.unit || year
    ? { name: values.unit ?? '', code: values['unit-code'] ?? '', province: values.province ?? '', district: values.district ?? '', year }
    : undefined;
  if (values.units) {
    const code = values['unit-code'] ?? values.unit;
    if (!code || !year) throw usageError('usageUnitsNeedUnitYear');
    const { registry, failed } = await registryFrom(values.units, io, cliLimits);
    if (failed || !registry) return 2;
    const { registeredUnit } = await import('../units/resolve.js');
    const found = registeredUnit(registry, code, year);
    if (!found) {
      printProblems(io, [unitProblem('unknown-unit', { file: values.units, sheet: 'Units', cell: '' }, { code, year })]);
      return 2;
    }
    unit = { ...found, year };
  }
  await writeTemplate(framework, output, { unit, questionnaireLang: lang });
  io.err(cliMessage(lang, 'templateWrote', { file: output, framework: framework.id, items: framework.items.length }));
  return 0;
}

/** What src/cli.ts loads. */
export { template as run, templateHelp as help };
