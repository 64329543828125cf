import type ExcelJS from 'exceljs';
import { Workbook } from './workbookClass.js';
import type { Writable } from 'node:stream';
import type { Framework, PlanTask, Target } from '../framework/schema.js';
import { addGuideSheet } from './guide.js';
import { a4PageSetup, solidFill, writeHeaderRow } from './layout.js';
import { addQuestionnaireSheet } from './questionnaire.js';
import { TEMPLATE_ROWS, addResponsesSheet, sheetValidations } from './responsesSheet.js';
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
  /** Language of the printed Questionnaire sheet (default Vietnamese; `chiso template --lang en`). */
  questionnaireLang?: 'vi' | 'en';
}

export const SHEET_NAMES = ['Guide', 'Unit', 'Responses', 'Codebook', 'Framework', 'Targets', 'Plan', 'Questionnaire'] as const;

export const CODEBOOK_COLUMNS = ['code', 'subdimension', 'type', 'min', 'max', 'direction', 'missing', 'zero', 'weight', 'text_vi', 'text_en', 'relevant'] as const;
export const FRAMEWORK_COLUMNS = ['code', 'parent', 'name_vi', 'name_en'] as const;
export const TARGET_COLUMNS = ['level', 'target'] as const;
export const PLAN_COLUMNS = ['level', 'task', 'responsible', 'coordinating', 'timing'] as const;
export const UNIT_FIELDS = ['province', 'district', 'unit', 'unit_code', 'year', 'framework'] as const;

const UNIT_LABELS: Record<(typeof UNIT_FIELDS)[number], [vi: string, en: string]> = {
  province: ['Tỉnh/thành phố', 'Province'],
  district: ['Quận/huyện/thị xã (để trống từ năm 2025)', 'District (blank from 2025)'],
  unit: ['Xã/phường/thị trấn', 'Commune/ward'],
  unit_code: ['Mã đơn vị (giữ nguyên qua các năm)', 'Unit code (kept across years)'],
  year: ['Năm khảo sát', 'Survey year'],
  framework: ['Phiên bản bảng hỏi (không sửa)', 'Questionnaire version (do not edit)'],
};

/** Grey italic: a label beside the data, for people, never read by chiso (its row-1 cell is empty). */
const LABEL_FONT: Partial<ExcelJS.Font> = { italic: true, color: { argb: 'FF595959' } };

/** Rows of Targets and Plan that carry an input prompt in a blank template. */
const PLAN_ROWS = 200;

/** An input message on a column (what a cell is for), shown when it is selected in Excel and LibreOffice. */
function inputPrompt(sheet: ExcelJS.Worksheet, range: string, title: string, prompt: string): void {
  sheetValidations(sheet).add(range, { type: 'custom', allowBlank: true, formulae: ['TRUE'], showInputMessage: true, promptTitle: title.slice(0, 32), prompt: prompt.slice(0, 255) });
}

/**
 * The codes a level may name, with their Vietnamese names and scales, to the right
 * of the data (from row 2; row 1 stays the sheet's codes). chiso reads only the
 * coded columns, and a row whose coded cells are all empty is skipped.
 */
function addLevelLegend(sheet: ExcelJS.Worksheet, framework: Framework, column: number): void {
  const k = (dimension: string) => framework.subdimensions.filter((s) => s.dimension === dimension).length;
  const points = (x: number) => (Math.round(x * 100) / 100).toFixed(2).replace('.', ',');
  const rows: Array<[string, string]> = [
    ['Mã', 'Chỉ số (thang điểm)'],
    ['total', `Tổng điểm (${framework.dimensions.length}–${10 * framework.dimensions.length} điểm)`],
  ];
  for (const d of framework.dimensions) {
    rows.push([d.code, `Chỉ số nội dung ${d.code}. ${d.nameVi} (1–10 điểm)`]);
    for (const s of framework.subdimensions.filter((x) => x.dimension === d.code))
      rows.push([s.code, `   ${s.code}. ${s.nameVi} (${points(1 / k(d.code))}–${points(10 / k(d.code))} điểm)`]);
  }
  sheet.getColumn(column).width = 7;
  sheet.getColumn(column + 1).width = 70;
  rows.forEach(([code, name], i) => {
    const row = sheet.getRow(i + 2);
    row.getCell(column).value = code;
    row.getCell(column + 1).value = name;
    for (const c of [column, column + 1]) {
      row.getCell(c).font = i === 0 ? { ...LABEL_FONT, bold: true } : LABEL_FONT;
      row.getCell(c).fill = solidFill('FFF2F2F2');
    }
  });
}

