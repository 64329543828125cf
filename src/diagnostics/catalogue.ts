/**
 * The diagnostics catalogue: every problem code chiso can report, with its
 * severity, what it means and how to fix it, and the message templates, in
 * Vietnamese and English. It is the only place messages are written
 * (design.md); docs/diagnostics.md is generated from it
 * (`node scripts/diagnostics-doc.mjs`, checked by test/diagnostics).
 *
 * A code has one or more messages ("variants"): `invalid-codebook.order` is the
 * `order` message of the code `invalid-codebook`; a code's `_` message is named
 * by the bare code. Templates hold `{name}` placeholders; the type of a
 * message's parameters is read from its Vietnamese template, and the compiler
 * checks that the English one uses exactly the same names (`Parity` below).
 * User text (cell values, names) is quoted "…" in both languages.
 *
 * To add a code: add an entry here (the section it is listed under in the
 * docs, meaning, fix, messages, an example), emit it with
 * `problems.add('my-code', { … }, sheet, cell)` or `problem(…)`, and run
 * `node scripts/diagnostics-doc.mjs`.
 */
import type { Severity } from './problem.js';

export interface Text {
  readonly vi: string;
  readonly en: string;
}

export interface CodeEntry {
  readonly severity: Severity;
  /** Index into SECTIONS: where docs/diagnostics.md lists it. */
  readonly section: number;
  /** The file cannot be scored (exit 2; the service refuses it). */
  readonly unscorable?: boolean;
  /** The HTTP status the service answers with when this refuses an upload. */
  readonly http?: number;
  readonly meaning: Text;
  readonly fix: Text;
  readonly messages: Readonly<Record<string, Text>>;
  /** For the docs and the tests: where it might be found, and parameters of one message. */
  readonly example: { readonly variant?: string; readonly at: string; readonly params: Readonly<Record<string, ParamValue>> };
}

/** A parameter: a number (decimal comma in Vietnamese), text, or text that differs by language. */
export type ParamValue = string | number | Text;

export const SECTIONS: readonly Text[] = [
  { en: "The file itself (exit 2: cannot be scored)", vi: "Lỗi của cả tệp (không chấm được)" },
  { en: "Sheets and columns", vi: "Trang và cột" },
  { en: "Unit sheet", vi: "Trang Unit" },
  { en: "Framework sheet", vi: "Trang Framework" },
  { en: "Codebook sheet", vi: "Trang Codebook" },
  { en: "Responses sheet", vi: "Trang Responses" },
  { en: "Targets and Plan sheets", vi: "Trang Targets và Plan" },
  { en: "Scoring", vi: "Chấm điểm" },
  { en: "Commands", vi: "Dòng lệnh" },
  { en: "Units registry (exit 2: the registry is not used)", vi: "Danh mục đơn vị hành chính (không dùng danh mục)" },
  { en: "ODK Central and KoboToolbox exports (a CSV's sheet is its file name)", vi: "Tệp xuất từ ODK Central và KoboToolbox (trang của tệp CSV là tên tệp)" },
];

