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
