import type ExcelJS from 'exceljs';
import type { Framework } from '../framework/schema.js';
import { isFilterQuestion } from '../framework/sections.js';
import { missingLabel } from './answerOptions.js';
import { DIMENSION_COLOURS, a4PageSetup, solidFill } from './layout.js';

/**
 * The Guide sheet, written for the commune clerk who enters the paper forms
 * (Vietnamese first, English beside it): the steps in order, the special codes
 * once each, what the problems mean, the scoring in a few words. No statistics
 * or software terms: the weight column is "leave blank unless the district
 * office says otherwise".
 */

type Line = [vi: string, en: string];

const STEPS: Line[] = [
  ['In sheet Questionnaire (phiếu hỏi) ra giấy khổ A4, mỗi hộ một phiếu. Điều tra viên phỏng vấn trực tiếp, ghi mã số câu trả lời vào ô bên phải và làm theo hướng dẫn chuyển câu (→).', 'Print the Questionnaire sheet on A4 paper, one form per household. The interviewer asks the questions face to face, writes the answer code in the box on the right and follows the skip instructions (→).'],
  ['Sheet Unit: ghi tên tỉnh, huyện (nếu có), xã/phường, mã đơn vị và năm khảo sát. Giữ nguyên dòng framework (phiên bản bảng hỏi).', 'Unit sheet: the province, the district (if any), the commune/ward, the unit code and the survey year. Leave the framework row (the questionnaire version) as it is.'],
  ['Sheet Responses: mỗi phiếu nhập một dòng, bắt đầu từ dòng 2. Cột respondent_id ghi mã phiếu, mỗi phiếu một mã khác nhau (ví dụ LH-2024-0001).', 'Responses sheet: one row per form, from row 2. The respondent_id column takes the form number, a different one for every form (e.g. LH-2024-0001).'],
  ['Mỗi cột câu hỏi ghi MÃ SỐ của câu trả lời như trên phiếu (chọn trong danh sách thả xuống), không ghi chữ. Câu hỏi có số (số ngày, số lần, số phút…) ghi con số; có thể dùng dấu phẩy (6,5).', 'Each question column takes the CODE of the answer as on the form (pick it from the dropdown), not words. Questions asking for a number (days, times, minutes…) take the number; a decimal comma is fine (6,5).'],
  ['Câu hỏi bị bỏ qua theo hướng dẫn chuyển câu thì để trống. Nếu lỡ ghi vào đó, phần mềm không tính và nhắc để kiểm tra lại.', 'Leave blank the questions the skip instructions skip. Anything typed there is not counted, and you are told so you can check.'],
  ['KHÔNG ghi họ tên, số điện thoại, địa chỉ, số căn cước hay thông tin nào giúp nhận ra người trả lời.', 'Do NOT enter names, phone numbers, addresses, ID numbers or anything else that identifies a respondent.'],
  ['Cột weight (trọng số): để trống, trừ khi Phòng Nội vụ hướng dẫn ghi. Cột unit_code và unit chỉ dùng khi một sheet nhập phiếu của nhiều xã/phường.', 'The weight column: leave it blank unless the district Internal Affairs office tells you otherwise. The unit_code and unit columns are only for a sheet holding forms from several communes.'],
  ['Sheet Targets (không bắt buộc): chỉ tiêu theo kế hoạch của xã/phường. Ví dụ cột level ghi 1, cột target ghi 6,00: chỉ số nội dung 1 phấn đấu đạt 6,00 điểm; level "total" là tổng điểm (tối đa 80 điểm).', 'Targets sheet (optional): the plan\'s targets. E.g. level 1, target 6,00: dimension 1 aims at 6.00 points; level "total" is the total score (at most 80 points).'],
  ['Sheet Plan (không bắt buộc): nhiệm vụ, giải pháp của kế hoạch theo từng chỉ số, đơn vị chủ trì, đơn vị phối hợp, thời gian thực hiện.', 'Plan sheet (optional): the plan\'s tasks for each dimension, the responsible unit, the coordinating units and the timing.'],
  ['Không sửa dòng 1 của các sheet: đó là mã cột phần mềm đọc (di chuột vào ô để xem giải thích). Không sửa sheet Codebook và Framework: đó là danh sách câu hỏi và chỉ số dùng để tính điểm.', 'Do not change row 1 of any sheet: it holds the column codes the software reads (hover over a cell for its meaning). Do not change the Codebook and Framework sheets: they list the questions and indices the scores are computed from.'],
];

