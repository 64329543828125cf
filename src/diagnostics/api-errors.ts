/**
 * The API's own error messages (the `error.message` of a JSON error that is
 * not about a workbook: the request itself was refused), in Vietnamese and
 * English, like the problem messages of catalogue.ts. The service picks the
 * requester's language (`?lang=`, as the workbench sends it; Vietnamese by
 * default) in errors.ts `errorResponse`. Templates hold `{name}` placeholders;
 * test/diagnostics/api-errors.test.ts checks both languages use the same ones.
 */
import type { Lang } from './lang.js';
import type { Text } from './catalogue.js';

export const API_ERRORS = {
  'wrong-host': {
    status: 421,
    vi: 'máy chủ chiso này chỉ dùng trên chính máy tính này (chế độ một người dùng); hãy mở bằng http://127.0.0.1 hoặc http://localhost kèm số cổng của nó',
    en: 'this chiso server runs in single-user mode on this computer only; open it as http://127.0.0.1 or http://localhost with its port',
  },
  'cross-site': {
    status: 403,
    vi: 'yêu cầu này đến từ một trang web khác; chiso chỉ nhận thay đổi từ chính các trang của nó, nên không có gì bị thay đổi',
    en: 'this request came from another web site; chiso accepts changes only from its own pages',
  },
  busy: {
    status: 503,
    vi: 'máy chủ đang chấm nhiều tệp nhất có thể và hàng chờ đã đầy; hãy gửi lại sau {seconds} giây',
    en: 'the server is scoring as many workbooks as it can and its queue is full; try again in {seconds} s',
  },
  'method-not-allowed': {
    status: 405,
    vi: 'không dùng được {method} ở địa chỉ này; hãy dùng {allowed}',
    en: '{method} is not allowed here; use {allowed}',
  },
  timeout: {
    status: 503,
    vi: 'việc chấm mất hơn {seconds} giây nên đã bị dừng; không có gì được lưu. Hãy thử lại sau hoặc chia nhỏ tệp',
    en: 'the work took longer than {seconds} s and was stopped; nothing was stored. Try again later or split the file',
  },
  'league-warming': {
    status: 503,
    vi: 'bảng xếp hạng đang được tính (lần đầu sau khi máy chủ khởi động hoặc sau khi có tệp mới được gửi); hãy thử lại sau {seconds} giây',
    en: 'the league is still being computed (the first time after the server started, or after new uploads); try again in {seconds} s',
  },
  // Upload and batch refusals (the JSON's `code` is unscorable, too-large, unknown-unit…; these are its message).
  // {reason} is the first error's message, already in the requester's language.
  'unscorable-workbook': {
    status: 422,
    vi: 'không chấm được tệp này: {reason}',
    en: 'the workbook could not be scored: {reason}',
  },
  'unscorable-nothing': {
    status: 422,
    vi: 'tệp không có đơn vị nào chấm được',
    en: 'the workbook has no unit that could be scored',
  },
  'not-stored': {
    status: 422,
    vi: 'tệp không được lưu: {reason}',
    en: 'the workbook could not be stored: {reason}',
  },
  'forbidden-units': {
    status: 403,
    vi: 'mã truy cập này không có quyền với đơn vị của tệp: {units}',
    en: 'this token does not cover the unit(s) of this workbook: {units}',
  },
  'unscorable-batch': {
    status: 422,
    vi: 'không chấm được bộ tệp: {reason}',
    en: 'the batch could not be scored: {reason}',
  },
  'unscorable-batch-nothing': {
    status: 422,
    vi: 'bộ tệp không có đơn vị nào chấm được',
    en: 'the batch has no unit that could be scored',
  },
  'forbidden-batch': {
    status: 403,
    vi: 'mã truy cập này không có quyền với mọi đơn vị của bộ tệp ({units})',
    en: 'this token does not cover every unit of this batch ({units})',
  },
  'too-large-upload': {
    status: 413,
    vi: 'tệp gửi lên lớn hơn giới hạn {mb} MB',
    en: 'the upload is larger than the limit of {mb} MB',
  },
  // Access (401/403) and plans: what the workbench's sign-in and desk show.
  'token-needed': {
    status: 401,
    vi: 'dịch vụ này cần mã truy cập: đăng nhập trên trang làm việc, hoặc gửi kèm "Authorization: Bearer <mã truy cập>"',
    en: 'this service needs an access token: sign in on the workbench, or send "Authorization: Bearer <token>"',
  },
  'token-invalid': {
    status: 401,
    vi: 'mã truy cập này không dùng được (sai, đã hết hạn hoặc đã bị thu hồi)',
    en: 'this access token is not valid (wrong, expired or revoked)',
  },
  'forbidden-unit': {
    status: 403,
    vi: 'mã truy cập này không có quyền với đơn vị {unit}',
    en: 'this token does not cover unit {unit}',
  },
  'admin-only': {
    status: 403,
    vi: 'việc này chỉ dành cho mã truy cập của quản trị viên',
    en: 'this needs an admin token',
  },
  'plan-no-unit': {
    status: 422,
    vi: 'tệp kế hoạch cần trang Unit có mã đơn vị (unit_code) và năm (year)',
    en: 'the plan workbook needs a Unit sheet with unit_code and year',
  },
  'plan-unknown-unit': {
    status: 422,
    vi: 'đơn vị {unit} không phải tỉnh hay huyện trong danh mục đơn vị năm {year}',
    en: 'unit {unit} is not a province or district of the registry in {year}',
  },
  'plan-errors': {
    status: 422,
    vi: 'tệp kế hoạch có lỗi; xem danh sách lỗi',
    en: 'the plan workbook has errors; see its problems',
  },
  // Requests the service cannot read (400), of the wrong kind (415) or too big (413). A form is what
  // a browser (or curl -F) sends: the file goes in its field "file" (multipart/form-data, named once
  // in brackets for whoever writes the request by hand).
  'upload-wrong-type': {
    status: 415,
    vi: 'hãy gửi tệp Excel trong trường "file" của biểu mẫu gửi lên (kiểu multipart/form-data)',
    en: 'send the workbook as multipart/form-data in the field "file"',
  },
  'batch-wrong-type': {
    status: 415,
    vi: 'hãy gửi các tệp Excel (hoặc một tệp .zip chứa chúng) trong các trường "file" của biểu mẫu gửi lên (kiểu multipart/form-data)',
    en: 'send the workbooks as multipart/form-data in "file" fields (several, or one .zip)',
  },
  'registry-wrong-type': {
    status: 415,
    vi: 'hãy gửi danh mục đơn vị là một tệp CSV (kiểu text/csv), hoặc gửi tệp trong trường "file" của biểu mẫu gửi lên (kiểu multipart/form-data)',
    en: 'send the registry as text/csv, or as multipart/form-data in the field "file"',
  },
  'plan-wrong-type': {
    status: 415,
    vi: 'kế hoạch phải là tệp Excel: hãy gửi tệp trong trường "file" của biểu mẫu gửi lên (kiểu multipart/form-data)',
    en: 'a plan is a workbook: send it as multipart/form-data in the field "file"',
  },
  'session-wrong-type': {
    status: 415,
    vi: 'hãy gửi mã truy cập dưới dạng {"token": "<mã truy cập>"} (kiểu application/json)',
    en: 'send {"token": "<access token>"} as application/json',
  },
  'session-no-token': {
    status: 400,
    vi: 'chưa có mã truy cập: hãy gửi {"token": "<mã truy cập>"}',
    en: 'send {"token": "<access token>"}',
  },
  'form-no-boundary': {
    status: 400,
    vi: 'không đọc được biểu mẫu gửi lên: tiêu đề Content-Type thiếu tham số boundary (dấu phân cách giữa các trường); hãy để trình duyệt hoặc curl tự đặt tiêu đề này',
    en: 'the multipart body could not be read: its Content-Type has no boundary',
  },
  'form-unreadable': {
    status: 400,
    vi: 'không đọc được biểu mẫu gửi lên (bị hỏng hoặc bị cắt cụt); hãy gửi lại',
    en: 'the multipart body could not be read',
  },
  // What multipart.ts found wrong in a form (MultipartError): each one whole, so the reason stays in the answer.
  'form-no-delimiter': {
    status: 400,
    vi: 'không đọc được biểu mẫu gửi lên: không thấy dấu phân cách nào mà tiêu đề Content-Type báo; hãy gửi lại',
    en: 'the multipart body could not be read: no multipart boundary in the body',
  },
  'form-no-line-break': {
    status: 400,
    vi: 'không đọc được biểu mẫu gửi lên: sau một dấu phân cách không có dấu xuống dòng; hãy gửi lại',
    en: 'the multipart body could not be read: a multipart delimiter is not followed by a line break',
  },
  'form-headers-unended': {
    status: 400,
    vi: 'không đọc được biểu mẫu gửi lên: phần đầu của một trường không có dòng trống kết thúc; hãy gửi lại',
    en: 'the multipart body could not be read: a multipart part has no end to its headers',
  },
  'form-unclosed': {
    status: 400,
    vi: 'không đọc được biểu mẫu gửi lên: thiếu dấu phân cách kết thúc (có thể bị cắt cụt khi gửi); hãy gửi lại',
    en: 'the multipart body could not be read: the multipart body has no closing boundary',
  },
  'form-part-unnamed': {
    status: 400,
    vi: 'không đọc được biểu mẫu gửi lên: một trường của biểu mẫu không có tên; hãy gửi lại',
    en: 'the multipart body could not be read: a multipart part has no form-data name',
  },
  'form-header-unnamed': {
    status: 400,
    vi: 'không đọc được biểu mẫu gửi lên: một dòng ở phần đầu của một trường không có tên; hãy gửi lại',
    en: 'the multipart body could not be read: a multipart part header has no name',
  },
  'form-parameter-encoding': {
    status: 400,
    vi: 'không đọc được biểu mẫu gửi lên: tham số {parameter} không được mã hóa UTF-8 đúng cách; hãy gửi lại',
    en: 'the multipart body could not be read: the multipart parameter {parameter} is not percent-encoded UTF-8',
  },
  'form-file-missing': {
    status: 400,
    vi: 'thiếu tệp: hãy gửi tệp Excel trong trường "file" của biểu mẫu gửi lên',
    en: 'file: the multipart field "file" is missing',
  },
  'form-file-not-file': {
    status: 400,
    vi: 'trường "file" của biểu mẫu gửi lên phải là một tệp đã chọn, không phải chữ',
    en: 'file: the multipart field "file" must be a file',
  },
  'batch-no-files': {
    status: 400,
    vi: 'chưa có tệp nào: hãy gửi một hoặc nhiều tệp Excel (hoặc một tệp .zip) trong các trường "file" của biểu mẫu gửi lên',
    en: 'file: send one or more workbooks (or one .zip) in "file" fields',
  },
  'registry-file-missing': {
    status: 400,
    vi: 'thiếu tệp: hãy gửi danh mục đơn vị (tệp CSV, hoặc tệp Excel có trang Units) trong trường "file" của biểu mẫu gửi lên',
    en: 'file: send the registry (CSV or a workbook with a Units sheet) in the field "file"',
  },
  'plan-file-missing': {
    status: 400,
    vi: 'thiếu tệp: hãy gửi tệp kế hoạch (tệp Excel) trong trường "file" của biểu mẫu gửi lên',
    en: 'file: send the plan workbook in the field "file"',
  },
  'bad-host-header': {
    status: 400,
    vi: 'tiêu đề Host của yêu cầu không phải tên máy hợp lệ; hãy mở chiso bằng đúng địa chỉ của máy chủ',
    en: 'the Host header is not a host name',
  },
  'request-refused': {
    status: 400,
    vi: 'máy chủ không nhận yêu cầu này (mã HTTP {status}); hãy kiểm tra lại rồi gửi lại',
    en: 'the request was refused (HTTP {status})',
  },
  // A field of a form or of the address (?confidence=…) that its schema refuses: {fields} is one
  // "field-*" text below per field, `"name" must be …`, joined with "; " (errors.ts invalidFields).
  'invalid-fields': {
    status: 400,
    vi: 'yêu cầu có trường không hợp lệ, hãy sửa rồi gửi lại: {fields}',
    en: 'the request has fields that are not valid: {fields}',
  },
  'field-invalid': {
    status: 400,
    vi: 'có giá trị không hợp lệ',
    en: 'is not valid',
  },
  'field-confidence': {
    status: 400,
    vi: 'phải là một số từ {min} đến {max}, viết bằng dấu chấm (ví dụ 0.95)',
    en: 'must be a number from {min} to {max} (e.g. 0.95)',
  },
  'field-confidence-open': {
    status: 400,
    vi: 'phải là một số lớn hơn 0 và nhỏ hơn 1, viết bằng dấu chấm (ví dụ 0.95)',
    en: 'must be a number between 0 and 1 (e.g. 0.95)',
  },
  'field-export-unit': {
    status: 400,
    vi: 'phải là mã đơn vị chỉ gồm chữ số, ví dụ 06268',
    en: 'must be a unit code of digits, e.g. 06268',
  },
  'field-export-year': {
    status: 400,
    vi: 'phải là một năm có 4 chữ số, ví dụ 2025',
    en: 'must be a year such as 2025',
  },
  'field-compare-unit': {
    status: 400,
    vi: 'còn thiếu: hãy ghi mã của đơn vị cần so sánh',
    en: 'is missing: give the code of the unit to compare',
  },
  'field-year-or-id': {
    status: 400,
    vi: 'phải là một năm (ví dụ 2023) hoặc mã của một tệp đã gửi',
    en: 'must be a year like 2023 or a submission id',
  },
  'field-format': {
    status: 400,
    vi: 'phải là json hoặc xlsx',
    en: 'must be json or xlsx',
  },
  'field-registry-unit': {
    status: 400,
    vi: 'phải là mã của một đơn vị trong danh mục đơn vị, ví dụ 887',
    en: 'must be a unit code of the registry, e.g. 887',
  },
  'field-league-year': {
    status: 400,
    vi: 'phải là một năm từ {min} đến {max}',
    en: 'must be a year from {min} to {max}',
  },
  'field-level': {
    status: 400,
    vi: 'phải là province (cấp tỉnh) hoặc district (cấp huyện)',
    en: 'must be province or district',
  },
  'field-rollup': {
    status: 400,
    vi: 'phải là district (tổng hợp lên cấp huyện) hoặc province (tổng hợp lên cấp tỉnh), hoặc để trống',
    en: 'must be district or province (or left out)',
  },
  'too-many-files': {
    status: 413,
    vi: 'bộ tệp có {count} tệp, nhiều hơn giới hạn {limit} tệp; hãy chia ra và gửi thành nhiều lần',
    en: 'the batch holds {count} files; the limit is {limit} workbooks — send it in parts',
  },
  'too-large-registry': {
    status: 413,
    vi: 'tệp danh mục đơn vị lớn hơn giới hạn {mb} MB',
    en: 'the registry is larger than the limit of {mb} MB',
  },
  // Not found (404). A submission, report or unit the token does not cover gets the same text as
  // one that does not exist (issue 14), so the texts never say which of the two it is.
  'not-found-path': {
    status: 404,
    vi: 'không có địa chỉ {path} trên máy chủ này; hãy kiểm tra lại đường dẫn',
    en: '{path} not found',
  },
  'not-found-submission': {
    status: 404,
    vi: 'không tìm thấy tệp đã gửi có mã {id}',
    en: 'submission {id} not found',
  },
  'not-found-input': {
    status: 404,
    vi: 'kho dữ liệu không còn tệp Excel gốc của tệp đã gửi có mã {id}',
    en: 'the workbook of submission {id} not found',
  },
  'not-found-unit': {
    status: 404,
    vi: 'không tìm thấy đơn vị {unit}; hãy kiểm tra lại mã đơn vị',
    en: 'unit {unit} not found',
  },
  'not-found-upload-year': {
    status: 404,
    vi: 'chưa có tệp nào được gửi cho đơn vị {unit} năm {year}',
    en: 'no upload for unit {unit} in {year}',
  },
  'not-found-upload-id': {
    status: 404,
    vi: 'không có tệp đã gửi mã {id} của đơn vị {unit}',
    en: 'no upload {id} for unit {unit}',
  },
  // {reason} is the located problem (catalogue not-comparable.*), already in the requester's language.
  'not-comparable': {
    status: 422,
    vi: 'không so sánh được hai năm: {reason}',
    en: 'the years cannot be compared: {reason}',
  },
  // {reason} is the registry's first error, "Sheet!Cell message", already in the requester's language.
  'registry-not-imported': {
    status: 422,
    vi: 'danh mục đơn vị không được nhập, không có gì thay đổi: {reason}',
    en: 'the registry was not imported: {reason}',
  },
  'registry-has-errors': {
    status: 422,
    vi: 'danh mục đơn vị không được nhập vì có lỗi; xem danh sách lỗi',
    en: 'the registry was not imported: it has errors',
  },
  // The desk (src/desk/league.ts DeskError): a league asked for what the registry cannot give.
  'no-registry': {
    status: 404,
    vi: 'kho dữ liệu chưa có danh mục đơn vị hành chính: hãy nhập danh mục trước (chiso units import, hoặc POST /api/units)',
    en: 'the store has no units registry: load one first (chiso units / POST /api/units)',
  },
  'league-unknown-unit': {
    status: 404,
    vi: 'đơn vị {unit} không có trong danh mục đơn vị năm {year}; hãy kiểm tra lại mã đơn vị',
    en: 'unit {unit} is not in the registry for {year}',
  },
  'league-commune': {
    status: 400,
    vi: 'đơn vị {unit} là xã, phường hoặc thị trấn; bảng xếp hạng chỉ lập cho một tỉnh hoặc một huyện: hãy dùng mã của tỉnh hoặc huyện',
    en: 'unit {unit} is a commune: a league is of a province or a district',
  },
  internal: {
    status: 500,
    vi: 'máy chủ gặp lỗi nội bộ; chi tiết được ghi trong nhật ký của máy chủ, hãy báo cho người quản trị',
    en: 'internal error; the server log has the details',
  },
} as const satisfies Record<string, Text & { status: number }>;

export type ApiErrorTextCode = keyof typeof API_ERRORS;

/** The message of an API error in a language, its `{name}` placeholders filled (unknown names left as they are). */
export function apiErrorMessage(code: ApiErrorTextCode, lang: Lang, params: Readonly<Record<string, string | number>> = {}): string {
  return API_ERRORS[code][lang].replace(/\{(\w+)\}/g, (whole, name: string) => (Object.hasOwn(params, name) ? String(params[name]) : whole));
}
