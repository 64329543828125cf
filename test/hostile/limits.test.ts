import { messageIn } from '../../src/diagnostics/problem.js';
import { closeSync, mkdtempSync, openSync, rmSync, writeFileSync, ftruncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli.js';
import { cliLimits, serviceLimits, withOverrides } from '../../src/limits.js';
import { scoreWorkbook } from '../../src/pipeline.js';
import { captureIo } from '../cli/io.js';
import { goodWorkbook, header, RESPONSES_PART } from './cases.js';
import { readZip, rezip } from './zip.js';

/**
 * contract.md "Limits": service 25 MB upload / 250 MB uncompressed / 5 million
 * cells, CLI 1 GB / 50 million, each overridable by a flag; exceeding one is a
 * located diagnostic and exit 2, checked before the work it protects.
 */
const MB = 1024 * 1024;
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'chiso-limits-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function save(name: string, bytes: Uint8Array): string {
  const file = join(dir, name);
  writeFileSync(file, bytes);
  return file;
}

async function check(args: string[]) {
  const io = captureIo();
  const started = performance.now();
  const code = await run(['check', '--lang', 'en', ...args], io);
  return { code, lines: io.stderr, seconds: (performance.now() - started) / 1000 };
}

// Ten respondents, each with a bad i2 (7 is outside 1..5) so we can see which rows were coded.
const rows = Array.from({ length: 10 }, (_, k) => [`r${k + 1}`, 1, 7, 3, 1, 2]);

describe('the defaults are the contract\'s', () => {
  it('service: 25 MB upload, 250 MB uncompressed, 5 million cells', () => {
    expect(serviceLimits).toMatchObject({ maxFileBytes: 25 * MB, maxUncompressedBytes: 250 * MB, maxCells: 5_000_000 });
  });
  it('CLI: 1 GB uncompressed, 50 million cells', () => {
    expect(cliLimits).toMatchObject({ maxUncompressedBytes: 1024 * MB, maxCells: 50_000_000 });
    expect(cliLimits.maxFileBytes).toBeGreaterThanOrEqual(serviceLimits.maxFileBytes);
  });
  it('an override replaces only the limits it sets, and must be a whole number above 0', () => {
    expect(withOverrides(serviceLimits, { maxCells: 7, maxFileBytes: undefined })).toEqual({ ...serviceLimits, maxCells: 7 });
    expect(serviceLimits.maxCells).toBe(5_000_000); // the defaults are not changed
    expect(() => withOverrides(serviceLimits, { maxCells: 0 })).toThrow(/maxCells must be a whole number above 0/);
    expect(() => withOverrides(serviceLimits, { maxEntryBytes: 1.5 })).toThrow(RangeError);
  });
});

