import type ExcelJS from 'exceljs';
import type { Framework, Item } from '../framework/schema.js';
import { sectionOfItems } from '../framework/sections.js';
import { optionLines } from './answerOptions.js';
import { A4_PAPER, DIMENSION_COLOURS, solidFill, writeHeaderRow } from './layout.js';
import { skipInstructions, type Lang } from './skips.js';
import type { TemplateUnit } from './writeTemplate.js';

/**
 * The printable paper questionnaire, in one language (Vietnamese by default):
 * a cover block, the introduction and consent the interviewer reads, then the
 * questions by dimension and sub-dimension with their answer codes, interviewer
 * notes in italics (never read out), skip instructions from the `relevant`
 * conditions, and an empty answer box.
 *
 * Pages are laid out here rather than by Excel's "fit to page", which ignores
 * manual page breaks: a fixed print scale, row heights set from the text, and a
 * row break wherever a heading would otherwise be stranded at the bottom of a
 * page (a heading always shares its page with the question after it).
 */

/** Column widths in characters: code, question, options, answer box. */
const WIDTHS = { code: 11, question: 50, options: 32, answer: 8 };
/**
 * Print scale (%). A4 between 0.5" margins is 523 pt wide. 101 characters are
 * ≈ 727 px with Calibri's 7-px digits (Excel) and ≈ 828 px with an 8-px
 * substitute (LibreOffice without Calibri): × 0.75 pt/px × 0.80 = 436 or 497 pt.
 */
export const QUESTIONNAIRE_SCALE = 80;
const MARGINS = { left: 0.5, right: 0.5, top: 0.7, bottom: 0.7, header: 0.3, footer: 0.3 };
/** A4 height (842 pt) less the top and bottom margins, in sheet points at the print scale, less 5 % for renderers' rounding. */
export const PAGE_BODY_HEIGHT = Math.floor(((842 - (MARGINS.top + MARGINS.bottom) * 72) / (QUESTIONNAIRE_SCALE / 100)) * 0.95);
/** Characters of 11-pt text per line in the question column (Vietnamese diacritics take no extra width), and of 10-pt text in the options column. */
const CHARS_PER_LINE_QUESTION = 48;
const CHARS_PER_LINE_OPTIONS = 32;
const CHARS_PER_LINE_FULL = 96;
const LINE_HEIGHT = 15;

function lineCount(s: string, perLine: number): number {
  return s.split('\n').reduce((n, line) => n + Math.max(1, Math.ceil(line.length / perLine)), 0);
}

interface Words {
  header: [string, string, string, string];
  title: string;
  subtitle: (unit: string) => string;
  cover: string;
  coverRows: Array<[code: string, label: string, hint: (unit?: TemplateUnit) => string]>;
  introduction: string;
  introductionText: (unit: string) => string;
  consent: string;
  consentText: string;
  consentQuestion: string;
  consentOptions: string;
  interviewer: string;
  interviewerText: string;
  part: string;
  askIf: (condition: string) => string;
  jump: (item: Item, target: string | null) => string;
  thanks: string;
  closing: Array<[string, string]>;
  pageHeader: string;
  pageFooter: string;
}

