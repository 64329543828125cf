import { SaxesParser, type SaxesTagNS } from 'saxes';
import type { SheetRow } from '../../../src/ingest/source.js';
import { XlsxError } from '../../../src/ingest/xlsx/index.js';
import { openXlsxWith } from '../../../src/ingest/xlsx/reader.js';
import { cliLimits } from '../../../src/limits.js';
import type { RawAnswer } from '../../../src/scoring/coding.js';
import { Random } from '../../../src/sample/random.js';
import { writeZip } from '../../hostile/zip.js';

/**
 * Differential fuzzing of the xlsx reader against a general XML parser (saxes,
 * namespace-aware): random sheets and shared-string tables written in the many
 * ways XML allows (prefixes, end-tag whitespace, attribute quotes and order,
 * comments, CDATA, entities, rich text and phonetic runs, self-closing cells),
 * read back through the reader with its parts cut into random chunks; and the
 * same parts cut short. The reader must give the cells saxes gives, or, where
 * saxes finds the XML incomplete, a located error (corrupt-workbook naming the
 * part). Used by test/ingest/fuzz.test.ts (fixed seed, small budget) and
 * bench/fuzz-reader.ts (longer runs).
 */

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const RELS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** The sample generator's seeded PRNG (mulberry32, src/sample/random.ts), so a failing case is reproducible from its seed. */
export function random(seed: number): () => number {
  const generator = new Random(seed);
  return () => generator.next();
}

interface Style {
  prefix: string; // '' or 'x:' / 'ns0:'
  rng: () => number;
}

const pick = <T>(rng: () => number, xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)];
const chance = (rng: () => number, p: number) => rng() < p;

const TEXTS = ['Có', 'Không', 'a & b', '<tag>', '"quoted"', "it's", 'Phường Long Thạnh', '  spaced  ', 'x'.repeat(40), '🙂', 'line\nbreak', ']]>', '=1+1', ''];

/** Text escaped as XML character data, in one of the ways a writer may choose. */
function escapeText(rng: () => number, s: string, cdataAllowed: boolean): string {
  if (cdataAllowed && !s.includes(']]>') && chance(rng, 0.2)) return `<![CDATA[${s}]]>`;
  return [...s]
    .map((ch, i, all) => {
      if (ch === '&') return '&amp;';
      if (ch === '<') return '&lt;';
      if (ch === '>') return chance(rng, 0.5) || (all[i - 1] === ']' && all[i - 2] === ']') ? '&gt;' : '>'; // "]]>" may not stand in text
      if (ch === '"' && chance(rng, 0.3)) return '&quot;';
      if (ch === "'" && chance(rng, 0.3)) return '&apos;';
      if (ch !== '\n' && ch.codePointAt(0)! > 127 && chance(rng, 0.2)) return chance(rng, 0.5) ? `&#${ch.codePointAt(0)};` : `&#x${ch.codePointAt(0)!.toString(16)};`;
      return ch;
    })
    .join('');
}

function ws(rng: () => number): string {
  return chance(rng, 0.8) ? '' : pick(rng, [' ', '\n', '\t', '  ', '\r\n']);
}

function endTag(st: Style, name: string): string {
  return `</${st.prefix}${name}${ws(st.rng)}>`;
}

function attrs(st: Style, list: [string, string][]): string {
  const rng = st.rng;
  const order = chance(rng, 0.3) ? [...list].reverse() : list;
  return order
    .map(([k, v]) => {
      const q = chance(rng, 0.2) ? "'" : '"';
      const eq = chance(rng, 0.1) ? ' = ' : '=';
      return ` ${k}${eq}${q}${v.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(new RegExp(q, 'g'), q === '"' ? '&quot;' : '&apos;')}${q}`;
    })
    .join('');
}

function comment(rng: () => number): string {
  return chance(rng, 0.05) ? `<!-- ${pick(rng, ['note', 'a > b', '<c r="Z9"><v>1</v></c>'])} -->` : '';
}

function numberText(rng: () => number): string {
  return pick(rng, [
    () => String(Math.floor(rng() * 10)),
    () => String(Math.floor(rng() * 1e6) - 5e5),
    () => (rng() * 100).toFixed(Math.floor(rng() * 6)),
    () => `${(rng() * 10).toFixed(2)}E${Math.floor(rng() * 10) - 5}`,
    () => `${ws(rng)}${Math.floor(rng() * 100)}${ws(rng)}`,
    () => `+${Math.floor(rng() * 9)}`,
    () => '1234567890123456789',
    () => '.5',
    () => pick(rng, ['0x10', '1,5', ' ', 'NaN', '1e', '--2', 'abc']), // not numbers: must come out malformed
  ])();
}

