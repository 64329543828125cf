import type ExcelJS from 'exceljs';
import type { Framework, Item } from '../framework/schema.js';
import { columnLetters } from '../diagnostics/problem.js';
import { allowedCodes, optionLines } from './answerOptions.js';
import { DIMENSION_COLOURS, a4PageSetup, writeHeaderRow } from './layout.js';

/**
 * The Responses sheet: one row per respondent, no names or other direct
 * identifiers (contract.md). Item columns carry the question as a comment and
 * an input validation: a dropdown of the allowed codes for binary and scale
 * items, and for number items a custom rule "min..max or one of the
 * missing/zero codes" (a plain decimal range could not allow 98 while
 * refusing 70 on a 0..60 item).
 */

export const RESPONSE_FIXED_COLUMNS = [
  { code: 'respondent_id', vi: 'Mã phiếu (không ghi họ tên)', en: 'Respondent ID (no names)', width: 16 },
  { code: 'unit_code', vi: 'Mã đơn vị (xã/phường)', en: 'Unit code (commune/ward)', width: 11 },
  { code: 'unit', vi: 'Tên đơn vị (xã/phường)', en: 'Unit name (commune/ward)', width: 16 },
  { code: 'gender', vi: 'Giới tính: Nam / Nữ', en: 'Gender: Nam (male) / Nữ (female)', width: 8 },
  { code: 'age', vi: 'Tuổi (18–80+)', en: 'Age in years', width: 6 },
  { code: 'ethnicity', vi: 'Dân tộc (Kinh, Tày, Nùng, Khmer, Hoa…)', en: 'Ethnicity', width: 11 },
  { code: 'weight', vi: 'Trọng số: để trống, trừ khi Phòng Nội vụ hướng dẫn ghi', en: 'Weight: leave blank unless the district Internal Affairs office says otherwise', width: 8 },
] as const;

/** Default number of data rows carrying validation in a blank template. */
export const TEMPLATE_ROWS = 1000;

const PROMPT_MAX = 255;

function clip(s: string, max: number): string {
  return s.length <= max ? s : `${s.slice(0, max - 1)}…`;
}

/** exceljs has range data validations at runtime but not in its typings. */
export function sheetValidations(sheet: ExcelJS.Worksheet): {
  add(address: string, validation: ExcelJS.DataValidation): void;
  model: Record<string, ExcelJS.DataValidation | undefined>;
} {
  return (sheet as unknown as { dataValidations: ReturnType<typeof sheetValidations> }).dataValidations;
}

export function itemNote(item: Item): string {
  return [item.code, item.textVi, item.textEn, '', ...optionLines(item)].join('\n');
}

function itemValidation(item: Item, topLeft: string): ExcelJS.DataValidation {
  const prompt = clip(optionLines(item).join('\n'), PROMPT_MAX);
  const common = {
    allowBlank: true,
    showInputMessage: true,
    promptTitle: clip(item.code, 32),
    prompt,
    showErrorMessage: true,
    errorStyle: 'stop',
    errorTitle: 'Mã không hợp lệ / Invalid code',
  };
  const codes = allowedCodes(item);
  const list = `"${codes.join(',')}"`;
  if (item.type !== 'number' && list.length <= 255 && codes.length <= 40) {
    return {
      ...common,
      type: 'list',
      formulae: [list],
      error: clip(`Chọn một mã trong danh sách / Choose one of: ${codes.join(', ')}`, PROMPT_MAX),
    };
  }
  const special = [...item.missing, ...item.zero].map((c) => `${topLeft}=${c}`);
  const inRange = [`ISNUMBER(${topLeft})`, `${topLeft}>=${item.min}`, `${topLeft}<=${item.max}`];
  if (item.type === 'scale') inRange.push(`${topLeft}=INT(${topLeft})`);
  const formula = special.length ? `OR(AND(${inRange.join(',')}),${special.join(',')})` : `AND(${inRange.join(',')})`;
  const specialText = special.length ? `; hoặc / or ${[...item.missing, ...item.zero].join(', ')}` : '';
  return {
    ...common,
    type: 'custom',
    formulae: [formula],
    error: clip(`Nhập số từ ${item.min} đến ${item.max}${specialText} / Enter ${item.min}..${item.max}${specialText}`, PROMPT_MAX),
  };
}

export function addResponsesSheet(workbook: ExcelJS.Workbook, framework: Framework, dataRows: number): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet('Responses', {
    views: [{ state: 'frozen', xSplit: 1, ySplit: 1, topLeftCell: 'B2', activeCell: 'B2' }],
    pageSetup: { ...a4PageSetup('landscape'), printTitlesRow: '1:1' },
  });
  const dimensionIndex = new Map(framework.dimensions.map((d, i) => [d.code, i]));
  const dimensionOf = new Map(framework.subdimensions.map((s) => [s.code, s.dimension]));
  writeHeaderRow(sheet, [
    ...RESPONSE_FIXED_COLUMNS.map((c) => ({ code: c.code, note: `${c.vi}\n${c.en}`, width: c.width })),
    ...framework.items.map((item) => ({
      code: item.code,
      note: itemNote(item),
      width: Math.max(9, item.code.length + 2),
      fill: DIMENSION_COLOURS[(dimensionIndex.get(dimensionOf.get(item.subdimension) ?? '') ?? 0) % DIMENSION_COLOURS.length],
    })),
  ]);
  sheet.getRow(1).height = 30;
  sheet.getRow(1).alignment = { vertical: 'middle', wrapText: true };

  const validations = sheetValidations(sheet);
  const last = Math.max(2, dataRows + 1);
  const range = (col: number) => `${columnLetters(col)}2:${columnLetters(col)}${last}`;
  const fixed = (code: string) => RESPONSE_FIXED_COLUMNS.findIndex((c) => c.code === code) + 1;
  validations.add(range(fixed('gender')), {
    type: 'list',
    allowBlank: true,
    formulae: ['"Nam,Nữ"'],
    showErrorMessage: true,
    errorStyle: 'warning',
    error: 'Nam hoặc Nữ / Nam (male) or Nữ (female)',
  });
  validations.add(range(fixed('age')), {
    type: 'whole',
    operator: 'between',
    allowBlank: true,
    formulae: [15, 120],
    showErrorMessage: true,
    errorStyle: 'warning',
    error: 'Tuổi 15–120 / Age 15–120',
  });
  validations.add(range(fixed('weight')), {
    type: 'decimal',
    operator: 'greaterThan',
    allowBlank: true,
    formulae: [0],
    showErrorMessage: true,
    errorStyle: 'stop',
    error: 'Trọng số phải lớn hơn 0 / The weight must be above 0',
  });
  framework.items.forEach((item, j) => {
    const col = RESPONSE_FIXED_COLUMNS.length + 1 + j;
    validations.add(range(col), itemValidation(item, `${columnLetters(col)}2`));
  });
  return sheet;
}
