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
    vi: 'máy chủ đang chấm nhiều sổ tính nhất có thể và hàng chờ đã đầy; hãy gửi lại sau {seconds} giây',
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
    vi: 'bảng xếp hạng đang được tính (lần đầu sau khi máy chủ khởi động hoặc sau khi có sổ tính mới); hãy thử lại sau {seconds} giây',
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
} as const satisfies Record<string, Text & { status: number }>;

export type ApiErrorTextCode = keyof typeof API_ERRORS;

/** The message of an API error in a language, its `{name}` placeholders filled (unknown names left as they are). */
export function apiErrorMessage(code: ApiErrorTextCode, lang: Lang, params: Readonly<Record<string, string | number>> = {}): string {
  return API_ERRORS[code][lang].replace(/\{(\w+)\}/g, (whole, name: string) => (Object.hasOwn(params, name) ? String(params[name]) : whole));
}
