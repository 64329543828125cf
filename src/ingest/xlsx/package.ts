import { reason } from '../../diagnostics/reasons.js';
import { allocBytes } from './bytes.js';
import { corrupt, doctype } from './errors.js';
import { attribute, decodeEntities, refuseDoctype } from './xmlText.js';
import type { ZipArchive } from './zip.js';

/**
 * Finding a workbook's parts the way the standard says (ECMA-376 Part 2, OPC):
 * the package relationships (_rels/.rels) name the office document, whose own
 * relationships name its sheets, shared strings and styles; targets resolve
 * against the folder of the part that holds them. Both vocabularies are known:
 * Transitional (what Excel writes) and Strict (Excel's "Strict Open XML").
 * And the element prefix: SpreadsheetML may be the default namespace (Excel)
 * or bound to a prefix (`<x:c>`, as the .NET Open XML SDK writes; `ns0:`, as
 * Python's ElementTree writes).
 */

export const SPREADSHEETML = new Set(['http://schemas.openxmlformats.org/spreadsheetml/2006/main', 'http://purl.oclc.org/ooxml/spreadsheetml/main']);
export const RELATIONSHIPS = new Set(['http://schemas.openxmlformats.org/officeDocument/2006/relationships', 'http://purl.oclc.org/ooxml/officeDocument/relationships']);

/** Relationship type `kind` in either vocabulary. */
export function isRelationshipType(type: string | undefined, kind: string): boolean {
  if (!type) return false;
  const slash = type.lastIndexOf('/');
  return type.slice(slash + 1) === kind && RELATIONSHIPS.has(type.slice(0, slash));
}

export interface Relationship {
  id: string;
  type: string;
  /** The target part's name, resolved (no leading slash), or the raw target when external. */
  target: string;
  external: boolean;
}

