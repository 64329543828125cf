/** Just enough of SpreadsheetML to show a workbook's cells in the grid: sheet names, shared strings, cell values. */
import { listEntries, readEntry, type ZipEntry } from './zip.js';

export interface Sheet {
  name: string;
  /** rows[r][c] with r, c 0-based (row 0 is the sheet's row 1). */
  rows: string[][];
  columnCount: number;
}

export interface Workbook {
  sheetNames: string[];
  sheet(name: string): Promise<Sheet>;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

export function unescapeXml(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_, e: string) =>
    e[0] === '#' ? String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10)) : ENTITIES[e],
  );
}

/** "AB12" → [11, 27] (0-based row, column). */
export function parseAddress(address: string): { row: number; column: number } | null {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d+)$/.exec(address.trim());
  if (!m) return null;
  let column = 0;
  for (const ch of m[1].toUpperCase()) column = column * 26 + (ch.charCodeAt(0) - 64);
  return { row: Number(m[2]) - 1, column: column - 1 };
}

export function columnName(index: number): string {
  let s = '';
  for (let c = index + 1; c > 0; c = Math.floor((c - 1) / 26)) s = String.fromCharCode(65 + ((c - 1) % 26)) + s;
  return s;
}

/** Built-in date formats (ECMA-376 §18.8.30) and custom ones with day/month/year tokens. */
export function dateStyles(stylesXml: string): Set<number> {
  const custom = new Map<number, string>();
  for (const m of stylesXml.matchAll(/<numFmt\b[^>]*\bnumFmtId="(\d+)"[^>]*\bformatCode="([^"]*)"/g)) custom.set(Number(m[1]), unescapeXml(m[2]));
  const isDate = (id: number) => (id >= 14 && id <= 22) || (id >= 45 && id <= 47) ||
    (custom.has(id) && /[dmy]/i.test(custom.get(id)!.replace(/\[[^\]]*\]|"[^"]*"|\\./g, '')));
  const out = new Set<number>();
  const xfs = /<cellXfs\b[^>]*>([\s\S]*?)<\/cellXfs>/.exec(stylesXml)?.[1] ?? '';
  let index = 0;
  for (const m of xfs.matchAll(/<xf\b([^>]*)/g)) {
    const id = Number(/\bnumFmtId="(\d+)"/.exec(m[1])?.[1] ?? 0);
    if (isDate(id)) out.add(index);
    index++;
  }
  return out;
}

/** An Excel serial day (1900 system) as YYYY-MM-DD, with the time when it has one. */
export function serialToDate(serial: number): string {
  const ms = Math.round((serial - 25569) * 86400 * 1000);
  const iso = new Date(ms).toISOString();
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.slice(0, 16).replace('T', ' ');
}

function sharedStrings(xml: string): string[] {
  const out: string[] = [];
  for (const si of xml.matchAll(/<si>([\s\S]*?)<\/si>/g)) {
    let text = '';
    for (const tm of si[1].matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>|<t\s*\/>/g)) text += tm[1] ?? '';
    out.push(unescapeXml(text));
  }
  return out;
}

/** One pass over <c> elements; rows keep their sheet positions (r attributes). */
export function parseSheet(name: string, xml: string, strings: string[], dates: Set<number> = new Set()): Sheet {
  const rows: string[][] = [];
  let columnCount = 0;
  let nextRow = 0;
  const rowRe = /<row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/row>)/g;
  const cellRe = /<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g;
  for (const rm of xml.matchAll(rowRe)) {
    const rAttr = /\br="(\d+)"/.exec(rm[1]);
    const r = rAttr ? Number(rAttr[1]) - 1 : nextRow;
    nextRow = r + 1;
    if (!rm[2]) continue;
    const row: string[] = [];
    let nextCol = 0;
    for (const cm of rm[2].matchAll(cellRe)) {
      const ref = /\br="([A-Z]+)\d*"/.exec(cm[1]);
      const c = ref ? parseAddress(ref[1] + '1')!.column : nextCol;
      nextCol = c + 1;
      const body = cm[2] ?? '';
      const type = /\bt="(\w+)"/.exec(cm[1])?.[1];
      let value = '';
      if (type === 'inlineStr') {
        value = unescapeXml([...body.matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>/g)].map((m) => m[1]).join(''));
      } else {
        const v = /<v>([\s\S]*?)<\/v>/.exec(body)?.[1];
        if (v !== undefined) {
          if (type === 's') value = strings[Number(v)] ?? '';
          else if (type === 'b') value = v === '1' ? 'TRUE' : 'FALSE';
          else if (!type || type === 'n') {
            const style = Number(/\bs="(\d+)"/.exec(cm[1])?.[1] ?? -1);
            value = dates.has(style) && Number.isFinite(Number(v)) ? serialToDate(Number(v)) : v;
          } else value = unescapeXml(v);
        }
      }
      if (value !== '') row[c] = value;
    }
    rows[r] = row;
    columnCount = Math.max(columnCount, row.length);
  }
  for (let i = 0; i < rows.length; i++) rows[i] ??= [];
  return { name, rows, columnCount };
}

function resolveTarget(target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  return 'xl/' + target.replace(/^\.\//, '');
}

export async function openWorkbook(bytes: Uint8Array): Promise<Workbook> {
  const entries = listEntries(bytes);
  const text = async (path: string) => {
    const entry: ZipEntry | undefined = entries.get(path);
    return entry ? readEntry(bytes, entry) : '';
  };
  const [workbookXml, relsXml, stringsXml, stylesXml] = await Promise.all([
    text('xl/workbook.xml'),
    text('xl/_rels/workbook.xml.rels'),
    text('xl/sharedStrings.xml'),
    text('xl/styles.xml'),
  ]);
  const dates = dateStyles(stylesXml);
  const targets = new Map<string, string>();
  for (const m of relsXml.matchAll(/<Relationship\b([^>]*)\/?>/g)) {
    const id = /\bId="([^"]+)"/.exec(m[1])?.[1];
    const target = /\bTarget="([^"]+)"/.exec(m[1])?.[1];
    if (id && target) targets.set(id, resolveTarget(target));
  }
  const paths = new Map<string, string>();
  for (const m of workbookXml.matchAll(/<sheet\b([^>]*)\/?>/g)) {
    const name = unescapeXml(/\bname="([^"]*)"/.exec(m[1])?.[1] ?? '');
    const rid = /\br:id="([^"]+)"/.exec(m[1])?.[1] ?? /\b\w+:id="([^"]+)"/.exec(m[1])?.[1];
    const path = rid ? targets.get(rid) : undefined;
    if (path) paths.set(name, path);
  }
  const strings = sharedStrings(stringsXml);
  const cache = new Map<string, Promise<Sheet>>();
  return {
    sheetNames: [...paths.keys()],
    sheet(name) {
      let sheet = cache.get(name);
      if (!sheet) {
        sheet = text(paths.get(name) ?? '').then((xml) => parseSheet(name, xml, strings, dates));
        cache.set(name, sheet);
      }
      return sheet;
    },
  };
}
