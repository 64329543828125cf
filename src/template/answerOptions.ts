import type { AnswerOption, Item } from '../framework/schema.js';

/**
 * What an interviewer may write for an item: the framework's own option labels
 * where it has them, generic bilingual labels otherwise, then the missing and
 * zero codes. Used by the dropdowns, the Guide and the paper questionnaire.
 */

// One meaning per code across the questionnaire (the framework's own description):
// 7/97/997 not applicable, 8/98/998 don't know, 9/99/999 refused.
const DEFAULT_MISSING: Record<number, [string, string]> = {
  7: ['Không áp dụng', 'Not applicable'],
  8: ['Không biết', "Don't know"],
  9: ['Không trả lời', 'Refused'],
  97: ['Không áp dụng', 'Not applicable'],
  98: ['Không biết / không nhớ', "Don't know / can't remember"],
  99: ['Không trả lời', 'Refused'],
  997: ['Không áp dụng', 'Not applicable'],
  998: ['Không biết / không nhớ', "Don't know / can't remember"],
  999: ['Không trả lời', 'Refused'],
};

export function missingLabel(code: number): [string, string] {
  return DEFAULT_MISSING[code] ?? ['Không biết / không trả lời / không áp dụng', "Don't know / refused / not applicable"];
}

function labelOf(item: Item, value: number): AnswerOption | undefined {
  return item.options.find((o) => o.value === value);
}

/** The answer values proper (not the missing/zero codes), with labels. */
export function answerValues(item: Item): AnswerOption[] {
  if (item.type === 'binary') {
    return [1, 0].map(
      (v) => labelOf(item, v) ?? { value: v, labelVi: v === 1 ? 'Có' : 'Không', labelEn: v === 1 ? 'Yes' : 'No' },
    );
  }
  if (item.type === 'scale') {
    const values: AnswerOption[] = [];
    for (let v = item.min; v <= item.max; v++) {
      values.push(labelOf(item, v) ?? { value: v, labelVi: String(v), labelEn: String(v) });
    }
    return values;
  }
  return [];
}

/** The special codes: missing (don't know, refused, n/a) and zero codes, with labels. */
export function specialCodes(item: Item): Array<AnswerOption & { kind: 'missing' | 'zero' }> {
  const out: Array<AnswerOption & { kind: 'missing' | 'zero' }> = [];
  for (const code of item.zero) {
    const o = labelOf(item, code);
    out.push({
      value: code,
      labelVi: o?.labelVi ?? 'Không biết',
      labelEn: o?.labelEn ?? "Don't know",
      kind: 'zero',
    });
  }
  for (const code of item.missing) {
    if (item.zero.includes(code)) continue;
    const o = labelOf(item, code);
    const [vi, en] = missingLabel(code);
    out.push({ value: code, labelVi: o?.labelVi ?? vi, labelEn: o?.labelEn ?? en, kind: 'missing' });
  }
  return out;
}

/** Every code allowed in a binary or scale item's dropdown, in display order. */
export function allowedCodes(item: Item): number[] {
  const codes = answerValues(item).map((o) => o.value);
  for (const s of specialCodes(item)) if (!codes.includes(s.value)) codes.push(s.value);
  return codes;
}

/** Which labels a line carries: the printed form is in one language, the Responses prompts in both. */
export type LabelLang = 'vi' | 'en' | 'both';

function label(vi: string, en: string, lang: LabelLang): string {
  if (lang === 'vi') return vi;
  if (lang === 'en') return en;
  return en && en !== vi ? `${vi} / ${en}` : vi;
}

/** "1 = Có / Yes" lines for prompts and the questionnaire. */
export function optionLines(item: Item, lang: LabelLang = 'both'): string[] {
  const values = answerValues(item);
  const labelled = values.filter((o) => o.labelVi !== String(o.value));
  const lines = labelled.map((o) => `${o.value} = ${label(o.labelVi, o.labelEn, lang)}`);
  if (item.type === 'scale' && labelled.length < values.length) {
    lines.unshift(`${item.min} … ${item.max} (${label(item.direction === '-' ? 'thấp là tốt' : 'cao là tốt', item.direction === '-' ? 'lower is better' : 'higher is better', lang)})`);
  }
  if (item.type === 'number') {
    const unit = item.unit ? ` ${lang === 'both' ? item.unit : unitPart(item.unit, lang)}` : '';
    lines.push(`${item.min}–${item.max}${unit}`);
  }
  for (const s of specialCodes(item)) lines.push(`${s.value} = ${label(s.labelVi, s.labelEn, lang)}`);
  return lines;
}

/** "ngày / days" → "ngày" (vi) or "days" (en). */
function unitPart(unit: string, lang: 'vi' | 'en'): string {
  const [vi, en] = unit.split(' / ');
  return lang === 'vi' ? vi : (en ?? vi);
}
