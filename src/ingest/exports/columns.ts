/**
 * Which column of an ODK Central or KoboToolbox export is what (contract.md):
 * a column whose last path segment is an item code is that item; ODK Central
 * joins group paths with `-` (`dim_1-d1a_01`), Kobo's XML headers with `/`
 * (`dim_1/d1a_01`). Item codes contain neither, so the last segment after
 * either is the field's own name.
 */
import { RESPONDENT_COLUMNS } from '../responses.js';

/** Respondent id columns, most specific first: Kobo's `_uuid`, then ODK's `meta-instanceID`. */
export const ID_COLUMNS = ['_uuid', 'meta-instanceid', 'meta/instanceid'] as const;

export type ColumnRole = { kind: 'item'; code: string } | { kind: 'respondent'; code: string } | { kind: 'year' } | { kind: 'ignored' };

export const lastSegment = (header: string): string => header.split(/[/-]/).pop()!;

export interface ExportColumns {
  /** 1-based column → the template column code it stands for (an item code, respondent_id, unit_code…). */
  codes: Map<number, string>;
  idColumn: number | undefined;
  yearColumn: number | undefined;
}

/** Maps an export's header row (lower-cased texts by 1-based column) onto template column codes. */
export function mapExportColumns(header: ReadonlyMap<number, string>, itemCodes: ReadonlySet<string>): ExportColumns {
  const codes = new Map<number, string>();
  let idColumn: number | undefined;
  let idRank: number = ID_COLUMNS.length;
  let yearColumn: number | undefined;
  for (const [col, text] of header) {
    const rank = (ID_COLUMNS as readonly string[]).indexOf(text);
    if (rank >= 0) {
      if (rank < idRank) [idColumn, idRank] = [col, rank];
      continue;
    }
    const name = lastSegment(text);
    if (itemCodes.has(name)) codes.set(col, name);
    else if (name === 'year') yearColumn ??= col;
    // The template's own respondent columns (unit_code, weight…), wherever the form grouped them;
    // respondent_id only from the id columns above, so a form field cannot pose as the id.
    else if (name !== 'respondent_id' && (RESPONDENT_COLUMNS as readonly string[]).includes(name)) codes.set(col, name);
  }
  if (idColumn !== undefined) codes.set(idColumn, 'respondent_id');
  return { codes, idColumn, yearColumn };
}
