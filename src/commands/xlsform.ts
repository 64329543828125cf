import type { Text } from '../diagnostics/catalogue.js';
import { cliMessage } from '../diagnostics/cli-messages.js';
import { writeFile } from 'node:fs/promises';
import { buildXlsForm } from '../xlsform/form.js';
import { xlsFormWorkbook } from '../xlsform/write.js';
import { generateXForm } from '../xlsform/xform.js';
import { cliLimits } from '../limits.js';
import { unitProblem } from '../units/messages.js';
import { EXIT, type Io, printProblems, usageError } from './io.js';
import { frameworkFrom, integerFrom, langFrom, parse, registryFrom, unitsOption } from './options.js';

/** `chiso xlsform --help`, in both languages (--lang). */
export const help: Text = {
  vi: `chiso xlsform [-o TỆP] [--xform] [--framework papi-28|papi-29] [--unit MÃ] [--year NĂM] [--units DANH_MỤC]
  Ghi bảng hỏi dưới dạng XLSForm (các trang survey, choices, settings) cho ODK Collect và KoboToolbox
  (mặc định chiso-papi-28.xlsform.xlsx); với --xform, ghi dưới dạng ODK XForm (XML) mà XLSForm được chuyển thành
  (mặc định chiso-papi-28.xform.xml), dùng cho ODK Central, Enketo hoặc ODK Web Forms mà không cần pyxform.
  --unit và --year điền sẵn mã đơn vị và năm trong biểu mẫu;
  có --units thì mã phải là mã trong danh mục đơn vị của năm đó (6268 được hiểu là 06268).
  Tải biểu mẫu lên ODK Central hoặc KoboToolbox; tính điểm tệp dữ liệu xuất ra bằng lệnh chiso score TỆP_XUẤT.csv.`,
  en: `chiso xlsform [-o F] [--xform] [--framework papi-28|papi-29] [--unit CODE] [--year Y] [--units REGISTRY]
  Writes the questionnaire as an XLSForm (survey, choices, settings) for ODK Collect and KoboToolbox
  (default chiso-papi-28.xlsform.xlsx); with --xform, as the ODK XForm (XML) the XLSForm converts to
  (default chiso-papi-28.xform.xml), for ODK Central, Enketo or ODK Web Forms without pyxform.
  --unit and --year pre-fill the unit code and year fields;
  with --units the code must be the registry's for that year (6268 becomes 06268).
  Upload it to ODK Central or KoboToolbox; score the data export with chiso score EXPORT.csv.`,
};

export async function run(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, { output: { type: 'string', short: 'o' }, xform: { type: 'boolean' }, framework: { type: 'string' }, unit: { type: 'string' }, year: { type: 'string' }, ...unitsOption });
  if (positionals.length) throw usageError('usageNoPositionals', { command: 'xlsform', got: positionals.join(' ') });
  const year = integerFrom('year', values.year, 0);
  if (values.unit !== undefined && !/^[0-9]{1,10}$/.test(values.unit)) throw usageError('usageUnitCode', { value: String(values.unit) });
  const framework = frameworkFrom(values.framework, year || null);
  const lang = langFrom(values);
  let unitCode = values.unit;
  if (values.units) {
    // The form pre-fills the code every export will carry: check it before anyone collects with it.
    if (!unitCode || !year) throw usageError('usageUnitsNeedUnitYear');
    const { registry, failed } = await registryFrom(values.units, io, cliLimits, lang);
    if (failed || !registry) return EXIT.unscorable;
    const { registeredUnit } = await import('../units/resolve.js');
    const found = registeredUnit(registry, unitCode, year);
    if (!found) {
      printProblems(io, [unitProblem('unknown-unit', { file: values.units, sheet: 'Units', cell: '' }, { code: unitCode, year })], 'text', lang);
      return EXIT.unscorable;
    }
    unitCode = found.code;
  }
  const form = buildXlsForm(framework, { unitCode, year: year || undefined });
  const output = values.output ?? `chiso-${framework.id}.${values.xform ? 'xform.xml' : 'xlsform.xlsx'}`;
  await writeFile(output, values.xform ? generateXForm(form) : await xlsFormWorkbook(form));
  io.err(cliMessage(lang, 'xlsformWrote', { file: output, form: form.settings.formId, version: String(form.settings.version), items: framework.items.length }));
  return 0;
}
