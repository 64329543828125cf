import type { Text } from '../diagnostics/catalogue.js';
import type { Item } from '../framework/schema.js';

/**
 * What a message about an answer says of its question (contract.md
 * "Diagnostics"): the question's text, shortened, and the codes it accepts.
 */
const QUESTION_CHARS = 60;

function shorten(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= QUESTION_CHARS) return flat;
  const cut = flat.slice(0, QUESTION_CHARS);
  const space = cut.lastIndexOf(' ');
  return `${(space > QUESTION_CHARS / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.]+$/, '')}…`;
}

// Per item, once: a file with many bad answers asks for the same item's texts again and again.
const questions = new WeakMap<Item, Text>();
const accepted = new WeakMap<Item, Text>();

export function questionText(item: Item): Text {
  let text = questions.get(item);
  if (!text) questions.set(item, (text = { vi: shorten(item.textVi), en: shorten(item.textEn) }));
  return text;
}

const decimal = (n: number, lang: 'vi' | 'en') => (lang === 'vi' ? String(n).replace('.', ',') : String(n));

/** "1–5; 9 = không biết" — the answer codes of an item, as an interviewer would key them. */
export function acceptedCodes(item: Item): Text {
  let text = accepted.get(item);
  if (!text) accepted.set(item, (text = describeCodes(item)));
  return text;
}

function describeCodes(item: Item): Text {
  const say = (lang: 'vi' | 'en'): string => {
    const range =
      item.type === 'binary'
        ? lang === 'vi' ? '0 (không) hoặc 1 (có)' : '0 (no) or 1 (yes)'
        : item.type === 'scale'
          ? `${lang === 'vi' ? 'số nguyên' : 'whole numbers'} ${decimal(item.min, lang)}–${decimal(item.max, lang)}`
          : `${lang === 'vi' ? 'một số từ' : 'a number from'} ${decimal(item.min, lang)} ${lang === 'vi' ? 'đến' : 'to'} ${decimal(item.max, lang)}${item.unit ? ` (${item.unit})` : ''}`;
    const parts = [range];
    if (item.missing.length) parts.push(`${item.missing.join(', ')} = ${lang === 'vi' ? 'không biết / không trả lời' : "don't know / no answer"}`);
    if (item.zero.length) parts.push(`${item.zero.join(', ')} = ${lang === 'vi' ? 'tính 0 điểm' : 'scored 0'}`);
    return parts.join('; ');
  };
  return { vi: say('vi'), en: say('en') };
}