export const CATALOGUE = {
  'file-too-large': {
    severity: 'error',
    section: 0,
    unscorable: true,
    http: 413,
    meaning: { vi: 'Tệp lớn hơn giới hạn (dịch vụ: 25 MB; dòng lệnh: 512 MB). Tệp không được đọc.', en: 'The file is larger than the limit (service 25 MB, command line 512 MB). It is not read at all.' },
    fix: { vi: 'Xóa các trang, hình ảnh không cần thiết rồi lưu lại; hoặc chia theo đơn vị; hoặc chạy lại với `--max-file-mb`.', en: 'Remove sheets and images chiso does not need and save again, split the file by unit, or raise the limit with `--max-file-mb`.' },
    messages: {
      _: { vi: 'tệp có {size} byte, vượt giới hạn {limit} byte', en: 'the file is {size} bytes; the limit is {limit}' },
      batch: { vi: 'tệp nén có {size} byte, vượt giới hạn {limit} byte', en: 'the batch is {size} bytes; the limit is {limit}' },
      upload: { vi: 'tệp tải lên lớn hơn giới hạn {mb} MB ({limit} byte)', en: 'the file is larger than the limit of {mb} MB ({limit} bytes)' },
    },
    example: { at: '', params: {"size":31457280,"limit":26214400} },
  },
  'unreadable-file': {
    severity: 'error',
    section: 0,
    unscorable: true,
    meaning: { vi: 'Không mở được tệp (không tồn tại, không có quyền đọc, hoặc là một thư mục).', en: 'The file cannot be opened (it does not exist, is not readable, or is a folder).' },
    fix: { vi: 'Kiểm tra đường dẫn và quyền đọc; đóng tệp trong Excel nếu đang bị khóa.', en: 'Check the path and the permissions; close the file in Excel if it is locked.' },
    messages: {
      _: { vi: 'không đọc được tệp: {reason}', en: 'cannot read the file: {reason}' },
      batch: { vi: 'không đọc được tệp nén: {reason}', en: 'the batch cannot be read: {reason}' },
    },
    example: { at: '', params: {"reason":"EACCES"} },
  },
  'not-a-workbook': {
    severity: 'error',
    section: 0,
    unscorable: true,
    meaning: { vi: 'Tệp không phải tệp Excel .xlsx (ví dụ tệp CSV, ảnh, PDF, hoặc tệp zip không có `xl/workbook.xml`), dù có đuôi .xlsx.', en: 'The file is not an .xlsx workbook (a CSV, an image, a PDF, or a zip without `xl/workbook.xml`), whatever its name says.' },
    fix: { vi: 'Mở dữ liệu trong Excel và chọn Lưu thành › Sổ làm việc Excel (.xlsx), tốt nhất là điền vào mẫu của `chiso template`.', en: 'Open the data in Excel and Save As › Excel Workbook (.xlsx), ideally into the template from `chiso template`.' },
    messages: {
      _: { vi: 'đây không phải tệp Excel (.xlsx); chiso chỉ đọc tệp .xlsx lập từ mẫu của chiso', en: 'this is not an Excel workbook (.xlsx); chiso reads .xlsx files made from its template' },
      'no-workbook-part': { vi: 'tệp zip này không phải tệp Excel (không có _rels/.rels hay [Content_Types].xml của một gói OOXML)', en: 'this zip is not an Excel workbook (it has no _rels/.rels or [Content_Types].xml of an OOXML package)' },
      'empty-batch': { vi: 'tệp nén không chứa tệp Excel (.xlsx) nào', en: 'the batch zip holds no .xlsx workbook' },
    },
    example: { at: '', params: {} },
  },
  'not-xlsx': {
    severity: 'error',
    section: 0,
    unscorable: true,
    meaning: { vi: 'Đây là tệp Excel 97-2003 (.xls) hoặc bảng tính OpenDocument (.ods, của LibreOffice Calc), kể cả khi đã đổi đuôi thành .xlsx; chiso chỉ đọc định dạng .xlsx. Tệp .ods không bao giờ bị coi là một lô tệp nén.', en: 'An old Excel 97-2003 (.xls) file or an OpenDocument spreadsheet (.ods, from LibreOffice Calc), even one renamed .xlsx; chiso reads only the .xlsx format. An .ods is never taken for a batch zip.' },
    fix: { vi: 'Excel: Tệp › Lưu thành › Sổ làm việc Excel (.xlsx). LibreOffice: Tệp › Lưu thành, chọn "Excel 2007-365 (.xlsx)".', en: 'Excel: File › Save As › Excel Workbook (.xlsx). LibreOffice: File › Save As, choose "Excel 2007-365 (.xlsx)".' },
    messages: {
      _: { vi: 'đây là tệp Excel 97-2003 (.xls); hãy mở bằng Excel (Tệp › Lưu thành › Sổ làm việc Excel) hoặc LibreOffice (Tệp › Lưu thành › "Excel 2007-365 (.xlsx)") và lưu thành .xlsx', en: 'this is an old Excel 97-2003 (.xls) file; open it in Excel (File › Save As › Excel Workbook) or LibreOffice (File › Save As › "Excel 2007-365 (.xlsx)") and save it as .xlsx' },
      ods: { vi: 'đây là bảng tính OpenDocument (.ods, của LibreOffice Calc); hãy mở bằng LibreOffice, chọn Tệp › Lưu thành và lưu dưới dạng "Excel 2007-365 (.xlsx)"', en: 'this is an OpenDocument spreadsheet (.ods, from LibreOffice Calc); open it in LibreOffice, choose File › Save As, and save it as "Excel 2007-365 (.xlsx)"' },
    },
    example: { at: '', params: {} },
  },
  'encrypted-workbook': {
    severity: 'error',
    section: 0,
    unscorable: true,
    meaning: { vi: 'Tệp Excel được đặt mật khẩu (mã hóa) nên không đọc được nội dung.', en: 'The workbook is password-protected (encrypted), so its contents cannot be read.' },
    fix: { vi: 'Trong Excel: Tệp › Thông tin › Bảo vệ sổ làm việc › Mã hóa bằng mật khẩu, xóa mật khẩu rồi lưu lại.', en: 'In Excel: File › Info › Protect Workbook › Encrypt with Password, clear the password and save.' },
    messages: {
      _: { vi: 'tệp Excel được đặt mật khẩu (Excel đã mã hóa khi lưu); hãy bỏ mật khẩu (Tệp › Thông tin › Bảo vệ sổ làm việc) rồi lưu lại thành .xlsx', en: 'this workbook is protected with a password (Excel saved it encrypted); remove the password (File › Info › Protect Workbook) and save it again as .xlsx' },
      part: { vi: 'phần "{part}" bị mã hóa; hãy bỏ mật khẩu rồi lưu lại', en: 'part "{part}" is encrypted; remove the password and save again' },
      'batch-entry': { vi: '"{entry}" bị mã hóa trong tệp nén; tệp này bị bỏ qua', en: '"{entry}" is encrypted in the zip; the batch leaves it out' },
    },
    example: { at: '', params: {} },
  },
  'corrupt-workbook': {
    severity: 'error',
    section: 0,
    unscorable: true,
    meaning: { vi: 'Tệp bị hỏng hoặc không đầy đủ (tải lên bị ngắt, sao chép dở dang, hoặc một phần XML không hợp lệ).', en: 'The file is damaged or incomplete (an interrupted upload or copy, or an invalid XML part).' },
    fix: { vi: 'Lấy lại bản gốc, mở trong Excel (Excel có thể tự sửa) và lưu lại thành .xlsx.', en: 'Get the original again, open it in Excel (which can often repair it) and save it as .xlsx.' },
    messages: {
      _: { vi: 'không đọc được tệp Excel ({reason}); hãy mở trong Excel rồi lưu lại', en: 'the workbook cannot be read ({reason}); open it in Excel and save it again' },
      directory: { vi: 'tệp Excel bị hỏng hoặc không đầy đủ (không đọc được danh mục zip); hãy lưu lại từ Excel', en: 'the workbook is damaged or incomplete (its zip directory cannot be read); save it again from Excel' },
      part: { vi: 'tệp Excel bị hỏng (không đọc được phần "{part}"); hãy lưu lại từ Excel', en: 'the workbook is damaged (part "{part}" cannot be read); save it again from Excel' },
      xml: { vi: 'tệp Excel bị hỏng ({part}: {reason}); hãy mở trong Excel rồi lưu lại', en: 'the workbook is damaged ({part}: {reason}); open it in Excel and save it again' },
      'batch-directory': { vi: 'tệp nén bị hỏng hoặc không đầy đủ (không đọc được danh mục zip)', en: 'the batch zip is damaged or incomplete (its zip directory cannot be read)' },
      'batch-header': { vi: 'không đọc được "{entry}" trong tệp nén (phần đầu bị hỏng)', en: '"{entry}" cannot be read from the zip (its local header is damaged)' },
      'batch-inflate': { vi: 'không giải nén được "{entry}" ({reason})', en: '"{entry}" cannot be inflated ({reason})' },
    },
    example: { at: '', params: {"reason":"invalid distance too far back"} },
  },
  'too-many-entries': {
    severity: 'error',
    section: 0,
    unscorable: true,
    meaning: { vi: 'Tệp zip chứa quá nhiều phần; một tệp Excel lập từ mẫu chỉ có vài chục phần.', en: 'The zip holds far more parts than a workbook made from the template (a few dozen).' },
    fix: { vi: 'Chép dữ liệu sang một mẫu mới (`chiso template`) và lưu lại.', en: 'Copy the data into a fresh template (`chiso template`) and save.' },
    messages: {
      _: { vi: 'tệp Excel có {count} phần, vượt giới hạn {limit}', en: 'the workbook has {count} parts; the limit is {limit}' },
      batch: { vi: 'tệp nén có {count} tệp con, vượt giới hạn {limit}', en: 'the batch has {count} entries; the limit is {limit}' },
    },
    example: { at: '', params: {"count":12000,"limit":10000} },
  },
  'uncompressed-too-large': {
    severity: 'error',
    section: 0,
    unscorable: true,
    http: 413,
    meaning: { vi: 'Khi giải nén, tệp Excel (hoặc một phần của nó) lớn hơn giới hạn (dịch vụ: 250 MB; dòng lệnh: 1 GB), hoặc lớn hơn nhiều so với kích thước nó khai báo (“bom zip”). Việc kiểm tra diễn ra trước khi đọc bất kỳ trang nào.', en: 'Uncompressed, the workbook (or one part) is larger than the limit (service 250 MB, command line 1 GB), or much larger than it declares (a zip bomb). Checked before any sheet is read.' },
    fix: { vi: 'Xóa hình ảnh và trang không cần thiết; chia tệp theo đơn vị; hoặc nâng giới hạn bằng `--max-uncompressed-mb` nếu tệp đáng tin cậy.', en: 'Remove images and unneeded sheets, split the file by unit, or raise the limit with `--max-uncompressed-mb` for a file you trust.' },
    messages: {
      part: { vi: 'phần "{part}" khi giải nén có {size} byte, vượt giới hạn {limit} byte', en: 'part "{part}" inflates to {size} bytes; the limit is {limit}' },
      total: { vi: 'tệp Excel khi giải nén có {size} byte, vượt giới hạn {limit} byte', en: 'the workbook inflates to {size} bytes; the limit is {limit}' },
      'part-streamed': { vi: 'phần "{part}" khi giải nén vượt {limit} byte (khai báo {declared}); có thể là bom zip hoặc tệp hỏng', en: 'part "{part}" inflates past {limit} bytes (it declares {declared}); the limit is {limit} — a zip bomb or a damaged file' },
      'total-streamed': { vi: 'tệp Excel khi giải nén vượt {limit} byte (các phần khai báo ít hơn); có thể là bom zip hoặc tệp hỏng', en: 'the workbook inflates past {limit} bytes (its parts declare less); the limit is {limit} — a zip bomb or a damaged file' },
      'batch-entry': { vi: '"{entry}" khi giải nén có {size} byte, vượt giới hạn {limit} byte', en: '"{entry}" inflates to {size} bytes; the limit is {limit}' },
      'batch-total': { vi: 'tệp nén khi giải nén vượt {limit} byte; giới hạn dừng lại ở "{entry}"', en: 'the batch inflates to more than {limit} bytes; the limit stops it at "{entry}"' },
      'batch-streamed': { vi: '"{entry}" khi giải nén vượt {limit} byte; tệp này bị bỏ qua', en: '"{entry}" inflates to more than {limit} bytes; the batch leaves it out' },
    },
    example: { at: '', params: {"part":"xl/worksheets/sheet2.xml","size":1073741824,"limit":262144000} },
  },
  'xml-doctype': {
    severity: 'error',
    section: 0,
    unscorable: true,
    meaning: { vi: 'Một phần XML của tệp khai báo DOCTYPE/ENTITY. Excel không bao giờ ghi như vậy; đây là dấu hiệu tệp bị làm giả để tấn công (“billion laughs”).', en: 'An XML part declares a DOCTYPE or entities. Excel never writes these (OOXML forbids them); it is the mark of a crafted, hostile file (“billion laughs”).' },
    fix: { vi: 'Không dùng tệp này. Xuất lại dữ liệu từ Excel vào mẫu của chiso.', en: 'Do not use this file. Export the data again from Excel into the chiso template.' },
    messages: {
      _: { vi: 'phần "{part}" khai báo DOCTYPE hoặc ENTITY (như kiểu tấn công "billion laughs"); Excel không bao giờ ghi như vậy nên chiso không đọc tệp này', en: 'part "{part}" declares a DOCTYPE or ENTITY (as in a "billion laughs" attack); Excel never writes one, so chiso does not read this file' },
    },
    example: { at: '', params: {"part":"xl/workbook.xml"} },
  },
  'macros-ignored': {
    severity: 'warning',
    section: 0,
    meaning: { vi: 'Tệp Excel có chứa macro (VBA). chiso chỉ đọc giá trị ô, không bao giờ chạy macro; tệp vẫn được chấm.', en: 'The workbook contains macros (VBA). chiso reads cell values only and never runs macros; the file is still scored.' },
    fix: { vi: 'Không cần làm gì; nếu muốn hết cảnh báo, lưu lại thành .xlsx (không macro).', en: 'Nothing is needed; to silence it, save as a macro-free .xlsx.' },
    messages: {
      _: { vi: 'tệp Excel có macro; chiso không bao giờ chạy macro', en: 'the workbook contains macros; chiso never runs them' },
    },
    example: { at: '', params: {} },
  },
  'ignored-entry': {
    severity: 'info',
    section: 0,
    meaning: { vi: 'Một tệp trong tệp nén (.zip) gửi theo lô không phải tệp Excel .xlsx (tệp nén lồng nhau, tệp văn bản, thư mục `__MACOSX/`, tệp khóa `~$` của Excel), nên bị bỏ qua. Các tệp Excel khác vẫn được chấm.', en: 'A file in a batch zip is not an .xlsx workbook (a nested zip, a text file, `__MACOSX/`, an Excel `~$` lock file), so the batch leaves it out. The other workbooks are scored.' },
    fix: { vi: 'Không cần làm gì nếu tệp đó không phải dữ liệu khảo sát; nếu là dữ liệu, lưu thành .xlsx theo mẫu của chiso rồi nén lại.', en: 'Nothing, if the file is not survey data; if it is, save it as an .xlsx made from the chiso template and zip again.' },
    messages: {
      _: { vi: '"{entry}" không phải tệp Excel .xlsx; tệp này bị bỏ qua', en: '"{entry}" is not an .xlsx workbook; the batch leaves it out' },
    },
    example: { at: '', params: {"entry":"ghi-chu.docx"} },
  },
  'missing-sheet': {
    severity: 'error',
    section: 1,
    unscorable: true,
    meaning: { vi: 'Thiếu một trang bắt buộc (`Unit`, `Responses`, `Codebook`, `Framework`); tên trang phải đúng như mẫu.', en: 'A required sheet (`Unit`, `Responses`, `Codebook`, `Framework`) is missing; sheet names must be exactly the template\'s.' },
    fix: { vi: 'Đổi tên trang cho đúng, hoặc chép dữ liệu vào mẫu mới của `chiso template`.', en: 'Rename the sheet, or copy the data into a fresh template from `chiso template`.' },
    messages: {
      _: { vi: 'tệp Excel không có trang "{sheet}"; trang này là bắt buộc (các trang có trong tệp: {found})', en: 'the workbook has no sheet named "{sheet}"; it is required (its sheets are {found})' },
      none: { vi: 'tệp Excel không có trang nào', en: 'the workbook has no sheets' },
    },
    example: { at: 'Responses', params: {"sheet":"Responses","found":"\"Unit\", \"Data\", \"Codebook\", \"Framework\""} },
  },
  'sheet-name-matched': {
    severity: 'info',
    section: 1,
    meaning: { vi: 'Tên một trang của mẫu được viết khác (chữ hoa/thường, khoảng trắng), ví dụ "responses"; chiso vẫn đọc trang đó như trang của mẫu, và các thông báo ghi tên trang theo mẫu.', en: 'A template sheet\'s name is written differently (case, spaces), e.g. "responses"; chiso reads it as the template\'s sheet, and problems name it as the template does.' },
    fix: { vi: 'Không bắt buộc; nên đổi lại tên trang đúng như mẫu để tránh nhầm lẫn.', en: 'Nothing is required; renaming the tab as in the template avoids confusion.' },
    messages: {
      _: { vi: 'trang "{found}" được đọc là trang "{sheet}" của mẫu (tên trang được so không phân biệt chữ hoa/thường và khoảng trắng)', en: 'sheet "{found}" is read as the template\'s "{sheet}" sheet (names are matched without case and spaces)' },
    },
    example: { at: 'Responses', params: {"found":"responses ","sheet":"Responses"} },
  },
  'unreadable-sheet': {
    severity: 'error',
    section: 1,
    unscorable: true,
    meaning: { vi: 'Trang có dữ liệu nhưng được viết theo cách chiso không nhận ra (các phần tử hàng và ô không thuộc không gian tên của SpreadsheetML, do một chương trình khác Excel tạo ra); chiso không đoán, và không báo nhầm là thiếu cột.', en: 'The sheet has content, written in a way chiso does not recognise (its row and cell elements are not in SpreadsheetML\'s namespace: a program other than Excel wrote it); chiso does not guess, and does not misreport it as a missing column.' },
    fix: { vi: 'Mở tệp bằng Excel hoặc LibreOffice rồi lưu lại dưới dạng .xlsx.', en: 'Open the file in Excel or LibreOffice and save it again as .xlsx.' },
    messages: {
      _: { vi: 'trang {sheet} có dữ liệu nhưng chiso không nhận ra hàng nào ({count} phần tử hàng và ô không thuộc SpreadsheetML); hãy mở tệp bằng Excel hoặc LibreOffice rồi lưu lại thành .xlsx', en: 'the {sheet} sheet has content, but chiso could not recognise any row in it ({count} row and cell elements not in SpreadsheetML\'s namespace); open the workbook in Excel or LibreOffice and save it again as .xlsx' },
    },
    example: { at: 'Responses', params: {"sheet":"Responses","count":42} },
  },
  'missing-column': {
    severity: 'error',
    section: 1,
    unscorable: true,
    meaning: { vi: 'Dòng 1 của trang thiếu một mã cột bắt buộc. Dòng 1 phải chứa đúng các mã cột của mẫu (không phải tiêu đề tiếng Việt).', en: 'Row 1 of the sheet lacks a required column code. Row 1 must hold exactly the template\'s codes (not Vietnamese captions).' },
    fix: { vi: 'Khôi phục mã cột ở dòng 1 (ví dụ `respondent_id`); tiêu đề dễ đọc nằm trong chú thích ô, không thay mã.', en: 'Restore the column code in row 1 (e.g. `respondent_id`); readable captions live in the cell comments, not instead of the code.' },
    messages: {
      _: { vi: 'dòng 1 của trang {sheet} không có cột "{column}"; cột này là bắt buộc', en: 'the {sheet} sheet has no "{column}" column in row 1; it is required' },
    },
    example: { at: 'Responses!A1', params: {"sheet":"Responses","column":"respondent_id"} },
  },
  'duplicate-column': {
    severity: 'error',
    section: 1,
    meaning: { vi: 'Một mã cột xuất hiện hai lần ở dòng 1; chỉ cột đầu tiên được đọc, cột sau bị bỏ qua.', en: 'A column code appears twice in row 1; only the first column is read, the later one is ignored.' },
    fix: { vi: 'Gộp dữ liệu vào một cột rồi xóa cột trùng.', en: 'Merge the data into one column and delete the duplicate.' },
    messages: {
      _: { vi: 'cột "{column}" xuất hiện hai lần; chỉ đọc cột đầu tiên (cột {first})', en: 'column "{column}" appears twice; only the first (column {first}) is read' },
    },
    example: { at: 'Responses!K1', params: {"column":"d1a_02","first":"F"} },
  },
  'unknown-column': {
    severity: 'warning',
    section: 1,
    meaning: { vi: 'Cột có mã không có trong Codebook (trang Responses) hoặc không phải cột chiso đọc (các trang khác); cột được bỏ qua.', en: 'A column whose code is not in the Codebook (Responses) or not one chiso reads (other sheets); it is ignored.' },
    fix: { vi: 'Sửa lỗi chính tả mã cột, hoặc thêm câu hỏi vào Codebook nếu cần chấm.', en: 'Fix the code\'s spelling, or add the item to the Codebook if it should be scored.' },
    messages: {
      _: { vi: 'cột "{column}" không phải cột chiso đọc trên trang này; cột bị bỏ qua', en: 'column "{column}" is not one chiso reads on this sheet; it is ignored' },
      'not-an-item': { vi: 'cột "{column}" không phải mã câu hỏi có trong trang Codebook; cột này không được chấm', en: 'column "{column}" is not an item in the Codebook; it is not scored' },
    },
    example: { at: 'Unit!C1', params: {"column":"ghi_chu"} },
  },
  'hidden-sheet': {
    severity: 'info',
    section: 1,
    meaning: { vi: 'Trang bị ẩn trong Excel nhưng vẫn được đọc như bình thường.', en: 'The sheet is hidden in Excel; chiso reads it all the same.' },
    fix: { vi: 'Không cần làm gì; bỏ ẩn trang nếu người kiểm tra cần nhìn thấy.', en: 'Nothing is needed; unhide it if reviewers should see it.' },
    messages: {
      _: { vi: 'trang "{sheet}" đang bị ẩn trong Excel; chiso vẫn đọc như các trang khác', en: 'sheet "{sheet}" is hidden in Excel; chiso reads it like any other' },
    },
    example: { at: 'Codebook', params: {"sheet":"Codebook"} },
  },
  'unknown-unit-field': {
    severity: 'warning',
    section: 2,
    meaning: { vi: 'Cột `field` có một tên trường chiso không đọc; dòng đó bị bỏ qua.', en: 'The `field` column names a field chiso does not read; that row is ignored.' },
    fix: { vi: 'Dùng đúng tên trường: province, district, unit, unit_code, year, framework.', en: 'Use one of the field names: province, district, unit, unit_code, year, framework.' },
    messages: {
      _: { vi: '"{field}" không phải trường chiso đọc trên trang Unit ({fields})', en: '"{field}" is not a Unit field chiso reads ({fields})' },
    },
    example: { at: 'Unit!A8', params: {"field":"xa","fields":"province, district, unit, unit_code, year, framework"} },
  },
  'missing-unit-field': {
    severity: 'warning',
    section: 2,
    meaning: { vi: 'Trang Unit thiếu tên đơn vị, mã đơn vị, năm hoặc phiên bản bộ chỉ số; vẫn chấm được nhưng báo cáo và so sánh theo năm không gọi tên được đơn vị.', en: 'The Unit sheet lacks the unit name, code, year or framework version; scoring goes on but reports and year-over-year comparison cannot name the unit.' },
    fix: { vi: 'Điền giá trị vào cột `value` của dòng tương ứng.', en: 'Fill in the `value` of that field.' },
    messages: {
      _: { vi: 'trang Unit chưa ghi {field}; hãy điền để báo cáo và so sánh giữa các năm ghi đúng tên đơn vị', en: 'the Unit sheet gives no {field}; fill it so reports and year-over-year comparisons can name the unit' },
      framework: { vi: 'trang Unit chưa ghi tệp được lập theo phiên bản bộ chỉ số nào (ví dụ papi-29)', en: 'the Unit sheet does not say which framework version the workbook was made from (e.g. papi-29)' },
    },
    example: { at: 'Unit!B5', params: {"field":"unit_code"} },
  },
  'invalid-unit-field': {
    severity: 'error',
    section: 2,
    meaning: { vi: 'Năm không phải là một năm hợp lệ (số nguyên từ 2000 đến 2100).', en: 'The year is not a year (a whole number from 2000 to 2100).' },
    fix: { vi: 'Ghi năm bằng số, ví dụ 2024.', en: 'Write the year as a number, e.g. 2024.' },
    messages: {
      year: { vi: 'năm "{value}" không phải một năm như 2024', en: 'year "{value}" is not a year such as 2024' },
    },
    example: { at: 'Unit!B6', params: {"value":"2O24"} },
  },
  'invalid-framework': {
    severity: 'error',
    section: 3,
    meaning: { vi: 'Một dòng của trang Framework sai: thiếu mã, mã trùng, mã không đúng dạng (nội dung: số như 4; nội dung thành phần: số và chữ như 4a), hoặc chỉ số cha không tồn tại. Dòng đó bị bỏ qua.', en: 'A Framework row is wrong: no code, a duplicate, a malformed code (dimensions are numbers like 4, sub-dimensions a number and a letter like 4a) or an unknown parent. That row is left out.' },
    fix: { vi: 'Sửa mã ở ô được chỉ ra theo bộ chỉ số của mẫu.', en: 'Correct the code in the cell shown, following the template\'s framework.' },
    messages: {
      'no-code': { vi: 'dòng này không có mã', en: 'this row has no code' },
      twice: { vi: 'mã "{code}" được khai báo hai lần; dùng lần đầu ({first})', en: 'code "{code}" is defined twice; the first ({first}) is used' },
      'dimension-code': { vi: 'mã chỉ số nội dung "{code}" phải là một số, ví dụ 4', en: 'dimension code "{code}" should be a number such as 4' },
      'subdimension-code': { vi: 'mã nội dung thành phần "{code}" phải gồm số của chỉ số nội dung và một chữ cái, ví dụ 4a', en: 'sub-dimension code "{code}" should be its dimension and a letter, such as 4a' },
      'unknown-parent': { vi: 'nội dung thành phần {code} ghi thuộc "{parent}", nhưng trang này không có chỉ số nội dung đó', en: 'sub-dimension {code} names parent "{parent}", which is not a dimension on this sheet' },
      'no-subdimensions': { vi: 'chỉ số nội dung {code} không có nội dung thành phần nào nên không chấm được', en: 'dimension {code} has no sub-dimensions, so it cannot be scored' },
    },
    example: { variant: 'twice', at: 'Framework!A9', params: {"code":"4a","first":"Framework!A8"} },
  },
  'empty-framework': {
    severity: 'error',
    section: 3,
    unscorable: true,
    meaning: { vi: 'Trang Framework không có chỉ số nội dung hoặc nội dung thành phần hợp lệ nào nên không chấm được.', en: 'The Framework sheet has no valid dimensions or sub-dimensions, so nothing can be scored.' },
    fix: { vi: 'Chép trang Framework từ mẫu (`chiso template`).', en: 'Copy the Framework sheet from a template (`chiso template`).' },
    messages: {
      _: { vi: 'trang Framework không có chỉ số nội dung và nội dung thành phần nào; không chấm được gì', en: 'the Framework sheet lists no dimensions and sub-dimensions; nothing can be scored' },
    },
    example: { at: 'Framework', params: {} },
  },
  'no-items': {
    severity: 'warning',
    section: 3,
    meaning: { vi: 'Một nội dung thành phần không có câu hỏi nào được chấm (không có trong Codebook hoặc không có cột trong Responses).', en: 'A sub-dimension has no scored items (none in the Codebook, or none with a Responses column).' },
    fix: { vi: 'Thêm câu hỏi vào Codebook và cột tương ứng vào Responses, hoặc xóa nội dung thành phần nếu bộ chỉ số năm đó không có.', en: 'Add its items to the Codebook and Responses, or remove the sub-dimension if that year\'s framework does not score it.' },
    messages: {
      _: { vi: 'nội dung thành phần {code} không có câu hỏi nào được chấm (không có câu nào trong Codebook có cột ở trang Responses)', en: 'sub-dimension {code} has no scored items (none in the Codebook with a Responses column)' },
    },
    example: { at: 'Framework!A12', params: {"code":"3c"} },
  },
  'invalid-codebook': {
    severity: 'error',
    section: 4,
    meaning: { vi: 'Một dòng Codebook sai (thiếu mã, mã trùng, loại không phải binary/scale/number, chiều không phải + hoặc -, min ≥ max, mã thiếu/mã 0 không phải số nguyên, trọng số ≤ 0, nội dung thành phần không có). Câu hỏi đó không được chấm.', en: 'A Codebook row is wrong (no code, a duplicate, a type other than binary/scale/number, a direction other than + or -, min ≥ max, non-integer missing or zero codes, a weight ≤ 0, an unknown sub-dimension). That item is left out of scoring.' },
    fix: { vi: 'Sửa ô được chỉ ra theo phương pháp (methodology.md §2) hoặc chép dòng từ mẫu.', en: 'Correct the cell shown (methodology.md §2) or copy the row from the template.' },
    messages: {
      'no-code': { vi: 'dòng này của Codebook không có mã câu hỏi; dòng bị bỏ qua', en: 'this codebook row has no item code; it is left out' },
      twice: { vi: 'câu {item} được khai báo hai lần; dùng lần đầu ({first})', en: 'item {item} is defined twice; the first ({first}) is used' },
      subdimension: { vi: 'nội dung thành phần "{subdimension}" không có trên trang Framework; câu {item} không được chấm', en: 'sub-dimension "{subdimension}" is not on the Framework sheet; item {item} is left out of scoring' },
      type: { vi: 'loại "{type}" không phải binary, scale hay number; câu {item} không được chấm', en: 'type "{type}" is not binary, scale or number; item {item} is left out of scoring' },
      direction: { vi: 'chiều "{direction}" không phải + hay -; câu {item} không được chấm', en: 'direction "{direction}" is not + or -; item {item} is left out of scoring' },
      range: { vi: 'câu loại {type} cần min và max là số; câu {item} không được chấm', en: 'a {type} item needs numeric min and max; item {item} is left out of scoring' },
      order: { vi: 'min {min} không nhỏ hơn max {max}; câu {item} không được chấm', en: 'min {min} is not below max {max}; item {item} is left out of scoring' },
      missing: { vi: 'mã thiếu "{codes}" phải là các số nguyên cách nhau bởi dấu phẩy, ví dụ 9,98; câu {item} không được chấm', en: 'missing codes "{codes}" must be whole numbers separated by commas, e.g. 9,98; item {item} is left out of scoring' },
      zero: { vi: 'mã được tính là 0 "{codes}" phải là các số nguyên cách nhau bởi dấu phẩy; câu {item} không được chấm', en: 'zero codes "{codes}" must be whole numbers separated by commas; item {item} is left out of scoring' },
      weight: { vi: 'trọng số câu hỏi "{weight}" phải là số lớn hơn 0; câu {item} không được chấm', en: 'item weight "{weight}" must be a number above 0; item {item} is left out of scoring' },
    },
    example: { variant: 'order', at: 'Codebook!E14', params: {"item":"d1a_03","min":5,"max":1} },
  },
  'invalid-relevant': {
    severity: 'error',
    section: 4,
    meaning: { vi: 'Điều kiện hỏi (cột `relevant`) của một câu hỏi viết sai cú pháp, hoặc nhắc đến một câu hỏi không đứng trước nó trong Codebook. Câu hỏi đó được coi như hỏi mọi người (không có điều kiện).', en: 'A question\'s skip condition (the `relevant` column) does not parse, or names an item that is not earlier in the Codebook. The question is then scored as if it had no condition (asked of everyone).' },
    fix: { vi: 'Viết theo mẫu `${d5a_00} = 1`: câu hỏi ghi trong `${…}`, chỉ dùng số, `=`, `!=`, `<`, `<=`, `>`, `>=`, `and`, `or`, `not(…)` và ngoặc đơn; không dùng `==` hay dấu nháy; câu hỏi được nhắc đến phải nằm ở dòng trên.', en: 'Write it like `${d5a_00} = 1`: items in `${…}`, only numbers, `=`, `!=`, `<`, `<=`, `>`, `>=`, `and`, `or`, `not(…)` and parentheses; no `==`, no quotes; the item named must be on a row above.' },
    messages: {
      _: { vi: 'điều kiện "{condition}" của câu {item}: {reason}; câu {item} được tính như hỏi mọi người', en: 'relevant "{condition}" for {item}: {reason}; {item} is asked of every respondent' },
    },
    example: { at: 'Codebook!L40', params: {"condition":"${d5a_00} == 1","item":"d5a_01","reason":{"vi":"dùng = để so sánh, không dùng == (ký tự thứ 11)","en":"use = to compare, not == (character 11)"}} },
  },
  'invalid-answer': {
    severity: 'error',
    section: 5,
    meaning: { vi: 'Câu trả lời không hợp lệ: ngoài thang đo, không phải số nguyên trên thang, số nhỏ hơn giá trị nhỏ nhất (ví dụ chờ −3 ngày), chữ không phải số, giá trị đúng/sai, ngày tháng hoặc giá trị lỗi. Câu trả lời được tính là thiếu; các ô khác vẫn được chấm.', en: 'The answer is invalid: out of range, not a whole number on a scale, a number below its minimum (a wait of −3 days), text that is not a number, a TRUE/FALSE, a date or an error value. It counts as missing; every other cell is still scored.' },
    fix: { vi: 'Nhập lại đúng mã trả lời theo phiếu (xem chú thích ở ô tiêu đề cột); dùng mã “không biết” (ví dụ 9) thay vì để chữ.', en: 'Enter the answer code from the questionnaire (see the column header\'s comment); use the don\'t-know code (e.g. 9) rather than words.' },
    messages: {
      'not-a-number': { vi: '{value} không phải là số — câu {item} "{question}" chỉ nhận {accepted}', en: '{value} is not a number — {item} "{question}" accepts {accepted}' },
      'not-binary': { vi: '{value} không phải 0 hoặc 1 — câu {item} "{question}" chỉ nhận {accepted}', en: '{value} is not 0 or 1 — {item} "{question}" accepts {accepted}' },
      'not-whole': { vi: '{value} không phải số nguyên — câu {item} "{question}" chỉ nhận {accepted}', en: '{value} is not a whole number — {item} "{question}" accepts {accepted}' },
      'out-of-range': { vi: '{value} không phải mã trả lời của câu {item} "{question}": câu này chỉ nhận {accepted}', en: '{value} is not one of the codes of {item} "{question}": it accepts {accepted}' },
      'below-min': { vi: '{value} nhỏ hơn giá trị nhỏ nhất, có lẽ do nhập nhầm — câu {item} "{question}" chỉ nhận {accepted}', en: '{value} is below the smallest possible answer, likely a typing error — {item} "{question}" accepts {accepted}' },
    },
    example: { variant: 'out-of-range', at: 'Responses!F12', params: {"value":7,"item":"d1a_02","question":"Ông/bà có biết khẩu hiệu \"Dân biết, dân bàn…\"","accepted":"1–5; 9 = không biết"} },
  },
  'clamped-value': {
    severity: 'warning',
    section: 5,
    meaning: { vi: 'Một câu trả lời dạng số lớn hơn giá trị lớn nhất nên được tính bằng giá trị lớn nhất. (Số nhỏ hơn giá trị nhỏ nhất là lỗi nhập, `invalid-answer`, không được tính.)', en: 'A number answer is above its maximum and is scored as the maximum. (A number below the minimum is a typing error, `invalid-answer`, and is not scored.)' },
    fix: { vi: 'Kiểm tra lại phiếu; sửa nếu nhập nhầm.', en: 'Check the questionnaire and correct it if it was mistyped.' },
    messages: {
      _: { vi: '{value} nằm ngoài khoảng {min}–{max} của câu {item} "{question}"; được tính là {bound}', en: '{value} is outside {min}..{max} for {item} "{question}"; scored as {bound}' },
    },
    example: { at: 'Responses!BX40', params: {"value":75,"min":0,"max":60,"item":"d6c_05","question":"Trong tháng qua, khu vực nhà ông/bà bị mất điện bao nhiêu lần?","bound":60} },
  },
  'not-asked': {
    severity: 'warning',
    section: 5,
    meaning: { vi: 'Ô có câu trả lời cho một câu hỏi mà theo hướng dẫn chuyển câu thì người này không được hỏi (ví dụ hộ không làm thủ tục chứng thực nhưng phần 5a vẫn có đáp án). Câu trả lời đó không được tính, dù ghi gì.', en: 'The cell holds an answer to a question this respondent was not asked under the skip instructions (e.g. a household that did no certification, yet section 5a is filled in). The answer is ignored, whatever it holds.' },
    fix: { vi: 'Xem lại phiếu: nếu câu sàng lọc (ví dụ d5a_00) ghi nhầm thì sửa câu đó; nếu đúng thì xóa các ô của phần bị bỏ qua.', en: 'Check the form: if the filter question (e.g. d5a_00) was mistyped, correct it; otherwise clear the skipped section\'s cells.' },
    messages: {
      _: { vi: 'theo hướng dẫn chuyển câu, người này không được hỏi câu {item} "{question}" (điều kiện: {condition}); câu trả lời "{value}" không được tính', en: '{item} "{question}" is not asked of this respondent (relevant: {condition}); the answer "{value}" is ignored' },
    },
    example: { at: 'Responses!BK12', params: {"item":"d5a_02","question":"Cán bộ tiếp nhận hồ sơ chứng thực, xác nhận có lịch sự không?","condition":"${d5a_00} = 1","value":"3"} },
  },
  'formula-cell': {
    severity: 'warning',
    section: 5,
    meaning: { vi: 'Ô chứa công thức. chiso dùng giá trị Excel đã lưu lần cuối và không bao giờ tính lại công thức.', en: 'The cell holds a formula. chiso uses the value Excel last saved and never evaluates it.' },
    fix: { vi: 'Thay công thức bằng giá trị (Sao chép › Dán giá trị) để chắc chắn con số được chấm là con số bạn thấy.', en: 'Replace the formula by its value (Copy › Paste Values) so the number scored is the one you see.' },
    messages: {
      _: { vi: 'ô này chứa công thức; chiso dùng giá trị Excel lưu lần cuối và không bao giờ tính công thức', en: 'this cell holds a formula; chiso uses the value Excel last saved and never evaluates it' },
    },
    example: { at: 'Responses!G7', params: {} },
  },
  'merged-cell': {
    severity: 'warning',
    section: 5,
    meaning: { vi: 'Ô bị gộp với ô phía trên/bên trái. Chỉ ô đầu của vùng gộp có giá trị nên ô này được đọc là trống (thiếu câu trả lời).', en: 'The cell is merged into the one above or to its left. Only the first cell of a merge holds a value, so this one reads as blank (a missing answer).' },
    fix: { vi: 'Bỏ gộp ô (Trang đầu › Hợp nhất › Bỏ hợp nhất) và điền câu trả lời cho từng người.', en: 'Unmerge (Home › Merge › Unmerge Cells) and fill in each respondent\'s answer.' },
    messages: {
      _: { vi: 'ô này bị gộp vào ô trước; chỉ ô đầu của vùng gộp có giá trị nên chiso đọc ô này là trống — hãy bỏ gộp và điền từng ô', en: 'this cell is merged into the one before it; only the first cell of a merge holds a value, so chiso reads this one as blank — unmerge and fill each cell' },
    },
    example: { at: 'Responses!H9', params: {} },
  },
  'hidden-row': {
    severity: 'info',
    section: 5,
    meaning: { vi: 'Dòng bị ẩn trong Excel nhưng vẫn được chấm như mọi dòng khác.', en: 'The row is hidden in Excel; it is scored like any other.' },
    fix: { vi: 'Nếu dòng đó không được chấm, hãy xóa hẳn thay vì ẩn.', en: 'If the row should not count, delete it rather than hide it.' },
    messages: {
      _: { vi: 'dòng này đang bị ẩn trong Excel; vẫn được chấm như các dòng khác', en: 'this row is hidden in Excel; it is scored like any other' },
    },
    example: { at: 'Responses!A30', params: {} },
  },
  'invalid-weight': {
    severity: 'error',
    section: 5,
    meaning: { vi: 'Trọng số của người trả lời không phải là số lớn hơn 0; cả dòng bị loại khỏi việc chấm điểm.', en: 'The respondent\'s weight is not a number above 0; the whole row is left out of scoring.' },
    fix: { vi: 'Ghi trọng số lớn hơn 0 (ví dụ 1 hoặc 0,85), hoặc để trống (được tính là 1).', en: 'Write a positive weight (e.g. 1 or 0,85), or leave it blank to count as 1.' },
    messages: {
      _: { vi: 'trọng số "{weight}" không phải số lớn hơn 0; người trả lời này không được tính điểm', en: 'weight "{weight}" is not a number above 0; this respondent is left out of scoring' },
    },
    example: { at: 'Responses!F15', params: {"weight":"-1"} },
  },
  'duplicate-respondent': {
    severity: 'warning',
    section: 5,
    meaning: { vi: 'Hai dòng có cùng mã phiếu. Cả hai vẫn được chấm, nhưng có thể là phiếu bị nhập hai lần.', en: 'Two rows share a respondent_id. Both are scored, but one may be a respondent entered twice.' },
    fix: { vi: 'Xóa dòng nhập trùng, hoặc sửa mã phiếu cho đúng.', en: 'Delete the duplicate row, or correct the id.' },
    messages: {
      _: { vi: 'mã phiếu "{id}" trùng với dòng {first}; cả hai dòng {first} và {row} vẫn được chấm — mỗi người trả lời chỉ một dòng, một mã phiếu', en: 'respondent_id "{id}" is also in row {first}; both rows {first} and {row} are scored — give each respondent one row and one id' },
    },
    example: { at: 'Responses!A31', params: {"id":"LT-017","first":18,"row":31} },
  },
  'missing-respondent-id': {
    severity: 'warning',
    section: 5,
    meaning: { vi: 'Dòng không có mã phiếu; vẫn được chấm nhưng khó đối chiếu với phiếu giấy.', en: 'The row has no respondent_id; it is scored, but cannot be traced back to its paper form.' },
    fix: { vi: 'Ghi mã phiếu (không ghi họ tên người trả lời).', en: 'Fill in the form\'s id (never the respondent\'s name).' },
    messages: {
      _: { vi: 'dòng này không có mã phiếu (respondent_id); vẫn được chấm, nhưng hãy đặt mã phiếu cho mỗi người trả lời', en: 'this row has no respondent_id; it is scored, but give every respondent an id' },
    },
    example: { at: 'Responses!A22', params: {} },
  },
  'missing-unit-code': {
    severity: 'warning',
    section: 5,
    meaning: { vi: 'Sổ tính có cột `unit_code` nhưng dòng này để trống; dòng được tính cho đơn vị ghi trên trang Unit.', en: 'The workbook has a `unit_code` column but this row leaves it blank; the row counts for the Unit sheet\'s unit.' },
    fix: { vi: 'Điền mã đơn vị (xã/phường) của người trả lời.', en: 'Fill in the respondent\'s unit (commune/ward) code.' },
    messages: {
      _: { vi: 'dòng này không có unit_code; được tính vào đơn vị {unit} của trang Unit', en: 'this row has no unit_code; it is counted in the Unit sheet\'s unit {unit}' },
    },
    example: { at: 'Responses!B40', params: {"unit":"30316"} },
  },
  'missing-item-column': {
    severity: 'warning',
    section: 5,
    meaning: { vi: 'Một câu hỏi trong Codebook không có cột trong trang Responses nên không được chấm.', en: 'A Codebook item has no Responses column, so it is not scored.' },
    fix: { vi: 'Thêm cột với đúng mã câu hỏi ở dòng 1, hoặc xóa câu hỏi khỏi Codebook nếu năm đó không hỏi.', en: 'Add a column with that item code in row 1, or remove the item from the Codebook if it was not asked.' },
    messages: {
      _: { vi: 'câu {item} của Codebook không có cột trong trang Responses; câu này không được chấm', en: 'the Codebook item {item} has no column in Responses; it is not scored' },
    },
    example: { at: 'Responses', params: {"item":"d5b_01"} },
  },
  'no-respondents': {
    severity: 'error',
    section: 5,
    unscorable: true,
    http: 422,
    meaning: { vi: 'Trang Responses không có dòng dữ liệu nào (tệp để trống). Tệp không được chấm; dịch vụ web từ chối tệp (HTTP 422) và không lưu.', en: 'The Responses sheet has no data rows (a blank upload). The file is not scored; the service refuses it (HTTP 422) and does not store it.' },
    fix: { vi: 'Nhập phiếu từ dòng 2 trở đi, mỗi người một dòng.', en: 'Enter the forms from row 2 on, one respondent per row.' },
    messages: {
      _: { vi: 'trang Responses không có dòng người trả lời nào để chấm; tệp không được chấm và không được lưu', en: 'the Responses sheet has no respondent rows to score; the file is not scored or stored' },
    },
    example: { at: 'Responses!A2', params: {} },
  },
  'too-many-strings': {
    severity: 'error',
    section: 0,
    unscorable: true,
    http: 413,
    meaning: { vi: 'Bảng chuỗi dùng chung (xl/sharedStrings.xml) có quá nhiều chuỗi hoặc quá nhiều ký tự (dịch vụ: 1 triệu chuỗi, 50 triệu ký tự; dòng lệnh: 10 triệu, 500 triệu). Hàng triệu chuỗi rất ngắn nén lại chỉ còn vài trăm KB nhưng làm máy chủ chậm hẳn; việc đọc dừng lại và tệp không được chấm.', en: 'The shared string table (xl/sharedStrings.xml) holds too many strings or characters (service 1 million strings, 50 million characters; command line 10 million, 500 million). Millions of tiny strings compress to a few hundred KB yet slow the server down; reading stops and the file is not scored.' },
    fix: { vi: 'Mở tệp trong Excel, xóa các trang và ô không cần thiết rồi lưu lại; hoặc chấm tệp bằng dòng lệnh.', en: 'Open the file in Excel, delete unneeded sheets and cells and save again; or score it on the command line.' },
    messages: {
      count: { vi: 'phần "{part}" có hơn {limit} chuỗi dùng chung; dừng đọc tại đây do vượt giới hạn', en: 'part "{part}" holds more than {limit} shared strings; the limit stops reading here' },
      chars: { vi: 'các chuỗi dùng chung trong phần "{part}" có hơn {limit} ký tự; dừng đọc tại đây do vượt giới hạn', en: 'the shared strings of part "{part}" hold more than {limit} characters; the limit stops reading here' },
    },
    example: { variant: 'count', at: '', params: {"part":"xl/sharedStrings.xml","limit":1000000} },
  },
  'too-many-workbooks': {
    severity: 'error',
    section: 0,
    unscorable: true,
    http: 413,
    meaning: { vi: 'Một lần gửi theo lô (POST /api/batches) có nhiều tệp Excel hơn giới hạn (mặc định 200), tính cả các tệp Excel trong tệp nén; không tệp Excel nào được chấm.', en: 'One batch request (POST /api/batches) holds more workbooks than the limit (200 by default), counting those inside zips; none is scored.' },
    fix: { vi: 'Chia lô thành nhiều lần gửi, mỗi lần không quá giới hạn (ví dụ mỗi huyện một lần).', en: 'Send the batch in parts of at most the limit each (for example one per district).' },
    messages: {
      _: { vi: 'lô có {count} tệp Excel, vượt giới hạn {limit}; hãy gửi thành nhiều phần', en: 'the batch holds {count} workbooks; the limit is {limit} — send it in parts' },
    },
    example: { at: '', params: {"count":250,"limit":200} },
  },
  'batch-too-large': {
    severity: 'error',
    section: 0,
    http: 413,
    meaning: { vi: 'Tổng số ô câu trả lời của cả lô vượt giới hạn của một lần gửi (mặc định 20 triệu ô); các tệp Excel đã chấm vẫn được trả về, những tệp Excel sau không được chấm.', en: 'The response cells of the whole batch pass the limit of one request (20 million by default); the workbooks scored so far are answered, those after are not scored.' },
    fix: { vi: 'Gửi lô thành nhiều phần nhỏ hơn.', en: 'Send the batch in smaller parts.' },
    messages: {
      stopped: { vi: 'lô đạt giới hạn {limit} ô câu trả lời ở tệp Excel này; {left} tệp Excel sau đó không được chấm — hãy gửi thành nhiều phần', en: 'the batch reached its limit of {limit} response cells in this workbook; the {left} after it were not scored — send the batch in parts' },
      skipped: { vi: 'không được chấm: lô đã đạt giới hạn {limit} ô câu trả lời trước tệp Excel này', en: 'not scored: the batch reached its limit of {limit} response cells before this workbook' },
    },
    example: { variant: 'skipped', at: '', params: {"limit":20000000} },
  },
  'memory-limit': {
    severity: 'error',
    section: 0,
    unscorable: true,
    http: 413,
    meaning: { vi: 'Khi đọc và chấm, tệp Excel cần nhiều bộ nhớ hơn giới hạn của một lần chấm trên máy chủ (mặc định 512 MB). Việc chấm bị dừng, không có gì được lưu; các lần gửi khác không bị ảnh hưởng.', en: 'Reading and scoring the workbook needed more memory than one scoring may use on the server (512 MB by default). The scoring was stopped and nothing was stored; other uploads are not affected.' },
    fix: { vi: 'Xoá các trang và cột không cần thiết, hoặc chia tệp theo đơn vị rồi gửi từng phần.', en: 'Remove sheets and columns chiso does not need, or split the file by unit and send the parts.' },
    messages: {
      _: { vi: 'tệp Excel cần nhiều bộ nhớ hơn giới hạn {mb} MB của một lần chấm nên không được chấm', en: 'the workbook needed more than the {mb} MB of memory one scoring may use, so it was not scored' },
    },
    example: { at: '', params: {"mb":512} },
  },
  'too-many-cells': {
    severity: 'error',
    section: 5,
    unscorable: true,
    http: 413,
    meaning: { vi: 'Trang Responses vượt giới hạn số ô (dịch vụ: 5 triệu; dòng lệnh: 50 triệu); việc đọc dừng ở dòng được chỉ ra và tệp không được chấm.', en: 'The Responses sheet passes the cell limit (service 5 million, command line 50 million); reading stops at the row shown and the file is not scored.' },
    fix: { vi: 'Chia tệp theo đơn vị, xóa các cột thừa, hoặc nâng giới hạn bằng `--max-cells`.', en: 'Split the file by unit, delete unused columns, or raise the limit with `--max-cells`.' },
    messages: {
      _: { vi: 'trang Responses có hơn {limit} ô; dừng đọc tại đây do vượt giới hạn', en: 'the Responses sheet has more than {limit} cells; the limit stops reading here' },
      merges: { vi: 'phần "{part}" gộp hơn {limit} ô', en: 'sheet part "{part}" merges more than {limit} cells' },
    },
    example: { at: 'Responses!A5001', params: {"limit":5000000} },
  },
  'invalid-target': {
    severity: 'error',
    section: 6,
    meaning: { vi: 'Dòng chỉ tiêu không nêu cấp (total, chỉ số nội dung, nội dung thành phần) hoặc chỉ tiêu không phải là số; dòng bị bỏ qua.', en: 'A target row names no level, or its target is not a number; the row is ignored.' },
    fix: { vi: 'Ghi cấp (ví dụ `4` hoặc `4a`) và chỉ tiêu bằng số (6,00 hoặc 6.00).', en: 'Write the level (e.g. `4` or `4a`) and the target as a number (6,00 or 6.00).' },
    messages: {
      'no-level': { vi: 'dòng chỉ tiêu này không ghi cấp (total, một chỉ số nội dung như 4, hoặc nội dung thành phần như 4a)', en: 'this target row names no level (total, a dimension such as 4, or a sub-dimension such as 4a)' },
      'not-a-number': { vi: 'chỉ tiêu "{value}" không phải là số (viết 6,00 hoặc 6.00)', en: 'target "{value}" is not a number (write 6,00 or 6.00)' },
    },
    example: { at: 'Targets!A4', params: {} },
  },
  'unknown-target-level': {
    severity: 'warning',
    section: 6,
    meaning: { vi: 'Cấp của chỉ tiêu không phải `total` hoặc một mã trên trang Framework; chỉ tiêu bị bỏ qua.', en: 'The target\'s level is not `total` or a Framework code; the target is ignored.' },
    fix: { vi: 'Dùng `total`, mã chỉ số nội dung (1–8) hoặc mã nội dung thành phần (1a…).', en: 'Use `total`, a dimension code (1–8) or a sub-dimension code (1a…).' },
    messages: {
      _: { vi: '"{level}" không phải total hay một mã trên trang Framework; chỉ tiêu này bị bỏ qua', en: '"{level}" is not total or a code on the Framework sheet; this target is ignored' },
    },
    example: { at: 'Targets!A9', params: {"level":"9"} },
  },
  'target-out-of-range': {
    severity: 'warning',
    section: 6,
    meaning: { vi: 'Chỉ tiêu nằm ngoài thang điểm của cấp đó (chỉ số nội dung 1–10, tổng 8–80, nội dung thành phần 1/k–10/k), nên không thể đạt hoặc luôn đạt.', en: 'The target is outside its level\'s scale (dimension 1–10, total 8–80, sub-dimension 1/k–10/k), so it can never be met or is always met.' },
    fix: { vi: 'Kiểm tra thang điểm và sửa chỉ tiêu.', en: 'Check the scale and correct the target.' },
    messages: {
      _: { vi: 'chỉ tiêu {value} của "{level}" nằm ngoài thang điểm {low}–{high}', en: 'target {value} for "{level}" is outside its scale {low}–{high}' },
    },
    example: { at: 'Targets!B3', params: {"value":12,"level":"4","low":1,"high":10} },
  },
  'duplicate-target': {
    severity: 'warning',
    section: 6,
    meaning: { vi: 'Một cấp có hai chỉ tiêu; chỉ tiêu ghi sau được dùng.', en: 'A level has two targets; the later one is used.' },
    fix: { vi: 'Xóa dòng chỉ tiêu thừa.', en: 'Delete the extra target row.' },
    messages: {
      _: { vi: '"{level}" đã có chỉ tiêu tại {first}; dùng chỉ tiêu ghi ở dòng này', en: '"{level}" already has a target at {first}; this later one is used' },
    },
    example: { at: 'Targets!A7', params: {"level":"4","first":"Targets!A5"} },
  },
  'invalid-plan': {
    severity: 'warning',
    section: 6,
    meaning: { vi: 'Dòng kế hoạch không có nội dung nhiệm vụ; dòng bị bỏ qua.', en: 'A plan row has no task; it is ignored.' },
    fix: { vi: 'Ghi nhiệm vụ vào cột `task`, hoặc xóa dòng.', en: 'Write the task in the `task` column, or delete the row.' },
    messages: {
      _: { vi: 'dòng kế hoạch này không có nhiệm vụ; dòng bị bỏ qua', en: 'this plan row has no task; it is ignored' },
    },
    example: { at: 'Plan!B6', params: {} },
  },
  'unknown-plan-level': {
    severity: 'warning',
    section: 6,
    meaning: { vi: 'Cấp của nhiệm vụ không phải `total` hoặc một mã trên trang Framework; nhiệm vụ vẫn được giữ nhưng không gắn với điểm nào.', en: 'The task\'s level is not `total` or a Framework code; the task is kept but matches no score.' },
    fix: { vi: 'Ghi đúng mã chỉ số (ví dụ `4` hoặc `4a`); nhiều mã cách nhau bằng dấu phẩy.', en: 'Write the right code (e.g. `4` or `4a`); separate several with commas.' },
    messages: {
      _: { vi: 'cấp "{level}" không phải total hay một mã trên trang Framework; nhiệm vụ vẫn được giữ nhưng không gắn với điểm nào', en: 'level "{level}" is not total or a code on the Framework sheet; the task is kept but matches no score' },
    },
    example: { at: 'Plan!A8', params: {"level":"x"} },
  },
  'no-answers': {
    severity: 'warning',
    section: 7,
    meaning: { vi: 'Không ai trả lời hợp lệ câu hỏi này (tất cả trống, mã thiếu hoặc không hợp lệ); câu hỏi không được tính vào nội dung thành phần.', en: 'Nobody gave this item a valid answer (all blank, missing codes or invalid); it is left out of its sub-dimension.' },
    fix: { vi: 'Bình thường với câu hỏi về tình huống ít người gặp; nếu không phải vậy, kiểm tra cột có bị nhập sai chỗ không.', en: 'Normal for rare situations; otherwise check that the column was not filled in the wrong place.' },
    messages: {
      _: { vi: 'không ai trả lời câu {item}{inUnit}; câu này không được tính vào nội dung thành phần', en: 'nobody answered {item}{inUnit}; it is left out of its sub-dimension' },
    },
    example: { at: 'Codebook!A40', params: {"item":"d5b_01","inUnit":{"vi":"","en":""}} },
  },
  'partial-dimension': {
    severity: 'warning',
    section: 7,
    meaning: { vi: 'Chỉ số nội dung được tính từ một phần các nội dung thành phần (phần còn lại không có câu trả lời), các phần có điểm được tính trọng số bằng nhau.', en: 'The dimension is scored from some of its sub-dimensions (the others had no answers), re-weighted equally.' },
    fix: { vi: 'Bình thường ở đơn vị nhỏ; cần thận trọng khi so sánh điểm này.', en: 'Normal in small units; compare this score with care.' },
    messages: {
      _: { vi: 'chỉ số nội dung {code}{inUnit} được tính từ {defined}/{count} nội dung thành phần ({missing} không có câu trả lời), các phần có điểm có trọng số bằng nhau', en: 'dimension {code}{inUnit} is scored from {defined} of {count} sub-dimensions ({missing} had no answers), re-weighted equally' },
    },
    example: { at: 'Framework!A6', params: {"code":"5","inUnit":{"vi":"","en":""},"defined":2,"count":3,"missing":"5c"} },
  },
  'undefined-dimension': {
    severity: 'warning',
    section: 7,
    meaning: { vi: 'Không có câu trả lời nào cho cả chỉ số nội dung; chỉ số đó và điểm tổng không xác định.', en: 'No answers at all for the dimension; it and the total are undefined.' },
    fix: { vi: 'Kiểm tra xem các cột của chỉ số nội dung đó trên trang Responses đã được nhập chưa.', en: 'Check that the dimension\'s columns in Responses were filled in.' },
    messages: {
      _: { vi: 'chỉ số nội dung {code}{inUnit} không có câu trả lời nào; chỉ số này và điểm tổng không xác định', en: 'dimension {code}{inUnit} has no answers at all; it and the total are undefined' },
    },
    example: { at: 'Framework!A6', params: {"code":"5","inUnit":{"vi":"","en":""}} },
  },
  'too-many-problems': {
    severity: 'info',
    section: 7,
    meaning: { vi: 'Có hơn 1.000 thông báo cùng một mã; các thông báo sau không được liệt kê nhưng vẫn được đếm (và dữ liệu vẫn được xử lý như thường).', en: 'More than 1,000 problems share a code; the rest are counted, not listed (and the data is handled as usual).' },
    fix: { vi: 'Sửa các lỗi đã liệt kê (thường cùng một nguyên nhân, như một cột nhập lệch) rồi kiểm tra lại.', en: 'Fix the listed ones (usually one cause, such as a shifted column) and check again.' },
    messages: {
      _: { vi: 'còn {more} thông báo {other} khác không được liệt kê (tổng cộng {count})', en: '{more} more {other} problems are not listed ({count} in all)' },
    },
    example: { at: '', params: {"more":812,"other":"invalid-answer","count":1812} },
  },
  'rollup-items-differ': {
    severity: 'warning',
    section: 7,
    meaning: { vi: 'Các tệp được gộp (tổng hợp huyện, tỉnh) không cùng bộ câu hỏi (khác phiên bản phiếu, có câu bị bỏ); chỉ gộp các câu mà tất cả các tệp đều có.', en: 'The workbooks pooled into a roll-up (district, province) do not share one codebook (another questionnaire version, an item dropped); only the items every workbook has are pooled.' },
    fix: { vi: 'Dùng cùng một mẫu phiếu cho mọi xã, phường trong năm; nếu không, điểm tổng hợp chỉ tính trên các câu chung.', en: 'Use one template for every commune in a year; otherwise the roll-up counts only the shared items.' },
    messages: {
      _: { vi: 'các tệp gộp vào {unit} không cùng bộ câu hỏi: chỉ gộp {shared} câu chung, bỏ {count} câu ({items})', en: 'the workbooks pooled into {unit} do not share one codebook: only the {shared} shared items are pooled, {count} left out ({items})' },
    },
    example: { at: '', params: {"unit":"Huyện Đông 2024","shared":124,"count":2,"items":"d1a_04, d6c_02"} },
  },
  'rollup-missing-unit': {
    severity: 'info',
    section: 7,
    meaning: { vi: 'Theo danh mục đơn vị, xã, phường này thuộc đơn vị được tổng hợp trong năm đó nhưng không có tệp nào; điểm tổng hợp không gồm xã, phường này.', en: 'By the units registry this commune lies under the rolled-up unit in that year, but no workbook of it was given; the roll-up leaves it out.' },
    fix: { vi: 'Bổ sung tệp của xã, phường này nếu đã khảo sát.', en: 'Add its workbook if it was surveyed.' },
    messages: {
      _: { vi: '{name} ({code}) thuộc {parent} năm {year} nhưng chưa có tệp', en: '{name} ({code}) lies under {parent} in {year} but has no workbook' },
    },
    example: { at: '', params: {"name":"Xã Dương","code":"98004","parent":"Huyện Tây","year":2024} },
  },
  'plan-without-rollup': {
    severity: 'error',
    section: 8,
    meaning: { vi: 'Kế hoạch (--plan) ghi một huyện, tỉnh và năm mà không có điểm tổng hợp nào trong lần chấm này.', en: 'A plan (--plan) names a district or province and year that no roll-up of this run has.' },
    fix: { vi: 'Kiểm tra unit_code và year trên trang Unit của kế hoạch, và chấm kèm --units và --rollup đúng cấp.', en: 'Check the plan\'s Unit sheet unit_code and year, and score with --units and the right --rollup level.' },
    messages: {
      _: { vi: 'kế hoạch "{file}" là của đơn vị {code} năm {year}, nhưng không có điểm tổng hợp nào của đơn vị đó', en: 'the plan "{file}" is for unit {code} in {year}, but no roll-up of that unit was scored' },
    },
    example: { at: 'Unit!B3', params: {"file":"ke-hoach-huyen.xlsx","code":"980","year":2024} },
  },
  'no-report': {
    severity: 'error',
    section: 8,
    meaning: { vi: 'Không chấm được tệp nào nên không ghi báo cáo.', en: 'Nothing could be scored, so no report was written.' },
    fix: { vi: 'Sửa các lỗi in phía trên (thường là tệp không đọc được hoặc thiếu trang bắt buộc) rồi chạy lại.', en: 'Fix the errors printed above (usually an unreadable file or a missing required sheet) and run again.' },
    messages: {
      _: { vi: 'không chấm được tệp nào nên không ghi báo cáo', en: 'nothing could be scored, so no report was written' },
    },
    example: { at: '', params: {} },
  },
  'not-comparable': {
    severity: 'error',
    section: 8,
    unscorable: true,
    meaning: { vi: "Không so sánh qua các năm được: khác đơn vị, cùng một năm, thiếu mã hoặc năm, hoặc (có danh mục) không có số liệu của đơn vị hay các đơn vị tiền thân ở năm trước.", en: "Not comparable year over year: different units, the same year twice, no code or year, or (with a registry) no data of the unit or its predecessors for the earlier year." },
    fix: { vi: "So sánh cùng một đơn vị ở hai năm khác nhau; với xã, phường mới sáp nhập, dùng `--units` để gộp các đơn vị cũ.", en: "Compare one unit in two different years; for a merged commune give `--units` to pool the units it was formed from." },
    messages: {
      _: { vi: "\"{file}\" là đơn vị {code}, \"{otherFile}\" là đơn vị {otherCode}; chỉ so sánh một đơn vị (cùng unit_code) qua các năm", en: "\"{file}\" is unit {code} and \"{otherFile}\" is unit {otherCode}; year over year compares one unit (the same unit_code)" },
      "no-code": { vi: "\"{file}\" không ghi unit_code, nên không biết có cùng đơn vị hay không", en: "\"{file}\" gives no unit_code, so it cannot be known to be the same unit" },
      "same-year": { vi: "\"{file}\" và \"{otherFile}\" cùng là năm {year}; cần hai năm khác nhau", en: "\"{file}\" and \"{otherFile}\" are both year {year}; two different years are needed" },
      "no-year": { vi: "\"{file}\" không ghi năm", en: "\"{file}\" gives no year" },
      "no-ancestors": { vi: "không có số liệu năm {year} của {code} hay các đơn vị tiền thân của nó", en: "no data for {year} of {code} or any unit it descends from" },
      "not-earlier": { vi: "\"{file}\" là năm {year}, không phải năm trước năm {later}", en: "\"{file}\" is year {year}, not a year before {later}" },
    },
    example: { at: "Unit!B5", params: {"file": "samples/long-thanh-2023.xlsx", "code": "30316", "otherFile": "samples/lien-hoi-2023.xlsx", "otherCode": "06268"} },
  },
  'registry-missing-column': {
    severity: 'error',
    section: 9,
    meaning: { vi: "Danh mục đơn vị thiếu một cột bắt buộc ở dòng tiêu đề; không dùng phần nào của danh mục.", en: "The registry's header row lacks a required column; no part of the registry is used." },
    fix: { vi: "Thêm cột còn thiếu vào dòng 1 (code, name, level, parent, from, to, predecessors).", en: "Add the missing column to row 1 (code, name, level, parent, from, to, predecessors)." },
    messages: {
      _: { vi: "danh mục đơn vị thiếu cột \"{column}\" (cần: code, name, level, parent, from, to, predecessors)", en: "the units registry has no \"{column}\" column (needed: code, name, level, parent, from, to, predecessors)" },
    },
    example: { at: "Units", params: {"column": "level"} },
  },
  'registry-bad-code': {
    severity: 'error',
    section: 9,
    meaning: { vi: "Mã đơn vị (hoặc mã cấp trên) không phải là một dãy chữ số.", en: "A unit code (or parent code) is not a run of digits." },
    fix: { vi: "Ghi mã của Tổng cục Thống kê dạng văn bản, giữ số 0 ở đầu (06268).", en: "Write the GSO code as text, with its leading zeros (06268)." },
    messages: {
      _: { vi: "mã đơn vị \"{value}\" không hợp lệ: mã là một dãy chữ số, ghi dạng văn bản (giữ số 0 ở đầu)", en: "unit code \"{value}\" is not valid: a code is a run of digits, kept as text (with its leading zeros)" },
    },
    example: { at: "Units!A3", params: {"value": "98x"} },
  },
  'registry-missing-name': {
    severity: 'error',
    section: 9,
    meaning: { vi: "Một dòng của danh mục không có tên đơn vị.", en: "A registry row has no unit name." },
    fix: { vi: "Ghi tên đầy đủ, ví dụ \"Xã Liên Hội\".", en: "Write the full name, e.g. \"Xã Liên Hội\"." },
    messages: {
      _: { vi: "đơn vị {code} chưa có tên", en: "unit {code} has no name" },
    },
    example: { at: "Units!B3", params: {"code": "98001"} },
  },
  'registry-bad-level': {
    severity: 'error',
    section: 9,
    meaning: { vi: "Cấp không phải province, district hoặc commune.", en: "The level is not province, district or commune." },
    fix: { vi: "Dùng province (tỉnh), district (huyện) hoặc commune (xã, phường, thị trấn, đặc khu).", en: "Use province, district or commune (xã, phường, thị trấn, đặc khu)." },
    messages: {
      _: { vi: "cấp \"{value}\" không hợp lệ: cấp là province, district hoặc commune", en: "level \"{value}\" is not valid: a level is province, district or commune" },
    },
    example: { at: "Units!C3", params: {"value": "hamlet"} },
  },
  'registry-bad-years': {
    severity: 'error',
    section: 9,
    meaning: { vi: "Năm from/to không phải là năm, from sau to, hoặc một huyện còn hiệu lực từ năm 2025 (từ 1/7/2025 không còn cấp huyện).", en: "A from/to year is not a year, from is after to, or a district is valid from 2025 (there is no district level since 1 July 2025)." },
    fix: { vi: "Sửa năm; kết thúc các dòng cấp huyện ở năm 2024.", en: "Correct the year; end district rows in 2024." },
    messages: {
      _: { vi: "năm \"{value}\" không hợp lệ: ghi năm như 2024, hoặc để trống (không giới hạn)", en: "year \"{value}\" is not valid: write a year such as 2024, or leave it blank (open)" },
      "order": { vi: "năm bắt đầu {from} sau năm kết thúc {to}", en: "the first year {from} is after the last year {to}" },
      "district": { vi: "từ năm {year} không còn cấp huyện: dòng cấp huyện phải kết thúc trước năm {year}", en: "there is no district level from {year}: a district row must end before {year}" },
    },
    example: { at: "Units!F3", params: {"value": "20x5"} },
  },
  'registry-bad-parent': {
    severity: 'error',
    section: 9,
    meaning: { vi: "Đơn vị cấp trên sai cấp: đến 2024 xã thuộc huyện, từ 2025 xã thuộc tỉnh; tỉnh không có cấp trên.", en: "The parent is of the wrong level: up to 2024 a commune is under a district, from 2025 under a province; a province has no parent." },
    fix: { vi: "Sửa cột parent, hoặc tách đơn vị thành hai dòng theo hai giai đoạn.", en: "Correct the parent, or split the unit into two rows, one per period." },
    messages: {
      _: { vi: "cấp trên của {code} năm {year} phải là một đơn vị cấp {expected}, không phải \"{parent}\"", en: "the parent of {code} in {year} must be a {expected}, not \"{parent}\"" },
      "province": { vi: "tỉnh {code} không có cấp trên (cột parent để trống), không phải \"{parent}\"", en: "province {code} has no parent (leave parent blank), not \"{parent}\"" },
    },
    example: { at: "Units!D3", params: {"code": "98001", "year": 2023, "expected": "district", "parent": "98 Tỉnh A"} },
  },
  'registry-overlap': {
    severity: 'error',
    section: 9,
    meaning: { vi: "Hai dòng của cùng một mã có hiệu lực chồng lên nhau.", en: "Two rows of one code are valid in the same year." },
    fix: { vi: "Sửa from/to để các giai đoạn nối tiếp nhau, hoặc xóa dòng trùng.", en: "Make the periods follow each other, or delete the duplicate row." },
    messages: {
      _: { vi: "mã {code} có hai dòng cùng hiệu lực năm {year} (dòng {other}); thời hạn các dòng của một mã không được chồng nhau", en: "code {code} has two rows valid in {year} (row {other}); the periods of one code may not overlap" },
    },
    example: { at: "Units!E5", params: {"code": "98001", "year": 2023, "other": 4} },
  },
  'registry-two-places': {
    severity: 'error',
    section: 9,
    meaning: { vi: "Một mã cùng lúc thuộc hai đơn vị cấp trên.", en: "One code is under two parents in the same year." },
    fix: { vi: "Giữ một dòng cho mỗi năm; khi đơn vị chuyển nơi, kết thúc dòng cũ trước năm bắt đầu dòng mới.", en: "Keep one row a year; when a unit moves, end the old row before the new one starts." },
    messages: {
      _: { vi: "mã {code} cùng lúc ở hai nơi năm {year}: thuộc \"{parent}\" ở dòng này và \"{otherParent}\" ở dòng {other}", en: "code {code} is in two places at once in {year}: under \"{parent}\" here and under \"{otherParent}\" in row {other}" },
    },
    example: { at: "Units!D6", params: {"code": "98001", "year": 2024, "parent": "981", "otherParent": "980", "other": 5} },
  },
  'registry-unknown-parent': {
    severity: 'error',
    section: 9,
    meaning: { vi: "Đơn vị cấp trên không có trong danh mục ở một năm thuộc giai đoạn của dòng.", en: "The parent is not in the registry in some year of the row's period." },
    fix: { vi: "Thêm đơn vị cấp trên, hoặc sửa mã hay giai đoạn.", en: "Add the parent, or correct the code or the period." },
    messages: {
      _: { vi: "đơn vị cấp trên {parent} không có trong danh mục năm {year}", en: "parent {parent} is not in the registry in {year}" },
    },
    example: { at: "Units!D3", params: {"parent": "184", "year": 2023} },
  },
  'registry-unknown-predecessor': {
    severity: 'error',
    section: 9,
    meaning: { vi: "Đơn vị tiền thân không có trong danh mục ở năm nào trước năm from của đơn vị mới.", en: "A predecessor is not in the registry in any year before the new unit's from year." },
    fix: { vi: "Thêm dòng của đơn vị tiền thân (với giai đoạn của nó) hoặc sửa mã.", en: "Add the predecessor's row (with its period) or correct the code." },
    messages: {
      _: { vi: "đơn vị tiền thân {predecessor} không có trong danh mục trước năm {from}", en: "predecessor {predecessor} is not in the registry in any year before {from}" },
    },
    example: { at: "Units!G3", params: {"predecessor": "98009", "from": 2025} },
  },
  'registry-bad-predecessor': {
    severity: 'error',
    section: 9,
    meaning: { vi: "Cột predecessors viết sai, hoặc đơn vị có tiền thân nhưng không có năm from.", en: "The predecessors column is malformed, or a unit with predecessors has no from year." },
    fix: { vi: "Ghi các mã cách nhau bởi dấu cách, ví dụ `30316 30319 30322:part`, và ghi năm from.", en: "Separate codes by spaces, e.g. `30316 30319 30322:part`, and give the from year." },
    messages: {
      _: { vi: "tiền thân \"{value}\" không hợp lệ: ghi các mã cách nhau bởi dấu cách, mỗi mã có thể kèm \":part\"", en: "predecessor \"{value}\" is not valid: list codes separated by spaces, each optionally with \":part\"" },
      "from": { vi: "đơn vị có tiền thân ({value}) phải có năm bắt đầu (from)", en: "a unit with predecessors ({value}) needs a first year (from)" },
    },
    example: { at: "Units!G3", params: {"value": "98001;98002"} },
  },
  'registry-predecessor-twice': {
    severity: 'error',
    section: 9,
    meaning: { vi: "Hai đơn vị mới cùng ghi một đơn vị tiền thân là nhập toàn bộ.", en: "Two successors both list one predecessor as whole." },
    fix: { vi: "Khi một xã được chia cho nhiều nơi, ghi `:part` ở mỗi đơn vị nhận.", en: "When a commune was split, every successor lists it with `:part`." },
    messages: {
      _: { vi: "đơn vị {predecessor} được cả {code} và {other} (dòng {otherRow}) ghi là tiền thân toàn phần; đơn vị chia cho nhiều nơi phải ghi \":part\" ở mỗi nơi", en: "unit {predecessor} is listed whole by both {code} and {other} (row {otherRow}); a unit split among several successors is listed \":part\" by each" },
    },
    example: { at: "Units!G6", params: {"predecessor": "98003", "code": "98102", "other": "98101", "otherRow": 5} },
  },
  'registry-cycle': {
    severity: 'error',
    section: 9,
    meaning: { vi: "Các đơn vị tiền thân tạo thành vòng lặp.", en: "The predecessors form a cycle." },
    fix: { vi: "Sửa cột predecessors để lịch sử chỉ đi về quá khứ.", en: "Correct the predecessors so that history only runs backwards." },
    messages: {
      _: { vi: "các đơn vị tiền thân tạo thành vòng lặp: {cycle}", en: "the predecessors form a cycle: {cycle}" },
    },
    example: { at: "Units!G4", params: {"cycle": "98001 → 98002 → 98001"} },
  },
  'registry-unreadable': {
    severity: 'error',
    section: 9,
    meaning: { vi: "Không đọc được tệp danh mục (không có, không phải UTF-8, thiếu trang Units, hoặc quá lớn).", en: "The registry file cannot be read (missing, not UTF-8, no Units sheet, or too large)." },
    fix: { vi: "Dùng tệp CSV UTF-8 có dòng tiêu đề, hoặc tệp Excel có trang `Units`.", en: "Use a UTF-8 CSV with a header row, or a workbook with a `Units` sheet." },
    messages: {
      _: { vi: "không đọc được danh mục đơn vị: {reason}", en: "the units registry cannot be read: {reason}" },
      "utf8": { vi: "tệp CSV không phải văn bản UTF-8", en: "the CSV is not UTF-8 text" },
      "sheet": { vi: "tệp Excel không có trang \"Units\"", en: "the workbook has no sheet named \"Units\"" },
      "size": { vi: "danh mục có {size} byte, vượt giới hạn {limit} byte", en: "the registry is {size} bytes; the limit is {limit}" },
    },
    example: { at: "", params: {"reason": "ENOENT"} },
  },
  'unknown-unit': {
    severity: 'error',
    section: 2,
    http: 422,
    meaning: { vi: "Mã đơn vị của tệp Excel không có trong danh mục đơn vị của năm đó.", en: "The workbook's unit code is not in the units registry for its year." },
    fix: { vi: "Sửa unit_code (hoặc year) theo danh mục; từ 2025 dùng mã của xã, phường mới.", en: "Correct unit_code (or year) from the registry; from 2025 use the new commune's code." },
    messages: {
      _: { vi: "mã đơn vị \"{code}\" không có trong danh mục đơn vị năm {year}", en: "unit code \"{code}\" is not in the units registry for {year}" },
    },
    example: { at: "Unit!B5", params: {"code": "06269", "year": 2023} },
  },
  'unit-code-padded': {
    severity: 'warning',
    section: 2,
    meaning: { vi: "Mã ghi dạng số đã mất số 0 ở đầu; chiso khớp nó với mã duy nhất trong danh mục có cùng chữ số.", en: "A code typed as a number lost its leading zeros; chiso matched it to the one registry code it pads to." },
    fix: { vi: "Định dạng ô là Văn bản (Text) và gõ lại mã, ví dụ 06268.", en: "Format the cell as Text and type the code again, e.g. 06268." },
    messages: {
      _: { vi: "mã đơn vị {code} đã mất số 0 ở đầu (ô dạng số); đã hiểu là {padded} (\"{name}\"); hãy định dạng ô là văn bản", en: "unit code {code} lost its leading zeros (a number cell); read as {padded} (\"{name}\"); format the cell as text" },
    },
    example: { at: "Unit!B5", params: {"code": "6268", "padded": "06268", "name": "Xã Liên Hội"} },
  },
  'numeric-unit-code': {
    severity: 'warning',
    section: 2,
    meaning: { vi: "Mã đơn vị ghi ở ô dạng số nên có thể đã mất số 0 ở đầu; không có danh mục, mã được so sánh nguyên văn (6268 khác 06268).", en: "The unit code is a number cell, so leading zeros may be lost; without a registry the code is compared as written (6268 is not 06268)." },
    fix: { vi: "Định dạng ô là Văn bản và gõ lại mã, hoặc dùng `--units` để đối chiếu với danh mục.", en: "Format the cell as Text and type the code again, or give `--units` to match it with the registry." },
    messages: {
      _: { vi: "mã đơn vị {code} ghi dạng số nên có thể đã mất số 0 ở đầu; hãy định dạng ô là văn bản, hoặc dùng --units để đối chiếu với danh mục", en: "unit code {code} is a number cell, so leading zeros may have been lost; format the cell as text, or give --units to match it with the registry" },
    },
    example: { at: "Unit!B5", params: {"code": "6268"} },
  },
  'unit-name-differs': {
    severity: 'warning',
    section: 2,
    meaning: { vi: "Tên xã, huyện hoặc tỉnh trong tệp Excel khác với danh mục; báo cáo dùng tên trong danh mục.", en: "A unit, district or province name differs from the registry; reports use the registry's names." },
    fix: { vi: "Sửa tên theo danh mục (hoặc bỏ qua: mã quyết định đơn vị).", en: "Correct the name (or leave it: the code decides the unit)." },
    messages: {
      _: { vi: "{field} \"{given}\" khác với danh mục đơn vị (\"{registered}\" cho mã {code} năm {year}); dùng tên trong danh mục", en: "{field} \"{given}\" differs from the units registry (\"{registered}\" for code {code} in {year}); the registry's name is used" },
    },
    example: { at: "Unit!B3", params: {"field": "district", "given": "Huyện Tân Châu", "registered": "Thị xã Tân Châu", "code": "30316", "year": 2023} },
  },
  'unit-without-year': {
    severity: 'warning',
    section: 2,
    meaning: { vi: "Không có năm nên không đối chiếu được mã với danh mục.", en: "Without a year the code cannot be looked up in the registry." },
    fix: { vi: "Ghi năm khảo sát ở trang Unit.", en: "Fill in the year on the Unit sheet." },
    messages: {
      _: { vi: "không đối chiếu được mã {code} với danh mục vì trang Unit không ghi năm", en: "unit code {code} cannot be checked against the registry: the Unit sheet gives no year" },
    },
    example: { at: "Unit!B5", params: {"code": "06268"} },
  },
  'unit-provisional': {
    severity: 'warning',
    section: 2,
    meaning: { vi: "Mã đơn vị chưa có trong danh mục; ở chế độ một người dùng, đơn vị được ghi nhận tạm theo trang Unit của lần tải lên đầu tiên.", en: "The unit code is not in the registry; in single-user mode the unit is recorded provisionally as its first upload's Unit sheet says." },
    fix: { vi: "Nhập danh mục đơn vị có mã này (chiso units import) để tên, cấp trên và so sánh theo danh mục.", en: "Import a units registry with this code (chiso units import) so names, parents and comparisons follow it." },
    messages: {
      _: { vi: "mã đơn vị \"{code}\" chưa có trong danh mục năm {year}; ghi nhận tạm là \"{name}\" ({place}) theo trang Unit", en: "unit code \"{code}\" is not in the registry for {year}; recorded provisionally as \"{name}\" ({place}) from the Unit sheet" },
    },
    example: { at: "Unit!B5", params: {"code": "98999", "year": 2024, "name": "Xã Thử", "place": "Huyện Đông, Tỉnh Thử Nghiệm"} },
  },
  'unit-code-elsewhere': {
    severity: 'error',
    section: 2,
    http: 409,
    meaning: { vi: "Mã đơn vị này đã được ghi nhận cho một đơn vị ở nơi khác (tên, huyện hoặc tỉnh khác); tệp Excel không được lưu.", en: "This unit code is already recorded for a unit elsewhere (another name, district or province); the workbook is not stored." },
    fix: { vi: "Kiểm tra lại unit_code trên trang Unit; nếu đơn vị đã đổi tên hoặc sáp nhập, nhập danh mục đơn vị mới.", en: "Check unit_code on the Unit sheet; if the unit was renamed or merged, import an updated units registry." },
    messages: {
      _: { vi: "mã đơn vị \"{code}\" đã được ghi nhận là \"{known}\"; tệp Excel này ghi \"{given}\". Không lưu tệp Excel", en: "unit code \"{code}\" is already recorded as \"{known}\"; this workbook says \"{given}\". Not stored" },
    },
    example: { at: "Unit!B5", params: {"code": "26041", "known": "Xã Long Thạnh, Huyện Long Thành, Tỉnh Đồng Nai", "given": "Xã Long Thạnh, Huyện An Phú, Tỉnh An Giang"} },
  },
  'token-unit-unknown': {
    severity: 'error',
    section: 8,
    meaning: { vi: "Mã đơn vị của thẻ truy cập không có trong danh mục đơn vị của kho dữ liệu; không tạo thẻ.", en: "The access token's unit code is not in the store's units registry; no token is created." },
    fix: { vi: "Nhập danh mục trước (chiso units import units.csv), xem mã bằng chiso units list, rồi tạo thẻ với --unit MÃ.", en: "Import the registry first (chiso units import units.csv), look the code up with chiso units list, then create the token with --unit CODE." },
    messages: {
      _: { vi: "mã đơn vị \"{code}\" không có trong danh mục đơn vị của kho dữ liệu{hint}; không tạo thẻ (xem mã bằng chiso units list)", en: "unit code \"{code}\" is not in the store's units registry{hint}; no token created (chiso units list shows the codes)" },
      "no-registry": { vi: "kho dữ liệu chưa có danh mục đơn vị; hãy nhập danh mục (chiso units import units.csv) rồi tạo thẻ với --unit {code}", en: "the store has no units registry; import one (chiso units import units.csv), then create the token with --unit {code}" },
    },
    example: { at: "", params: {"code": "6268", "hint": " (did you mean 06268?)"} },
  },
  'token-by-name': {
    severity: 'error',
    section: 8,
    meaning: { vi: "Khi đã có danh mục đơn vị, thẻ cho huyện hoặc tỉnh được tạo theo mã trong danh mục, không theo tên (tên có thể trùng giữa các tỉnh).", en: "With a units registry, district and province tokens are created by registry code, not by name (names repeat across provinces)." },
    fix: { vi: "Dùng chiso token create --unit MÃ với mã huyện hoặc tỉnh trong danh mục.", en: "Use chiso token create --unit CODE with the district's or province's registry code." },
    messages: {
      _: { vi: "không tạo thẻ theo tên {scope} \"{name}\": kho dữ liệu đã có danh mục đơn vị; dùng --unit MÃ (mã {scope} trong danh mục, xem chiso units list)", en: "no token created for {scope} \"{name}\" by name: the store has a units registry; use --unit CODE (the {scope}'s registry code, see chiso units list)" },
    },
    example: { at: "", params: {"scope": "district", "name": "Huyện Tân Châu"} },
  },
  'not-predecessor': {
    severity: 'warning',
    section: 8,
    meaning: { vi: "Sổ tính năm trước không phải của đơn vị mà đơn vị năm sau hình thành từ đó; không được đưa vào so sánh.", en: "An earlier-year workbook is of no unit the later unit descends from; it is left out of the comparison." },
    fix: { vi: "Bỏ tệp đó khỏi lệnh, hoặc kiểm tra cột predecessors của danh mục.", en: "Leave that file out, or check the registry's predecessors column." },
    messages: {
      _: { vi: "\"{file}\" (mã {code}, năm {year}) không phải đơn vị tiền thân của {later}; bỏ qua khi so sánh", en: "\"{file}\" ({code}, {year}) is not a unit {later} descends from; left out of the comparison" },
    },
    example: { at: "Unit!B5", params: {"file": "samples/lien-hoi-2023.xlsx", "code": "06268", "year": 2023, "later": "98101"} },
  },
  'store-too-new': {
    severity: 'error',
    section: 8,
    meaning: { vi: 'Kho dữ liệu của dịch vụ do một phiên bản chiso mới hơn tạo ra; phiên bản này không đọc và không sửa nó.', en: 'The service\'s store was written by a newer chiso; this version neither reads nor changes it.' },
    fix: { vi: 'Cập nhật chiso lên phiên bản mới hơn, hoặc khôi phục bản sao lưu do phiên bản này tạo ra.', en: 'Upgrade chiso, or restore a backup made by this version.' },
    messages: {
      _: { vi: 'kho dữ liệu {location} có lược đồ phiên bản {found}, do chiso mới hơn tạo ra; chiso này chỉ biết đến phiên bản {supported}. Kho dữ liệu không bị thay đổi', en: 'the store {location} has schema version {found}, written by a newer chiso; this chiso knows versions up to {supported}. The store was not changed' },
    },
    example: { at: '', params: { location: 'data/chiso.db', found: 2, supported: 1 } },
  },
  'store-unavailable': {
    severity: 'error',
    section: 8,
    meaning: { vi: 'Không mở hoặc không kết nối được kho dữ liệu (thư mục `--data` hoặc máy chủ PostgreSQL của `--database`).', en: 'The store cannot be opened or reached (the `--data` directory, or the PostgreSQL server of `--database`).' },
    fix: { vi: 'Kiểm tra thư mục và quyền ghi, hoặc địa chỉ, tên người dùng và mật khẩu PostgreSQL, rồi chạy lại.', en: 'Check the directory and its permissions, or the PostgreSQL address, user and password, and run again.' },
    messages: {
      _: { vi: 'không mở được kho dữ liệu: {reason}', en: 'cannot open the store: {reason}' },
    },
    example: { at: '', params: { reason: 'connect ECONNREFUSED 127.0.0.1:5432' } },
  },
  'import-rejected': {
    severity: 'error',
    section: 8,
    meaning: { vi: 'Một tệp đã gửi hoặc mã truy cập trong thư mục dữ liệu cũ (`chiso store import-files`) không đọc được, hoặc tệp Excel không khớp với mã băm SHA-256 đã ghi, nên không được nhập. Các mục khác vẫn được nhập.', en: 'A submission or token in the old data directory (`chiso store import-files`) cannot be read, or its workbook does not match its recorded SHA-256, so it is not imported. The other entries are.' },
    fix: { vi: 'Gửi lại tệp Excel gốc đó lên dịch vụ; với mã truy cập, tạo mã mới bằng `chiso token create`.', en: 'Upload that submission\'s original workbook to the service again; for a token, create a new one with `chiso token create`.' },
    messages: {
      _: { vi: 'không nhập: {reason}', en: 'not imported: {reason}' },
      hash: { vi: 'không nhập: input.xlsx có mã băm SHA-256 {actual}, nhưng tệp đã gửi ghi {recorded}', en: 'not imported: input.xlsx has SHA-256 {actual}, the submission says {recorded}' },
    },
    example: { variant: 'hash', at: 'old-data/submissions/3f2a…', params: { actual: '9c1e…', recorded: '3f2a…' } },
  },
  'straight-lining': {
    severity: 'warning',
    section: 7,
    meaning: { vi: 'Người trả lời này trả lời ít nhất 20 câu hỏi thang đo (không tính ô trống và mã thiếu; mã "zero" được tính) và tất cả đều cùng một mã: dấu hiệu phỏng vấn qua loa hoặc phiếu điền thay. Điểm không thay đổi.', en: 'This respondent answered at least 20 scale questions (blanks and missing codes aside; zero codes count) and gave every one the same code, a sign of a careless or invented interview. Scores are unchanged.' },
    fix: { vi: 'Giám sát viên hỏi lại điều tra viên hoặc gọi lại hộ để xác minh; nếu phiếu không có thật, xoá dòng đó rồi chấm lại.', en: 'A supervisor checks with the interviewer or calls the household back; if the interview did not happen, delete the row and score again.' },
    messages: {
      _: { vi: '{who} chọn cùng mã {code} cho cả {answered} câu thang đo đã trả lời; hãy kiểm tra cuộc phỏng vấn có diễn ra đúng như ghi lại không', en: '{who} typed {code} for all {answered} scale questions answered; check that the interview took place as recorded' },
    },
    example: { at: 'Responses!A45', params: { who: { vi: 'người trả lời "LT-2023-0044" (dòng 45)', en: 'respondent "LT-2023-0044" (row 45)' }, code: 3, answered: 24 } },
  },
  'near-duplicate': {
    severity: 'warning',
    section: 7,
    meaning: { vi: 'Hai người trả lời trong cùng đơn vị có câu trả lời (đã mã hoá) giống nhau ở ít nhất 95% số câu cả hai cùng trả lời, với ít nhất 40 câu như vậy: thường là phiếu sao chép. Báo ở dòng sau, nêu dòng trước. Câu hỏi sàng lọc và dòng bị loại vì trọng số sai không được xét. Đơn vị có hơn 5.000 người trả lời chỉ được dò các bản sao giống hệt. Điểm không thay đổi.', en: 'Two respondents of the same unit agree on at least 95% of the questions both answered, with at least 40 such questions: usually a copied form. Reported at the later row, naming the earlier one. Filter questions and rows left out for a bad weight take no part. In a unit of more than 5,000 respondents only exact copies are looked for. Scores are unchanged.' },
    fix: { vi: 'Kiểm tra hai phiếu với điều tra viên; nếu một phiếu là bản sao, xoá dòng đó rồi chấm lại.', en: 'Check both forms with the interviewer; if one is a copy, delete that row and score again.' },
    messages: {
      _: { vi: '{who} trả lời giống {other} ở {agree} trong {shared} câu cả hai cùng trả lời ({percent}%); hãy kiểm tra cả hai cuộc phỏng vấn có thật không', en: '{who} agrees with {other} on {agree} of the {shared} questions both answered ({percent}%); check that both interviews took place' },
      exact: { vi: '{who} có câu trả lời giống hệt {other} ở cả {shared} câu đã trả lời (đơn vị có hơn {max} người trả lời nên chỉ dò bản sao giống hệt); hãy kiểm tra cả hai cuộc phỏng vấn có thật không', en: '{who} has exactly the same coded answers as {other} on all {shared} questions answered (the unit has more than {max} respondents, so only exact copies are looked for); check that both interviews took place' },
    },
    example: { at: 'Responses!A88', params: { who: { vi: 'người trả lời "LT-2023-0087" (dòng 88)', en: 'respondent "LT-2023-0087" (row 88)' }, other: { vi: 'người trả lời "LT-2023-0012" (dòng 13)', en: 'respondent "LT-2023-0012" (row 13)' }, agree: 118, shared: 120, percent: 98.3 } },
  },
  'export-no-header': {
    severity: 'error',
    section: 10,
    unscorable: true,
    meaning: { vi: 'Dòng 1 của tệp xuất không có tên cột nên không biết cột nào là câu hỏi nào. Tệp không được chấm.', en: 'Row 1 of the export does not name the columns, so no column can be matched to a question. The file is not scored.' },
    fix: { vi: 'Xuất lại dữ liệu từ ODK Central hoặc KoboToolbox, giữ dòng tiêu đề (Kobo: chọn "XML values and headers").', en: 'Export the data again from ODK Central or KoboToolbox with its header row (Kobo: "XML values and headers").' },
    messages: {
      _: { vi: 'tệp xuất không có dòng tiêu đề (dòng 1 phải ghi tên các cột)', en: 'the export has no header row (row 1 must name the columns)' },
    },
    example: { at: 'lien-hoi-2024!A1', params: {} },
  },
  'export-no-id': {
    severity: 'error',
    section: 10,
    unscorable: true,
    meaning: { vi: 'Tệp xuất không có cột mã phiếu (`meta-instanceID` của ODK Central hoặc `_uuid` của KoboToolbox) để phân biệt từng người trả lời. Tệp không được chấm.', en: 'The export has no instance id column (`meta-instanceID` from ODK Central, `_uuid` from KoboToolbox) to tell respondents apart. The file is not scored.' },
    fix: { vi: 'Xuất lại với đầy đủ cột siêu dữ liệu; không xoá các cột đó khi chỉnh tệp.', en: 'Export again with the metadata columns, and keep them when editing the file.' },
    messages: {
      _: { vi: 'tệp xuất không có cột meta-instanceID (ODK Central) hay _uuid (KoboToolbox) để phân biệt từng người trả lời', en: 'the export has no meta-instanceID (ODK Central) or _uuid (KoboToolbox) column to tell respondents apart' },
    },
    example: { at: 'lien-hoi-2024!A1', params: {} },
  },
  'export-no-unit': {
    severity: 'error',
    section: 10,
    unscorable: true,
    meaning: { vi: 'Không biết dữ liệu của xã, phường nào: tệp không có cột `unit_code` và lệnh không có `--unit`. Tệp không được chấm.', en: 'Nothing says which unit the data is for: no `unit_code` column and no `--unit`. The file is not scored.' },
    fix: { vi: 'Chạy lại với `--unit MÃ_ĐƠN_VỊ`, hoặc dùng biểu mẫu do `chiso xlsform` tạo (có sẵn trường mã đơn vị).', en: 'Run again with `--unit CODE`, or collect with the form `chiso xlsform` writes (it has the unit code field).' },
    messages: {
      _: { vi: 'tệp xuất không cho biết dữ liệu của đơn vị nào: hãy thêm --unit MÃ_ĐƠN_VỊ (hoặc trường "unit_code" trong biểu mẫu)', en: 'the export does not say which unit it is: give --unit CODE (or a "unit_code" field in the form)' },
    },
    example: { at: 'lien-hoi-2024!A1', params: {} },
  },
  'export-no-year': {
    severity: 'error',
    section: 10,
    unscorable: true,
    meaning: { vi: 'Không biết dữ liệu của năm nào (năm quyết định bộ chỉ số: papi-28 từ 2021). Tệp không được chấm.', en: 'Nothing says which year the data is for (the year decides the framework: papi-28 from 2021). The file is not scored.' },
    fix: { vi: 'Chạy lại với `--year NĂM` (hoặc `--framework`), hoặc dùng biểu mẫu có trường năm.', en: 'Run again with `--year Y` (or `--framework`), or collect with a form that has the year field.' },
    messages: {
      _: { vi: 'tệp xuất không cho biết năm: hãy thêm --year NĂM (hoặc cột "year" trong biểu mẫu)', en: 'the export has no year: give --year Y (or a "year" column in the form)' },
    },
    example: { at: 'lien-hoi-2024!A1', params: {} },
  },
  'export-unknown-framework': {
    severity: 'error',
    section: 10,
    unscorable: true,
    meaning: { vi: 'Bộ chỉ số ghi trong `--framework` không có trong `templates/frameworks`. Tệp không được chấm.', en: 'The framework named by `--framework` is not in `templates/frameworks`. The file is not scored.' },
    fix: { vi: 'Dùng một mã bộ chỉ số có sẵn (papi-28, papi-29).', en: 'Use one of the framework ids listed.' },
    messages: {
      _: { vi: 'không có bộ chỉ số "{framework}" (các bộ có sẵn: {known})', en: 'unknown framework "{framework}" (known: {known})' },
      invalid: { vi: 'không đọc được bộ chỉ số "{framework}": {reason}', en: 'the framework "{framework}" cannot be loaded: {reason}' },
    },
    example: { at: '', params: { framework: 'papi-30', known: 'papi-28, papi-29' } },
  },
  'export-no-items': {
    severity: 'error',
    section: 10,
    unscorable: true,
    meaning: { vi: 'Không cột nào của tệp xuất là câu hỏi của bộ chỉ số: tên trường trong biểu mẫu phải là mã câu hỏi (ví dụ `d1a_01`). Tệp không được chấm.', en: 'No column of the export is a question of the framework: the form\'s field names must be item codes (e.g. `d1a_01`). The file is not scored.' },
    fix: { vi: 'Thu thập bằng biểu mẫu do `chiso xlsform` tạo; kiểm tra `--framework` hoặc năm có đúng không.', en: 'Collect with the form `chiso xlsform` writes; check `--framework` or the year.' },
    messages: {
      _: { vi: 'không cột nào của tệp xuất là câu hỏi của bộ chỉ số {framework} (phần cuối tên cột phải là mã câu hỏi, ví dụ "dim_1-d1a_01")', en: 'no column of the export is an item of {framework} (a column\'s last path segment must be an item code, e.g. "dim_1-d1a_01")' },
    },
    example: { at: 'lien-hoi-2024!A1', params: { framework: 'papi-28' } },
  },
  'export-year-mismatch': {
    severity: 'error',
    section: 10,
    meaning: { vi: 'Dòng này ghi một năm khác với năm của tệp xuất (năm ở `--year` hoặc ở dòng dữ liệu đầu tiên). Dòng bị loại khỏi việc chấm; các dòng khác vẫn được chấm.', en: 'This row gives another year than the export\'s (from `--year` or the first data row). The row is left out; the others are scored.' },
    fix: { vi: 'Lọc dữ liệu theo năm khi xuất, mỗi năm một tệp.', en: 'Filter the export by year: one file per year.' },
    messages: {
      _: { vi: 'dòng này ghi năm "{text}", nhưng tệp xuất được chấm cho năm {year} (năm ở ô {cell}); dòng này bị loại, hãy xuất riêng từng năm', en: 'this row is for year "{text}", but the export is scored as {year} (the year of {cell}); the row is left out: export each year on its own' },
      flag: { vi: 'dòng này ghi năm "{text}", nhưng tệp xuất được chấm cho năm {year} (--year); dòng này bị loại, hãy xuất riêng từng năm', en: 'this row is for year "{text}", but the export is scored as {year} (--year); the row is left out: export each year on its own' },
    },
    example: { at: 'lien-hoi-2024!C3', params: { text: '2023', year: 2024, cell: 'C2' } },
  },
  'export-malformed-csv': {
    severity: 'error',
    section: 10,
    meaning: { vi: 'Tệp CSV hỏng từ dòng này (dấu ngoặc kép không đóng, hoặc một dòng dài hơn 1 triệu ký tự). Các dòng trước đó vẫn được chấm; từ dòng này trở đi không đọc được.', en: 'The CSV is broken from this row on (an unclosed quote, or a record over a million characters). The rows before it are scored; nothing from here on can be read.' },
    fix: { vi: 'Xuất lại tệp từ máy chủ thay vì sửa tay; nếu đã mở bằng Excel, lưu lại dạng "CSV UTF-8".', en: 'Export the file again rather than editing it by hand; if Excel opened it, save it as "CSV UTF-8".' },
    messages: {
      _: { vi: 'không đọc được tệp CSV từ dòng {row} trở đi ({reason}); các dòng trước đó vẫn được chấm', en: 'the CSV cannot be read from row {row} on ({reason}); the rows before it are scored' },
      header: { vi: 'không đọc được tệp CSV từ dòng {row} ({reason}); tệp không được chấm', en: 'the CSV cannot be read from row {row} ({reason}); the file is not scored' },
    },
    example: { at: 'lien-hoi-2024!A120', params: { row: 120, reason: 'Quote Not Closed' } },
  },
} as const satisfies Record<string, CodeEntry>;

