import { messageIn } from '../../src/diagnostics/problem.js';
import { describe, expect, it } from 'vitest';
import { scoreWorkbook } from '../../src/pipeline.js';
import { tinyFramework } from '../scoring/tiny.js';
import { buildWorkbook, toBytes } from './workbook.js';

const framework = tinyFramework();
const header = ['respondent_id', 'weight', 'i1', 'i2', 'i3', 'i4', 'i5'];

describe('ingest + pipeline on a hand-made workbook', () => {
  it('reproduces the hand-worked scores, from cells written as numbers, text and decimal commas', async () => {
    // The same four respondents as test/scoring/handWorked.test.ts, written as a user might.
    const wb = buildWorkbook({
      framework,
      header,
      rows: [
        ['r1', 1, 1, 5, '2,0', 1, 3],
        ['r2', '2', 0, 3, 99, 0, '2'],
        ['r3', null, 1, 7, 12, 1, 1], // blank weight → 1; 7 invalid; 12 clamped to 10
        ['r4', '0,5', 1, 9, 5, 0, 2],
      ],
      targets: [['1', '5,64'], ['2', 6], ['total', 25]],
    });
    const result = await scoreWorkbook(await toBytes(wb), { fileName: 'tiny.xlsx' });
    expect(result.fatal).toBe(false);
    const [card] = result.scorecards;
    expect(card.total.score).toBeCloseTo(5.64 + 31 / 6, 12);
    expect(card.dimensions[0].status).toBe('met');
    expect(card.unit).toEqual({ name: 'Phường Long Thạnh', code: '30337', province: 'An Giang', district: 'Tân Châu', year: 2023 });
    const located = result.problems.map((p) => `${p.sheet}!${p.cell} ${p.severity} ${p.code}`);
    expect(located).toContain('Responses!D4 error invalid-answer');
    expect(located).toContain('Responses!E4 warning clamped-value');
    expect(messageIn(result.problems.find((p) => p.code === 'invalid-answer')!, 'en')).toBe(`7 is not one of the codes of i2 "i2": it accepts whole numbers 1–5; 9 = don't know / no answer`);
  });

  it('excludes a row with a bad weight, keeps the good rows beside it, and flags duplicate ids', async () => {
    const wb = buildWorkbook({
      framework,
      header,
      rows: [
        ['a', 1, 1, 5, 0, 1, 3],
        ['b', -1, 0, 1, 10, 0, 1], // excluded
        ['c', 'nhiều', 0, 1, 10, 0, 1], // excluded
        ['a', 1, 1, 3, 5, 1, 2], // duplicate id: reported, scored
      ],
    });
    const result = await scoreWorkbook(await toBytes(wb), { fileName: 'w.xlsx' });
    expect(result.scorecards[0].respondents).toBe(2);
    expect(result.problems.filter((p) => p.code === 'invalid-weight').map((p) => p.cell)).toEqual(['B3', 'B4']);
    expect(result.problems.find((p) => p.code === 'duplicate-respondent')!.cell).toBe('A5');
    // i2 over the two scored rows: (1 + 0.5)/2
    expect(result.scorecards[0].indicators[1].score).toBeCloseTo(0.75, 12);
  });

  it('a missing required sheet or column cannot be scored', async () => {
    const noResponses = await scoreWorkbook(await toBytes(buildWorkbook({ framework, header, rows: [], omitSheets: ['Responses'] })), { fileName: 'x.xlsx' });
    expect(noResponses.fatal).toBe(true);
    expect(noResponses.problems.some((p) => p.code === 'missing-sheet' && p.sheet === 'Responses')).toBe(true);
    const noId = await scoreWorkbook(await toBytes(buildWorkbook({ framework, header: ['id', 'i1'], rows: [['x', 1]] })), { fileName: 'y.xlsx' });
    expect(noId.fatal).toBe(true);
    expect(noId.problems.find((p) => p.code === 'missing-column')).toMatchObject({ sheet: 'Responses', cell: 'A1' });
    const notZip = await scoreWorkbook(new TextEncoder().encode('respondent_id,i1\n1,1\n'), { fileName: 'z.csv' });
    expect(notZip.fatal).toBe(true);
    expect(notZip.problems[0].code).toBe('not-a-workbook');
  });

  it('codebook errors leave the item out, at the right cell', async () => {
    const rows = framework.items.map((i) => [i.code, i.subdimension, i.type, i.min, i.max, i.direction, i.missing.join(','), '', null, i.textVi, i.textEn]);
    rows[1] = ['i2', '1a', 'scale', 5, 1, '+', '9', '', null, 'x', 'x']; // min ≥ max
    rows[4] = ['i5', '2a', 'scale', 1, 3, '+', '9,5.5', '', null, 'x', 'x']; // non-integer code
    const wb = buildWorkbook({ framework, header, rows: [['a', 1, 1, 5, 0, 1, 3]], codebookRows: rows });
    const result = await scoreWorkbook(await toBytes(wb), { fileName: 'c.xlsx' });
    const codebook = result.problems.filter((p) => p.code === 'invalid-codebook').map((p) => `${p.sheet}!${p.cell}`);
    expect(codebook).toEqual(['Codebook!D3', 'Codebook!G6']);
    expect(result.scorecards[0].indicators.map((i) => i.code)).toEqual(['i1', 'i3', 'i4']);
    expect(result.problems.some((p) => p.code === 'unknown-column' && p.cell === 'D1')).toBe(true);
  });

  it('scores each unit of a multi-unit sheet on its own respondents', async () => {
    const wb = buildWorkbook({
      framework,
      header: ['respondent_id', 'unit_code', 'unit', ...header.slice(2)],
      rows: [
        ['a1', 'A', 'Xã A', 1, 5, 0, 1, 3],
        ['b1', 'B', 'Xã B', 0, 1, 10, 0, 1],
        ['a2', 'A', 'Xã A', 1, 5, 0, 1, 3],
        ['b2', 'B', 'Xã B', 0, 1, 10, 0, 1],
      ],
    });
    const result = await scoreWorkbook(await toBytes(wb), { fileName: 'm.xlsx' });
    expect(result.scorecards.map((c) => [c.unit.code, c.unit.name, c.respondents, c.total.score])).toEqual([
      ['A', 'Xã A', 2, 20],
      ['B', 'Xã B', 2, 2],
    ]);
  });
});

describe('units told apart by name', () => {
  it('without a unit_code column, a unit column splits the sheet; names are compared after NFC', async () => {
    const nfd = 'Xã Liên Hội'.normalize('NFD');
    const wb = buildWorkbook({
      framework,
      header: ['respondent_id', 'unit', ...header.slice(2)],
      rows: [
        ['a1', 'Xã Liên Hội', 1, 5, 0, 1, 3],
        ['b1', 'Xã Vĩnh Lại', 0, 1, 10, 0, 1],
        ['a2', nfd, 1, 5, 0, 1, 3],
      ],
      unit: { unit: 'Huyện Văn Quan (mẫu)', unit_code: '' },
    });
    const result = await scoreWorkbook(await toBytes(wb), { fileName: 'n.xlsx' });
    expect(result.scorecards.map((c) => [c.unit.name, c.respondents, c.total.score])).toEqual([
      ['Xã Liên Hội', 2, 20],
      ['Xã Vĩnh Lại', 1, 2],
    ]);
  });
});
