import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { messages } from '../../src/web/i18n.js';

describe('workbench message catalogue', () => {
  it('has every key in both Vietnamese and English', () => {
    const vi = Object.keys(messages.vi).sort();
    const en = Object.keys(messages.en).sort();
    expect(vi.filter((k) => !en.includes(k))).toEqual([]);
    expect(en.filter((k) => !vi.includes(k))).toEqual([]);
  });

  it('has no empty messages', () => {
    for (const [locale, catalogue] of Object.entries(messages))
      for (const [key, text] of Object.entries(catalogue)) expect(text.trim(), `${locale}.${key}`).not.toBe('');
  });

  it('uses only keys that exist', () => {
    const dir = join(import.meta.dirname, '../../src/web');
    const used = new Set<string>();
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts')))
      for (const m of readFileSync(join(dir, file), 'utf8').matchAll(/\bt\('([A-Za-z]+)'\)/g)) used.add(m[1]);
    expect([...used].filter((k) => !(k in messages.en))).toEqual([]);
  });
});

describe('workbench sheet names', () => {
  it('names every sheet of the template in both languages', async () => {
    const { SHEET_NAMES } = await import('../../src/template/writeTemplate.js');
    const { SHEET_KEYS } = await import('../../src/web/i18n.js');
    expect(SHEET_NAMES.filter((name) => !(name in SHEET_KEYS))).toEqual([]);
    for (const key of Object.values(SHEET_KEYS)) {
      expect(messages.vi[key], key).toBeTruthy();
      expect(messages.en[key], key).toBeTruthy();
    }
  });

  it('shows a Vietnamese name for the template\'s sheets and a foreign sheet\'s own name', async () => {
    const { sheetLabel, setLocale } = await import('../../src/web/i18n.js');
    // setLocale writes <html lang>; a stand-in document is enough here.
    (globalThis as { document?: unknown }).document ??= { documentElement: {} };
    setLocale('vi');
    expect(sheetLabel('Responses')).toBe('Phiếu trả lời');
    expect(sheetLabel('Trang riêng')).toBe('Trang riêng');
    setLocale('en');
    expect(sheetLabel('Responses')).toBe('Responses');
    setLocale('vi');
  });
});

describe('palette search', () => {
  it('matches without diacritics or đ', async () => {
    const { fold } = await import('../../src/web/palette.js');
    expect(fold('Tải báo cáo')).toBe('tai bao cao');
    expect(fold('Đến lỗi tiếp theo')).toBe('den loi tiep theo');
    expect(fold('Tải báo cáo').includes(fold('bao cao'))).toBe(true);
  });
});
