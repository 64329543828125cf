import { describe, expect, it } from 'vitest';
import { codeAnswer, parseDecimal } from '../../src/scoring/coding.js';
import { item } from './tiny.js';

const scale = item('s', '1a', { type: 'scale', min: 1, max: 5, missing: [9, 98], zero: [8] });
const reversed = item('r', '1a', { type: 'scale', min: 1, max: 4, direction: '-', missing: [9], zero: [8] });
const days = item('d', '1a', { type: 'number', min: 0, max: 30, direction: '-', missing: [99] });
const binary = item('b', '1a');

describe('codeAnswer (methodology.md §2), checks in order', () => {
  it('1. blank or spaces → missing', () => {
    for (const v of [null, undefined, '', '   ']) expect(codeAnswer(scale, v)).toEqual({ kind: 'missing' });
  });
  it('2. a missing code is missing even where it would be a valid number', () => {
    expect(codeAnswer(days, 99)).toEqual({ kind: 'missing' });
    expect(codeAnswer(scale, '98')).toEqual({ kind: 'missing' });
    expect(codeAnswer(scale, '9,0')).toEqual({ kind: 'missing' });
  });
  it('3. a zero code → 0, whatever the direction', () => {
    expect(codeAnswer(scale, 8)).toEqual({ kind: 'value', x: 0 });
    expect(codeAnswer(reversed, 8)).toEqual({ kind: 'value', x: 0 });
  });
  it('4. binary, scale, number, direction', () => {
    expect(codeAnswer(binary, 1)).toEqual({ kind: 'value', x: 1 });
    expect(codeAnswer(binary, '0')).toEqual({ kind: 'value', x: 0 });
    expect(codeAnswer(scale, 4)).toEqual({ kind: 'value', x: 0.75 }); // (4−1)/4
    expect(codeAnswer(reversed, 2)).toEqual({ kind: 'value', x: 1 - 1 / 3 }); // 1 − (2−1)/3
    expect(codeAnswer(days, '7,5')).toEqual({ kind: 'value', x: 0.75 }); // 1 − 7.5/30
    expect(codeAnswer(days, 45)).toEqual({ kind: 'value', x: 0, clampedFrom: 45 });
    // Below min is a typing error (methodology.md §2 rule 4), not the best answer: invalid.
    expect(codeAnswer(days, -3)).toEqual({ kind: 'invalid', reason: '-3 is below 0, the smallest possible answer' });
    expect(codeAnswer(days, '-0,5').kind).toBe('invalid');
    expect(codeAnswer(days, 0)).toEqual({ kind: 'value', x: 1 }); // min itself is fine
  });
  it('5. anything else is invalid', () => {
    for (const v of [7, 0, 2.5, '3,5', 'không rõ', true, new Date(2024, 0, 1), { error: '#N/A' }, Number.NaN])
      expect(codeAnswer(scale, v).kind).toBe('invalid');
    expect(codeAnswer(binary, 2).kind).toBe('invalid');
    expect(codeAnswer(scale, 7)).toEqual({ kind: 'invalid', reason: '7 is not in 1..5' });
  });
  it('reads decimal points and decimal commas, nothing looser', () => {
    expect(parseDecimal('6,00')).toBe(6);
    expect(parseDecimal(' 7.5 ')).toBe(7.5);
    expect(parseDecimal('-2')).toBe(-2);
    for (const t of ['1.000,5', '1e3', '5 ngày', '', ',', '0x10']) expect(parseDecimal(t)).toBeNull();
  });
});