/** The text of a shared string item or inline string: plain <t>, or rich runs with a phonetic run. */
function stringBody(st: Style, text: string): string {
  const rng = st.rng;
  const p = st.prefix;
  const space = chance(rng, 0.3) ? ' xml:space="preserve"' : '';
  if (chance(rng, 0.6)) return chance(rng, 0.05) && text === '' ? `<${p}t/>` : `<${p}t${space}>${escapeText(rng, text, true)}${endTag(st, 't')}`;
  const chars = [...text]; // cut between characters, never inside a surrogate pair
  const cut = Math.floor(rng() * (chars.length + 1));
  const runs = [chars.slice(0, cut).join(''), chars.slice(cut).join('')]
    .map((piece) => `<${p}r>${chance(rng, 0.5) ? `<${p}rPr><${p}b/></${p}rPr>` : ''}<${p}t${space}>${escapeText(rng, piece, true)}${endTag(st, 't')}${endTag(st, 'r')}`)
    .join(comment(rng));
  const phonetic = chance(rng, 0.3) ? `<${p}rPh sb="0" eb="1"><${p}t>ふり${endTag(st, 't')}${endTag(st, 'rPh')}` : '';
  return runs + phonetic;
}

export interface FuzzCase {
  parts: Map<string, string>;
  sheetPart: string;
  sstPart: string;
}

/** One random workbook: a shared-string table and one sheet, every element written in a random style. */
export function fuzzCase(rng: () => number): FuzzCase {
  const prefix = pick(rng, ['', '', 'x:', 'ns0:']);
  const st: Style = { prefix, rng };
  const p = prefix;
  const xmlns = prefix ? `xmlns:${prefix.slice(0, -1)}="${MAIN}"` : `xmlns="${MAIN}"`;
  const decl = chance(rng, 0.9) ? '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' : '';

  const strings = Array.from({ length: 1 + Math.floor(rng() * 8) }, () => pick(rng, TEXTS));
  const sst = `${decl}<${p}sst ${xmlns} count="${strings.length}">${strings.map((s) => `${comment(rng)}<${p}si>${stringBody(st, s)}${endTag(st, 'si')}`).join('')}${endTag(st, 'sst')}`;

  const rows: string[] = [];
  let r = 0;
  for (let k = Math.floor(rng() * 12); k > 0; k--) {
    r += 1 + Math.floor(rng() * 3);
    let col = 0;
    const cells: string[] = [];
    for (let m = Math.floor(rng() * 7); m > 0; m--) {
      col += 1 + Math.floor(rng() * 3);
      const ref = `${String.fromCharCode(64 + col)}${r}`;
      const kind = pick(rng, ['n', 'n', 's', 'str', 'inlineStr', 'b', 'e', 'f', 'empty']);
      const a: [string, string][] = [['r', ref]];
      let body = '';
      if (kind === 'n') body = `<${p}v>${numberText(rng)}${endTag(st, 'v')}`;
      else if (kind === 's') {
        a.push(['t', 's']);
        body = `<${p}v>${Math.floor(rng() * strings.length)}${endTag(st, 'v')}`;
      } else if (kind === 'str') {
        a.push(['t', 'str']);
        body = `<${p}f>CONCAT("a","b")${endTag(st, 'f')}<${p}v>${escapeText(rng, pick(rng, TEXTS), false)}${endTag(st, 'v')}`;
      } else if (kind === 'inlineStr') {
        a.push(['t', 'inlineStr']);
        body = `<${p}is>${stringBody(st, pick(rng, TEXTS))}${endTag(st, 'is')}`;
      } else if (kind === 'b') {
        a.push(['t', 'b']);
        body = `<${p}v>${pick(rng, ['0', '1', 'true', 'false', ' 1 ', 'yes'])}${endTag(st, 'v')}`;
      } else if (kind === 'e') {
        a.push(['t', 'e']);
        body = `<${p}v>${pick(rng, ['#N/A', '#DIV/0!', '#VALUE!'])}${endTag(st, 'v')}`;
      } else if (kind === 'f') body = `<${p}f>SUM(A1:A2)${endTag(st, 'f')}${chance(rng, 0.5) ? `<${p}v>${numberText(rng)}${endTag(st, 'v')}` : ''}`;
      if (chance(rng, 0.2)) a.push(['s', '0']);
      cells.push(body === '' ? `<${p}c${attrs(st, a)}${ws(rng)}/>` : `<${p}c${attrs(st, a)}${ws(rng)}>${body}${endTag(st, 'c')}`);
    }
    const rowAttrs = attrs(st, [['r', String(r)], ...(chance(rng, 0.2) ? ([['spans', `1:${col || 1}`]] as [string, string][]) : [])]);
    rows.push(cells.length === 0 && chance(rng, 0.5) ? `<${p}row${rowAttrs}/>` : `<${p}row${rowAttrs}>${cells.join(comment(rng))}${endTag(st, 'row')}`);
  }
  const sheetData = rows.length === 0 && chance(rng, 0.5) ? `<${p}sheetData/>` : `<${p}sheetData>${rows.join(comment(rng))}${endTag(st, 'sheetData')}`;
  const sheet = `${decl}<${p}worksheet ${xmlns} xmlns:r="${RELS}"><${p}dimension ref="A1"/>${comment(rng)}${sheetData}<${p}pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>${endTag(st, 'worksheet')}`;

  const workbook = `${decl}<${p}workbook ${xmlns} xmlns:r="${RELS}"><${p}sheets><${p}sheet name="S" sheetId="1" r:id="rId1"/>${endTag(st, 'sheets')}${endTag(st, 'workbook')}`;
  const parts = new Map<string, string>([
    ['[Content_Types].xml', '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'],
    ['_rels/.rels', `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${RELS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`],
    ['xl/_rels/workbook.xml.rels', `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${RELS}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${RELS}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`],
    ['xl/workbook.xml', workbook],
    ['xl/sharedStrings.xml', sst],
    ['xl/worksheets/sheet1.xml', sheet],
  ]);
  return { parts, sheetPart: 'xl/worksheets/sheet1.xml', sstPart: 'xl/sharedStrings.xml' };
}