/** "xl/workbook.xml" → "xl/_rels/workbook.xml.rels"; "" (the package) → "_rels/.rels". */
export function relsPartOf(part: string): string {
  const slash = part.lastIndexOf('/');
  return `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
}

/** A relationship target resolved against the folder of the part holding it (RFC 3986 with OPC's rules). */
export function resolveTarget(sourcePart: string, target: string): string {
  const path = target.split(/[?#]/)[0];
  const parts = path.startsWith('/') ? [] : sourcePart.split('/').slice(0, -1);
  for (const piece of path.split('/')) {
    if (piece === '..') parts.pop();
    else if (piece !== '.' && piece !== '') parts.push(piece);
  }
  return parts.map((p) => safeDecode(p)).join('/');
}

function safeDecode(piece: string): string {
  try {
    return decodeURIComponent(piece);
  } catch {
    return piece;
  }
}

/** The relationships of `part` ('' for the package itself); none when it has no .rels part. */
export async function readRelationships(zip: ZipArchive, part: string): Promise<Relationship[]> {
  const name = relsPartOf(part);
  if (!zip.has(name)) return [];
  const xml = await zip.text(name);
  refuseDoctype(xml, name);
  const out: Relationship[] = [];
  for (const [tag] of xml.matchAll(/<(?:[A-Za-z_][\w.-]*:)?Relationship\b[^>]*>/g)) {
    const id = attribute(tag, 'Id');
    const target = attribute(tag, 'Target');
    const type = attribute(tag, 'Type') ?? '';
    if (!id || target === undefined) continue;
    const external = attribute(tag, 'TargetMode') === 'External';
    out.push({ id, type, target: external ? target : resolveTarget(part, target), external });
  }
  return out;
}

/**
 * The workbook part: the package's officeDocument relationship (either
 * vocabulary). A package without _rels/.rels (some hand-made zips) falls back
 * to xl/workbook.xml, where every writer puts it.
 */
export async function findWorkbookPart(zip: ZipArchive): Promise<string> {
  const rels = await readRelationships(zip, '');
  const office = rels.find((r) => !r.external && isRelationshipType(r.type, 'officeDocument'));
  if (office) {
    if (!zip.has(office.target)) throw corrupt('_rels/.rels', reason('rels-part-missing', { target: office.target }));
    return office.target;
  }
  if (zip.has('xl/workbook.xml')) return 'xl/workbook.xml';
  throw corrupt('_rels/.rels', reason('rels-no-workbook'));
}

/** What a zip holds, judged from its part names: an OOXML package, an OpenDocument file, or other files. */
export type PackageKind = 'ooxml' | 'opendocument' | 'other';

export function packageKind(names: Iterable<string>): PackageKind {
  const lower = new Set([...names].map((n) => n.toLowerCase()));
  if (lower.has('[content_types].xml') || lower.has('_rels/.rels') || lower.has('xl/workbook.xml')) return 'ooxml';
  if (lower.has('mimetype') || (lower.has('content.xml') && lower.has('meta-inf/manifest.xml'))) return 'opendocument';
  return 'other';
}

/** Namespace declarations of a part's root element. */
export interface RootElement {
  /** The root's qualified name as written, e.g. "x:worksheet". */
  name: string;
  /** prefix ('' for the default namespace) → namespace URI. */
  namespaces: Map<string, string>;
}

/** The root element's start tag in `text` (after the declaration, comments and processing instructions); null when it is not there yet. */
export function rootElement(text: string, part: string): RootElement | null {
  let i = 0;
  for (;;) {
    const lt = text.indexOf('<', i);
    if (lt < 0) return null;
    const c = text.charCodeAt(lt + 1);
    if (c === 63 /* ? */ || c === 33 /* ! */) {
      if (/^<!(DOCTYPE|ENTITY)/i.test(text.slice(lt, lt + 9))) throw doctype(part);
      const end = text.startsWith('<!--', lt) ? text.indexOf('-->', lt) : text.indexOf('>', lt);
      if (end < 0) return null;
      i = end + 1;
      continue;
    }
    const gt = tagEnd(text, lt);
    if (gt < 0) return null;
    const tag = text.slice(lt, gt + 1);
    const name = /^<([^\s/>]+)/.exec(tag)?.[1] ?? '';
    const namespaces = new Map<string, string>();
    for (const m of tag.matchAll(/\sxmlns(?::([^\s=]+))?\s*=\s*("([^"]*)"|'([^']*)')/g)) namespaces.set(m[1] ?? '', decodeEntities(m[3] ?? m[4] ?? ''));
    return { name, namespaces };
  }
}

/** The '>' ending the start tag at lt, outside quoted attribute values; -1 when the text ends first. */
function tagEnd(text: string, lt: number): number {
  let quote = 0;
  for (let i = lt + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (quote) {
      if (c === quote) quote = 0;
    } else if (c === 34 || c === 39) quote = c;
    else if (c === 62) return i;
  }
  return -1;
}

/** The prefix bound to one of `uris` on the root: '' when it is the default namespace, undefined when unbound. */
export function prefixOf(root: RootElement, uris: Set<string>): string | undefined {
  if (uris.has(root.namespaces.get('') ?? '')) return '';
  for (const [prefix, uri] of root.namespaces) if (prefix && uris.has(uri)) return prefix;
  return undefined;
}

/** Text of a small part with the SpreadsheetML prefix taken off its element names (`<x:sheet` → `<sheet`). */
export function unprefixedText(text: string, part: string): { text: string; root: RootElement } {
  const root = rootElement(text, part);
  if (!root) throw corrupt(part, reason('xml-no-root'));
  const prefix = prefixOf(root, SPREADSHEETML);
  if (!prefix) return { text, root };
  return { text: text.replaceAll(`<${prefix}:`, '<').replaceAll(`</${prefix}:`, '</'), root };
}

/** How far into a part its root start tag must be found (after comments); Excel's is within the first 100 bytes. */
const ROOT_WITHIN = 16 * 1024 * 1024;

/**
 * A part's inflated chunks with the SpreadsheetML prefix taken off element
 * names, so the byte scanners see `<c` and `</row>` whatever the writer chose.
 * When SpreadsheetML is the default namespace (Excel, LibreOffice, openpyxl),
 * the chunks pass through untouched after the root tag is read: the fast path
 * costs one look at the first bytes. (Inside CDATA a `<x:` would be rewritten
 * too; no writer puts markup-like text in a cell's CDATA with that prefix.)
 */
export async function* unprefixedChunks(chunks: AsyncIterable<Uint8Array>, part: string): AsyncGenerator<Uint8Array> {
  const held: Uint8Array[] = [];
  let heldBytes = 0;
  let prefix: Uint8Array | null | undefined; // undefined: not known yet; null: nothing to rewrite
  let carry: Uint8Array = new Uint8Array(0);
  for await (const chunk of chunks) {
    if (prefix === undefined) {
      held.push(chunk);
      heldBytes += chunk.length;
      // The root tag is near the start: look at the first 64 KB, and further only when it is not there (comments first).
      let root = rootElement(new TextDecoder().decode(concat(held, Math.min(heldBytes, 64 * 1024))), part);
      if (!root && heldBytes > 64 * 1024) root = rootElement(new TextDecoder().decode(concat(held, Math.min(heldBytes, ROOT_WITHIN))), part);
      if (!root) {
        if (heldBytes < ROOT_WITHIN) continue;
        throw corrupt(part, reason('xml-root-late'));
      }
      const p = prefixOf(root, SPREADSHEETML);
      prefix = p ? new TextEncoder().encode(p + ':') : null;
      const first = held.length === 1 ? held[0] : concat(held, heldBytes);
      held.length = 0;
      if (prefix === null) {
        yield first;
        continue;
      }
      const [out, rest] = rewrite(first, prefix);
      carry = rest;
      yield out;
      continue;
    }
    if (prefix === null) {
      yield chunk;
      continue;
    }
    const joined = carry.length ? concat([carry, chunk], carry.length + chunk.length) : chunk;
    const [out, rest] = rewrite(joined, prefix);
    carry = rest;
    yield out;
  }
  if (prefix === undefined && held.length) yield concat(held, heldBytes); // a part too short to have a root: the scanner reports it
  else if (carry.length) yield carry;
}

function concat(parts: Uint8Array[], size: number): Uint8Array {
  const out = allocBytes(size);
  let at = 0;
  for (const p of parts) {
    if (at >= size) break;
    const piece = p.subarray(0, size - at);
    out.set(piece, at);
    at += piece.length;
  }
  return out;
}

/**
 * Drops `prefix` (e.g. "x:") after every `<` and `</` of b. Returns the rewritten
 * bytes and a tail held back because it might be the start of a prefix the next
 * chunk completes.
 */
function rewrite(b: Uint8Array, prefix: Uint8Array): [Uint8Array, Uint8Array] {
  const out = allocBytes(b.length);
  const m = prefix.length;
  let o = 0;
  let i = 0;
  // Hold back from the last '<' when the bytes after it cannot yet tell.
  let stop = b.length;
  const last = b.lastIndexOf(60);
  if (last >= 0 && b.length - last <= m + 1) stop = last;
  while (i < stop) {
    const lt = b.indexOf(60, i);
    if (lt < 0 || lt >= stop) {
      out.set(b.subarray(i, stop), o);
      o += stop - i;
      i = stop;
      break;
    }
    out.set(b.subarray(i, lt + 1), o);
    o += lt + 1 - i;
    let k = lt + 1;
    if (b[k] === 47 /* / */) {
      out[o++] = 47;
      k++;
    }
    let match = true;
    for (let j = 0; j < m; j++)
      if (b[k + j] !== prefix[j]) {
        match = false;
        break;
      }
    i = match ? k + m : k;
  }
  return [out.subarray(0, o), b.subarray(stop)];
}