const VI: Words = {
  header: ['Câu', 'Nội dung câu hỏi', 'Phương án trả lời (mã số)', 'Mã trả lời'],
  title: 'PHIẾU KHẢO SÁT Ý KIẾN NGƯỜI DÂN VỀ HIỆU QUẢ QUẢN TRỊ VÀ HÀNH CHÍNH CÔNG',
  subtitle: (unit) => `Khảo sát do ${unit || 'xã/phường'} tự tổ chức theo phương pháp của Chỉ số PAPI (thang 80 điểm); đây không phải cuộc khảo sát PAPI chính thức.`,
  cover: 'THÔNG TIN PHIẾU (điều tra viên ghi; không ghi họ tên, địa chỉ, số điện thoại của người trả lời)',
  coverRows: [
    ['respondent_id', 'Mã phiếu', () => 'Ví dụ: LT-2025-0001'],
    ['', 'Tỉnh/thành phố', (u) => u?.province ?? ''],
    ['', 'Xã/phường', (u) => (u ? `${u.name}${u.code ? ` (mã ${u.code})` : ''}` : '')],
    ['', 'Thôn/tổ dân phố', () => ''],
    ['', 'Ngày phỏng vấn', () => '……… / ……… / 20………'],
    ['', 'Giờ bắt đầu', () => '……… giờ ……… phút'],
    ['', 'Điều tra viên (họ tên, mã số)', () => ''],
    ['gender', 'Giới tính người trả lời', () => 'Nam / Nữ'],
    ['age', 'Tuổi người trả lời', () => 'Từ 18 tuổi trở lên'],
    ['ethnicity', 'Dân tộc', () => 'Kinh, Tày, Nùng, Khmer, Hoa…'],
  ],
  introduction: 'LỜI GIỚI THIỆU (điều tra viên đọc cho người trả lời)',
  introductionText: (unit) =>
    `Xin chào ông/bà. Tôi là …………………………, được Ủy ban nhân dân ${unit || 'xã/phường'} giao thực hiện cuộc khảo sát ý kiến người dân về hiệu quả quản trị và hành chính công ở địa phương. ` +
    'Cuộc khảo sát nhằm lắng nghe ý kiến, trải nghiệm thực tế của người dân để chính quyền cải thiện chất lượng phục vụ. ' +
    'Cuộc trò chuyện mất khoảng 30 đến 40 phút. Không có câu trả lời đúng hay sai; xin ông/bà cho biết đúng suy nghĩ và trải nghiệm của mình.',
  consent: 'CAM KẾT BẢO MẬT VÀ ĐỒNG Ý THAM GIA',
  consentText:
    'Phiếu không ghi họ tên, địa chỉ hay số điện thoại của ông/bà. Câu trả lời chỉ được tổng hợp chung với các hộ khác, không báo cáo riêng ý kiến của bất kỳ ai. ' +
    'Ông/bà có thể không trả lời bất kỳ câu hỏi nào và có thể dừng cuộc phỏng vấn bất cứ lúc nào.',
  consentQuestion: 'Ông/bà có đồng ý tham gia cuộc khảo sát này không?',
  consentOptions: '1 = Đồng ý → bắt đầu phỏng vấn\n0 = Không đồng ý → cảm ơn và kết thúc',
  interviewer: 'Hướng dẫn cho điều tra viên',
  interviewerText:
    'Đọc câu hỏi đúng như in. Chữ in nghiêng là hướng dẫn cho điều tra viên, không đọc cho người trả lời. Ghi mã số của câu trả lời vào ô bên phải. ' +
    'Câu hỏi có số (số ngày, số lần…) ghi con số. Làm theo hướng dẫn chuyển câu (→): câu bị bỏ qua để trống.',
  part: 'PHẦN',
  askIf: (condition) => `► Chỉ hỏi nếu ${condition}.`,
  jump: (item, target) => {
    const no = item.type === 'binary' ? 'KHÔNG, không biết hoặc không trả lời' : 'khác';
    return `→ Nếu ${no}: chuyển sang ${target ? `câu ${target}` : 'phần kết thúc'}`;
  },
  thanks: 'Xin cảm ơn ông/bà đã dành thời gian trả lời khảo sát!',
  closing: [
    ['Giờ kết thúc', '……… giờ ……… phút'],
    ['Chữ ký điều tra viên', ''],
  ],
  pageHeader: 'PHIẾU KHẢO SÁT',
  pageFooter: 'Phiếu khảo sát&RTrang &P / &N',
};