function levelName(framework: Framework, level: string): string {
  if (level === 'total') return 'Tổng điểm';
  const d = framework.dimensions.find((x) => x.code === level);
  if (d) return `Chỉ số nội dung ${d.code}. ${d.nameVi}`;
  const s = framework.subdimensions.find((x) => x.code === level);
  return s ? `${s.code}. ${s.nameVi}` : '';
}

function addUnitSheet(workbook: ExcelJS.Workbook, framework: Framework, unit?: TemplateUnit): void {
  const sheet = workbook.addWorksheet('Unit', { pageSetup: a4PageSetup('portrait') });
  writeHeaderRow(sheet, [
    { code: 'field', note: 'Trường thông tin\nField', width: 14 },
    { code: 'value', note: 'Giá trị\nValue', width: 36 },
  ]);
  sheet.getColumn(3).width = 44;
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
    const [vi, en] = UNIT_LABELS[field];
    row.getCell(1).value = field;
    row.getCell(1).note = `${vi}\n${en}`;
    const value = values[field];
    if (value !== '') row.getCell(2).value = value;
    // The visible label, beside the value (column C has no code in row 1, so chiso ignores it).
    row.getCell(3).value = vi;
    row.getCell(3).font = LABEL_FONT;
    inputPrompt(sheet, `B${i + 2}`, vi, `${vi}\n${en}`);
  });
}

