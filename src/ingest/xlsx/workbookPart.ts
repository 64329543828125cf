import { reason } from '../../diagnostics/reasons.js';
import { corrupt } from './errors.js';
import { findWorkbookPart, isRelationshipType, prefixOf, readRelationships, RELATIONSHIPS, unprefixedText } from './package.js';
import { attribute, refuseDoctype } from './xmlText.js';
import type { ZipArchive } from './zip.js';

export interface SheetEntry {
  name: string;
  /** Zip path of the sheet part, e.g. xl/worksheets/sheet1.xml. */
  path: string;
  hidden: boolean;
}

export interface WorkbookPart {
  /** The workbook part's name (xl/workbook.xml for every common writer). */
  part: string;
  sheets: SheetEntry[];
  /** Dates count days from 1904-01-01 (old Mac workbooks) instead of 1899-12-30. */
  date1904: boolean;
  /** The shared strings and styles parts, found by relationship type; undefined when the workbook has none. */
  sharedStrings?: string;
  styles?: string;
}

/**
 * The workbook part and its relationships: sheet names in tab order, their
 * parts and visibility, and where the shared strings and styles are. The
 * workbook is found through _rels/.rels, each part through the workbook's own
 * relationships (package.ts).
 */
export async function readWorkbookPart(zip: ZipArchive): Promise<WorkbookPart> {
  const part = await findWorkbookPart(zip);
  const raw = await zip.text(part);
  refuseDoctype(raw, part);
  const { text: xml, root } = unprefixedText(raw, part);
  const rels = await readRelationships(zip, part);
  const targets = new Map(rels.filter((r) => !r.external).map((r) => [r.id, r.target]));
  // r:id is in the relationships namespace, whatever its prefix (r:, relationships:, ns1:).
  const relPrefix = prefixOf(root, RELATIONSHIPS);

  const sheets: SheetEntry[] = [];
  for (const [tag] of xml.matchAll(/<sheet\b[^>]*>/g)) {
    const name = attribute(tag, 'name');
    const id = relPrefix ? attribute(tag, `${relPrefix}:id`) : undefined;
    if (name === undefined || id === undefined) throw corrupt(part, reason('sheet-unnamed'));
    const path = targets.get(id);
    if (!path) throw corrupt(part, reason('sheet-no-part', { name }));
    if (!zip.has(path)) throw corrupt(part, reason('sheet-part-missing', { name, path }));
    const state = attribute(tag, 'state');
    sheets.push({ name, path, hidden: state === 'hidden' || state === 'veryHidden' });
  }
  const pr = /<workbookPr\b[^>]*>/.exec(xml)?.[0];
  const flag = pr ? attribute(pr, 'date1904') : undefined;
  const byType = (kind: string) => rels.find((r) => !r.external && isRelationshipType(r.type, kind) && zip.has(r.target))?.target;
  return { part, sheets, date1904: flag === '1' || flag === 'true', sharedStrings: byType('sharedStrings'), styles: byType('styles') };
}