// ---- the reference: saxes, namespace-aware, and the value rules of ECMA-376 written out plainly ----

class IncompleteXml extends Error {}

function saxes(xml: string, on: (p: SaxesParser<{ xmlns: true }>) => void): void {
  const parser = new SaxesParser({ xmlns: true });
  parser.on('error', (e) => {
    throw new IncompleteXml(e.message);
  });
  on(parser);
  parser.write(xml).close();
}

const isMain = (tag: SaxesTagNS) => tag.uri === MAIN;

/** Text of <t> elements not inside <rPh>, under the element being read. */
function stringCollector() {
  let depthRPh = 0;
  let inT = false;
  let text = '';
  return {
    open(tag: SaxesTagNS) {
      if (!isMain(tag)) return;
      if (tag.local === 'rPh') depthRPh++;
      else if (tag.local === 't' && depthRPh === 0) inT = true;
    },
    close(tag: SaxesTagNS) {
      if (!isMain(tag)) return;
      if (tag.local === 'rPh') depthRPh--;
      else if (tag.local === 't') inT = false;
    },
    text(s: string) {
      if (inT) text += s;
    },
    take() {
      const t = text;
      text = '';
      return t;
    },
  };
}

export function referenceSharedStrings(xml: string): string[] {
  const out: string[] = [];
  const strings = stringCollector();
  let inSi = false;
  saxes(xml, (p) => {
    p.on('opentag', (tag) => {
      if (isMain(tag) && tag.local === 'si') inSi = true;
      else if (inSi) strings.open(tag);
    });
    p.on('closetag', (tag) => {
      if (isMain(tag) && tag.local === 'si') {
        out.push(strings.take());
        inSi = false;
      } else if (inSi) strings.close(tag);
    });
    p.on('text', (t) => strings.text(t));
    p.on('cdata', (t) => strings.text(t));
  });
  return out;
}

const XSD_DOUBLE = /^[ \t\r\n]*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?[ \t\r\n]*$/;

function columnOf(ref: string): number {
  let c = 0;
  for (const ch of ref.match(/^[A-Z]+/)![0]) c = c * 26 + (ch.charCodeAt(0) - 64);
  return c;
}

export function referenceRows(xml: string, sst: string[]): SheetRow[] {
  const rows: SheetRow[] = [];
  let row: SheetRow | null = null;
  let cell: { col: number; t: string; v: string | null; formula: boolean; inline: string | null } | null = null;
  let inV = false;
  let inIs = false;
  const strings = stringCollector();
  saxes(xml, (p) => {
    p.on('opentag', (tag) => {
      if (inIs) return strings.open(tag);
      if (!isMain(tag)) return;
      const attr = (name: string) => (tag.attributes[name] as { value: string } | undefined)?.value;
      if (tag.local === 'row') row = { number: Number(attr('r')), values: [], formulaColumns: [], hidden: false, mergedColumns: [] };
      else if (tag.local === 'c') cell = { col: columnOf(attr('r')!), t: attr('t') ?? 'n', v: null, formula: false, inline: null };
      else if (tag.local === 'v' && cell) {
        inV = true;
        cell.v = '';
      } else if (tag.local === 'f' && cell) cell.formula = true;
      else if (tag.local === 'is' && cell) inIs = true;
    });
    const text = (t: string) => {
      if (inV && cell) cell.v += t;
      else if (inIs) strings.text(t);
    };
    p.on('text', text);
    p.on('cdata', text);
    p.on('closetag', (tag) => {
      if (inIs && !(isMain(tag) && tag.local === 'is')) return strings.close(tag);
      if (!isMain(tag)) return;
      if (tag.local === 'v') inV = false;
      else if (tag.local === 'is' && cell) {
        inIs = false;
        cell.inline = strings.take();
      } else if (tag.local === 'c' && cell && row) {
        const value = cellValue(cell, sst);
        if (cell.formula) {
          row.values[cell.col] = value ?? null;
          row.formulaColumns.push(cell.col);
        } else if (value !== undefined) row.values[cell.col] = value;
        cell = null;
      } else if (tag.local === 'row' && row) {
        if (row.values.length > 0) rows.push(row);
        row = null;
      }
    });
  });
  return rows;
}