const ANSWER_KINDS: Line[] = [
  ['Câu hỏi Có/Không: ghi 1 = Có, 0 = Không.', 'Yes/no questions: 1 = yes, 0 = no.'],
  ['Câu hỏi chọn một mức (ví dụ 1 = Rất không hài lòng … 5 = Rất hài lòng): ghi số của mức người trả lời chọn.', 'Questions with levels (e.g. 1 = very dissatisfied … 5 = very satisfied): the number of the level chosen.'],
  ['Câu hỏi có số: ghi con số (số ngày chờ, số lần đi lại, số phút…). Số âm là nhập nhầm và không được tính.', 'Number questions: the number (days waited, visits, minutes…). A negative number is a typing error and is not counted.'],
  ['Câu hỏi sàng lọc (ví dụ "Trong 12 tháng qua, ông/bà có làm thủ tục chứng thực, xác nhận không?"): không tính điểm, chỉ để biết hộ nào được hỏi tiếp phần sau.', 'Filter questions (e.g. "In the past 12 months, did you have a document certified?"): not scored; they only say which households are asked the next part.'],
];

const PROBLEMS: Line[] = [
  ['Khi kiểm tra tệp, phần mềm chỉ ra từng ô có vấn đề dạng Sheet!Ô, ví dụ Responses!F12 là sheet Responses, cột F, dòng 12. Danh sách có trong sheet Problems của báo cáo và trên màn hình.', 'When a file is checked, every problem is shown as Sheet!Cell: Responses!F12 is the Responses sheet, column F, row 12. The list is in the report\'s Problems sheet and on screen.'],
  ['Lỗi (error): câu trả lời sai mã và không được tính; sửa theo phiếu giấy. Cảnh báo (warning): vẫn tính điểm nhưng nên kiểm tra lại. Thông tin (info): để biết.', 'Error: the answer has a wrong code and is not counted; correct it from the paper form. Warning: still counted, but check it. Info: for your information.'],
  ['Một ô sai không làm ảnh hưởng đến việc tính điểm các ô khác.', 'A wrong cell never stops the rest from being scored.'],
];

const SCORING: Line[] = [
  ['Mỗi câu trả lời được quy về điểm từ 0 đến 1 (tốt nhất là 1). Các câu hỏi hợp thành 8 chỉ số nội dung, mỗi chỉ số từ 1 đến 10 điểm; tổng điểm từ 8 đến 80 điểm, như thang điểm của Chỉ số PAPI.', 'Each answer becomes a score from 0 to 1 (1 is best). The questions make up 8 dimensions of 1 to 10 points each; the total runs from 8 to 80 points, as on the PAPI scale.'],
  ['Đây là khảo sát do địa phương tự tổ chức theo phương pháp PAPI, không phải kết quả PAPI chính thức.', 'This is a survey the locality runs itself with the PAPI method, not the official PAPI results.'],
];

/** The special codes, one row per meaning: 7/97/997 not applicable, 8/98/998 don't know, 9/99/999 refused. */
function specialCodeRows(framework: Framework): Array<{ codes: number[]; vi: string; en: string }> {
  const byMeaning = new Map<string, { codes: Set<number>; vi: string; en: string }>();
  for (const item of framework.items) {
    for (const code of [...item.missing, ...item.zero]) {
      const [vi, en] = missingLabel(code);
      const key = vi.split(' / ')[0];
      const entry = byMeaning.get(key) ?? { codes: new Set<number>(), vi: key, en: en.split(' / ')[0] };
      entry.codes.add(code);
      byMeaning.set(key, entry);
    }
  }
  return [...byMeaning.values()]
    .map((e) => ({ codes: [...e.codes].sort((a, b) => a - b), vi: e.vi, en: e.en }))
    .sort((a, b) => a.codes[0] - b.codes[0]);
}

