/**
 * The workbook contract (contract.md "The template workbook"): sheet names and
 * the codes of row 1, in one place. The template writer, ingest and the
 * workbench import them from here, so a renamed or added column is changed once.
 * Labels (Vietnamese/English) are not contract: they live with the template.
 */

/** The sheets of the template, in tab order. */
export const SHEET_NAMES = ['Guide', 'Unit', 'Responses', 'Codebook', 'Framework', 'Targets', 'Plan', 'Questionnaire'] as const;
export type SheetName = (typeof SHEET_NAMES)[number];

/** Sheet names by role, so code says `SHEET.responses` rather than repeating the string. */
export const SHEET = {
  guide: 'Guide',
  unit: 'Unit',
  responses: 'Responses',
  codebook: 'Codebook',
  framework: 'Framework',
  targets: 'Targets',
  plan: 'Plan',
  questionnaire: 'Questionnaire',
} as const satisfies Record<string, SheetName>;

/** Unit sheet: row 1 holds these two codes; each later row is one field. */
export const UNIT_COLUMNS = ['field', 'value'] as const;
/** The fields of the Unit sheet's `field` column. */
export const UNIT_FIELDS = ['province', 'district', 'unit', 'unit_code', 'year', 'framework'] as const;

/** Codebook columns in template order; the first group is required by ingest. */
export const CODEBOOK_COLUMNS = ['code', 'subdimension', 'type', 'min', 'max', 'direction', 'missing', 'zero', 'weight', 'text_vi', 'text_en', 'relevant'] as const;
export const CODEBOOK_REQUIRED = ['code', 'subdimension', 'type', 'direction'] as const;

export const FRAMEWORK_COLUMNS = ['code', 'parent', 'name_vi', 'name_en'] as const;
export const TARGET_COLUMNS = ['level', 'target'] as const;
export const PLAN_COLUMNS = ['level', 'task', 'responsible', 'coordinating', 'timing'] as const;
export const PLAN_REQUIRED = ['level', 'task'] as const;

/** Responses columns that are not items, in template order; `respondent_id` is required. */
export const RESPONDENT_COLUMNS = ['respondent_id', 'unit_code', 'unit', 'gender', 'age', 'ethnicity', 'weight'] as const;
export type RespondentColumn = (typeof RESPONDENT_COLUMNS)[number];

/** The sheets ingest cannot score without. */
export const REQUIRED_SHEETS = [SHEET.unit, SHEET.responses, SHEET.codebook, SHEET.framework] as const;
