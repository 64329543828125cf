import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CATALOGUE, type CodeEntry, type ParamValue, templatesOf } from '../../src/diagnostics/catalogue.js';
import { diagnosticsDoc } from '../../src/diagnostics/doc.js';
import { fill, localize, messageIn, problem } from '../../src/diagnostics/problem.js';

/**
 * The catalogue is complete in both languages (as zod's locale parity test keeps
 * every locale complete). That every emitted code is in the catalogue, with the
 * catalogue's severity, is checked by the compiler: ProblemList.add, problem()
 * and XlsxError take only catalogue message ids, and take the severity from it.
 * That both templates of a message name the same parameters is checked by the
 * compiler too (CatalogueParity in catalogue.ts); here it is checked again at
 * run time, with every message rendered in both languages.
 */
const root = join(import.meta.dirname, '..', '..');
const entries = Object.entries(CATALOGUE) as [string, CodeEntry][];
const VIETNAMESE = /[ăâđêôơưàáảãạèéẻẽẹìíỉĩịòóỏõọùúủũụỳýỷỹỵ]/i;
const placeholders = (template: string) => [...new Set([...template.matchAll(/\{([A-Za-z]+)\}/g)].map((m) => m[1]))].sort();

const messages = entries.flatMap(([code, entry]) => Object.entries(entry.messages).map(([variant, t]) => [variant === '_' ? code : `${code}.${variant}`, t] as const));

describe('the diagnostics catalogue', () => {
  it('has every code the old docs listed, and the command-line ones', () => {
    for (const code of ['invalid-answer', 'not-a-workbook', 'uncompressed-too-large', 'too-many-problems', 'no-answers', 'macros-ignored', 'hidden-sheet', 'no-report', 'not-comparable'])  // no-previous-unit became not-comparable (issue 14: --previous of another unit is refused, located)
      expect(Object.hasOwn(CATALOGUE, code), code).toBe(true);
    expect(entries.length).toBeGreaterThan(45);
  });

  it('gives the severities that match what happens', () => {
    // Still scored: a warning. Refused and not stored: an error that makes the file unscorable (HTTP 422).
    expect(CATALOGUE['duplicate-respondent'].severity).toBe('warning');
    expect(CATALOGUE['no-respondents']).toMatchObject({ severity: 'error', unscorable: true, http: 422 });
  });

  it('docs/diagnostics.md is generated from it (run node scripts/diagnostics-doc.mjs after npm run build)', () => {
    expect(readFileSync(join(root, 'docs', 'diagnostics.md'), 'utf8')).toBe(diagnosticsDoc());
  });
});

describe.each(entries)('%s', (code, entry) => {
  it('says what it means and how to fix it, in Vietnamese and in English', () => {
    for (const t of [entry.meaning, entry.fix]) {
      expect(t.vi.length).toBeGreaterThan(10);
      expect(t.en.length).toBeGreaterThan(10);
      expect(t.vi).not.toBe(t.en);
      expect(t.vi).toMatch(VIETNAMESE);
    }
  });

  it('renders its example with every parameter filled, in both languages', () => {
    const variant = entry.example.variant ?? Object.keys(entry.messages)[0];
    expect(Object.keys(entry.messages)).toContain(variant);
    const t = entry.messages[variant];
    expect(Object.keys(entry.example.params).sort()).toEqual(placeholders(t.vi));
    // No placeholder left unfilled (a parameter's own text may hold braces: a relevant condition's ${code}).
    for (const lang of ['vi', 'en'] as const) expect(fill(t[lang], entry.example.params, lang)).not.toMatch(/\{[A-Za-z]+\}/);
  });
});

describe.each(messages)('message %s', (id, t) => {
  it('names the same parameters in both languages', () => {
    expect(placeholders(t.en)).toEqual(placeholders(t.vi));
  });

  it('renders in Vietnamese and in English, each parameter in its place', () => {
    // A distinct marker per parameter, and a language-dependent one, to see each land in both.
    const names = placeholders(t.vi);
    const params: Record<string, ParamValue> = Object.fromEntries(names.map((n, i) => [n, i % 2 ? `«${n}»` : { vi: `«${n}-vi»`, en: `«${n}-en»` }]));
    const vi = fill(t.vi, params, 'vi');
    const en = fill(t.en, params, 'en');
    names.forEach((n, i) => {
      expect(vi).toContain(i % 2 ? `«${n}»` : `«${n}-vi»`);
      expect(en).toContain(i % 2 ? `«${n}»` : `«${n}-en»`);
    });
    expect(vi).not.toBe(en);
    expect(vi).toMatch(VIETNAMESE);
    expect(en).not.toMatch(VIETNAMESE);
    // User text is quoted "…" alike in both languages.
    expect((vi.match(/"/g) ?? []).length).toBe((en.match(/"/g) ?? []).length);
    expect(templatesOf(id)).toBe(t);
  });
});

describe('problem() and localize', () => {
  it('takes severity and code from the catalogue and renders Vietnamese first', () => {
    const p = problem('invalid-answer.out-of-range', { value: 7, item: 'd1a_02', question: { vi: 'Ông/bà có biết…', en: 'Do you know…' }, accepted: { vi: 'số nguyên 1–5; 9 = không biết / không trả lời', en: "whole numbers 1–5; 9 = don't know / no answer" } }, { file: 'a.xlsx', sheet: 'Responses', cell: 'F12' });
    expect(p).toMatchObject({ file: 'a.xlsx', sheet: 'Responses', cell: 'F12', severity: 'error', code: 'invalid-answer' });
    expect(p.message).toBe('7 không phải mã trả lời của câu d1a_02 "Ông/bà có biết…": câu này chỉ nhận số nguyên 1–5; 9 = không biết / không trả lời');
    expect(messageIn(p, 'en')).toBe(`7 is not one of the codes of d1a_02 "Do you know…": it accepts whole numbers 1–5; 9 = don't know / no answer`);
    expect(localize(p, 'en').message).toBe(messageIn(p, 'en'));
  });

  it('writes decimals with a comma in Vietnamese and a point in English', () => {
    const p = problem('target-out-of-range', { value: 12.5, level: '4', low: 0.33, high: 3.33 }, { file: 'a.xlsx' });
    expect(p.message).toBe('chỉ tiêu 12,5 của "4" nằm ngoài thang điểm 0,33–3,33');
    expect(messageIn(p, 'en')).toBe('target 12.5 for "4" is outside its scale 0.33–3.33');
  });

  it('keeps the message of a problem stored before the catalogue', () => {
    const old = { file: 'a.xlsx', sheet: '', cell: '', severity: 'error' as const, code: 'gone', message: 'old text' };
    expect(messageIn(old, 'vi')).toBe('old text');
  });
});
