import { describe, expect, it } from 'vitest';
import { compileRelevant, parseRelevant, relevantNumber, relevantProblem } from '../../src/framework/relevant.js';

/** Evaluates `text` with the given answers (as typed; undefined = blank). */
function evaluate(text: string, answers: Record<string, unknown>): boolean {
  const parsed = parseRelevant(text);
  if (!parsed.ok) throw new Error(parsed.message);
  const codes = Object.keys(answers);
  const values = Float64Array.from(codes.map((c) => relevantNumber(answers[c])));
  return compileRelevant(parsed.condition, (code) => {
    const slot = codes.indexOf(code);
    if (slot < 0) throw new Error(`no slot for ${code}`);
    return slot;
  })(values);
}

describe('parseRelevant: the restricted XLSForm syntax of contract.md', () => {
  it('accepts the contract examples and lists the items named', () => {
    const a = parseRelevant('${d5a_00} = 1');
    expect(a.ok && a.refs).toEqual(['d5a_00']);
    const b = parseRelevant('${d6b_00} = 1 and ${d6b_01} != 2');
    expect(b.ok && b.refs).toEqual(['d6b_00', 'd6b_01']);
    expect(parseRelevant('not(${a} = 1 or (${b} >= 2.5 and ${c} < -1))').ok).toBe(true);
    expect(parseRelevant('${a}<=3').ok).toBe(true);
  });

  it.each([
    ['', 1, /empty/],
    ['${d5a_00} == 1', 11, /use = to compare/],
    ['${d5a_00} = "1"', 13, /quoted text/],
    ["${d5a_00} = '1'", 13, /quoted text/],
    ['${ d5a_00 } = 1', 1, /no spaces inside the braces/],
    ['${D5A_00} = 1', 1, /lower-case/],
    ['${a} = 1 AND ${b} = 1', 10, /lower case/],
    ['${a} = 1 and', 13, /ends too early/],
    ['(${a} = 1', 10, /the \( at character 1 is not closed/],
    ['${a} = 1)', 9, /has no matching \(/],
    ['not ${a} = 1', 5, /not\(…\) with parentheses/],
    ['1 < ${a} < 3', 10, /do not chain/],
    ['selected(${a}, 1)', 1, /"selected" is not allowed/],
    ['${a} = 1 ${b} = 2', 10, /expected and, or/],
    ['${a} + 1 = 2', 6, /"\+" is not allowed/],
  ])('refuses %j at character %i', (text, position, message) => {
    const parsed = parseRelevant(text);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.position).toBe(position);
    expect(parsed.message).toMatch(message);
    expect(parsed.messageVi.length).toBeGreaterThan(5);
  });

  it('refuses deep nesting and very long text before recursing', () => {
    const deep = `${'('.repeat(100)}\${a} = 1${')'.repeat(100)}`;
    const parsed = parseRelevant(deep);
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.message).toMatch(/nested deeper/);
    expect(parseRelevant('${a} = 1 or '.repeat(200) + '${a} = 1').ok).toBe(false);
  });
});

describe('evaluation: XPath number() semantics (methodology.md §2 rule 0)', () => {
  it('compares answers as numbers, text with a decimal comma included', () => {
    expect(evaluate('${a} = 1', { a: 1 })).toBe(true);
    expect(evaluate('${a} = 1', { a: 0 })).toBe(false);
    expect(evaluate('${a} = 1', { a: ' 1 ' })).toBe(true);
    expect(evaluate('${a} > 2', { a: '2,5' })).toBe(true);
    expect(evaluate('${a} <= 2', { a: 2 })).toBe(true);
    expect(evaluate('${a} >= 3', { a: 2 })).toBe(false);
    // a missing or zero code is its own number; nothing is top-coded
    expect(evaluate('${a} = 9', { a: 9 })).toBe(true);
    expect(evaluate('${a} > 100', { a: 500 })).toBe(true);
  });

  it('makes every comparison with a blank or non-numeric answer false, except != (true)', () => {
    for (const blank of [undefined, null, '', '   ', 'abc', true, new Date(0), { error: '#N/A' }, Number.NaN]) {
      expect(evaluate('${a} = 1', { a: blank }), String(blank)).toBe(false);
      expect(evaluate('${a} < 1', { a: blank })).toBe(false);
      expect(evaluate('${a} <= 1', { a: blank })).toBe(false);
      expect(evaluate('${a} > 1', { a: blank })).toBe(false);
      expect(evaluate('${a} >= 1', { a: blank })).toBe(false);
      expect(evaluate('${a} != 1', { a: blank })).toBe(true);
      expect(evaluate('${a} != ${a}', { a: blank })).toBe(true);
      // not() of a false comparison is true: a blank filter opens not(${a} = 0)
      expect(evaluate('not(${a} = 0)', { a: blank })).toBe(true);
    }
  });

  it('combines with and, or, not and parentheses in the usual precedence (and before or)', () => {
    const answers = { a: 1, b: 2, c: undefined };
    expect(evaluate('${a} = 1 and ${b} = 2', answers)).toBe(true);
    expect(evaluate('${a} = 0 or ${b} = 2 and ${c} = 1', answers)).toBe(false); // 0 or (1 and 0)
    expect(evaluate('(${a} = 0 or ${b} = 2) and ${c} != 1', answers)).toBe(true);
    expect(evaluate('not(${a} = 1)', answers)).toBe(false);
    // a bare operand is XPath's boolean(): non-zero and not NaN
    expect(evaluate('${a}', answers)).toBe(true);
    expect(evaluate('${c}', answers)).toBe(false);
    expect(evaluate('${a} and 0', answers)).toBe(false);
  });
});

describe('relevantProblem', () => {
  it('names an item that is not earlier, or the item itself, or the syntax error with its character', () => {
    const earlier = new Set(['d5a_00']);
    expect(relevantProblem('${d5a_00} = 1', earlier, 'd5a_01')).toBeNull();
    expect(relevantProblem('${d5a_09} = 1', earlier, 'd5a_01')?.en).toMatch(/\$\{d5a_09\} is not an item earlier/);
    expect(relevantProblem('${d5a_01} = 1', earlier, 'd5a_01')?.en).toMatch(/its own item/);
    expect(relevantProblem('${d5a_00} == 1', earlier, 'd5a_01')?.en).toMatch(/\(character 11\)/);
    expect(relevantProblem('${d5a_00} == 1', earlier, 'd5a_01')?.vi).toMatch(/ký tự thứ 11/);
  });
});
