import { describe, expect, it } from 'vitest';
import type { Item } from '../../src/framework/schema.js';
import { messageIn } from '../../src/diagnostics/problem.js';
import { scoreWorkbook } from '../../src/pipeline.js';
import { buildWorkbook, toBytes } from '../ingest/workbook.js';
import { item, tinyFramework } from '../scoring/tiny.js';

// 45 binary items (sub-dimension 1a), 22 scale items 1..5 with missing 9 (1b), one binary in 2a.
const items: Item[] = [
  ...Array.from({ length: 45 }, (_, j) => item(`b${String(j + 1).padStart(2, '0')}`, '1a')),
  ...Array.from({ length: 22 }, (_, j) => item(`s${String(j + 1).padStart(2, '0')}`, '1b', { type: 'scale', min: 1, max: 5, missing: [9] })),
  item('c01', '2a'),
];
const framework = tinyFramework(items);
const header = ['respondent_id', 'weight', ...items.map((i) => i.code)];

const pattern = (seed: number) => Array.from({ length: 45 }, (_, j) => ((j * 7 + seed * 13 + ((j * seed) % 5)) % 3 === 0 ? 1 : 0));
const base = pattern(1);
const noScales = Array(22).fill(null);

describe('interview quality through a workbook', async () => {
  const rows = [
    ['R01', 1, ...base, ...noScales, 1], // row 2
    ['R02', -1, ...base, ...noScales, 1], // row 3: bad weight, left out → no pair with R01
    ['R03', null, ...base.map((v, j) => (j < 2 ? 1 - v : v)), ...noScales, 1], // row 4: with R01, 45 binaries + c01 = 46 shared, 2 differ: 44/46 = 95.6%
    ['R04', 1, ...Array(45).fill(null), ...Array(20).fill(4), null, null, 0], // row 5: straight line on 20 scale items
    ['R05', 1, ...Array(45).fill(null), ...Array(19).fill(4), 9, 9, 9, 1], // row 6: 19 answered, not flagged
    ['R06', 1, ...pattern(5), ...Array.from({ length: 22 }, (_, j) => 1 + (j % 5)), 0], // row 7: an ordinary respondent
  ];
  const bytes = await toBytes(buildWorkbook({ framework, header, rows }));
  const result = await scoreWorkbook(bytes, { fileName: 'q.xlsx' });
  const quality = result.problems.filter((p) => p.code === 'straight-lining' || p.code === 'near-duplicate');

  it('warns at the respondent_id cell of the later row, naming the earlier one', () => {
    expect(quality.map((p) => [p.severity, p.code, `${p.sheet}!${p.cell}`])).toEqual([
      ['warning', 'straight-lining', 'Responses!A5'],
      ['warning', 'near-duplicate', 'Responses!A4'],
    ]);
    // Vietnamese by default, English through the catalogue; 44/46 = 0.95652… shown rounded down: 95.6%.
    expect(quality[1].message).toContain('giống người trả lời "R01" (dòng 2) ở 44 trong 46 câu');
    expect(quality[1].message).toContain('(95,6%)');
    expect(messageIn(quality[1], 'en')).toContain('respondent "R03" (row 4) agrees with respondent "R01" (row 2) on 44 of the 46 questions both answered (95.6%)');
    expect(quality[0].message).toContain('chọn cùng mã 4 cho cả 20 câu thang đo');
    expect(messageIn(quality[0], 'en')).toContain('typed 4 for all 20');
    expect(quality[1].params).toMatchObject({ agree: 44, shared: 46, percent: 95.6 });
  });

  it('counts them on the scorecard, and never changes a score', async () => {
    expect(result.scorecards[0].quality).toEqual({ straightLining: 1, nearDuplicates: 1, nearDuplicatePairs: 1, nearDuplicatePairsCapped: false, duplicateCheck: 'pairwise' });
    // Five rows scored (R02 is out for its weight): the warnings leave them all in.
    expect(result.scorecards[0].respondents).toBe(5);
  });
});

describe('the report shows the sample plan and the quality counts', async () => {
  const { buildReport } = await import('../../src/report/index.js');
  const { sheetNames } = await import('../../src/report/labels.js');
  const sample = 'samples/lien-hoi-2024.xlsx';
  const result = await scoreWorkbook(sample, { fileName: sample });
  const card = result.scorecards[0];
  const wb = await buildReport({ survey: result.survey, scorecard: card, problems: result.problems, charts: false });
  const texts = (name: string) => {
    const out: string[] = [];
    wb.getWorksheet(name)!.eachRow((row) => row.eachCell((cell) => out.push(String(cell.value))));
    return out;
  };

  it('Method: the §9 plan with n_req recomputed here from the dimension SEs', () => {
    // A second, plain computation of §9 from the scorecard's own SEs.
    const z = 1.959963984540054;
    const worst = Math.max(...card.dimensions.filter((d) => d.se !== null).map((d) => ((z * d.se!) / 0.25) ** 2));
    const required = Math.ceil(card.respondents * worst - 1e-9);
    expect(card.samplePlan?.required).toBe(required);
    const method = texts(sheetNames.method).join('\n');
    expect(method).toContain(`năm sau cần phỏng vấn ${required} người (năm nay chấm ${card.respondents})`);
    expect(method).toContain(`interview ${required} respondents next year`);
    expect(method).toContain('0 respondents gave one code to at least 20 scale questions');
  });

  it('Summary and Problems: the counts of both signals', () => {
    const summary = texts(sheetNames.summary);
    const at = summary.findIndex((t) => t.includes('Straight-lining'));
    expect(at).toBeGreaterThan(0);
    // The label spans two merged cells (exceljs repeats it), then the count.
    expect(summary.slice(at).find((t) => !t.includes('Straight-lining'))).toBe('0');
    expect(texts(sheetNames.problems).some((t) => t.includes('Near-duplicates'))).toBe(true);
  });
});
