import type { AnswerOption, Item } from '../framework/schema.js';

/**
 * What an interviewer may write for an item: the framework's own option labels
 * where it has them, generic bilingual labels otherwise, then the missing and
 * zero codes. Used by the dropdowns, the Guide and the paper questionnaire.
 */

const DEFAULT_MISSING: Record<number, [string, string]> = {
  8: ['Không áp dụng', 'Not applicable'],
  9: ['Không biết / không trả lời', "Don't know / no answer"],
  97: ['Không áp dụng', 'Not applicable'],
  98: ['Không biết', "Don't know"],
  99: ['Từ chối trả lời / không áp dụng', 'Refused / not applicable'],
  998: ['Không biết', "Don't know"],
  999: ['Không áp dụng', 'Not applicable'],
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
      labelVi: o?.labelVi ?? 'Không biết (tính là 0 điểm)',
      labelEn: o?.labelEn ?? "Don't know (scored as 0)",
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

/** "1 = Có / Yes" lines for prompts and the questionnaire. */
export function optionLines(item: Item): string[] {
  const values = answerValues(item);
  const labelled = values.filter((o) => o.labelVi !== String(o.value));
  const lines = labelled.map((o) => `${o.value} = ${o.labelVi}${o.labelEn && o.labelEn !== o.labelVi ? ` / ${o.labelEn}` : ''}`);
  if (item.type === 'scale' && labelled.length < values.length) {
    lines.unshift(`${item.min} … ${item.max} (${item.direction === '-' ? 'thấp là tốt / lower is better' : 'cao là tốt / higher is better'})`);
  }
  if (item.type === 'number') {
    lines.push(`${item.min}–${item.max}${item.unit ? ` ${item.unit}` : ''}`);
  }
  for (const s of specialCodes(item)) lines.push(`${s.value} = ${s.labelVi} / ${s.labelEn}`);
  return lines;
}
