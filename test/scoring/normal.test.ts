import { describe, expect, it } from 'vitest';
import { normalQuantile, zForConfidence } from '../../src/scoring/normal.js';

describe('the normal quantile', () => {
  it('matches methodology.md §4 to 1e-9', () => {
    expect(Math.abs(zForConfidence(0.95) - 1.959963984540054)).toBeLessThan(1e-12);
    expect(Math.abs(zForConfidence(0.9) - 1.6448536269514722)).toBeLessThan(1e-12);
    expect(Math.abs(zForConfidence(0.99) - 2.5758293035489004)).toBeLessThan(1e-12);
  });
  it('is symmetric and inverts the tails (reference values from R qnorm)', () => {
    expect(normalQuantile(0.5)).toBe(0);
    expect(normalQuantile(0.025)).toBeCloseTo(-1.959963984540054, 13);
    expect(normalQuantile(1e-10)).toBeCloseTo(-6.361340902404056, 9);
    expect(normalQuantile(0.8)).toBeCloseTo(0.8416212335729143, 13);
  });
});