export function addGuideSheet(workbook: ExcelJS.Workbook, framework: Framework): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet('Guide', { pageSetup: a4PageSetup('portrait') });
  sheet.getColumn(1).width = 14;
  sheet.getColumn(2).width = 64;
  sheet.getColumn(3).width = 60;
  const wrap: Partial<ExcelJS.Alignment> = { wrapText: true, vertical: 'top' };

  let r = 1;
  const title = sheet.getRow(r++);
  title.getCell(1).value = 'CHISO';
  title.getCell(2).value = 'HƯỚNG DẪN NHẬP PHIẾU KHẢO SÁT';
  title.getCell(3).value = 'How to enter the survey forms';
  title.font = { bold: true, size: 14 };
  title.height = 22;
  const filters = framework.items.filter(isFilterQuestion).length;
  const meta = sheet.getRow(r++);
  meta.getCell(1).value = framework.id;
  meta.getCell(2).value = `Bảng hỏi ${framework.id}: ${framework.items.length} câu hỏi${filters ? ` (trong đó ${filters} câu hỏi sàng lọc)` : ''}, ${framework.dimensions.length} chỉ số nội dung, ${framework.subdimensions.length} chỉ số nội dung thành phần.`;
  meta.getCell(3).value = `Questionnaire ${framework.id}: ${framework.items.length} questions${filters ? ` (${filters} of them filter questions)` : ''}, ${framework.dimensions.length} dimensions, ${framework.subdimensions.length} sub-dimensions.`;
  meta.getCell(2).alignment = wrap;
  meta.getCell(3).alignment = wrap;
  meta.height = 32;
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
      row.getCell(1).alignment = wrap;
      row.getCell(2).value = vi;
      row.getCell(3).value = en;
      row.getCell(2).alignment = wrap;
      row.getCell(3).alignment = wrap;
      row.height = Math.max(15, 15 * Math.ceil(Math.max(vi.length / 70, en.length / 66)));
    });
    r++;
  };

  section('Các bước thực hiện', 'Step by step');
  lines(STEPS);

  section('Cách ghi câu trả lời', 'How answers are written');
  lines(ANSWER_KINDS, () => '•');

  section('Mã đặc biệt (dùng chung cho mọi câu hỏi)', 'Special codes (the same in every question)');
  const specials = specialCodeRows(framework);
  const zeroItems = framework.items.filter((i) => i.zero.length > 0).map((i) => i.code);
  if (specials.length === 0) {
    lines([['Bảng hỏi này không dùng mã đặc biệt.', 'This questionnaire has no special codes.']]);
  } else {
    lines(
      specials.map((s) => {
        const wrong = zeroItems.length && s.codes.some((c) => framework.items.some((i) => i.zero.includes(c)));
        return [
          `${s.vi}: không tính vào điểm.${wrong ? ` Riêng ở các câu hỏi kiểm tra hiểu biết (${zeroItems.join(', ')}), "không biết" được tính như trả lời sai.` : ''}`,
          `${s.en}: not counted in the score.${wrong ? ` On the knowledge questions (${zeroItems.join(', ')}), "don't know" counts as a wrong answer.` : ''}`,
        ] as Line;
      }),
      (i) => specials[i].codes.join(', '),
    );
  }

  section('Kiểm tra và báo lỗi', 'Checks and problems');
  lines(PROBLEMS);

  section('Cách tính điểm (tóm tắt)', 'How the score is computed (in short)');
  lines(SCORING);

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