type Catalogue = typeof CATALOGUE;
/** A problem code: stable, never changes with the language (contract.md). */
export type Code = keyof Catalogue & string;
type VariantOf<C extends Code> = keyof Catalogue[C]['messages'] & string;
/** A message: `code` for its `_` message, `code.variant` for the others. */
export type MessageId = { [C in Code]: { [V in VariantOf<C>]: V extends '_' ? C : `${C}.${V}` }[VariantOf<C>] }[Code];

type TemplateOf<Id extends MessageId, L extends keyof Text> = Id extends `${infer C extends Code}.${infer V}`
  ? V extends VariantOf<C>
    ? Catalogue[C]['messages'][V] extends Text
      ? Catalogue[C]['messages'][V][L]
      : never
    : never
  : Id extends Code
    ? '_' extends VariantOf<Id>
      ? Catalogue[Id]['messages']['_' & VariantOf<Id>] extends Text
        ? Catalogue[Id]['messages']['_' & VariantOf<Id>][L]
        : never
      : never
    : never;

type Placeholders<S> = S extends `${string}{${infer K}}${infer Rest}` ? K | Placeholders<Rest> : never;

/** The parameters a message takes, read from its template. */
export type ParamsOf<Id extends MessageId> = { readonly [K in Placeholders<TemplateOf<Id, 'vi'>>]: ParamValue };

// Parity, checked by the compiler: both templates of every message name the same parameters.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Parity = { [Id in MessageId]: Same<Placeholders<TemplateOf<Id, 'vi'>>, Placeholders<TemplateOf<Id, 'en'>>> };
type AllTrue<T extends Record<string, true>> = T;
export type CatalogueParity = AllTrue<Parity>;

export function codeOf(id: MessageId): Code {
  const dot = id.indexOf('.');
  return (dot < 0 ? id : id.slice(0, dot)) as Code;
}

export function entryOf(code: string): CodeEntry | undefined {
  return Object.hasOwn(CATALOGUE, code) ? (CATALOGUE as Record<string, CodeEntry>)[code] : undefined;
}

/** The templates of a message id, or undefined for an id the catalogue does not have (old stored problems). */
export function templatesOf(id: string): Text | undefined {
  const dot = id.indexOf('.');
  const entry = entryOf(dot < 0 ? id : id.slice(0, dot));
  return entry?.messages[dot < 0 ? '_' : id.slice(dot + 1)];
}

export function severityOf(id: MessageId): Severity {
  return CATALOGUE[codeOf(id)].severity;
}
