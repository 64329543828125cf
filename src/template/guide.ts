import type ExcelJS from 'exceljs';
import type { Framework } from '../framework/schema.js';
import { specialCodes } from './answerOptions.js';
import { DIMENSION_COLOURS, a4PageSetup, solidFill } from '../writer/layout.js';

/** The Guide sheet: bilingual instructions, special codes, item-type and colour legends. */

type Line = [vi: string, en: string];

const HOW_TO_FILL: Line[] = [
  ['Không sửa dòng 1 của các sheet: đó là mã cột mà phần mềm đọc. Di chuột vào ô tiêu đề để xem chú thích.', 'Do not edit row 1 of any sheet: it holds the column codes the engine reads. Hover over a header cell to see its description.'],
  ['Sheet Unit: điền tỉnh, huyện, tên xã/phường, mã đơn vị, năm khảo sát. Giữ nguyên dòng framework.', 'Unit sheet: fill in province, district, commune/ward name, unit code and survey year. Keep the framework row as it is.'],
  ['Sheet Responses: mỗi dòng là một người trả lời, bắt đầu từ dòng 2. respondent_id phải là duy nhất (ví dụ LT-2023-0001).', 'Responses sheet: one row per respondent, from row 2. respondent_id must be unique (e.g. LT-2023-0001).'],
  ['KHÔNG ghi họ tên, số điện thoại, địa chỉ, số CCCD hay thông tin nhận dạng trực tiếp nào của người trả lời.', 'Do NOT enter names, phone numbers, addresses, ID-card numbers or any other direct identifier of respondents.'],
  ['Mỗi cột câu hỏi ghi MÃ SỐ của câu trả lời (chọn trong danh sách thả xuống), không ghi chữ. Ô để trống = không có câu trả lời.', 'Each question column takes the CODE of the answer (pick it from the dropdown), not words. A blank cell = no answer.'],
  ['Câu hỏi dạng số (số ngày, số lần…) ghi số; có thể dùng dấu phẩy thập phân (6,5).', 'Number questions (days, times…) take a number; a decimal comma is accepted (6,5).'],
  ['Cột weight là trọng số hậu phân tầng (số dương); để trống = 1. unit_code và unit chỉ cần khi một sheet có nhiều đơn vị.', 'The weight column is the post-stratification weight (a positive number); blank = 1. unit_code and unit are only needed when one sheet holds several units.'],
  ['Sheet Codebook và Framework mô tả các câu hỏi và chỉ số; phần mềm chấm điểm theo chính các sheet này. Chỉ sửa khi đổi phiên bản bảng hỏi.', 'The Codebook and Framework sheets describe the questions and the index; the engine scores with these very sheets. Edit them only when changing the questionnaire version.'],
  ['Sheet Targets (không bắt buộc): chỉ tiêu theo kế hoạch; level = total, mã chỉ số (4) hay chỉ số thành phần (4a), có thể ghi nhiều mã "7b,7c"; điểm có thể ghi "6,00".', 'Targets sheet (optional): the plan\'s targets; level = total, a dimension (4) or sub-dimension (4a) code, several codes allowed ("7b,7c"); targets may use a decimal comma ("6,00").'],
  ['Sheet Plan (không bắt buộc): nhiệm vụ, đơn vị chủ trì, đơn vị phối hợp, thời gian thực hiện cho từng chỉ số.', 'Plan sheet (optional): task, responsible unit, coordinating unit and timing for each dimension or sub-dimension.'],
  ['Sheet Questionnaire: phiếu hỏi để in (A4) cho điều tra viên phỏng vấn trên giấy, sau đó nhập vào sheet Responses.', 'Questionnaire sheet: the printable (A4) paper questionnaire for interviewers; answers are then entered in the Responses sheet.'],
];

const PROBLEMS: Line[] = [
  ['Mọi lỗi được báo theo dạng Sheet!Ô, ví dụ Responses!F12, trong sheet Problems của báo cáo (có liên kết tới ô) và trên màn hình.', 'Every problem is reported as Sheet!Cell, e.g. Responses!F12, in the Problems sheet of the report workbook (linked to the cell) and on screen.'],
  ['Mức độ: error (lỗi, câu trả lời bị bỏ qua), warning (cảnh báo), info (thông tin). Bản sao tệp nhập được tô màu và chú thích tại ô lỗi.', 'Severity: error (the answer is left out), warning, info. An annotated copy of the input marks each bad cell with a fill and a comment.'],
  ['Dữ liệu sai ở một ô không làm dừng việc chấm điểm các ô khác.', 'A bad cell never stops the scoring of the rest.'],
];

const ITEM_TYPES: Array<[string, string, string]> = [
  ['binary', 'Có/Không: 1 = Có, 0 = Không', 'Yes/No: 1 = yes, 0 = no'],
  ['scale', 'Thang điểm nguyên từ min đến max (ví dụ 1–5)', 'Whole-number scale from min to max (e.g. 1–5)'],
  ['number', 'Số đo (số ngày chờ, số lần…), từ min đến max', 'A measured number (days waited, times…), min to max'],
  ['direction +', 'Giá trị cao là tốt', 'Higher is better'],
  ['direction -', 'Giá trị thấp là tốt (ví dụ số ngày chờ, chi phí ngoài quy định)', 'Lower is better (e.g. days waited, unofficial payments)'],
  ['missing', 'Mã không biết / từ chối / không áp dụng: không tính vào điểm', "Don't know / refused / not applicable codes: left out of the score"],
  ['zero', 'Mã được tính là 0 điểm (ví dụ "không biết" ở câu hỏi hiểu biết)', 'Codes scored as 0 (e.g. "don\'t know" on a knowledge question)'],
];