function addCodebookSheet(workbook: ExcelJS.Workbook, framework: Framework): void {
  const sheet = workbook.addWorksheet('Codebook', {
    views: [{ state: 'frozen', xSplit: 1, ySplit: 1 }],
    pageSetup: { ...a4PageSetup('landscape'), printTitlesRow: '1:1' },
  });
  const notes: Record<(typeof CODEBOOK_COLUMNS)[number], [string, number]> = {
    code: ['Mã câu hỏi = tên cột trong Responses\nItem code = column in Responses', 12],
    subdimension: ['Chỉ số thành phần; để trống = câu hỏi sàng lọc (hỏi, không tính điểm)\nSub-dimension; empty = filter question (asked, not scored)', 8],
    type: ['binary | scale | number', 8],
    min: ['Giá trị nhỏ nhất\nMinimum', 6],
    max: ['Giá trị lớn nhất\nMaximum', 6],
    direction: ['+ cao là tốt, - thấp là tốt\n+ higher is better, - lower is better', 6],
    missing: ['Mã thiếu, cách nhau bởi dấu phẩy ("9,98")\nMissing codes, comma-separated', 9],
    zero: ['Mã tính là 0 điểm\nCodes scored as 0', 7],
    weight: ['Trọng số câu hỏi; trống = 1\nItem weight; blank = 1', 7],
    text_vi: ['Câu hỏi (tiếng Việt)\nQuestion (Vietnamese)', 60],
    text_en: ['Câu hỏi (tiếng Anh)\nQuestion (English)', 60],
    relevant: ['Điều kiện hỏi (cú pháp XLSForm), ví dụ ${d5a_00} = 1: chỉ hỏi khi đúng; trống = hỏi mọi người\nSkip condition (XLSForm syntax), e.g. ${d5a_00} = 1: asked only where true; blank = asked of everyone', 24],
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
      item.relevant ?? '',
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

function addTargetsSheet(workbook: ExcelJS.Workbook, framework: Framework, targets: Target[]): void {
  const sheet = workbook.addWorksheet('Targets', { views: [{ state: 'frozen', ySplit: 1 }], pageSetup: a4PageSetup('portrait') });
  writeHeaderRow(sheet, [
    { code: 'level', note: 'total, mã chỉ số (4) hoặc chỉ số thành phần (4a); nhiều mã: "7b,7c"\ntotal, a dimension (4) or sub-dimension (4a) code; several: "7b,7c"', width: 12 },
    { code: 'target', note: 'Chỉ tiêu điểm, theo thang của chính chỉ số đó ("6,00")\nTarget score on that score\'s own scale ("6,00")', width: 10 },
  ]);
  sheet.getColumn(3).width = 48;
  targets.forEach((t, i) => {
    const row = sheet.getRow(i + 2);
    row.getCell(1).value = t.levels.join(',');
    row.getCell(2).value = t.target;
    row.getCell(2).numFmt = '0.00';
    row.getCell(3).value = t.levels.map((l) => levelName(framework, l)).filter(Boolean).join('; ');
    row.getCell(3).font = LABEL_FONT;
  });
  const last = Math.max(PLAN_ROWS, targets.length + 1);
  inputPrompt(sheet, `A2:A${last}`, 'Mã chỉ số', 'Mã chỉ số có chỉ tiêu:\ntotal = tổng điểm\n1 … 8 = chỉ số nội dung\n1a … 8c = chỉ số thành phần\nNhiều mã cách nhau bởi dấu phẩy: 7b,7c\n(xem bảng bên phải)');
  inputPrompt(sheet, `B2:B${last}`, 'Chỉ tiêu (điểm)', 'Điểm phấn đấu theo kế hoạch, ví dụ 6,00\n(theo thang của chính chỉ số đó: chỉ số nội dung 1–10, tổng điểm 8–80)');
  addLevelLegend(sheet, framework, 5);
}

function addPlanSheet(workbook: ExcelJS.Workbook, framework: Framework, plan: PlanTask[]): void {
  const sheet = workbook.addWorksheet('Plan', {
    views: [{ state: 'frozen', ySplit: 1 }],
    pageSetup: { ...a4PageSetup('landscape'), printTitlesRow: '1:1' },
  });
  const columns = [
    { code: 'level', vi: 'Chỉ số', prompt: 'Mã chỉ số của nhiệm vụ: 1 … 8 hoặc 1a … 8c; nhiều mã: 7b,7c\n(xem bảng bên phải)', note: 'Chỉ số / chỉ số thành phần ("4", "4a", "7b,7c")\nDimension / sub-dimension', width: 9 },
    { code: 'task', vi: 'Nhiệm vụ, giải pháp', prompt: 'Nhiệm vụ, giải pháp theo kế hoạch', note: 'Nhiệm vụ, giải pháp\nTask', width: 70 },
    { code: 'responsible', vi: 'Đơn vị chủ trì', prompt: 'Đơn vị chủ trì thực hiện', note: 'Đơn vị chủ trì\nResponsible unit', width: 26 },
    { code: 'coordinating', vi: 'Đơn vị phối hợp', prompt: 'Các đơn vị phối hợp', note: 'Đơn vị phối hợp\nCoordinating units', width: 26 },
    { code: 'timing', vi: 'Thời gian thực hiện', prompt: 'Thời gian thực hiện, ví dụ Quý II/2025 hoặc Thường xuyên', note: 'Thời gian thực hiện\nTiming', width: 16 },
  ];
  writeHeaderRow(sheet, columns.map(({ code, note, width }) => ({ code, note, width })));
  plan.forEach((t, i) => {
    const row = sheet.getRow(i + 2);
    // Plain strings: a task starting with "=" stays text, never a formula.
    [t.levels.join(','), t.task, t.responsible, t.coordinating, t.timing].forEach((v, c) => {
      if (v !== '') row.getCell(c + 1).value = String(v);
    });
    row.alignment = { wrapText: true, vertical: 'top' };
  });
  const last = Math.max(PLAN_ROWS, plan.length + 1);
  columns.forEach((column, c) => {
    const letter = String.fromCharCode(65 + c);
    inputPrompt(sheet, `${letter}2:${letter}${last}`, column.vi, column.prompt);
  });
  addLevelLegend(sheet, framework, 7);
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
  addTargetsSheet(workbook, framework, options.targets ?? []);
  addPlanSheet(workbook, framework, options.plan ?? []);
  addQuestionnaireSheet(workbook, framework, options.unit, options.questionnaireLang);
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
