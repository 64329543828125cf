import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { formatNumber } from '../../src/charts/configs.js';
import { formatScore, formatSignedScore, roundScore } from '../../src/format/score.js';
import { setValue, SCORE_FORMAT } from '../../src/report/layout.js';
import { roundForDisplay } from '../../src/scoring/targets.js';

/**
 * The rounding cases of issue 16, worked out by hand in double precision:
 *   1.6749999999999998 · 100 = 167.49999999999997 → Math.round → 167 → 1.67
 *     (Excel, which reads 15 significant digits, sees 1.675 and would show 1.68)
 *   3.025 · 100 = 302.5 (the product rounds to it) → half up → 303 → 3.03,
 *     where (3.025).toFixed(2), which the workbench used, gives "3.02": the stored
 *     binary value is 3.02499999999999991…
 *   6.005 · 100 = 600.5 likewise → 601 → 6.01, where (6.005).toFixed(2) gives "6.00"
 */
describe('formatScore', () => {
  it('rounds by Math.round(θ·100)/100 and writes a decimal comma in Vietnamese', () => {
    expect(1.6749999999999998 * 100).toBe(167.49999999999997);
    expect(6.005 * 100).toBe(600.5);
    expect((3.025).toFixed(2)).toBe('3.02'); // why toFixed is not used on an unrounded score
    expect(formatScore(1.6749999999999998, 'vi')).toBe('1,67');
    expect(formatScore(3.025, 'vi')).toBe('3,03');
    expect(formatScore(6.005, 'vi')).toBe('6,01');
    expect(formatScore(1.6749999999999998, 'en')).toBe('1.67');
    expect(formatScore(3.025, 'en')).toBe('3.03');
    expect(formatScore(6.005, 'en')).toBe('6.01');
    expect(formatScore(null)).toBe('–');
    expect(formatScore(42.3)).toBe('42,30');
  });

  it('is the rounding target statuses, charts and the report cells use', () => {
    for (const v of [1.6749999999999998, 3.025, 6.005, 4.965, 0.125]) {
      expect(roundForDisplay(v)).toBe(roundScore(v));
      expect(formatNumber(v, 'vi')).toBe(formatScore(v, 'vi'));
    }
    expect(roundScore(1.6749999999999998)).toBe(1.67);
    expect(roundScore(3.025)).toBe(3.03);
    expect(roundScore(6.005)).toBe(6.01);
  });

  it('a report score cell holds the rounded value, with a locale-independent format', () => {
    const sheet = new ExcelJS.Workbook().addWorksheet('x');
    setValue(sheet.getCell('A1'), 1.6749999999999998, SCORE_FORMAT);
    expect(sheet.getCell('A1').value).toBe(1.67);
    expect(sheet.getCell('A1').numFmt).toBe('0.00');
    setValue(sheet.getCell('A2'), 0.4812, '0.0%'); // other formats keep the value
    expect(sheet.getCell('A2').value).toBe(0.4812);
  });

  it('signs a change with the glyphs the bundled font has', () => {
    expect(formatSignedScore(-1.0349, 'vi')).toBe('−1,03');
    expect(formatSignedScore(0.32, 'en')).toBe('+0.32');
    expect(formatSignedScore(0.004, 'vi')).toBe('0,00');
  });
});
