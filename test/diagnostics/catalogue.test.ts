import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * docs/diagnostics.md cannot drift from the code (as zod's locale parity test
 * keeps every locale complete): every problem code the source can emit is
 * documented, in Vietnamese and English, with its severity and an example line;
 * and every documented code is still emitted somewhere.
 */
type Severity = 'error' | 'warning' | 'info';

const root = join(import.meta.dirname, '..', '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.ts$/.test(name) && !/\.d\.ts$/.test(name) ? [path] : [];
  });
}

/** The ways src/ emits a Problem code, each with the severity it gives. */
const EMITTERS: { pattern: RegExp; severity: (m: RegExpExecArray) => Severity }[] = [
  // problems.error('code', …), list.warning('code', …): any receiver but console
  { pattern: /(?<!console)\.(error|warning|info)\(\s*'([a-z]+(?:-[a-z0-9]+)*)'/g, severity: (m) => m[1] as Severity },
  // problems.add('warning', 'code', …)
  { pattern: /\.add\(\s*'(error|warning|info)',\s*'([a-z]+(?:-[a-z0-9]+)*)'/g, severity: (m) => m[1] as Severity },
  // { …, severity: 'warning', code: 'code', … }
  { pattern: /severity: '(error|warning|info)',\s*code: '([a-z]+(?:-[a-z0-9]+)*)'/g, severity: (m) => m[1] as Severity },
  // zipBatch's problem('info', 'code', …)
  { pattern: /\bproblem\(\s*'(error|warning|info)',\s*'([a-z]+(?:-[a-z0-9]+)*)'/g, severity: (m) => m[1] as Severity },
  // preflight's fail('code', message): fatal errors
  { pattern: /\bfail\(\s*()'([a-z]+(?:-[a-z0-9]+)*)'/g, severity: () => 'error' },
  // src/units/messages.ts: 'code': { severity: 'error', … } (emitted through unitProblem)
  { pattern: /^ {2}'(?=[a-z0-9-]+': \{\s*severity: '(error|warning|info)')([a-z]+(?:-[a-z0-9]+)*)'/gm, severity: (m) => m[1] as Severity },
  // the streaming reader's typed failures: new XlsxError('code', message), reported as errors
  { pattern: /new XlsxError\(\s*()'([a-z]+(?:-[a-z0-9]+)*)'/g, severity: () => 'error' },
];

/** Files whose "codes" are not workbook diagnostics (HTTP error bodies, report labels). */
const NOT_DIAGNOSTICS = /src[\\/](web|report|charts|store)[\\/]/;

function emittedCodes(): Map<string, Set<Severity>> {
  const codes = new Map<string, Set<Severity>>();
  for (const file of sourceFiles(join(root, 'src'))) {
    if (NOT_DIAGNOSTICS.test(file)) continue;
    const text = readFileSync(file, 'utf8');
    for (const { pattern, severity } of EMITTERS)
      for (const m of text.matchAll(pattern)) {
        const code = m[2];
        if (!codes.has(code)) codes.set(code, new Set());
        codes.get(code)!.add(severity(m as unknown as RegExpExecArray));
      }
  }
  return codes;
}

interface Entry {
  code: string;
  severity: string;
  example: string;
  rows: { label: string; vi: string; en: string }[];
}

function documentedCodes(): Map<string, Entry> {
  const text = readFileSync(join(root, 'docs', 'diagnostics.md'), 'utf8');
  const entries = new Map<string, Entry>();
  const sections = text.split(/^### /m).slice(1);
  for (const section of sections) {
    const code = section.match(/^`([a-z0-9-]+)`/)?.[1];
    if (!code) continue;
    expect(entries.has(code), `${code} is documented twice`).toBe(false);
    const severity = section.match(/^\*\*(error|warning|info)\*\*/m)?.[1] ?? '';
    const example = section.match(/^ {4}(\S.*)$/m)?.[1] ?? '';
    const rows = [...section.matchAll(/^\| ([^|]+?) \| ([^|]*?) \| ([^|]*?) \|$/gm)]
      .filter((m) => !/^-+$/.test(m[1]) && m[1] !== ' ')
      .map((m) => ({ label: m[1].trim(), vi: m[2].trim(), en: m[3].trim() }));
    entries.set(code, { code, severity, example, rows });
  }
  return entries;
}

const emitted = emittedCodes();
const documented = documentedCodes();

describe('docs/diagnostics.md and the source agree', () => {
  it('finds the codes the source emits (the scan itself works)', () => {
    for (const code of ['invalid-answer', 'not-a-workbook', 'uncompressed-too-large', 'too-many-problems', 'no-answers', 'macros-ignored', 'hidden-sheet'])
      expect(emitted.has(code), code).toBe(true);
    expect(emitted.size).toBeGreaterThan(30);
  });

  it('every emitted code is documented', () => {
    const missing = [...emitted.keys()].filter((c) => !documented.has(c)).sort();
    expect(missing, 'add these to docs/diagnostics.md').toEqual([]);
  });

  it('every documented code is still emitted', () => {
    const stale = [...documented.keys()].filter((c) => !emitted.has(c)).sort();
    expect(stale, 'remove these from docs/diagnostics.md, or keep the old name emitting').toEqual([]);
  });

  it('each code has one severity, and the catalogue gives that one', () => {
    for (const [code, severities] of emitted) {
      expect([...severities], code).toHaveLength(1);
      if (documented.has(code)) expect(documented.get(code)!.severity, code).toBe([...severities][0]);
    }
  });
});

describe.each([...documented.values()].map((e) => [e.code, e] as const))('%s', (code, entry) => {
  it('has an example line in the CLI form file:Sheet!Cell: severity code: message', () => {
    expect(entry.example).toMatch(new RegExp(`^\\S+\\.xlsx(:[A-Za-z]+(![A-Z]+[0-9]+)?)?: ${entry.severity} ${code}: \\S`));
  });

  it('says what it means and how to fix it, in Vietnamese and in English', () => {
    const labels = entry.rows.map((r) => r.label);
    expect(labels).toEqual(['Nghĩa · Meaning', 'Cách sửa · Fix']);
    for (const row of entry.rows) {
      expect(row.vi.length, `${code} ${row.label} (vi)`).toBeGreaterThan(10);
      expect(row.en.length, `${code} ${row.label} (en)`).toBeGreaterThan(10);
      // The Vietnamese column is Vietnamese, not a copy of the English one.
      expect(row.vi).not.toBe(row.en);
      expect(row.vi, `${code} ${row.label} (vi)`).toMatch(/[ăâđêôơưàáảãạèéẻẽẹìíỉĩịòóỏõọùúủũụỳýỷỹỵ]/i);
    }
  });
});
