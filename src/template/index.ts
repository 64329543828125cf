export {
  buildTemplate,
  writeTemplate,
  SHEET_NAMES,
  CODEBOOK_COLUMNS,
  FRAMEWORK_COLUMNS,
  TARGET_COLUMNS,
  PLAN_COLUMNS,
  UNIT_FIELDS,
  type TemplateOptions,
  type TemplateUnit,
} from './writeTemplate.js';
export { RESPONSE_FIXED_COLUMNS, TEMPLATE_ROWS } from './responsesSheet.js';
export { answerValues, specialCodes, allowedCodes, optionLines } from './answerOptions.js';
export { saveWorkbook, workbookBuffer, stampWorkbook } from '../writer/stableXlsx.js';
export { writeCommittedTemplates, committedTemplateName, COMMITTED_TEMPLATE_FRAMEWORKS } from './committed.js';
