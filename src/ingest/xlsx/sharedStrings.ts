import type { Limits } from '../../limits.js';
import { xlsxError } from './errors.js';
import { textWindows } from './window.js';
import { runText, skipMarkup } from './xmlText.js';
import type { ZipArchive } from './zip.js';

const PART = 'xl/sharedStrings.xml';

/**
 * The shared string table, read before any sheet (Excel writes it after the
 * sheets in the zip, which is why streaming libraries spill sheets to disk).
 * Rich text runs are concatenated, phonetic guides (<rPh>) left out. Its size
 * is bounded by the per-part inflate cap, and its count and characters by
 * their own limits, checked once per inflated chunk: millions of tiny strings
 * deflate to almost nothing, yet each costs a JavaScript string (a 705 KB
 * file held 13 million).
 */
export async function readSharedStrings(
  zip: ZipArchive,
  limits: Pick<Limits, 'maxSharedStrings' | 'maxSharedStringChars'>,
  signal?: AbortSignal,
): Promise<string[]> {
  const strings: string[] = [];
  if (!zip.has(PART)) return strings;
  let chars = 0;
  let counted = 0;
  for await (const w of textWindows(zip.chunks(PART), PART)) {
    signal?.throwIfAborted();
    for (; counted < strings.length; counted++) chars += strings[counted].length;
    if (strings.length > limits.maxSharedStrings)
      throw xlsxError('too-many-strings.count', { part: PART, limit: limits.maxSharedStrings });
    if (chars > limits.maxSharedStringChars)
      throw xlsxError('too-many-strings.chars', { part: PART, limit: limits.maxSharedStringChars });
    const text = w.text;
    let i = w.pos;
    for (;;) {
      const lt = text.indexOf('<', i);
      if (lt < 0) {
        i = text.length;
        break;
      }
      const next = text.charCodeAt(lt + 1);
      if (next === 33 /* ! */ || next === 63 /* ? */) {
        const after = skipMarkup(text, lt, PART);
        if (after < 0) break;
        i = after;
        continue;
      }
      if (text.startsWith('<si', lt) && !isNameChar(text.charCodeAt(lt + 3))) {
        const gt = text.indexOf('>', lt);
        if (gt < 0) break;
        if (text.charCodeAt(gt - 1) === 47 /* <si/> */) {
          strings.push('');
          i = gt + 1;
          continue;
        }
        const close = text.indexOf('</si>', gt);
        if (close < 0) {
          i = lt;
          break;
        }
        strings.push(runText(text, gt + 1, close));
        i = close + 5;
        continue;
      }
      const gt = text.indexOf('>', lt);
      if (gt < 0) {
        i = lt;
        break;
      }
      i = gt + 1;
    }
    w.pos = i;
  }
  return strings;
}

/** Whether a character continues an element name (so `<si` is not `<sib`). */
export function isNameChar(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || code === 58 || code === 95 || code === 45 || code === 46;
}
