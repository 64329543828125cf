import type ExcelJS from 'exceljs';
import { Workbook } from './workbookClass.js';
import type { Writable } from 'node:stream';
import type { Framework, PlanTask, Target } from '../framework/schema.js';
import { addGuideSheet } from './guide.js';
import { a4PageSetup, writeHeaderRow } from './layout.js';
import { addQuestionnaireSheet } from './questionnaire.js';
import { TEMPLATE_ROWS, addResponsesSheet } from './responsesSheet.js';
import { saveWorkbook, stampWorkbook } from './stableXlsx.js';

/** The template workbook of contract.md: sheet names and row-1 codes are fixed. */

export interface TemplateUnit {
  province: string;
  district: string;
  name: string;
  code: string;
  year: number;
}

export interface TemplateOptions {
  unit?: TemplateUnit;
  targets?: Target[];
  plan?: PlanTask[];
  /** Rows of the Responses sheet carrying input validation (default 1000). */
  respondents?: number;
}

export const SHEET_NAMES = ['Guide', 'Unit', 'Responses', 'Codebook', 'Framework', 'Targets', 'Plan', 'Questionnaire'] as const;

export const CODEBOOK_COLUMNS = ['code', 'subdimension', 'type', 'min', 'max', 'direction', 'missing', 'zero', 'weight', 'text_vi', 'text_en'] as const;
export const FRAMEWORK_COLUMNS = ['code', 'parent', 'name_vi', 'name_en'] as const;
export const TARGET_COLUMNS = ['level', 'target'] as const;
export const PLAN_COLUMNS = ['level', 'task', 'responsible', 'coordinating', 'timing'] as const;
export const UNIT_FIELDS = ['province', 'district', 'unit', 'unit_code', 'year', 'framework'] as const;

const UNIT_LABELS: Record<(typeof UNIT_FIELDS)[number], string> = {
  province: 'Tỉnh/thành phố\nProvince',
  district: 'Quận/huyện/thị xã\nDistrict',
  unit: 'Xã/phường/thị trấn\nCommune/ward',
  unit_code: 'Mã đơn vị (duy nhất, giữ nguyên giữa các năm)\nUnit code (unique, kept across years)',
  year: 'Năm khảo sát\nSurvey year',
  framework: 'Phiên bản khung chỉ số (không sửa)\nFramework version (do not edit)',
};

function addUnitSheet(workbook: ExcelJS.Workbook, framework: Framework, unit?: TemplateUnit): void {
  const sheet = workbook.addWorksheet('Unit', { pageSetup: a4PageSetup('portrait') });
  writeHeaderRow(sheet, [
    { code: 'field', note: 'Trường thông tin\nField', width: 14 },
    { code: 'value', note: 'Giá trị\nValue', width: 36 },
  ]);
  const values: Record<(typeof UNIT_FIELDS)[number], string | number> = {
    province: unit?.province ?? '',
    district: unit?.district ?? '',
    unit: unit?.name ?? '',
    unit_code: unit?.code ?? '',
    year: unit?.year ? unit.year : '',
    framework: framework.id,
  };
  UNIT_FIELDS.forEach((field, i) => {
    const row = sheet.getRow(i + 2);
    row.getCell(1).value = field;
    row.getCell(1).note = UNIT_LABELS[field];
    const value = values[field];
    // Text, so Excel keeps a code's leading zeros (06268) as typed.
    if (field === 'unit_code') row.getCell(2).numFmt = '@';
    if (value !== '') row.getCell(2).value = value;
  });
}

function addCodebookSheet(workbook: ExcelJS.Workbook, framework: Framework): void {
  const sheet = workbook.addWorksheet('Codebook', {
    views: [{ state: 'frozen', xSplit: 1, ySplit: 1 }],
    pageSetup: { ...a4PageSetup('landscape'), printTitlesRow: '1:1' },
  });
  const notes: Record<(typeof CODEBOOK_COLUMNS)[number], [string, number]> = {
    code: ['Mã câu hỏi = tên cột trong Responses\nItem code = column in Responses', 12],
    subdimension: ['Chỉ số thành phần\nSub-dimension', 8],
    type: ['binary | scale | number', 8],
    min: ['Giá trị nhỏ nhất\nMinimum', 6],
    max: ['Giá trị lớn nhất\nMaximum', 6],
    direction: ['+ cao là tốt, - thấp là tốt\n+ higher is better, - lower is better', 6],
    missing: ['Mã thiếu, cách nhau bởi dấu phẩy ("9,98")\nMissing codes, comma-separated', 9],
    zero: ['Mã tính là 0 điểm\nCodes scored as 0', 7],
    weight: ['Trọng số câu hỏi; trống = 1\nItem weight; blank = 1', 7],
    text_vi: ['Câu hỏi (tiếng Việt)\nQuestion (Vietnamese)', 60],
    text_en: ['Câu hỏi (tiếng Anh)\nQuestion (English)', 60],
  };
  writeHeaderRow(sheet, CODEBOOK_COLUMNS.map((code) => ({ code, note: notes[code][0], width: notes[code][1] })));
  framework.items.forEach((item, i) => {
    sheet.getRow(i + 2).values = [
      item.code,
      item.subdimension,
      item.type,
      item.min,
      item.max,
      item.direction,
      item.missing.join(','),
      item.zero.join(','),
      item.weight,
      item.textVi,
      item.textEn,
    ].map((v) => (v === '' ? null : v));
  });
}

