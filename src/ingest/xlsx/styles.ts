import { attribute, refuseDoctype } from './xmlText.js';
import { unprefixedText } from './package.js';
import type { ZipArchive } from './zip.js';

/** Built-in number formats that show dates or times (ECMA-376 §18.8.30). */
const BUILTIN_DATE_FORMATS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47]);

/**
 * Whether a format code shows a date or time: a d, m, y, h, s (or b, the
 * Buddhist year) outside quoted text, [colour/locale] brackets and escapes.
 * Like exceljs, elapsed-time formats such as [h]:mm count as dates too.
 */
export function isDateFormat(code: string): boolean {
  const bare = code
    .replace(/\[[^\]]*]/g, '')
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/[_*]./g, '');
  return /[dmyhsb]/i.test(bare.replace(/General/gi, ''));
}

/**
 * Which cell style indexes (the s="…" of a cell, an index into cellXfs) format
 * numbers as dates: such numbers are Excel serial dates and become Date values,
 * as exceljs gives them.
 */
export async function readDateStyles(zip: ZipArchive, part: string | undefined): Promise<boolean[]> {
  if (!part) return [];
  const raw = await zip.text(part);
  refuseDoctype(raw, part);
  const xml = unprefixedText(raw, part).text;
  const custom = new Map<number, string>();
  for (const [tag] of xml.matchAll(/<numFmt\b[^>]*>/g)) custom.set(Number(attribute(tag, 'numFmtId')), attribute(tag, 'formatCode') ?? '');
  const dates: boolean[] = [];
  const cellXfs = /<cellXfs\b[^>]*>([\s\S]*?)<\/cellXfs\s*>/.exec(xml)?.[1] ?? '';
  for (const [tag] of cellXfs.matchAll(/<xf\b[^>]*>/g)) {
    const id = Number(attribute(tag, 'numFmtId') ?? 0);
    const code = custom.get(id);
    dates.push(code !== undefined ? isDateFormat(code) : BUILTIN_DATE_FORMATS.has(id));
  }
  return dates;
}
