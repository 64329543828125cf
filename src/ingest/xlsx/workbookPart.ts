import { corrupt } from './errors.js';
import { attribute, refuseDoctype } from './xmlText.js';
import type { ZipArchive } from './zip.js';

export interface SheetEntry {
  name: string;
  /** Zip path of the sheet part, e.g. xl/worksheets/sheet1.xml. */
  path: string;
  hidden: boolean;
}

export interface WorkbookPart {
  sheets: SheetEntry[];
  /** Dates count days from 1904-01-01 (old Mac workbooks) instead of 1899-12-30. */
  date1904: boolean;
}

/** Resolves a relationship target against xl/ (targets are relative to the workbook part, or absolute). */
function resolveTarget(target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = ['xl'];
  for (const piece of target.split('/')) {
    if (piece === '..') parts.pop();
    else if (piece !== '.' && piece !== '') parts.push(piece);
  }
  return parts.join('/');
}

/** xl/workbook.xml + its relationships: sheet names in tab order, their parts and visibility. */
export async function readWorkbookPart(zip: ZipArchive): Promise<WorkbookPart> {
  const xml = await zip.text('xl/workbook.xml');
  refuseDoctype(xml, 'xl/workbook.xml');
  const relsName = 'xl/_rels/workbook.xml.rels';
  const rels = zip.has(relsName) ? await zip.text(relsName) : '';
  refuseDoctype(rels, relsName);

  const targets = new Map<string, string>();
  for (const [tag] of rels.matchAll(/<(?:\w+:)?Relationship\b[^>]*>/g)) {
    const id = attribute(tag, 'Id');
    const target = attribute(tag, 'Target');
    if (id && target && attribute(tag, 'TargetMode') !== 'External') targets.set(id, resolveTarget(target));
  }

  const sheets: SheetEntry[] = [];
  for (const [tag] of xml.matchAll(/<(?:\w+:)?sheet\b[^>]*>/g)) {
    const name = attribute(tag, 'name');
    const id = attribute(tag, 'r:id') ?? attribute(tag, 'id');
    if (name === undefined || id === undefined) throw corrupt('xl/workbook.xml', 'a sheet without a name or relationship');
    const path = targets.get(id);
    if (!path) throw corrupt('xl/workbook.xml', `sheet ${name} points to no part`);
    const state = attribute(tag, 'state');
    sheets.push({ name, path, hidden: state === 'hidden' || state === 'veryHidden' });
  }
  const pr = /<(?:\w+:)?workbookPr\b[^>]*>/.exec(xml)?.[0];
  const flag = pr ? attribute(pr, 'date1904') : undefined;
  return { sheets, date1904: flag === '1' || flag === 'true' };
}
