import { describe, expect, it } from 'vitest';
import { problem, messageIn } from '../../src/diagnostics/problem.js';
import { fileReason, reason, REASONS, unexpectedReason, type ReasonCode } from '../../src/diagnostics/reasons.js';
import { readZipEntries, ZipFormatError } from '../../src/zip/directory.js';
import { inflateEntry } from '../../src/zip/inflate.js';

/**
 * The technical reasons inside corrupt-workbook (and unreadable-file, batch-inflate)
 * have a code and both languages: the Vietnamese has no English left in it, and
 * both texts take the same parameters.
 */
const VIETNAMESE = /[ăâđêôơưàáảãạèéẻẽẹìíỉĩịòóỏõọùúủũụỳýỷỹỵ]/i;
const ENGLISH = /\b(the|its|it|is|cannot|missing|damaged|ends|element|file|sheet|part|row|cell|table|points|never|found|compressed|compression|header|directory|denied|permission)\b/i;
const placeholders = (t: string) => [...t.matchAll(/\{([A-Za-z]+)\}/g)].map((m) => m[1]).sort();

describe('the reasons', () => {
  it.each(Object.keys(REASONS) as ReasonCode[])('%s: Vietnamese and English with the same parameters', (code) => {
    const t = REASONS[code];
    expect(placeholders(t.vi)).toEqual(placeholders(t.en));
    expect(t.vi).not.toBe(t.en);
    expect(t.vi).toMatch(VIETNAMESE);
    // Outside the quoted names (</{element}>, "stored"/"deflate", officeDocument, r="…") no English word remains.
    const prose = t.vi.replace(/\{[A-Za-z]+\}|"[^"]*"|\([a-zA-Z]+\)|<[^>]*>|r="[^"]*"|officeDocument|zip|XML|MB/g, '');
    expect(prose).not.toMatch(ENGLISH);
  });

  it('renders inside a catalogue message in either language, keeping its code', () => {
    const p = problem('corrupt-workbook.xml', { part: 'xl/worksheets/sheet1.xml', reason: reason('xml-cut-before-close', { element: 'worksheet' }) }, { file: 'a.xlsx' });
    // Worked by hand from the two templates.
    expect(p.message).toBe('tệp Excel bị hỏng (xl/worksheets/sheet1.xml: phần này kết thúc trước </worksheet> (tệp bị cắt cụt)); hãy mở trong Excel rồi lưu lại');
    expect(messageIn(p, 'en')).toBe('the workbook is damaged (xl/worksheets/sheet1.xml: it ends before </worksheet> (the file was cut short)); open it in Excel and save it again');
    expect(JSON.parse(JSON.stringify(p.params)).reason.code).toBe('xml-cut-before-close');
  });

  it('the zip code throws its reasons with codes: no directory, bad deflate data, an unknown method', async () => {
    const fail = async (f: () => unknown) => {
      try {
        await f();
      } catch (error) {
        expect(error).toBeInstanceOf(ZipFormatError);
        return (error as ZipFormatError).reason;
      }
      throw new Error('did not throw');
    };
    expect((await fail(() => readZipEntries(new Uint8Array(100))))).toMatchObject({ code: 'zip-no-directory', vi: 'không tìm thấy danh mục của tệp zip' });
    const drain = async (data: Uint8Array, method: number) => {
      for await (const _ of inflateEntry(data, method, 1024));
    };
    const bad = await fail(() => drain(new Uint8Array([0xff, 0xff, 0xff, 0xff]), 8));
    expect(bad.code).toBe('zip-inflate');
    expect(bad.vi).toMatch(/^dữ liệu nén bị hỏng \(chi tiết kỹ thuật: .+\)$/);
    expect(await fail(() => drain(new Uint8Array(4), 12))).toMatchObject({ code: 'zip-method', vi: 'cách nén số 12 không phải "lưu nguyên" (stored) hay "deflate"', en: 'compression method 12 is not stored or deflate' });
  });

  it('file and library errors: errno codes in words, anything else marked as technical', () => {
    expect(fileReason(Object.assign(new Error('x'), { code: 'ENOENT' }))).toEqual({ code: 'file-not-found', vi: 'không tìm thấy tệp (ENOENT)', en: 'no such file (ENOENT)' });
    expect(fileReason(Object.assign(new Error('x'), { code: 'EACCES' })).vi).toBe('không có quyền đọc tệp (EACCES)');
    expect(unexpectedReason(new Error('End of data reached (data length = 0, requested index = 4)'))).toEqual({
      code: 'unexpected',
      vi: 'lỗi kỹ thuật khi đọc (tiếng Anh): End of data reached (data length = 0, requested index = 4)',
      en: 'End of data reached (data length = 0, requested index = 4)',
    });
    expect(unexpectedReason(new Error('x'.repeat(500))).en).toHaveLength(200);
  });
});
