import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli.js';
import { change } from '../../src/scoring/compare.js';
import { buildWorkbook, toBytes } from '../ingest/workbook.js';
import { tinyFramework } from '../scoring/tiny.js';
import { captureIo } from './io.js';

const dir = mkdtempSync(join(tmpdir(), 'chiso-cli-'));
const framework = tinyFramework();
const header = ['respondent_id', 'weight', 'i1', 'i2', 'i3', 'i4', 'i5'];

async function write(name: string, rows: unknown[][], unit: Record<string, unknown> = {}) {
  const path = join(dir, name);
  writeFileSync(path, await toBytes(buildWorkbook({ framework, header, rows: rows as never, unit: unit as never, targets: [['1', '6,00']] })));
  return path;
}

describe('chiso CLI', () => {
  it('exit 0 and the scorecard JSON on stdout for a clean workbook', async () => {
    const file = await write('clean.xlsx', [['a', 1, 1, 5, 2, 1, 3], ['b', 1, 0, 3, 4, 0, 2]]);
    const io = captureIo();
    expect(await run(['score', file, '--json'], io)).toBe(0);
    const json = JSON.parse(io.stdout.join(''));
    expect(json.files).toEqual([file]);
    expect(json.problems).toEqual([]);
    const card = json.scorecards[0];
    expect(Object.keys(card)).toEqual(expect.arrayContaining(['level', 'file', 'framework', 'unit', 'respondents', 'effectiveN', 'confidence', 'total', 'dimensions', 'subdimensions', 'indicators']));
    expect(Object.keys(card.total)).toEqual(expect.arrayContaining(['score', 'ciLow', 'ciHigh', 'target', 'gap', 'status']));
    expect(Object.keys(card.subdimensions[0])).toEqual(expect.arrayContaining(['code', 'dimension', 'name', 'score', 'normalized', 'min', 'max', 'ciLow', 'ciHigh', 'target', 'gap', 'status']));
    expect(Object.keys(card.indicators[0])).toEqual(expect.arrayContaining(['code', 'subdimension', 'score', 'answered', 'missing', 'invalid', 'ciLow', 'ciHigh']));
    expect(card.dimensions[0]).toMatchObject({ code: '1', target: 6 });
    expect(io.stderr.at(-1)).toBe('0 lỗi, 0 cảnh báo'); // Vietnamese unless --lang en
  });

  it('exit 1 with file:Sheet!Cell lines on stderr when errors were found, and the JSON still printed', async () => {
    const file = await write('bad.xlsx', [['a', 1, 1, 7, 2, 1, 3], ['b', 1, 0, 3, 4, 0, 2]]);
    const io = captureIo();
    expect(await run(['score', file, '--json'], io)).toBe(1);
    // Vietnamese by default: the question (its text, here the test's own "i2") and the codes it accepts.
    expect(io.stderr).toContain(`${file}:Responses!D2: error invalid-answer: 7 không phải mã trả lời của câu i2 "i2": câu này chỉ nhận số nguyên 1–5; 9 = không biết / không trả lời`);
    const en = captureIo();
    expect(await run(['score', file, '--json', '--lang', 'en'], en)).toBe(1);
    expect(en.stderr).toContain(`${file}:Responses!D2: error invalid-answer: 7 is not one of the codes of i2 "i2": it accepts whole numbers 1–5; 9 = don't know / no answer`);
    expect(JSON.parse(en.stdout.join('')).problems[0].message).toBe(`7 is not one of the codes of i2 "i2": it accepts whole numbers 1–5; 9 = don't know / no answer`);
    expect(en.stderr.at(-1)).toBe('1 error, 0 warnings');
    expect(await run(['score', file, '--lang', 'fr'], captureIo())).toBe(64);
    expect(JSON.parse(io.stdout.join('')).scorecards[0].indicators[1]).toMatchObject({ answered: 1, invalid: 1, missing: 0 });
  });

  it('exit 2 for an input that cannot be scored; the highest code wins across inputs', async () => {
    const junk = join(dir, 'junk.xlsx');
    writeFileSync(junk, 'not a workbook');
    const good = await write('good.xlsx', [['a', 1, 1, 5, 2, 1, 3]]);
    const io = captureIo();
    expect(await run(['check', good, junk, '--lang', 'en'], io)).toBe(2);
    expect(io.stderr).toContain(`${junk}: error not-a-workbook: this is not an Excel workbook (.xlsx); chiso reads .xlsx files made from its template`);
  });

  it('exit 2 and no-respondents for a workbook with no respondent rows (a blank template is not a submission)', async () => {
    const blank = await write('blank.xlsx', []);
    const io = captureIo();
    expect(await run(['check', blank], io)).toBe(2);
    expect(io.stderr).toContain(`${blank}:Responses!A2: error no-respondents: trang Responses không có dòng người trả lời nào để chấm; tệp không được chấm và không được lưu`);
    expect(io.stderr.at(-1)).toBe('1 lỗi, 0 cảnh báo');
  });

  it('prints its own problems (no report written, nothing to compare) through the catalogue', async () => {
    const blank = await write('blank2.xlsx', []);
    const io = captureIo();
    expect(await run(['score', blank, '-o', join(dir, 'none.xlsx'), '--lang', 'en'], io)).toBe(2);
    expect(io.stderr).toContain(`${join(dir, 'none.xlsx')}: error no-report: nothing could be scored, so no report was written`);
  });

  it('exit 64 for usage errors', async () => {
    for (const argv of [[], ['frobnicate'], ['score'], ['score', 'x.xlsx', '--confidence', '2'], ['score', 'x.xlsx', '--bogus'], ['compare', 'a.xlsx']]) {
      expect(await run(argv, captureIo())).toBe(64);
    }
    const io = captureIo();
    expect(await run(['--help', '--lang', 'en'], io)).toBe(0);
    expect(io.stdout.join('')).toMatch(/^  score +score workbooks/m);
  });

  it('compare orders the years and prints the comparison JSON', async () => {
    const a = await write('y2022.xlsx', [['a', 1, 0, 1, 9, 0, 1], ['b', 1, 0, 2, 8, 0, 1], ['c', 1, 1, 1, 7, 0, 2]], { year: 2022 });
    const b = await write('y2023.xlsx', [['a', 1, 1, 5, 0, 1, 3], ['b', 1, 1, 4, 1, 1, 3], ['c', 1, 1, 5, 0, 1, 2]], { year: 2023 });
    const io = captureIo();
    expect(await run(['compare', b, a, '--json'], io)).toBe(0);
    const cmp = JSON.parse(io.stdout.join(''));
    expect([cmp.from.year, cmp.to.year]).toEqual([2022, 2023]);
    expect(cmp.total.delta).toBeCloseTo(cmp.total.to - cmp.total.from, 12);
    expect(cmp.dimensions.map((d: { code: string }) => d.code)).toEqual(['1', '2']);
    // The status by §6 from the two years' own scorecards (chiso score --json), not from the comparison itself.
    const total = async (file: string) => {
      const scoreIo = captureIo();
      await run(['score', file, '--json'], scoreIo);
      const t = JSON.parse(scoreIo.stdout.join('')).scorecards[0].total;
      return { score: t.score as number, se: (t.ciHigh - t.ciLow) / (2 * 1.959963984540054) };
    };
    const expected = change(await total(a), await total(b), 1.959963984540054);
    expect(cmp.total.delta).toBeCloseTo(expected.delta!, 12);
    expect(cmp.total.status).toBe(expected.status);
  });

  it('compare prints the status of each line in the chosen language', async () => {
    const a = await write('s2022.xlsx', [['a', 1, 0, 1, 9, 0, 1], ['b', 1, 0, 2, 8, 0, 1], ['c', 1, 1, 1, 7, 0, 2]], { year: 2022 });
    const b = await write('s2023.xlsx', [['a', 1, 1, 5, 0, 1, 3], ['b', 1, 1, 4, 1, 1, 3], ['c', 1, 1, 5, 0, 1, 2]], { year: 2023 });
    const vi = captureIo();
    await run(['compare', a, b], vi);
    const en = captureIo();
    await run(['compare', a, b, '--lang', 'en'], en);
    const status = (line: string) => line.split(/\s{2,}/).at(-1)!.trim();
    const viStatus = vi.stdout.join('\n').split('\n').filter((l) => l.includes('Δ')).map(status);
    const enStatus = en.stdout.join('\n').split('\n').filter((l) => l.includes('Δ')).map(status);
    // The same lines (total, 1, 2), each status word in its language: never the JSON's English key under --lang vi.
    const words: Record<string, string> = { Improved: 'Cải thiện', Declined: 'Sụt giảm', 'No significant change': 'Không thay đổi đáng kể', 'Not comparable': 'Không so sánh được' };
    expect(enStatus).toHaveLength(3);
    expect(viStatus).toEqual(enStatus.map((w) => words[w]));
  });
});
