import type ExcelJS from 'exceljs';
import type { Framework } from '../framework/schema.js';
import { optionLines } from './answerOptions.js';
import { DIMENSION_COLOURS, a4PageSetup, solidFill, writeHeaderRow } from '../writer/layout.js';
import type { TemplateUnit } from './writeTemplate.js';

/**
 * The printable paper questionnaire: A4 portrait, fitted to the page width,
 * row 1 repeated on every page, the questions grouped by dimension and
 * sub-dimension with their answer codes and an empty answer box.
 */

const WIDTHS = { code: 11, question: 55, options: 40, answer: 10 };
const CHARS_PER_LINE_QUESTION = 60;
const CHARS_PER_LINE_OPTIONS = 46;

function lineCount(s: string, perLine: number): number {
  return s.split('\n').reduce((n, line) => n + Math.max(1, Math.ceil(line.length / perLine)), 0);
}

export function addQuestionnaireSheet(
  workbook: ExcelJS.Workbook,
  framework: Framework,
  unit?: TemplateUnit,
): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet('Questionnaire', {
    pageSetup: { ...a4PageSetup('portrait'), printTitlesRow: '1:1', horizontalCentered: true },
    headerFooter: {
      oddHeader: `&L&8chiso ${framework.id}&C&BPHIẾU KHẢO SÁT / QUESTIONNAIRE&R&8${unit ? `${unit.name} ${unit.year}`.replace(/&/g, '&&') : ''}`,
      oddFooter: '&LPhiếu khảo sát / Questionnaire&RTrang / Page &P / &N',
    },
  });
  writeHeaderRow(sheet, [
    { code: 'code', note: 'Mã câu hỏi (tên cột trong sheet Responses)\nItem code (column in the Responses sheet)', width: WIDTHS.code },
    { code: 'question', note: 'Câu hỏi (tiếng Việt, tiếng Anh)\nQuestion (Vietnamese, English)', width: WIDTHS.question },
    { code: 'options', note: 'Các phương án trả lời và mã số\nAnswer options and their codes', width: WIDTHS.options },
    { code: 'answer', note: 'Ghi mã số câu trả lời vào ô\nWrite the answer code in the box', width: WIDTHS.answer },
  ]);

  let r = 2;
  const band = (label: string, fill: string, bold: boolean) => {
    const row = sheet.getRow(r);
    row.getCell(1).value = label;
    sheet.mergeCells(r, 1, r, 4);
    row.getCell(1).font = { bold, italic: !bold, size: bold ? 12 : 11 };
    row.getCell(1).fill = solidFill(fill);
    row.getCell(1).alignment = { wrapText: true, vertical: 'middle' };
    row.height = lineCount(label, CHARS_PER_LINE_QUESTION * 1.6) * 16 + 4;
    r++;
  };
  const boxRow = (code: string, question: string, options: string, fill?: string) => {
    const row = sheet.getRow(r);
    row.getCell(1).value = code;
    row.getCell(2).value = question;
    row.getCell(3).value = options;
    row.getCell(1).alignment = { vertical: 'top' };
    row.getCell(2).alignment = { wrapText: true, vertical: 'top' };
    row.getCell(3).alignment = { wrapText: true, vertical: 'top' };
    row.getCell(3).font = { size: 9 };
    const box = row.getCell(4);
    box.border = { top: { style: 'medium' }, left: { style: 'medium' }, bottom: { style: 'medium' }, right: { style: 'medium' } };
    if (fill) box.fill = solidFill(fill);
    for (let c = 1; c <= 3; c++) row.getCell(c).border = { bottom: { style: 'hair' } };
    row.height = Math.max(24, 14 * Math.max(lineCount(question, CHARS_PER_LINE_QUESTION), lineCount(options, CHARS_PER_LINE_OPTIONS)) + 6);
    r++;
  };

  band('THÔNG TIN PHIẾU / INTERVIEW (không ghi họ tên người trả lời / no respondent names)', 'FFD9D9D9', true);
  boxRow('respondent_id', 'Mã phiếu\nRespondent ID', 'Ví dụ / e.g. LT-2023-0001');
  boxRow('unit', 'Xã/phường\nCommune/ward', unit ? `${unit.name} (${unit.code})` : '');
  boxRow('gender', 'Giới tính\nGender', 'Nam / Nữ');
  boxRow('age', 'Tuổi\nAge', '18–80+');
  boxRow('ethnicity', 'Dân tộc\nEthnicity', 'Kinh, Tày, Nùng, Khmer, Hoa…');

  framework.dimensions.forEach((dimension, d) => {
    const fill = DIMENSION_COLOURS[d % DIMENSION_COLOURS.length];
    band(`${dimension.code}. ${dimension.nameVi} / ${dimension.nameEn}`, fill, true);
    for (const sub of framework.subdimensions.filter((s) => s.dimension === dimension.code)) {
      band(`${sub.code}. ${sub.nameVi} / ${sub.nameEn}`, 'FFF2F2F2', false);
      for (const item of framework.items.filter((i) => i.subdimension === sub.code)) {
        boxRow(item.code, `${item.textVi}\n${item.textEn}`, optionLines(item).join('\n'));
      }
    }
  });
  sheet.pageSetup.printArea = `A1:D${r - 1}`;
  return sheet;
}
