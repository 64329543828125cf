import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { loadFramework } from '../../src/framework/load.js';
import type { Item } from '../../src/framework/schema.js';
import { scoreWorkbook } from '../../src/pipeline.js';
import { buildTemplate } from '../../src/template/index.js';
import { isFilterQuestion } from '../../src/framework/sections.js';

/** Fills a template the way an official would: answers typed into the Responses rows. */
async function filledTemplate(frameworkId: string, answer: (item: Item, i: number) => ExcelJS.CellValue, n: number) {
  const framework = loadFramework(frameworkId);
  const wb = buildTemplate(framework, { respondents: 20, unit: { province: 'Lạng Sơn', district: 'Văn Quan', name: 'Xã Liên Hội', code: '06139', year: 2024 } });
  const bytes = await wb.xlsx.writeBuffer();
  const again = new ExcelJS.Workbook();
  await again.xlsx.load(bytes);
  const ws = again.getWorksheet('Responses')!;
  const header = (ws.getRow(1).values as ExcelJS.CellValue[]).map((v) => String(v ?? ''));
  for (let i = 0; i < n; i++) {
    const row = ws.getRow(i + 2);
    header.forEach((code, col) => {
      if (!code) return;
      if (code === 'respondent_id') row.getCell(col).value = `LH-${i + 1}`;
      const item = framework.items.find((it) => it.code === code);
      if (item) row.getCell(col).value = answer(item, i);
    });
    row.commit();
  }
  return { framework, bytes: new Uint8Array(await again.xlsx.writeBuffer()) };
}

describe('a workbook made from the template', () => {
  it('scores 10 per dimension and 80 in total when every answer is the best one', async () => {
    const { bytes } = await filledTemplate('papi-29', (item) => (item.direction === '+' ? item.max : item.min), 5);
    const result = await scoreWorkbook(bytes, { fileName: 'best.xlsx' });
    expect(result.problems.filter((p) => p.severity === 'error')).toEqual([]);
    const [card] = result.scorecards;
    expect(card.respondents).toBe(5);
    expect(card.framework).toBe('papi-29');
    expect(card.subdimensions).toHaveLength(29);
    expect(card.dimensions.map((d) => d.score)).toEqual(Array(8).fill(10));
    expect(card.total.score).toBe(80);
    expect(card.unit).toMatchObject({ name: 'Xã Liên Hội', code: '06139', year: 2024 });
  });

  it('scores 1 and 8 when every answer is the worst, on the 28-sub-dimension version', async () => {
    // Every household used every service (filter questions 1), so every section is asked.
    const { bytes } = await filledTemplate('papi-28', (item) => (isFilterQuestion(item) ? 1 : item.direction === '+' ? item.min : item.max), 3);
    const result = await scoreWorkbook(bytes, { fileName: 'worst.xlsx' });
    const [card] = result.scorecards;
    expect(card.subdimensions).toHaveLength(28);
    expect(card.dimensions.find((d) => d.code === '5')!.subdimensionCount).toBe(3);
    expect(card.dimensions.map((d) => d.score)).toEqual(Array(8).fill(1));
    expect(card.total.score).toBe(8);
  });

  it('leaves the service sections unscored where no household used the services, and warns of answers typed there', async () => {
    // Filter questions 0: 5a, 5c, 5d (papi-28) are all asked only of users → dimension 5
    // undefined, so the total is undefined; 6b likewise, 6a keeps d6a_01/02/05.
    // Every other cell holds the best answer, so a cell of a skipped question is not-asked.
    const { bytes } = await filledTemplate('papi-28', (item) => (isFilterQuestion(item) ? 0 : item.direction === '+' ? item.max : item.min), 2);
    const result = await scoreWorkbook(bytes, { fileName: 'no-services.xlsx' });
    const [card] = result.scorecards;
    const sub = (code: string) => card.subdimensions.find((s) => s.code === code)!;
    for (const code of ['5a', '5c', '5d', '6b']) expect(sub(code).score, code).toBeNull();
    expect(card.dimensions.find((d) => d.code === '5')!.score).toBeNull();
    expect(card.total.score).toBeNull();
    // 6a from its three questions for everyone, all best: S = 1
    expect(sub('6a').normalized).toBe(1);
    expect(card.indicators.find((i) => i.code === 'd6a_04')!.answered).toBe(0);
    expect(card.indicators.some((i) => i.code === 'd6a_00')).toBe(false);
    const notAsked = result.problems.filter((p) => p.code === 'not-asked');
    // per respondent: 5a 6, 5c 5, 5d 5, 6a 3, 6b 5, 3b 3, 3c 1, 8c 3 gated items (8a: d8a_01 = 1 is best, so asked)
    expect(notAsked).toHaveLength(2 * (6 + 5 + 5 + 3 + 5 + 3 + 1 + 3));
    expect(result.problems.filter((p) => p.severity === 'error')).toEqual([]);
  });
});