function cellValue(cell: { t: string; v: string | null; inline: string | null }, sst: string[]): RawAnswer | undefined {
  const v = cell.v;
  if (cell.t === 'inlineStr') return cell.inline ?? (v ? v : undefined);
  if (v === null || v === '') return undefined; // no <v>, or an empty one: no value
  const malformed = (text: string): RawAnswer => ({ error: text, malformed: true });
  switch (cell.t) {
    case 's': {
      const i = XSD_DOUBLE.test(v) ? Number(v) : NaN;
      if (!Number.isInteger(i) || i < 0 || i >= sst.length) throw new Error('shared string index out of range');
      return sst[i];
    }
    case 'str':
      return v;
    case 'b': {
      const t = v.trim();
      return t === '1' || t === 'true' ? true : t === '0' || t === 'false' ? false : malformed(t);
    }
    case 'e':
      return { error: v };
    default:
      return XSD_DOUBLE.test(v) ? Number(v) : malformed(v);
  }
}

// ---- running the reader on a case ----

/** An inflater for stored parts that hands the bytes over in random pieces (1–64 bytes), to cut every element somewhere. */
function choppy(rng: () => number) {
  return async function* (data: Uint8Array): AsyncGenerator<Uint8Array> {
    for (let at = 0; at < data.length; ) {
      const n = 1 + Math.floor(rng() * 64);
      yield data.slice(at, at + n);
      at += n;
    }
  };
}

export async function readerRows(parts: Map<string, string>, rng: () => number): Promise<SheetRow[]> {
  const bytes = writeZip([...parts].map(([name, text]) => ({ name, data: new TextEncoder().encode(text), method: 0 as const })));
  const source = await openXlsxWith(bytes, cliLimits, choppy(rng));
  const rows: SheetRow[] = [];
  for await (const row of source.rows('S')) rows.push(row);
  return rows;
}

export type Outcome = { kind: 'same' } | { kind: 'located-error' } | { kind: 'difference'; detail: string };

/** The reader on one case (and on the part cut short when `cutAt` is given): the same as the reference, a located error, or a difference. */
export async function compareCase(c: FuzzCase, rng: () => number, cut?: { part: 'sheet' | 'sst'; at: number }): Promise<Outcome> {
  const parts = new Map(c.parts);
  const partName = cut?.part === 'sst' ? c.sstPart : c.sheetPart;
  if (cut) parts.set(partName, parts.get(partName)!.slice(0, Math.floor(cut.at * parts.get(partName)!.length)));
  let expected: SheetRow[] | null = null;
  let referenceFailed = '';
  try {
    expected = referenceRows(parts.get(c.sheetPart)!, referenceSharedStrings(parts.get(c.sstPart)!));
  } catch (error) {
    referenceFailed = (error as Error).message;
  }
  let actual: SheetRow[];
  try {
    actual = await readerRows(parts, rng);
  } catch (error) {
    if (!(error instanceof XlsxError)) return { kind: 'difference', detail: `the reader threw ${String(error)}` };
    if (expected) return { kind: 'difference', detail: `the reader refused well-formed parts: ${error.message}` };
    if (error.code !== 'corrupt-workbook' || !error.message.includes('xl/')) return { kind: 'difference', detail: `an error without its part: ${error.message}` };
    return { kind: 'located-error' };
  }
  if (!expected) return { kind: 'difference', detail: `saxes failed (${referenceFailed}) but the reader gave ${actual.length} rows` };
  const a = JSON.stringify(actual.map(normal));
  const e = JSON.stringify(expected.map(normal));
  return a === e ? { kind: 'same' } : { kind: 'difference', detail: `reader ${a}\nsaxes  ${e}` };
}

/** Rows in a comparable form (sparse arrays and -0 made explicit). */
function normal(row: SheetRow) {
  return {
    number: row.number,
    values: [...row.values.entries()].filter(([, v]) => v !== undefined).map(([c, v]) => [c, Object.is(v, -0) ? '-0' : v]),
    formulaColumns: row.formulaColumns,
  };
}