const EN: Words = {
  header: ['No.', 'Question', 'Answer options (codes)', 'Answer code'],
  title: 'SURVEY OF CITIZENS ON GOVERNANCE AND PUBLIC ADMINISTRATION PERFORMANCE',
  subtitle: (unit) => `A survey run by ${unit || 'the commune/ward'} itself, following the PAPI method (80-point scale); it is not the official PAPI survey.`,
  cover: "INTERVIEW DETAILS (filled in by the interviewer; no respondent's name, address or phone number)",
  coverRows: [
    ['respondent_id', 'Respondent ID', () => 'e.g. LT-2025-0001'],
    ['', 'Province', (u) => u?.province ?? ''],
    ['', 'Commune/ward', (u) => (u ? `${u.name}${u.code ? ` (code ${u.code})` : ''}` : '')],
    ['', 'Village / residential group', () => ''],
    ['', 'Interview date', () => '……… / ……… / 20………'],
    ['', 'Start time', () => '……… h ……… min'],
    ['', 'Interviewer (name, number)', () => ''],
    ['gender', "Respondent's gender", () => 'Nam (male) / Nữ (female)'],
    ['age', "Respondent's age", () => '18 or older'],
    ['ethnicity', 'Ethnicity', () => 'Kinh, Tày, Nùng, Khmer, Hoa…'],
  ],
  introduction: 'INTRODUCTION (read out by the interviewer)',
  introductionText: (unit) =>
    `Hello. My name is …………………………; the People's Committee of ${unit || 'the commune/ward'} has asked me to carry out a survey of citizens' views on governance and public administration here. ` +
    'It listens to what people think and experience so that the authorities can serve them better. ' +
    'It takes about 30 to 40 minutes. There are no right or wrong answers; please tell me what you really think and have experienced.',
  consent: 'CONFIDENTIALITY AND CONSENT',
  consentText:
    'This form records no name, address or phone number. Your answers are only added up with those of other households and nobody\'s views are reported on their own. ' +
    'You may leave out any question and stop the interview at any time.',
  consentQuestion: 'Do you agree to take part in this survey?',
  consentOptions: '1 = Agrees → start the interview\n0 = Does not agree → thank and end',
  interviewer: 'Interviewer instructions',
  interviewerText:
    'Read each question as printed. Text in italics is for the interviewer and is not read out. Write the answer code in the box on the right. ' +
    'Number questions (days, times…) take the number. Follow the skip instructions (→): skipped questions stay blank.',
  part: 'PART',
  askIf: (condition) => `► Ask only if ${condition}.`,
  jump: (item, target) => {
    const no = item.type === 'binary' ? "NO, don't know or refused" : 'otherwise';
    return `→ If ${no}: go to ${target ? `question ${target}` : 'the end'}`;
  },
  thanks: 'Thank you for your time!',
  closing: [
    ['End time', '……… h ……… min'],
    ["Interviewer's signature", ''],
  ],
  pageHeader: 'QUESTIONNAIRE',
  pageFooter: 'Questionnaire&RPage &P / &N',
};

/** One printed row before layout: headings keep with the row after them. */
interface PrintRow {
  height: number;
  heading: boolean;
  render: (row: ExcelJS.Row, r: number) => void;
}

const BOX_BORDER: Partial<ExcelJS.Borders> = { top: { style: 'medium' }, left: { style: 'medium' }, bottom: { style: 'medium' }, right: { style: 'medium' } };

export interface QuestionnaireLayout {
  /** Sheet rows after which a page ends (manual row breaks). */
  breaks: number[];
  /** Height of each printed page's body, in points (the title row excluded). */
  pageHeights: number[];
}

