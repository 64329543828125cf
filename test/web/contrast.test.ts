/** The WCAG contrast helper the desk's colour test uses, against published ratios. */
import { describe, expect, it } from 'vitest';
import { contrast, parseColour } from './contrast.js';

describe('WCAG contrast', () => {
  it('gives the known ratios', () => {
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 10);
    expect(contrast('#ffffff', '#ffffff')).toBeCloseTo(1, 10);
    // #767676 is the lightest grey that passes AA on white (4.54:1); #777777 fails it (4.48:1).
    expect(contrast('#767676', '#ffffff')).toBeCloseTo(4.54, 2);
    expect(contrast('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
    // Order does not matter; CSS's own spelling is read.
    expect(contrast('rgb(255, 255, 255)', 'rgb(118, 118, 118)')).toBeCloseTo(4.54, 2);
    expect(parseColour('rgba(1, 2, 3, 0.5)')).toEqual([1, 2, 3, 0.5]);
  });

  it("measures the desk's old badge: the page's dark text on --met was far below 4.5:1", () => {
    expect(contrast('#1f1f1f', '#2e7d32')).toBeLessThan(4.5); // 3.2:1, light theme, --fg on --met
    expect(contrast('#d4d4d4', '#2e7d32')).toBeLessThan(4.5); // dark theme
    expect(contrast('#ffffff', '#2e7d32')).toBeGreaterThanOrEqual(4.5); // the .status badge's white
  });
});
