import { reason } from '../../diagnostics/reasons.js';
import type { Limits } from '../../limits.js';
import { corrupt, xlsxError } from './errors.js';
import { unprefixedChunks } from './package.js';
import { textWindows } from './window.js';
import { endTag, runText, skipMarkup } from './xmlText.js';
import type { ZipArchive } from './zip.js';

/**
 * The shared string table, read before any sheet (Excel writes it after the
 * sheets in the zip, which is why streaming libraries spill sheets to disk).
 * Rich text runs are concatenated, phonetic guides (<rPh>) left out. Its size
 * is bounded by the per-part inflate cap, and its count and characters by
 * their own limits, checked once per inflated chunk: millions of tiny strings
 * deflate to almost nothing, yet each costs a JavaScript string (a 705 KB
 * file held 13 million). A part that ends inside an element, or before its
 * root's end tag, is damaged (a truncated zip entry).
 */
export async function readSharedStrings(
  zip: ZipArchive,
  part: string | undefined,
  limits: Pick<Limits, 'maxSharedStrings' | 'maxSharedStringChars'>,
  signal?: AbortSignal,
): Promise<string[]> {
  const strings: string[] = [];
  if (!part) return strings;
  let closed = false;
  let chars = 0;
  let counted = 0;
  for await (const w of textWindows(unprefixedChunks(zip.chunks(part), part), part)) {
    signal?.throwIfAborted();
    for (; counted < strings.length; counted++) chars += strings[counted].length;
    if (strings.length > limits.maxSharedStrings)
      throw xlsxError('too-many-strings.count', { part, limit: limits.maxSharedStrings });
    if (chars > limits.maxSharedStringChars)
      throw xlsxError('too-many-strings.chars', { part, limit: limits.maxSharedStringChars });
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
        const after = skipMarkup(text, lt, part);
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
        const close = endTag(text, 'si', gt);
        if (!close) {
          i = lt;
          break;
        }
        strings.push(runText(text, gt + 1, close.at));
        i = close.after;
        continue;
      }
      const gt = text.indexOf('>', lt);
      if (gt < 0) {
        i = lt;
        break;
      }
      if (text.startsWith('</sst', lt) && !isNameChar(text.charCodeAt(lt + 5))) closed = true;
      i = gt + 1;
    }
    w.pos = i;
    if (w.done && (i < text.length && text.indexOf('<', i) >= 0)) throw corrupt(part, reason('xml-cut-in-element'));
  }
  if (!closed) throw corrupt(part, reason('xml-cut-before-close', { element: 'sst' }));
  return strings;
}

/** Whether a character continues an element name (so `<si` is not `<sib`). */
export function isNameChar(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || code === 58 || code === 95 || code === 45 || code === 46;
}
