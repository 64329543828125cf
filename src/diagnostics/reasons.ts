/**
 * The technical reasons inside a diagnostic ("corrupt-workbook: … ({part}:
 * {reason})"): why the xlsx reader or the zip code gave up. Each has a stable
 * reason code and a Vietnamese and an English text, so a damaged file is
 * explained in the clerk's language too (the catalogue's message says what to
 * do; this says what was wrong). A reason is a catalogue parameter of the
 * "differs by language" kind ({ vi, en }), carrying its code for JSON readers.
 * Pure and dependency-free: the browser's inflater imports it too.
 */
import type { Text } from './catalogue.js';

export const REASONS = {
  // The zip container (src/zip).
  'zip-no-directory': { vi: 'không tìm thấy danh mục của tệp zip', en: 'its central directory cannot be found' },
  'zip-directory-damaged': { vi: 'danh mục của tệp zip bị hỏng', en: 'its central directory is damaged' },
  'zip-no-local-header': { vi: 'thiếu phần đầu của mục trong tệp zip', en: 'its local header is missing' },
  'zip-past-end': { vi: 'dữ liệu vượt quá cuối tệp (tệp bị cắt cụt)', en: 'it runs past the end of the file' },
  'zip-method': { vi: 'cách nén số {method} không phải "lưu nguyên" (stored) hay "deflate"', en: 'compression method {method} is not stored or deflate' },
  'zip-inflate': { vi: 'dữ liệu nén bị hỏng (chi tiết kỹ thuật: {detail})', en: 'the compressed data is damaged ({detail})' },
  // The package: which parts a workbook has (src/ingest/xlsx).
  'part-missing': { vi: 'thiếu phần này trong tệp', en: 'the part is missing' },
  'rels-part-missing': { vi: 'thiếu phần bảng tính {target} mà tệp này trỏ tới', en: 'the workbook part {target} it names is missing' },
  'rels-no-workbook': { vi: 'tệp này không trỏ tới phần bảng tính nào (officeDocument)', en: 'it names no workbook (officeDocument) part' },
  'sheet-unnamed': { vi: 'có một trang không có tên hoặc không có mã liên kết', en: 'a sheet without a name or relationship id' },
  'sheet-no-part': { vi: 'trang "{name}" không trỏ tới phần nào', en: 'sheet "{name}" points to no part' },
  'sheet-part-missing': { vi: 'trang "{name}" trỏ tới {path}, nhưng phần này không có trong tệp', en: 'sheet "{name}" points to {path}, which is missing' },
  // The XML of one part.
  'xml-no-root': { vi: 'không có phần tử gốc', en: 'it has no root element' },
  'xml-root-late': { vi: 'phần tử gốc không bắt đầu trong 16 MB đầu tiên', en: 'its root element does not start in the first 16 MB' },
  'xml-unterminated': { vi: 'có một phần tử không bao giờ kết thúc', en: 'an element never ends' },
  'xml-declaration': { vi: 'có một khai báo <! không được phép ở đây', en: 'an unexpected <! declaration' },
  'xml-empty': { vi: 'không chứa phần tử XML nào', en: 'it holds no XML element' },
  'xml-cut-in-element': { vi: 'phần này kết thúc giữa một phần tử (tệp bị cắt cụt)', en: 'it ends inside an element (the file was cut short)' },
  'xml-cut-before-close': { vi: 'phần này kết thúc trước </{element}> (tệp bị cắt cụt)', en: 'it ends before </{element}> (the file was cut short)' },
  'sheet-row-number': { vi: 'dòng r="{row}" không phải là số dòng', en: 'row r="{row}" is not a row number' },
  'shared-string-missing': {
    vi: 'một ô trỏ tới chuỗi dùng chung số {index}, nhưng bảng chuỗi dùng chung chỉ có {count} chuỗi{where}',
    en: 'a cell refers to shared string {index}, but the table has {count}{where}',
  },
  // Reading the file from disk.
  'file-not-found': { vi: 'không tìm thấy tệp ({detail})', en: 'no such file ({detail})' },
  'file-no-access': { vi: 'không có quyền đọc tệp ({detail})', en: 'permission denied ({detail})' },
  'file-is-directory': { vi: 'đây là một thư mục, không phải tệp ({detail})', en: 'it is a directory, not a file ({detail})' },
  // The framework files (src/framework/load.ts): a broken or unknown bộ chỉ số.
  'framework-bad-id': { vi: 'mã bộ chỉ số "{id}" không hợp lệ: chỉ dùng chữ thường không dấu, chữ số và dấu "-"', en: 'Invalid framework id "{id}": use lower-case letters, digits and "-"' },
  'framework-unknown': { vi: 'không có bộ chỉ số "{id}" (các bộ có sẵn: {known})', en: 'Unknown framework "{id}" (known: {known})' },
  'framework-json': { vi: 'tệp bộ chỉ số {path} không phải JSON hợp lệ (chi tiết kỹ thuật: {detail})', en: 'Framework file {path} is not valid JSON: {detail}' },
  'framework-invalid': { vi: 'tệp bộ chỉ số {path} không đúng cấu trúc (chi tiết kỹ thuật: {detail})', en: 'Framework file {path} is invalid: {detail}' },
  'framework-id-mismatch': { vi: 'tệp bộ chỉ số {path} ghi mã "{declared}", nhưng phải là "{id}"', en: 'Framework file {path} declares id "{declared}", expected "{id}"' },
  'framework-cycle': { vi: 'bộ chỉ số "{id}" kế thừa chính nó: {chain}', en: 'Framework "{id}" extends itself: {chain}' },
  'framework-omit-missing': {
    vi: 'bộ chỉ số "{id}" bỏ nội dung thành phần "{code}", nhưng bộ chỉ số "{base}" không có nội dung thành phần này',
    en: 'Framework "{id}" omits sub-dimension "{code}", which "{base}" does not have',
  },
  'framework-inconsistent': { vi: 'bộ chỉ số "{id}" không nhất quán: {problems}', en: 'Framework "{id}" is inconsistent: {problems}' },
  // ... and what makes one inconsistent (frameworkIssues): the cross-references a schema cannot check.
  'framework-dimension-twice': { vi: 'chỉ số nội dung {code} được khai báo hai lần', en: 'dimension {code} is listed twice' },
  'framework-dimension-empty': { vi: 'chỉ số nội dung {code} không có nội dung thành phần nào', en: 'dimension {code} has no sub-dimensions' },
  'framework-subdimension-twice': { vi: 'nội dung thành phần {code} được khai báo hai lần', en: 'sub-dimension {code} is listed twice' },
  'framework-subdimension-parent': { vi: 'nội dung thành phần {code}: không có chỉ số nội dung "{dimension}"', en: 'sub-dimension {code}: unknown dimension "{dimension}"' },
  'framework-item-twice': { vi: 'câu hỏi {code} được khai báo hai lần', en: 'item {code} is listed twice' },
  'framework-item-parent': { vi: 'câu hỏi {code}: không có nội dung thành phần "{subdimension}"', en: 'item {code}: unknown sub-dimension "{subdimension}"' },
  'framework-item-relevant': { vi: 'câu hỏi {code}: điều kiện hỏi (relevant) "{relevant}": {problem}', en: 'item {code}: relevant "{relevant}": {problem}' },
  // The old file store read by `chiso store import-files` (src/store/file-store-reader.ts).
  'file-store-not-store': { vi: '{dir} không phải thư mục dữ liệu cũ của chiso ({path}: {reason})', en: '{dir} is not a chiso file store ({path}: {reason})' },
  'file-store-version': {
    vi: '{dir}: không phải thư mục dữ liệu cũ của chiso phiên bản {version} (ghi định dạng {format}, phiên bản {found})',
    en: '{dir}: not a chiso file store of version {version} (format {format}, version {found})',
  },
  'file-store-unreadable': { vi: 'không đọc được {name}: {reason}', en: 'cannot read {name}: {reason}' },
  'file-store-json': { vi: '{name} không phải JSON hợp lệ (chi tiết kỹ thuật: {detail})', en: '{name} is not valid JSON: {detail}' },
  'file-store-record': { vi: '{name} thiếu trường hoặc có trường sai kiểu (chi tiết kỹ thuật: {detail})', en: '{name} is not a valid record: {detail}' },
  'file-store-hash': { vi: 'input.xlsx có mã băm SHA-256 {actual}, nhưng tệp đã gửi ghi {recorded}', en: 'input.xlsx has SHA-256 {actual}, the submission says {recorded}' },
  'file-store-id': { vi: 'mã {id} không khớp với tên thư mục hoặc với mã băm của nó', en: 'id {id} does not match its directory or hash' },
  'file-store-read-back': { vi: 'không đọc lại được từ kho dữ liệu sau khi nhập', en: 'not readable back from the database after import' },
  // Anything else: a library's own words, said to be technical.
  unexpected: { vi: 'lỗi kỹ thuật khi đọc (tiếng Anh): {detail}', en: '{detail}' },
} as const satisfies Record<string, Text>;

