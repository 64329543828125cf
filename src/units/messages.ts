/**
 * The diagnostics of units and their comparisons: code, severity and the
 * message in Vietnamese and English. Kept as data in the shape of the coming
 * diagnostics catalogue (src/diagnostics/, branch vi-report) so the entries move
 * there unchanged; until then Problems carry the English text, as every other
 * diagnostic does today.
 */
import type { Problem, Severity } from '../diagnostics/problem.js';

type Params = Record<string, string | number>;

interface Entry {
  severity: Severity;
  vi: string;
  en: string;
}

export const unitMessages = {
  'registry-missing-column': {
    severity: 'error',
    vi: 'danh mục đơn vị thiếu cột "{column}" (cần: code, name, level, parent, from, to, predecessors)',
    en: 'the units registry has no "{column}" column (needed: code, name, level, parent, from, to, predecessors)',
  },
  'registry-bad-code': {
    severity: 'error',
    vi: 'mã đơn vị "{value}" không hợp lệ: mã là một dãy chữ số, ghi dạng văn bản (giữ số 0 ở đầu)',
    en: 'unit code "{value}" is not valid: a code is a run of digits, kept as text (with its leading zeros)',
  },
  'registry-missing-name': {
    severity: 'error',
    vi: 'đơn vị {code} chưa có tên',
    en: 'unit {code} has no name',
  },
  'registry-bad-level': {
    severity: 'error',
    vi: 'cấp "{value}" không hợp lệ: cấp là province, district hoặc commune',
    en: 'level "{value}" is not valid: a level is province, district or commune',
  },
  'registry-bad-years': {
    severity: 'error',
    vi: 'năm "{value}" không hợp lệ: ghi năm như 2024, hoặc để trống (không giới hạn); "from" không được sau "to"',
    en: 'year "{value}" is not valid: write a year such as 2024, or leave it blank (open); "from" may not be after "to"',
  },
  'registry-bad-parent': {
    severity: 'error',
    vi: 'cấp trên của {code} ({level}) năm {year} phải là {expected}, không phải "{parent}"',
    en: 'the parent of {code} ({level}) in {year} must be {expected}, not "{parent}"',
  },
  'registry-overlap': {
    severity: 'error',
    vi: 'mã {code} có hai dòng cùng hiệu lực năm {year} (dòng {other}); thời hạn các dòng của một mã không được chồng nhau',
    en: 'code {code} has two rows valid in {year} (row {other}); the periods of one code may not overlap',
  },
  'registry-two-places': {
    severity: 'error',
    vi: 'mã {code} cùng lúc ở hai nơi năm {year}: thuộc "{parent}" ở dòng này và "{otherParent}" ở dòng {other}',
    en: 'code {code} is in two places at once in {year}: under "{parent}" here and under "{otherParent}" in row {other}',
  },
  'registry-unknown-parent': {
    severity: 'error',
    vi: 'đơn vị cấp trên {parent} không có trong danh mục năm {year}',
    en: 'parent {parent} is not in the registry in {year}',
  },
  'registry-unknown-predecessor': {
    severity: 'error',
    vi: 'đơn vị tiền thân {predecessor} không có trong danh mục trước năm {from}',
    en: 'predecessor {predecessor} is not in the registry in any year before {from}',
  },
  'registry-bad-predecessor': {
    severity: 'error',
    vi: 'tiền thân "{value}" không hợp lệ: ghi các mã cách nhau bởi dấu cách, mỗi mã có thể kèm ":part"; đơn vị có tiền thân phải có năm "from"',
    en: 'predecessor "{value}" is not valid: list codes separated by spaces, each optionally with ":part"; a unit with predecessors needs a "from" year',
  },
  'registry-predecessor-twice': {
    severity: 'error',
    vi: 'đơn vị {predecessor} được cả {code} và {other} (dòng {otherRow}) ghi là tiền thân toàn phần; đơn vị chia cho nhiều nơi phải ghi ":part" ở mỗi nơi',
    en: 'unit {predecessor} is listed whole by both {code} and {other} (row {otherRow}); a unit split among several successors is listed ":part" by each',
  },
  'registry-cycle': {
    severity: 'error',
    vi: 'tiền thân tạo thành vòng lặp: {cycle}',
    en: 'the predecessors form a cycle: {cycle}',
  },
  'registry-unreadable': {
    severity: 'error',
    vi: 'không đọc được danh mục đơn vị: {reason}',
    en: 'the units registry cannot be read: {reason}',
  },
  'unknown-unit': {
    severity: 'error',
    vi: 'mã đơn vị "{code}" không có trong danh mục đơn vị năm {year}',
    en: 'unit code "{code}" is not in the units registry for {year}',
  },
  'unit-code-padded': {
    severity: 'warning',
    vi: 'mã đơn vị {code} đã mất số 0 ở đầu (ô dạng số); đã hiểu là {padded} ({name}). Hãy định dạng ô là văn bản',
    en: 'unit code {code} lost its leading zeros (a number cell); read as {padded} ({name}). Format the cell as text',
  },
  'numeric-unit-code': {
    severity: 'warning',
    vi: 'mã đơn vị {code} được ghi dạng số nên có thể đã mất số 0 ở đầu; hãy định dạng ô là văn bản, hoặc dùng --units để đối chiếu với danh mục',
    en: 'unit code {code} is a number cell, so leading zeros may have been lost; format the cell as text, or give --units to match it with the registry',
  },
  'unit-name-differs': {
    severity: 'warning',
    vi: '{field} "{given}" khác với danh mục đơn vị ("{registered}" cho mã {code} năm {year}); dùng tên trong danh mục',
    en: '{field} "{given}" differs from the units registry ("{registered}" for code {code} in {year}); the registry\'s name is used',
  },
  'unit-without-year': {
    severity: 'warning',
    vi: 'không đối chiếu được mã {code} với danh mục vì bảng Unit không ghi năm',
    en: 'unit code {code} cannot be checked against the registry: the Unit sheet gives no year',
  },
  'not-comparable': {
    severity: 'error',
    vi: '{vi}',
    en: '{en}',
  },
  'not-predecessor': {
    severity: 'warning',
    vi: '{file} ({code}, năm {year}) không phải đơn vị tiền thân của {later}; bỏ qua khi so sánh',
    en: '{file} ({code}, {year}) is not a unit {later} descends from; left out of the comparison',
  },
} as const satisfies Record<string, Entry>;

export type UnitMessageCode = keyof typeof unitMessages;

function fill(template: string, params: Params): string {
  return template.replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? `{${k}}`));
}

export function unitMessage(code: UnitMessageCode, params: Params, lang: 'vi' | 'en' = 'en'): string {
  return fill(unitMessages[code][lang], params);
}

export function unitProblem(code: UnitMessageCode, where: { file: string; sheet: string; cell: string }, params: Params = {}): Problem {
  return { ...where, severity: unitMessages[code].severity, code, message: unitMessage(code, params) };
}
