import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scoreWorkbook } from '../../src/pipeline.js';
import { buildReport } from '../../src/report/index.js';
import { planGroups } from '../../src/report/sheets/plan.js';
import { compareScorecards } from '../../src/scoring/compare.js';

const samples = join(import.meta.dirname, '..', '..', 'samples');

describe('the Plan sheet', { timeout: 60_000 }, () => {
  it("keeps every task of a plan without numeric targets (Liên Hội), weak and declining dimensions first", async () => {
    const [a, b] = await Promise.all([
      scoreWorkbook(join(samples, 'lien-hoi-2023.xlsx'), { fileName: 'lien-hoi-2023.xlsx' }),
      scoreWorkbook(join(samples, 'lien-hoi-2024.xlsx'), { fileName: 'lien-hoi-2024.xlsx' }),
    ]);
    const card = b.scorecards[0];
    const comparison = compareScorecards(a.scorecards[0], card, 0.95);
    expect(card.dimensions.every((d) => d.target === null)).toBe(true);
    const plan = b.survey.plan;
    expect(plan.length).toBeGreaterThan(20);

    const groups = planGroups(card, plan, comparison);
    // Every task is listed (under each dimension it names).
    const listed = new Set(groups.flatMap((g) => g.tasks));
    expect(listed.size).toBe(plan.length);
    // The declining dimensions come first, the weakest of them first; then the rest in order.
    const declined = comparison.dimensions.filter((c) => c.status === 'declined').map((c) => c.code!);
    const withTasks = groups.filter((g) => g.dimension).map((g) => g.code);
    const expectedFirst = card.dimensions.filter((d) => declined.includes(d.code) && withTasks.includes(d.code)).sort((x, y) => x.score! - y.score!).map((d) => d.code);
    expect(withTasks.slice(0, expectedFirst.length)).toEqual(expectedFirst);
    const rest = withTasks.slice(expectedFirst.length);
    expect(rest).toEqual([...rest].sort());

    const wb = await buildReport({ survey: b.survey, scorecard: card, problems: [], comparison, charts: false });
    const sheet = wb.getWorksheet('Plan')!;
    const tasks: string[] = [];
    sheet.eachRow((row, r) => {
      if (r > 1 && typeof row.getCell(5).value === 'string') tasks.push(row.getCell(5).value as string);
    });
    for (const t of plan) expect(tasks).toContain(t.task);
    expect(String(sheet.getCell(2, 1).value)).toBe(`${expectedFirst[0]}. ${card.dimensions.find((d) => d.code === expectedFirst[0])!.name}`);
  });
});