export type ReasonCode = keyof typeof REASONS;

type Placeholders<S> = S extends `${string}{${infer K}}${infer Rest}` ? K | Placeholders<Rest> : never;
/** A parameter: a number, a text the same in both languages, or one that differs by language (a nested reason). */
export type ReasonParam = string | number | Text;
export type ReasonParams<C extends ReasonCode> = { readonly [K in Placeholders<(typeof REASONS)[C]['en']>]: ReasonParam };
type ReasonArgs<C extends ReasonCode> = [Placeholders<(typeof REASONS)[C]['en']>] extends [never] ? [] : [ReasonParams<C>];

/** A reason in both languages, with its code: usable wherever a catalogue parameter is. */
export interface Reason extends Text {
  readonly code: ReasonCode;
}

const fill = (template: string, params: Readonly<Record<string, ReasonParam>>, lang: 'vi' | 'en') =>
  template.replace(/\{([A-Za-z]+)\}/g, (_, name: string) => {
    const value = params[name] ?? '';
    return typeof value === 'object' ? value[lang] : String(value);
  });

export function reason<C extends ReasonCode>(code: C, ...params: ReasonArgs<C>): Reason {
  const values = (params[0] ?? {}) as Record<string, ReasonParam>;
  return { code, vi: fill(REASONS[code].vi, values, 'vi'), en: fill(REASONS[code].en, values, 'en') };
}

