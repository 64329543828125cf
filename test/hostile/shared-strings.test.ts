/**
 * Shared-string caps (issue 19, item 3): a 705 KB workbook held 13 million tiny
 * shared strings and took 3.4 s to read. The table's count and characters are
 * capped (src/limits.ts); past either the workbook is refused with a stable
 * code (413 in the service) before the strings are all made.
 */
import { describe, expect, it } from 'vitest';
import { messageIn } from '../../src/diagnostics/problem.js';
import { serviceLimits } from '../../src/limits.js';
import { scoreWorkbook } from '../../src/pipeline.js';
import { goodWorkbook } from './cases.js';
import { readZip, rezip, utf8 } from './zip.js';
import { makeTestApp, uploadForm } from '../server/fakes.js';

const PART = 'xl/sharedStrings.xml';

/** The good workbook with its shared strings followed by `extra` more. */
async function withExtraStrings(extra: string[]): Promise<Uint8Array> {
  const parts = readZip(await goodWorkbook());
  const xml = new TextDecoder().decode(parts.get(PART)!);
  const more = extra.map((s) => `<si><t>${s}</t></si>`).join('');
  parts.set(PART, utf8(xml.replace('</sst>', `${more}</sst>`)));
  return rezip(parts);
}

describe('shared strings', () => {
  it('refuses a table with more strings than maxSharedStrings (service default 1,000,000)', async () => {
    const bytes = await withExtraStrings(Array.from({ length: 1_200_000 }, () => 'a'));
    expect(bytes.byteLength).toBeLessThan(1_000_000); // small on the wire: the attack
    const result = await scoreWorkbook(bytes, { fileName: 'many.xlsx', limits: serviceLimits });
    expect(result.fatal).toBe(true);
    const problem = result.problems.find((p) => p.severity === 'error')!;
    expect(problem.code).toBe('too-many-strings');
    expect(messageIn(problem, 'en')).toBe('part "xl/sharedStrings.xml" holds more than 1000000 shared strings; the limit stops reading here');
    expect(problem.message).toContain('chuỗi dùng chung'); // Vietnamese by default
  });

  it('refuses a table with more characters than maxSharedStringChars', async () => {
    const bytes = await withExtraStrings(Array.from({ length: 20 }, () => 'x'.repeat(100)));
    const result = await scoreWorkbook(bytes, { fileName: 'long.xlsx', limits: { ...serviceLimits, maxSharedStringChars: 1000 } });
    expect(result.problems.find((p) => p.severity === 'error')?.code).toBe('too-many-strings');
    // The same file under the default is fine.
    expect((await scoreWorkbook(bytes, { fileName: 'long.xlsx', limits: serviceLimits })).fatal).toBe(false);
  });

  it('is answered 413 by the service', async () => {
    const ctx = await makeTestApp({ score: scoreWorkbook, limits: { maxSharedStrings: 50 } });
    try {
      const res = await ctx.app.request('/api/submissions', { method: 'POST', body: uploadForm(await withExtraStrings(Array.from({ length: 100 }, (_, i) => `s${i}`))) });
      expect(res.status).toBe(413);
      expect((await res.json()).error.problems[0].code).toBe('too-many-strings');
    } finally {
      await ctx.cleanup();
    }
  });
});
