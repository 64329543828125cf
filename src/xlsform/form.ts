/**
 * The questionnaire as an XLSForm (the open standard behind ODK Collect,
 * KoboToolbox and SurveyCTO): `survey`, `choices` and `settings` rows built from
 * the framework, the single source of the items. The field names are the item
 * codes, so an export's columns are read back by chiso (src/ingest/exports):
 * ODK Central writes `dim_1-d1a_01`, Kobo `dim_1/d1a_01`.
 */
import { createHash } from 'node:crypto';
import type { AnswerOption, Framework, Item } from '../framework/schema.js';

export const LANGUAGES = [
  { suffix: 'Tiếng Việt (vi)', key: 'vi' },
  { suffix: 'English (en)', key: 'en' },
] as const;
type Lang = (typeof LANGUAGES)[number]['key'];
type Texts = Record<Lang, string>;

export interface SurveyRow {
  type: string;
  name: string;
  label?: Texts;
  hint?: Texts;
  required?: 'yes';
  constraint?: string;
  constraintMessage?: Texts;
  relevant?: string;
  default?: string;
}

export interface ChoiceRow {
  listName: string;
  name: string;
  label: Texts;
}

export interface XlsForm {
  survey: SurveyRow[];
  choices: ChoiceRow[];
  settings: { formTitle: string; formId: string; version: string; defaultLanguage: string };
}

export interface XlsFormOptions {
  /** Default for the unit_code field (a commune's own form). */
  unitCode?: string;
  year?: number;
}

/** The item's answers the interviewer picks from: its options, and any code the codebook names without one. */
function choicesOf(item: Item): AnswerOption[] {
  const byValue = new Map(item.options.map((o) => [o.value, o]));
  const values = new Set<number>();
  if (item.type === 'binary') [0, 1].forEach((v) => values.add(v));
  else for (let v = item.min; v <= item.max; v++) values.add(v);
  [...item.missing, ...item.zero].forEach((v) => values.add(v));
  const generic = (v: number): AnswerOption =>
    item.missing.includes(v) || item.zero.includes(v)
      ? { value: v, labelVi: `Không biết / không trả lời (${v})`, labelEn: `Don't know / refused (${v})` }
      : item.type === 'binary'
        ? { value: v, labelVi: v === 1 ? 'Có' : 'Không', labelEn: v === 1 ? 'Yes' : 'No' }
        : { value: v, labelVi: String(v), labelEn: String(v) };
  // Options first in the framework's order (how the paper questionnaire reads), then any code left.
  const ordered = [...item.options.filter((o) => values.has(o.value)), ...[...values].filter((v) => !byValue.has(v)).map(generic)];
  return ordered;
}

const isWhole = (v: number) => Number.isInteger(v);

/** The item's skip condition, when the framework has one (contract.md: XLSForm's own syntax). */
const relevantOf = (item: Item): string | undefined => {
  const r = (item as Item & { relevant?: string }).relevant;
  return r && r.trim() !== '' ? r.trim() : undefined;
};

const missingWords = (item: Item) =>
  item.options.filter((o) => item.missing.includes(o.value) || item.zero.includes(o.value));

function numberQuestion(item: Item): SurveyRow {
  const whole = [item.min, item.max, ...item.missing].every(isWhole);
  const codes = missingWords(item);
  const unit = item.unit ? ` (${item.unit})` : '';
  // Below min is a typing error (methodology §2); above max is kept and top-coded by chiso, so it is allowed.
  return {
    type: whole ? 'integer' : 'decimal',
    name: item.code,
    label: { vi: item.textVi, en: item.textEn },
    hint: {
      vi: `Nhập một số${unit}, từ ${item.min} trở lên.${codes.length ? ` ${codes.map((o) => `${o.labelVi}: ${o.value}`).join('; ')}.` : ''}`,
      en: `Enter a number${unit}, ${item.min} or more.${codes.length ? ` ${codes.map((o) => `${o.labelEn}: ${o.value}`).join('; ')}.` : ''}`,
    },
    required: 'yes',
    constraint: `. >= ${item.min}`,
    constraintMessage: { vi: `Số phải từ ${item.min} trở lên (hoặc một mã ${codes.map((o) => o.value).join(', ') || 'thiếu'}).`, en: `The number must be ${item.min} or more (or a code ${codes.map((o) => o.value).join(', ') || 'for missing'}).` },
  };
}

function selectQuestion(item: Item): SurveyRow {
  const hasCodes = item.missing.length + item.zero.length > 0;
  return {
    type: `select_one ${item.code}`,
    name: item.code,
    label: { vi: item.textVi, en: item.textEn },
    hint: hasCodes
      ? { vi: 'Đọc các lựa chọn trả lời; không đọc “Không biết”, “Không trả lời”: chỉ chọn khi người trả lời tự nói vậy.', en: 'Read the answer options; do not read "don\'t know" or "refused": pick them only when the respondent says so.' }
      : { vi: 'Đọc các lựa chọn trả lời.', en: 'Read the answer options.' },
    required: 'yes',
  };
}