/** Several texts as one, each language joined on its own ("a; b; c"). */
export function joinTexts(texts: readonly Text[], separator = '; '): Text {
  return { vi: texts.map((t) => t.vi).join(separator), en: texts.map((t) => t.en).join(separator) };
}

/**
 * An error that says why in both languages, with its reason code: thrown where the
 * caller decides how to show it (a usage error of the CLI, a catalogue parameter).
 */
export class ReasonError extends Error {
  constructor(readonly reason: Text & { readonly code?: string }) {
    super(reason.en);
    this.name = 'ReasonError';
  }
}

/** What an error says in both languages: its reason when it has one, else its own (English) message for both. */
export function errorText(error: unknown): Text {
  const r = (error as { reason?: unknown })?.reason as Partial<Text> | undefined;
  if (r && typeof r.vi === 'string' && typeof r.en === 'string') return { vi: r.vi, en: r.en };
  const message = String((error as Error)?.message ?? error);
  return { vi: message, en: message };
}

/** A technical message of a library (exceljs, zlib, a parser), capped and marked as technical. */
export function unexpectedReason(error: unknown): Reason {
  return reason('unexpected', { detail: String((error as Error)?.message ?? error).slice(0, 200) });
}

/** Why a file could not be read from disk: the common errno codes in words, the rest as they are. */
export function fileReason(error: unknown): Reason {
  const code = (error as NodeJS.ErrnoException)?.code;
  const detail = code ?? String((error as Error)?.message ?? error).slice(0, 200);
  if (code === 'ENOENT') return reason('file-not-found', { detail });
  if (code === 'EACCES' || code === 'EPERM') return reason('file-no-access', { detail });
  if (code === 'EISDIR') return reason('file-is-directory', { detail });
  return reason('unexpected', { detail });
}