describe('--max-file-mb', () => {
  it('a file over the flag: file-too-large on the file, exit 2', async () => {
    const bytes = await goodWorkbook(rows);
    const file = save('small.xlsx', bytes);
    const over = await check(['--max-file-mb', String(bytes.length / MB / 2), file]);
    expect(over.code).toBe(2);
    expect(over.lines).toContainEqual(expect.stringMatching(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: error file-too-large: the file is ${bytes.length} bytes; the limit is \\d+`)));
    // Nothing past the size check ran: no sheet was read, so no invalid answers.
    expect(over.lines.some((l) => l.includes('invalid-answer'))).toBe(false);
    const under = await check(['--max-file-mb', String((bytes.length / MB) * 2), file]);
    expect(under.code).toBe(1);
  });

  it('is checked before the file is read: a 600 MB (sparse) file is refused at once under the default', async () => {
    const file = join(dir, 'huge.xlsx');
    const fd = openSync(file, 'w');
    ftruncateSync(fd, 600 * MB);
    closeSync(fd);
    const rss = process.memoryUsage().rss;
    const result = await check([file]);
    expect(result.code).toBe(2);
    expect(result.lines[0]).toMatch(/: error file-too-large: the file is 629145600 bytes/);
    expect(result.seconds).toBeLessThan(1);
    expect(process.memoryUsage().rss - rss).toBeLessThan(100 * MB);
    const lib = await scoreWorkbook(file, { fileName: 'huge.xlsx', limits: serviceLimits });
    expect(lib.problems).toMatchObject([{ code: 'file-too-large', severity: 'error', sheet: '', cell: '' }]);
    expect(lib.fatal).toBe(true);
  });
});

describe('--max-uncompressed-mb', () => {
  it('a workbook inflating past the flag: uncompressed-too-large, exit 2, before any sheet is parsed', async () => {
    const bytes = await goodWorkbook(rows);
    const file = save('inflates.xlsx', bytes);
    const over = await check(['--max-uncompressed-mb', '0.005', file]);
    expect(over.code).toBe(2);
    expect(over.lines).toContainEqual(expect.stringMatching(/\.xlsx: error uncompressed-too-large: (the workbook|part \S+) inflates to \d+ bytes; the limit is 5243$/));
    expect(over.lines.some((l) => l.includes('invalid-answer'))).toBe(false);
    expect((await check(['--max-uncompressed-mb', '1', file])).code).toBe(1);
  });

  it('declared sizes are believed only as far as deflate allows: a part lying about its size is measured', async () => {
    const bytes = await goodWorkbook(Array.from({ length: 2000 }, (_, k) => [`r${k + 1}`, 1, 5, 3, 1, 2]));
    const parts = readZip(bytes);
    // Declares 10 bytes for Responses, which really holds more than the per-part limit; every other part fits.
    const lying = rezip(parts, { [RESPONSES_PART]: { declaredSize: 10 } });
    const limit = Math.max(...[...parts].filter(([name]) => name !== RESPONSES_PART).map(([, data]) => data.length)) + 1;
    expect(parts.get(RESPONSES_PART)!.length).toBeGreaterThan(limit);
    const result = await scoreWorkbook(lying, { fileName: 'lying.xlsx', limits: { ...cliLimits, maxEntryBytes: limit } });
    expect(result.fatal).toBe(true);
    expect(result.problems).toMatchObject([{ code: 'uncompressed-too-large', severity: 'error', sheet: '', cell: '' }]);
    expect(messageIn(result.problems[0], 'en')).toContain(`part "${RESPONSES_PART}" inflates past ${limit} bytes (it declares 10)`);
  });
});

describe('--max-cells', () => {
  it('past the flag: too-many-cells at the row where reading stopped, exit 2; later rows are not coded', async () => {
    const file = save('cells.xlsx', await goodWorkbook(rows));
    // Six columns a row: rows 2–6 make 30 cells; row 7 would be 36.
    const over = await check(['--max-cells', '30', file]);
    expect(over.code).toBe(2);
    expect(over.lines).toContainEqual(`${file}:Responses!A7: error too-many-cells: the Responses sheet has more than 30 cells; the limit stops reading here`);
    const coded = over.lines.filter((l) => l.includes('invalid-answer')).map((l) => l.match(/Responses!C(\d+)/)![1]);
    expect(coded).toEqual(['2', '3', '4', '5', '6']);
    const lib = await scoreWorkbook(file, { fileName: file, limits: { ...cliLimits, maxCells: 30 } });
    expect(lib.fatal).toBe(true);
    expect(lib.scorecards).toEqual([]);
    expect((await check(['--max-cells', String(rows.length * header.length), file])).code).toBe(1);
  });

  it('score honours the same flags with the same exit code', async () => {
    const file = save('score-cells.xlsx', await goodWorkbook(rows));
    const io = captureIo();
    expect(await run(['score', '--json', '--max-cells', '30', file], io)).toBe(2);
    expect(io.stderr.some((l) => l.includes('Responses!A7: error too-many-cells'))).toBe(true);
  });
});

describe('bad flag values are usage errors (64)', () => {
  it.each([
    ['--max-cells', 'many'],
    ['--max-cells', '0'],
    ['--max-file-mb', '-1'],
    ['--max-uncompressed-mb', 'NaN'],
  ])('%s %s', async (flag, value) => {
    const io = captureIo();
    expect(await run(['check', flag, value, 'x.xlsx'], io)).toBe(64);
    expect(io.stderr.join('\n')).toContain(flag);
  });
});