/** A form version that changes whenever the questionnaire does: the framework id and a digest of its items. */
export function formVersion(framework: Framework): string {
  const digest = createHash('sha256').update(JSON.stringify([framework.dimensions, framework.subdimensions, framework.items])).digest('hex').slice(0, 8);
  return `${framework.id}-${digest}`;
}

export function buildXlsForm(framework: Framework, options: XlsFormOptions = {}): XlsForm {
  const survey: SurveyRow[] = [
    { type: 'start', name: 'start' },
    { type: 'end', name: 'end' },
    {
      type: 'begin_group',
      name: 'unit_info',
      label: { vi: 'Đơn vị khảo sát', en: 'Survey unit' },
    },
    {
      type: 'text',
      name: 'unit_code',
      label: { vi: 'Mã đơn vị hành chính (xã, phường)', en: 'Administrative unit code (commune, ward)' },
      hint: { vi: 'Mã số của Tổng cục Thống kê, giữ cả số 0 ở đầu (ví dụ 06268).', en: 'The General Statistics Office code, with its leading zeros (e.g. 06268).' },
      required: 'yes',
      constraint: "regex(., '^[0-9]{1,10}$')",
      constraintMessage: { vi: 'Chỉ gồm chữ số, ví dụ 06268.', en: 'Digits only, e.g. 06268.' },
      ...(options.unitCode ? { default: options.unitCode } : {}),
    },
    {
      type: 'integer',
      name: 'year',
      label: { vi: 'Năm khảo sát', en: 'Survey year' },
      required: 'yes',
      constraint: '. >= 2010 and . <= 2100',
      constraintMessage: { vi: 'Năm có bốn chữ số, ví dụ 2025.', en: 'A four-digit year, e.g. 2025.' },
      ...(options.year ? { default: String(options.year) } : {}),
    },
    { type: 'end_group', name: 'unit_info' },
  ];
  const choices: ChoiceRow[] = [];
  const dimensionOf = new Map(framework.subdimensions.map((s) => [s.code, s.dimension]));
  // A filter question (no sub-dimension) is asked in the group of the next scored item.
  const groupOf = framework.items.map((item) => dimensionOf.get(item.subdimension));
  for (let j = groupOf.length - 2; j >= 0; j--) groupOf[j] ??= groupOf[j + 1];
  let open: string | undefined;
  framework.items.forEach((item, j) => {
    const dim = groupOf[j] ?? open ?? framework.dimensions[framework.dimensions.length - 1].code;
    if (dim !== open) {
      if (open !== undefined) survey.push({ type: 'end_group', name: `dim_${open}` });
      const d = framework.dimensions.find((x) => x.code === dim)!;
      survey.push({ type: 'begin_group', name: `dim_${dim}`, label: { vi: `${d.code}. ${d.nameVi}`, en: `${d.code}. ${d.nameEn}` } });
      open = dim;
    }
    const question = item.type === 'number' ? numberQuestion(item) : selectQuestion(item);
    const relevant = relevantOf(item);
    survey.push(relevant ? { ...question, relevant } : question);
    if (item.type !== 'number')
      for (const o of choicesOf(item)) choices.push({ listName: item.code, name: String(o.value), label: { vi: o.labelVi, en: o.labelEn } });
  });
  if (open !== undefined) survey.push({ type: 'end_group', name: `dim_${open}` });
  return {
    survey,
    choices,
    settings: {
      formTitle: `${framework.nameVi || 'Khảo sát PAPI'} (${framework.id})`,
      formId: `chiso_${framework.id.replace(/[^A-Za-z0-9_]/g, '_')}`,
      version: formVersion(framework),
      defaultLanguage: LANGUAGES[0].suffix,
    },
  };
}

/** The three sheets as rows of cells, header first (XLSForm column names). */
export function xlsFormSheets(form: XlsForm): { name: string; rows: string[][] }[] {
  const t = (texts: Texts | undefined, lang: Lang) => texts?.[lang] ?? '';
  const surveyHeader = [
    'type',
    'name',
    ...LANGUAGES.map((l) => `label::${l.suffix}`),
    ...LANGUAGES.map((l) => `hint::${l.suffix}`),
    'required',
    'relevant',
    'constraint',
    ...LANGUAGES.map((l) => `constraint_message::${l.suffix}`),
    'default',
  ];
  const surveyRows = form.survey.map((r) => [
    r.type,
    r.name,
    ...LANGUAGES.map((l) => t(r.label, l.key)),
    ...LANGUAGES.map((l) => t(r.hint, l.key)),
    r.required ?? '',
    r.relevant ?? '',
    r.constraint ?? '',
    ...LANGUAGES.map((l) => t(r.constraintMessage, l.key)),
    r.default ?? '',
  ]);
  return [
    { name: 'survey', rows: [surveyHeader, ...surveyRows] },
    { name: 'choices', rows: [['list_name', 'name', ...LANGUAGES.map((l) => `label::${l.suffix}`)], ...form.choices.map((c) => [c.listName, c.name, ...LANGUAGES.map((l) => c.label[l.key])])] },
    {
      name: 'settings',
      rows: [
        ['form_title', 'form_id', 'version', 'default_language'],
        [form.settings.formTitle, form.settings.formId, form.settings.version, form.settings.defaultLanguage],
      ],
    },
  ];
}
