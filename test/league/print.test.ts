/**
 * The league workbook as printed (A4): the Chart sheet puts BARS_PER_CHART units on a page, each page its
 * own image with a page break before it, so that 45 communes print as 20 + 20 + 5 bars with an axis on each
 * page (one 45-bar image ran over three pages with the axis on the last only).
 */
import type ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { BARS_PER_CHART, buildLeagueReport } from '../../src/report/league.js';
import { fakeScorecard } from '../store/fake-scorecard.js';

describe('the Chart sheet in pages', () => {
  it('45 units: three images, a page break before the second and third, the last one shorter', async () => {
    const cards = Array.from({ length: 45 }, (_, i) => fakeScorecard({ name: `Xã ${i + 1}`, code: String(10000 + i) }, 20 + i / 2));
    const wb = await buildLeagueReport({ scorecards: cards, problems: [] });
    const chart = wb.getWorksheet('Chart')!;
    expect(BARS_PER_CHART).toBe(20);
    const images = chart.getImages() as unknown as { range: { tl: { nativeRow: number }; ext: { height: number } } }[];
    expect(images).toHaveLength(3);
    const rows = images.map((i) => i.range.tl.nativeRow + 1);
    expect(rows[0]).toBe(3);
    const breaks = (chart as unknown as { rowBreaks: { id: number }[] }).rowBreaks.map((b) => b.id);
    // Each break is on the row just above an image after the first.
    expect(breaks).toEqual([rows[1] - 1, rows[2] - 1]);
    expect(images[2].range.ext.height).toBeLessThan(images[0].range.ext.height);
    expect(images[0].range.ext.height).toBe(images[1].range.ext.height);
    // The title spans the four columns the image covers (in one narrow cell it printed its first word only).
    expect((chart.getCell('D1') as ExcelJS.Cell).isMerged).toBe(true);
    const width = [1, 2, 3, 4].reduce((w, c) => w + chart.getColumn(c).width! * 7.5, 0);
    expect(Math.abs(width - 1000)).toBeLessThan(40);
  });
});
