import { compileRelevant, parseRelevant, type Condition, type Operand } from '../framework/relevant.js';
import type { Item } from '../framework/schema.js';

/**
 * The printed questionnaire's skip instructions, derived from the `relevant`
 * conditions so paper, chiso and an XLSForm skip the same questions:
 *
 * - at an answer later conditions depend on (a filter question), where to go when
 *   the answer is NO: "Nếu KHÔNG → chuyển sang câu d5b_00";
 * - before a run of questions sharing a condition that the previous question's
 *   jump does not already explain, "Chỉ hỏi nếu câu d3b_00 = 1 (Có) và …".
 */

export type Lang = 'vi' | 'en';

export interface SkipInstructions {
  /** item code → the code to go to when the answer is NO (0), or null for the end of the form. */
  jumpIfNo: Map<string, string | null>;
  /** item code → the condition, in words, printed before the run of questions it opens. */
  askIf: Map<string, string>;
}

const OPS_VI: Record<string, string> = { '=': '=', '!=': '≠', '<': '<', '<=': '≤', '>': '>', '>=': '≥' };

function operandWords(o: Operand, other: Operand, items: Map<string, Item>, lang: Lang): string {
  if (o.kind === 'ref') return `${lang === 'vi' ? 'câu' : 'question'} ${o.code}`;
  // A number compared with an item's answer: add that answer's label, "1 (Có)".
  const item = other.kind === 'ref' ? items.get(other.code) : undefined;
  const option = item?.options.find((opt) => opt.value === o.value);
  const label = option ? (lang === 'vi' ? option.labelVi : option.labelEn) : item?.type === 'binary' ? (o.value === 1 ? (lang === 'vi' ? 'Có' : 'Yes') : o.value === 0 ? (lang === 'vi' ? 'Không' : 'No') : '') : '';
  const number = lang === 'vi' ? String(o.value).replace('.', ',') : String(o.value);
  return label ? `${number} (${label})` : number;
}

/** A condition in words: "câu d3b_00 = 1 (Có) và câu d3b_01 = 1 (Có)". */
export function conditionWords(condition: Condition, items: Map<string, Item>, lang: Lang): string {
  const words = (c: Condition, nested: boolean): string => {
    switch (c.kind) {
      case 'compare':
        return `${operandWords(c.left, c.right, items, lang)} ${OPS_VI[c.op]} ${operandWords(c.right, c.left, items, lang)}`;
      case 'truthy':
        return `${operandWords(c.operand, c.operand, items, lang)} ${lang === 'vi' ? 'khác 0' : 'is not 0'}`;
      case 'not':
        return `${lang === 'vi' ? 'không phải' : 'not'} (${words(c.part, false)})`;
      case 'and':
      case 'or': {
        const joined = c.parts.map((p) => words(p, true)).join(c.kind === 'and' ? (lang === 'vi' ? ' và ' : ' and ') : lang === 'vi' ? ' hoặc ' : ' or ');
        return nested ? `(${joined})` : joined;
      }
    }
  };
  return words(condition, false);
}

export function skipInstructions(items: readonly Item[], lang: Lang): SkipInstructions {
  const byCode = new Map(items.map((item) => [item.code, item]));
  const index = new Map(items.map((item, j) => [item.code, j]));
  const parsed = items.map((item) => {
    if (item.relevant === undefined) return null;
    const p = parseRelevant(item.relevant);
    return p.ok ? p : null;
  });

  // Where a NO to item p leads: the first later question still asked when p = 0.
  // Only conditions naming p can skip because of p; they are evaluated with p = 0
  // and every other answer blank (a condition that would need another answer to
  // be asked is taken as skipped, which the "Chỉ hỏi nếu" line before it explains).
  const jumpIfNo = new Map<string, string | null>();
  const referenced = new Set(parsed.flatMap((p) => p?.refs ?? []));
  for (const code of referenced) {
    const p = index.get(code);
    if (p === undefined) continue;
    let target: string | null = null;
    for (let j = p + 1; j < items.length; j++) {
      const cond = parsed[j];
      if (!cond || !cond.refs.includes(code)) {
        target = items[j].code;
        break;
      }
      const values = new Float64Array(items.length).fill(NaN);
      values[p] = 0;
      if (compileRelevant(cond.condition, (c) => index.get(c)!)(values)) {
        target = items[j].code;
        break;
      }
    }
    // A jump to the very next question says nothing; leave it out.
    if (target !== (items[p + 1]?.code ?? null)) jumpIfNo.set(code, target);
  }

  // "Chỉ hỏi nếu …" before a run of questions with one condition, unless the run
  // follows the very question its condition is "${that} = 1" on (the jump says it).
  const askIf = new Map<string, string>();
  for (let j = 0; j < items.length; j++) {
    const cond = parsed[j];
    if (!cond) continue;
    if (j > 0 && items[j - 1].relevant === items[j].relevant) continue; // same run
    const c = cond.condition;
    const previous = items[j - 1];
    const explained =
      previous !== undefined &&
      c.kind === 'compare' &&
      c.op === '=' &&
      c.left.kind === 'ref' &&
      c.left.code === previous.code &&
      c.right.kind === 'number' &&
      c.right.value === 1 &&
      jumpIfNo.has(previous.code);
    if (!explained) askIf.set(items[j].code, conditionWords(c, byCode, lang));
  }
  return { jumpIfNo, askIf };
}