export function addQuestionnaireSheet(
  workbook: ExcelJS.Workbook,
  framework: Framework,
  unit?: TemplateUnit,
  lang: Lang = 'vi',
): ExcelJS.Worksheet {
  const w = lang === 'vi' ? VI : EN;
  const unitName = unit?.name ?? '';
  const sheet = workbook.addWorksheet('Questionnaire', {
    pageSetup: {
      paperSize: A4_PAPER as ExcelJS.PaperSize,
      orientation: 'portrait',
      fitToPage: false,
      scale: QUESTIONNAIRE_SCALE,
      margins: MARGINS,
      printTitlesRow: '2:2',
      horizontalCentered: true,
    },
    headerFooter: {
      oddHeader: `&L&8chiso ${framework.id}&C&B${w.pageHeader}&R&8${unit ? `${unit.name} ${unit.year}`.replace(/&/g, '&&') : ''}`,
      oddFooter: `&L${w.pageFooter}`,
    },
  });
  // Row 1 keeps the sheet's fixed codes (contract.md); the printed header is row 2, in words.
  writeHeaderRow(sheet, [
    { code: 'code', note: 'Mã câu hỏi (tên cột trong sheet Responses)\nItem code (column in the Responses sheet)', width: WIDTHS.code },
    { code: 'question', note: 'Câu hỏi\nQuestion', width: WIDTHS.question },
    { code: 'options', note: 'Các phương án trả lời và mã số\nAnswer options and their codes', width: WIDTHS.options },
    { code: 'answer', note: 'Ghi mã số câu trả lời vào ô\nWrite the answer code in the box', width: WIDTHS.answer },
  ]);
  const title = sheet.getRow(2);
  w.header.forEach((label, c) => {
    const cell = title.getCell(c + 1);
    cell.value = label;
    cell.font = { bold: true };
    cell.fill = solidFill('FFD9D9D9');
    cell.alignment = { vertical: 'middle', horizontal: c === 3 ? 'center' : 'left', wrapText: true };
    cell.border = { bottom: { style: 'thin' } };
  });
  title.height = 30;

  const rows: PrintRow[] = [];
  const band = (label: string, fill: string | undefined, style: 'title' | 'part' | 'section' | 'note' | 'text') => {
    const size = style === 'title' ? 13 : style === 'part' ? 12 : 11;
    const perLine = CHARS_PER_LINE_FULL * (11 / size);
    rows.push({
      height: lineCount(label, perLine) * (size + 4) + 6,
      heading: style === 'part' || style === 'section' || style === 'note' || style === 'title',
      render: (row, r) => {
        row.getCell(1).value = label;
        sheet.mergeCells(r, 1, r, 4);
        row.getCell(1).font = { bold: style !== 'text' && style !== 'note', italic: style === 'note', size };
        if (fill) row.getCell(1).fill = solidFill(fill);
        row.getCell(1).alignment = { wrapText: true, vertical: 'middle', horizontal: style === 'title' ? 'center' : 'left' };
      },
    });
  };
  const boxRow = (code: string, question: ExcelJS.CellValue, questionText: string, options: ExcelJS.CellValue, optionsText: string, box = true) => {
    rows.push({
      height: Math.max(24, LINE_HEIGHT * Math.max(lineCount(questionText, CHARS_PER_LINE_QUESTION), lineCount(optionsText, CHARS_PER_LINE_OPTIONS)) + 8),
      heading: false,
      render: (row) => {
        row.getCell(1).value = code || null;
        row.getCell(2).value = question;
        row.getCell(3).value = options;
        row.getCell(1).alignment = { vertical: 'top' };
        row.getCell(1).font = { size: 9 };
        row.getCell(2).alignment = { wrapText: true, vertical: 'top' };
        row.getCell(3).alignment = { wrapText: true, vertical: 'top' };
        for (let c = 1; c <= 3; c++) row.getCell(c).border = { bottom: { style: 'hair' } };
        if (box) row.getCell(4).border = BOX_BORDER;
      },
    });
  };

  // Cover, introduction, consent
  band(w.title, undefined, 'title');
  band(w.subtitle(unitName), undefined, 'text');
  band(w.cover, 'FFD9D9D9', 'section');
  for (const [code, label, hint] of w.coverRows) {
    const h = hint(unit);
    boxRow(code, label, label, h, h, code !== '');
  }
  band(w.introduction, 'FFD9D9D9', 'section');
  band(w.introductionText(unitName), undefined, 'text');
  band(w.consent, 'FFD9D9D9', 'section');
  band(w.consentText, undefined, 'text');
  boxRow('', w.consentQuestion, w.consentQuestion, w.consentOptions, w.consentOptions);
  band(`${w.interviewer}: ${w.interviewerText}`, undefined, 'note');

  // Questions, by dimension and sub-dimension; filter questions print with the section they open.
  const skips = skipInstructions(framework.items, lang);
  const sections = sectionOfItems(framework.items);
  framework.dimensions.forEach((dimension, d) => {
    const fill = DIMENSION_COLOURS[d % DIMENSION_COLOURS.length];
    band(`${w.part} ${dimension.code}. ${(lang === 'vi' ? dimension.nameVi : dimension.nameEn).toUpperCase()}`, fill, 'part');
    for (const sub of framework.subdimensions.filter((s) => s.dimension === dimension.code)) {
      band(`${sub.code}. ${lang === 'vi' ? sub.nameVi : sub.nameEn}`, 'FFF2F2F2', 'section');
      framework.items.forEach((item, j) => {
        if (sections[j] !== sub.code) return;
        const askIf = skips.askIf.get(item.code);
        if (askIf) band(w.askIf(askIf), undefined, 'note');
        const text = lang === 'vi' ? item.textVi : item.textEn;
        const note = lang === 'vi' ? item.noteVi : item.noteEn;
        const question: ExcelJS.CellValue = note ? { richText: [{ text }, { text: `\n${note}`, font: { italic: true, size: 9 } }] } : text;
        const lines = optionLines(item, lang).join('\n');
        const jump = skips.jumpIfNo.has(item.code) ? w.jump(item, skips.jumpIfNo.get(item.code)!) : '';
        const options: ExcelJS.CellValue = jump ? { richText: [{ text: lines, font: { size: 10 } }, { text: `\n${jump}`, font: { bold: true, size: 10 } }] } : lines;
        boxRow(item.code, question, note ? `${text}\n${note}` : text, options, jump ? `${lines}\n${jump}` : lines);
      });
    }
  });
  band(w.thanks, 'FFD9D9D9', 'section');
  for (const [label, hint] of w.closing) boxRow('', label, label, hint, hint, false);

  const layout = layOut(rows, title.height);
  const first = 3;
  rows.forEach((spec, k) => {
    const r = first + k;
    const row = sheet.getRow(r);
    spec.render(row, r);
    row.height = spec.height;
    if (typeof row.getCell(3).value === 'string') row.getCell(3).font = { size: 10 };
  });
  for (const k of layout.breaks) sheet.getRow(first + k).addPageBreak();
  // "A$2" becomes "$A$2": exceljs prefixes only the column, and a relative row would move with the active cell.
  sheet.pageSetup.printArea = `A$2:D$${first + rows.length - 1}`;
  return sheet;
}

/**
 * Where pages end: after row k (0-based in `rows`) for each break. A row goes on
 * the current page if it fits; a heading goes there only if it fits together with
 * the headings after it and the first row that is not a heading.
 */
export function layOut(rows: readonly { height: number; heading: boolean }[], titleHeight: number): { breaks: number[]; pageHeights: number[] } {
  const budget = PAGE_BODY_HEIGHT - titleHeight;
  const breaks: number[] = [];
  const pageHeights: number[] = [];
  let used = 0;
  for (let k = 0; k < rows.length; k++) {
    let needed = rows[k].height;
    if (rows[k].heading) for (let m = k + 1; m < rows.length && (m === k + 1 || rows[m - 1].heading); m++) needed += rows[m].height;
    if (used > 0 && used + needed > budget) {
      breaks.push(k - 1);
      pageHeights.push(used);
      used = 0;
    }
    used += rows[k].height;
  }
  pageHeights.push(used);
  return { breaks, pageHeights };
}