function addFrameworkSheet(workbook: ExcelJS.Workbook, framework: Framework): void {
  const sheet = workbook.addWorksheet('Framework', {
    views: [{ state: 'frozen', ySplit: 1 }],
    pageSetup: { ...a4PageSetup('portrait'), printTitlesRow: '1:1' },
  });
  writeHeaderRow(sheet, [
    { code: 'code', note: 'Mã chỉ số (1..8) hoặc chỉ số thành phần (1a..)\nDimension (1..8) or sub-dimension (1a..) code', width: 7 },
    { code: 'parent', note: 'Chỉ số nội dung chứa chỉ số thành phần; trống với chỉ số nội dung\nDimension of a sub-dimension; empty for a dimension', width: 7 },
    { code: 'name_vi', note: 'Tên tiếng Việt\nVietnamese name', width: 60 },
    { code: 'name_en', note: 'Tên tiếng Anh\nEnglish name', width: 50 },
  ]);
  let r = 2;
  for (const d of framework.dimensions) {
    const row = sheet.getRow(r++);
    row.values = [d.code, null, d.nameVi, d.nameEn];
    row.font = { bold: true };
  }
  for (const s of framework.subdimensions) sheet.getRow(r++).values = [s.code, s.dimension, s.nameVi, s.nameEn];
}

function addTargetsSheet(workbook: ExcelJS.Workbook, targets: Target[]): void {
  const sheet = workbook.addWorksheet('Targets', { pageSetup: a4PageSetup('portrait') });
  writeHeaderRow(sheet, [
    { code: 'level', note: 'total, mã chỉ số (4) hoặc chỉ số thành phần (4a); nhiều mã: "7b,7c"\ntotal, a dimension (4) or sub-dimension (4a) code; several: "7b,7c"', width: 12 },
    { code: 'target', note: 'Chỉ tiêu điểm, theo thang của chính chỉ số đó ("6,00")\nTarget score on that score\'s own scale ("6,00")', width: 10 },
  ]);
  targets.forEach((t, i) => {
    const row = sheet.getRow(i + 2);
    row.getCell(1).value = t.levels.join(',');
    row.getCell(2).value = t.target;
    row.getCell(2).numFmt = '0.00';
  });
}

function addPlanSheet(workbook: ExcelJS.Workbook, plan: PlanTask[]): void {
  const sheet = workbook.addWorksheet('Plan', {
    views: [{ state: 'frozen', ySplit: 1 }],
    pageSetup: { ...a4PageSetup('landscape'), printTitlesRow: '1:1' },
  });
  writeHeaderRow(sheet, [
    { code: 'level', note: 'Chỉ số / chỉ số thành phần ("4", "4a", "7b,7c")\nDimension / sub-dimension', width: 9 },
    { code: 'task', note: 'Nhiệm vụ, giải pháp\nTask', width: 70 },
    { code: 'responsible', note: 'Đơn vị chủ trì\nResponsible unit', width: 26 },
    { code: 'coordinating', note: 'Đơn vị phối hợp\nCoordinating units', width: 26 },
    { code: 'timing', note: 'Thời gian thực hiện\nTiming', width: 16 },
  ]);
  plan.forEach((t, i) => {
    const row = sheet.getRow(i + 2);
    // Plain strings: a task starting with "=" stays text, never a formula.
    [t.levels.join(','), t.task, t.responsible, t.coordinating, t.timing].forEach((v, c) => {
      if (v !== '') row.getCell(c + 1).value = String(v);
    });
    row.alignment = { wrapText: true, vertical: 'top' };
  });
}

export function buildTemplate(framework: Framework, options: TemplateOptions = {}): ExcelJS.Workbook {
  const workbook = new Workbook();
  stampWorkbook(workbook, options.unit?.year);
  workbook.title = `chiso ${framework.id}${options.unit ? ` — ${options.unit.name} ${options.unit.year}` : ''}`;
  addGuideSheet(workbook, framework);
  addUnitSheet(workbook, framework, options.unit);
  addResponsesSheet(workbook, framework, options.respondents ?? TEMPLATE_ROWS);
  addCodebookSheet(workbook, framework);
  addFrameworkSheet(workbook, framework);
  addTargetsSheet(workbook, options.targets ?? []);
  addPlanSheet(workbook, options.plan ?? []);
  addQuestionnaireSheet(workbook, framework, options.unit);
  return workbook;
}

/** Builds the template and writes it, byte-stable, to a path or a stream. */
export async function writeTemplate(
  framework: Framework,
  output: string | Writable,
  options: TemplateOptions = {},
): Promise<void> {
  await saveWorkbook(buildTemplate(framework, options), output);
}