export function addGuideSheet(workbook: ExcelJS.Workbook, framework: Framework): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet('Guide', { pageSetup: a4PageSetup('portrait') });
  sheet.getColumn(1).width = 16;
  sheet.getColumn(2).width = 62;
  sheet.getColumn(3).width = 62;
  const wrap: Partial<ExcelJS.Alignment> = { wrapText: true, vertical: 'top' };

  let r = 1;
  const title = sheet.getRow(r++);
  title.getCell(1).value = 'CHISO';
  title.getCell(2).value = `Hướng dẫn điền mẫu — ${framework.nameVi}`;
  title.getCell(3).value = `How to fill in this template — ${framework.nameEn}`;
  title.font = { bold: true, size: 14 };
  title.getCell(2).alignment = wrap;
  title.getCell(3).alignment = wrap;
  title.height = 18 * Math.ceil(Math.max(title.getCell(2).text.length, title.getCell(3).text.length) / 50);
  const meta = sheet.getRow(r++);
  meta.getCell(1).value = framework.id;
  meta.getCell(2).value = `Phiên bản khung chỉ số: ${framework.id} (${framework.dimensions.length} chỉ số nội dung, ${framework.subdimensions.length} chỉ số thành phần, ${framework.items.length} câu hỏi)`;
  meta.getCell(3).value = `Framework version: ${framework.id} (${framework.dimensions.length} dimensions, ${framework.subdimensions.length} sub-dimensions, ${framework.items.length} items)`;
  meta.getCell(2).alignment = wrap;
  meta.getCell(3).alignment = wrap;
  meta.height = 15 * Math.ceil(Math.max(meta.getCell(2).text.length, meta.getCell(3).text.length) / 65);
  r++;

  const section = (vi: string, en: string) => {
    const row = sheet.getRow(r++);
    row.getCell(2).value = vi;
    row.getCell(3).value = en;
    row.font = { bold: true, size: 12 };
    for (let c = 1; c <= 3; c++) row.getCell(c).fill = solidFill('FFD9D9D9');
  };
  const lines = (items: Line[], label?: (i: number) => string) => {
    items.forEach(([vi, en], i) => {
      const row = sheet.getRow(r++);
      row.getCell(1).value = label ? label(i) : `${i + 1}.`;
      row.getCell(2).value = vi;
      row.getCell(3).value = en;
      row.getCell(2).alignment = wrap;
      row.getCell(3).alignment = wrap;
      row.height = Math.max(15, 15 * Math.ceil(Math.max(vi.length, en.length) / 70));
    });
    r++;
  };

  section('Cách điền', 'How to fill in');
  lines(HOW_TO_FILL);

  section('Mã đặc biệt (không biết, từ chối, không áp dụng)', "Special codes (don't know, refused, not applicable)");
  const seen = new Map<string, { vi: string; en: string; kind: string; items: number }>();
  for (const item of framework.items) {
    for (const s of specialCodes(item)) {
      const key = `${s.value}|${s.kind}`;
      const entry = seen.get(key) ?? { vi: s.labelVi, en: s.labelEn, kind: s.kind, items: 0 };
      entry.items++;
      seen.set(key, entry);
    }
  }
  const specials = [...seen.entries()].sort(([a], [b]) => Number(a.split('|')[0]) - Number(b.split('|')[0]));
  if (specials.length === 0) {
    lines([['Khung chỉ số này không có mã đặc biệt.', 'This framework has no special codes.']]);
  } else {
    lines(
      specials.map(([, e]) => [
        `${e.vi} — ${e.kind === 'zero' ? 'tính là 0 điểm' : 'không tính vào điểm'} (${e.items} câu hỏi; xem cột missing/zero của Codebook)`,
        `${e.en} — ${e.kind === 'zero' ? 'scored as 0' : 'left out of the score'} (${e.items} items; see the Codebook's missing/zero columns)`,
      ]),
      (i) => specials[i][0].split('|')[0],
    );
  }

  section('Báo lỗi (sheet Problems)', 'Problems (the Problems sheet)');
  lines(PROBLEMS);

  section('Loại câu hỏi', 'Item types');
  lines(ITEM_TYPES.map(([, vi, en]) => [vi, en]), (i) => ITEM_TYPES[i][0]);

  section('Màu tiêu đề cột trong sheet Responses', 'Header colours in the Responses sheet');
  framework.dimensions.forEach((d, i) => {
    const row = sheet.getRow(r++);
    row.getCell(1).value = d.code;
    row.getCell(1).fill = solidFill(DIMENSION_COLOURS[i % DIMENSION_COLOURS.length]);
    row.getCell(2).value = d.nameVi;
    row.getCell(3).value = d.nameEn;
    row.getCell(2).alignment = wrap;
    row.getCell(3).alignment = wrap;
  });
  return sheet;
}
