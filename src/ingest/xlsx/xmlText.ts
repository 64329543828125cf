import { reason } from '../../diagnostics/reasons.js';
import { corrupt, doctype } from './errors.js';

/**
 * The little XML the reader needs, on strings: entities, attributes, and the
 * rule that no part may declare a DOCTYPE. Not a general XML parser on purpose:
 * SpreadsheetML is machine-written and regular, and a general parser is where
 * the time went (baselines.md).
 */

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Decodes the five XML entities and numeric references; anything else is left as written. */
export function decodeEntities(text: string): string {
  if (text.indexOf('&') < 0) return text;
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|amp|lt|gt|quot|apos);/g, (whole, name: string) => {
    if (name[0] !== '#') return NAMED[name];
    const code = name[1] === 'x' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

/** The value of attribute `name` in a start tag (`<c r="A1" t="s">`), decoded; undefined when absent. */
export function attribute(tag: string, name: string): string | undefined {
  return attributeIn(tag, 0, tag.length, name);
}

/** attribute() on text[from, to) without cutting the tag out first (the sheet scan calls it per cell). */
export function attributeIn(text: string, from: number, to: number, name: string): string | undefined {
  for (;;) {
    const at = text.indexOf(name, from);
    if (at < 0 || at >= to) return undefined;
    from = at + name.length;
    // A whole attribute name: preceded by whitespace, followed by optional spaces and '='.
    const before = text.charCodeAt(at - 1);
    if (before !== 32 && before !== 9 && before !== 10 && before !== 13) continue;
    let k = from;
    while (text.charCodeAt(k) === 32) k++;
    if (text.charCodeAt(k) !== 61) continue;
    k++;
    while (text.charCodeAt(k) === 32) k++;
    const quote = text[k];
    if (quote !== '"' && quote !== "'") continue;
    const end = text.indexOf(quote, k + 1);
    if (end < 0 || end >= to) return undefined;
    return decodeEntities(text.slice(k + 1, end));
  }
}

/**
 * Handles a `<!` or `<?` construct at `lt`: returns the index after it, or -1
 * when the text ends first. A DOCTYPE or ENTITY declaration throws.
 */
export function skipMarkup(text: string, lt: number, part: string): number {
  if (text.startsWith('<!--', lt)) {
    const end = text.indexOf('-->', lt + 4);
    return end < 0 ? -1 : end + 3;
  }
  if (text.startsWith('<![CDATA[', lt)) {
    const end = text.indexOf(']]>', lt + 9);
    return end < 0 ? -1 : end + 3;
  }
  if (text.charCodeAt(lt + 1) === 33 /* ! */) {
    if (text.length - lt < 9) return -1; // cannot tell yet which declaration this is
    const word = text.slice(lt + 2, lt + 9).toUpperCase();
    if (word.startsWith('DOCTYPE') || word.startsWith('ENTITY')) throw doctype(part);
    throw corrupt(part, reason('xml-declaration'));
  }
  const end = text.indexOf('>', lt);
  return end < 0 ? -1 : end + 1;
}

/** Throws on a DOCTYPE or ENTITY anywhere in a whole part held as a string. */
export function refuseDoctype(text: string, part: string): void {
  if (/<!(DOCTYPE|ENTITY)/i.test(text)) throw doctype(part);
}

/**
 * The end tag `</name>` at or after `from`, with the optional whitespace XML
 * allows before its '>' (`</si >`): its start and the index after it; null when
 * the text ends first.
 */
export function endTag(text: string, name: string, from: number): { at: number; after: number } | null {
  const open = `</${name}`;
  for (let at = text.indexOf(open, from); at >= 0; at = text.indexOf(open, at + 1)) {
    let k = at + open.length;
    while (k < text.length && isSpace(text.charCodeAt(k))) k++;
    if (k >= text.length) return null;
    if (text.charCodeAt(k) === 62 /* > */) return { at, after: k + 1 };
  }
  return null;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

/** The text inside `<t>` elements between from and to, skipping phonetic runs (<rPh>), entities decoded. */
export function runText(text: string, from: number, to: number): string {
  let out = '';
  let i = from;
  for (;;) {
    const lt = text.indexOf('<', i);
    if (lt < 0 || lt >= to) break;
    if (text.startsWith('<rPh', lt) && !isNameCode(text.charCodeAt(lt + 4))) {
      const close = endTag(text, 'rPh', lt);
      if (!close || close.at >= to) break;
      i = close.after;
      continue;
    }
    if (text.startsWith('<![CDATA[', lt)) {
      const end = text.indexOf(']]>', lt + 9);
      if (end < 0 || end >= to) break;
      i = end + 3; // CDATA outside <t> is not text (ECMA-376: only <t> holds a string's characters)
      continue;
    }
    const gt = text.indexOf('>', lt);
    if (gt < 0 || gt >= to) break;
    const next = text.charCodeAt(lt + 2);
    const isT = text.charCodeAt(lt + 1) === 116 /* t */ && (next === 62 || isSpace(next) || next === 47);
    if (!isT || text.charCodeAt(gt - 1) === 47 /* <t/> */) {
      i = gt + 1;
      continue;
    }
    const close = endTag(text, 't', gt);
    if (!close || close.at > to) break;
    out += cdataOrText(text.slice(gt + 1, close.at));
    i = close.after;
  }
  return out;
}

function isNameCode(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || code === 58 || code === 95 || code === 45 || code === 46;
}

/** Element content: CDATA sections taken as written, comments and processing instructions dropped, the rest entity-decoded. */
export function cdataOrText(raw: string): string {
  if (raw.indexOf('<') < 0) return decodeEntities(raw);
  return raw.replace(/<!\[CDATA\[([\s\S]*?)\]\]>|<!--[\s\S]*?-->|<\?[\s\S]*?\?>|([^<]+)/g, (_m, cdata: string | undefined, plain: string | undefined) =>
    cdata !== undefined ? cdata : plain !== undefined ? decodeEntities(plain) : '',
  );
}
