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
  // Anything else: a library's own words, said to be technical.
  unexpected: { vi: 'lỗi kỹ thuật khi đọc (tiếng Anh): {detail}', en: '{detail}' },
} as const satisfies Record<string, Text>;

export type ReasonCode = keyof typeof REASONS;

type Placeholders<S> = S extends `${string}{${infer K}}${infer Rest}` ? K | Placeholders<Rest> : never;
export type ReasonParams<C extends ReasonCode> = { readonly [K in Placeholders<(typeof REASONS)[C]['en']>]: string | number };
type ReasonArgs<C extends ReasonCode> = [Placeholders<(typeof REASONS)[C]['en']>] extends [never] ? [] : [ReasonParams<C>];

/** A reason in both languages, with its code: usable wherever a catalogue parameter is. */
export interface Reason extends Text {
  readonly code: ReasonCode;
}

const fill = (template: string, params: Readonly<Record<string, string | number>>) =>
  template.replace(/\{([A-Za-z]+)\}/g, (_, name: string) => String(params[name] ?? ''));

export function reason<C extends ReasonCode>(code: C, ...params: ReasonArgs<C>): Reason {
  const values = (params[0] ?? {}) as Record<string, string | number>;
  return { code, vi: fill(REASONS[code].vi, values), en: fill(REASONS[code].en, values) };
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
