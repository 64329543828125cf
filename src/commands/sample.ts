import type { Text } from '../diagnostics/catalogue.js';
import { cliMessage } from '../diagnostics/cli-messages.js';
import { hashSeed } from '../sample/random.js';
import { generateSample } from '../sample/generate.js';
import { slugify } from '../sample/population.js';
import { saveWorkbook } from '../template/index.js';
import { sampleWorkbook } from '../sample/sampleSet.js';
import { findSampleUnit, loadSampleUnitsFile } from '../sample/units.js';
import { type Io, usageError } from './io.js';
import { frameworkFrom, integerFrom, langFrom, parse } from './options.js';

/** `chiso sample --help`, in both languages (--lang). */
export const help: Text = {
  vi: `chiso sample --unit TÊN --year NĂM [--respondents SỐ] [--seed SỐ] [--errors] [--framework MÃ_BỘ_CHỈ_SỐ] [--unit-code MÃ --province TỈNH --district HUYỆN] [-o TỆP]
  Ghi một tệp Excel đã điền phiếu trả lời giả lập như thật (mặc định 300 người trả lời); cùng số khởi tạo (--seed) thì cùng tệp.
  Đơn vị có trong các kế hoạch mẫu được điền sẵn chỉ tiêu và nhiệm vụ; --errors cài sẵn một số lỗi nhập liệu để minh họa.`,
  en: `chiso sample --unit NAME --year Y [--respondents N] [--seed S] [--errors] [--framework ID] [--unit-code C --province P --district D] [-o F]
  Writes a realistic mock filled workbook (300 respondents by default); the same seed gives the same workbook.
  A seed-plan unit gets its targets and plan tasks; --errors adds deliberate data-entry errors.`,
};

export async function run(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, {
    unit: { type: 'string' },
    'unit-code': { type: 'string' },
    province: { type: 'string' },
    district: { type: 'string' },
    year: { type: 'string' },
    respondents: { type: 'string' },
    seed: { type: 'string' },
    framework: { type: 'string' },
    errors: { type: 'boolean' },
    output: { type: 'string', short: 'o' },
  });
  if (positionals.length) throw usageError('usageNoPositionals', { command: 'sample', got: positionals.join(' ') });
  if (!values.unit || !values.year) throw usageError('usageSampleNeeds');
  const lang = langFrom(values);
  const year = integerFrom('year', values.year, 0);
  const respondents = integerFrom('respondents', values.respondents, 300);
  if (respondents < 1 || respondents > 1_000_000) throw usageError('usageRespondents');
  const unitName = values.unit.normalize('NFC');
  const code = values['unit-code'] ?? String(hashSeed(unitName) % 100000).padStart(5, '0');
  const seed = integerFrom('seed', values.seed, hashSeed(code, year));
  const framework = frameworkFrom(values.framework, year);
  // A unit of the seed plans (samples/units.json) brings its targets, plan tasks and quality hints.
  const known = findSampleUnit(unitName);
  const workbook = known
    ? sampleWorkbook(loadSampleUnitsFile(), known, year, { respondents, seed, errors: values.errors ?? false, framework: framework.id }).workbook
    : generateSample({
        framework,
        unit: { name: unitName, code, province: values.province ?? '', district: values.district ?? '' },
        year,
        respondents,
        seed,
        errors: values.errors ?? false,
      });
  if (known) io.err(cliMessage(lang, 'sampleSeedUnit', { unit: known.unit }));
  const output = values.output ?? `${slugify(unitName)}-${year}.xlsx`;
  await saveWorkbook(workbook, output);
  io.err(cliMessage(lang, 'sampleWrote', { file: output, respondents, framework: framework.id, seed }));
  return 0;
}
