/**
 * `relevant` skip conditions (contract.md "Codebook"): XLSForm's syntax, restricted to
 * `${code}`, numbers, = != < <= > >=, and, or, not(…) and parentheses.
 *
 *   condition  := and ('or' and)*
 *   and        := primary ('and' primary)*
 *   primary    := '(' condition ')' | 'not' '(' condition ')' | operand (op operand)?
 *   operand    := number | ${code}
 *
 * A bare operand is true when it is a number other than 0 (XPath's boolean()).
 * Comparisons do not chain (`1 < ${a} < 3` is an error, as it would mean
 * something else in XPath). Values follow XPath's number(): a blank or
 * non-numeric answer is NaN, and every comparison with NaN is false except !=,
 * which is true — exactly what JavaScript's operators do, so evaluation uses them
 * as they are (methodology.md §2 rule 0).
 *
 * Parsing happens once per Codebook row; compile() turns the tree into closures
 * over slots of a Float64Array so that evaluating a row makes no objects.
 */

import { parseDecimal } from '../scoring/coding.js';

export type Comparator = '=' | '!=' | '<' | '<=' | '>' | '>=';

export type Operand = { kind: 'number'; value: number } | { kind: 'ref'; code: string };

export type Condition =
  | { kind: 'or' | 'and'; parts: Condition[] }
  | { kind: 'not'; part: Condition }
  | { kind: 'compare'; op: Comparator; left: Operand; right: Operand }
  | { kind: 'truthy'; operand: Operand };

export type ParsedRelevant =
  | { ok: true; condition: Condition; refs: string[] }
  | { ok: false; message: string; messageVi: string; position: number };

/** Longest accepted condition: a Codebook cell, not a program. */
export const MAX_RELEVANT_LENGTH = 1000;
/** Parentheses deeper than this are refused before recursion could exhaust the stack. */
const MAX_DEPTH = 32;

type Token =
  | { kind: 'number'; value: number; at: number }
  | { kind: 'ref'; code: string; at: number }
  | { kind: 'op'; op: Comparator; at: number }
  | { kind: 'word'; word: 'and' | 'or' | 'not'; at: number }
  | { kind: '(' | ')'; at: number }
  | { kind: 'end'; at: number };

class RelevantSyntaxError extends Error {
  constructor(
    readonly en: string,
    readonly vi: string,
    readonly position: number,
  ) {
    super(en);
  }
}

const fail = (at: number, en: string, vi: string): never => {
  throw new RelevantSyntaxError(en, vi, at);
};

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    const at = i + 1; // 1-based, as a user counts characters in the cell
    if (ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r') {
      i++;
      continue;
    }
    if (ch === '$') {
      const m = /^\$\{([a-z0-9_]+)\}/.exec(text.slice(i));
      if (!m) fail(at, 'write an item as ${code}: lower-case letters, digits and _, no spaces inside the braces', 'ghi câu hỏi dạng ${mã}: chữ thường, chữ số và _, không có dấu cách trong ngoặc');
      tokens.push({ kind: 'ref', code: m![1], at });
      i += m![0].length;
      continue;
    }
    const num = /^-?(\d+(\.\d+)?|\.\d+)/.exec(text.slice(i));
    if (num && (ch !== '-' || /\d|\./.test(text[i + 1] ?? ''))) {
      tokens.push({ kind: 'number', value: Number(num[0]), at });
      i += num[0].length;
      continue;
    }
    const op = /^(!=|<=|>=|==|=|<|>)/.exec(text.slice(i));
    if (op) {
      if (op[1] === '==') fail(at, 'use = to compare, not ==', 'dùng = để so sánh, không dùng ==');
      tokens.push({ kind: 'op', op: op[1] as Comparator, at });
      i += op[1].length;
      continue;
    }
    if (ch === '(' || ch === ')') {
      tokens.push({ kind: ch, at });
      i++;
      continue;
    }
    const word = /^[A-Za-z_][A-Za-z0-9_-]*/.exec(text.slice(i));
    if (word) {
      const w = word[0];
      if (w === 'and' || w === 'or' || w === 'not') tokens.push({ kind: 'word', word: w, at });
      else if (['AND', 'OR', 'NOT', 'And', 'Or', 'Not'].includes(w)) fail(at, `write "${w.toLowerCase()}" in lower case`, `viết "${w.toLowerCase()}" bằng chữ thường`);
      else fail(at, `"${w}" is not allowed: only \${code}, numbers, comparisons, and, or, not(…)`, `không dùng được "${w}": chỉ dùng \${mã}, số, phép so sánh, and, or, not(…)`);
      i += w.length;
      continue;
    }
    if (ch === "'" || ch === '"') fail(at, 'quoted text is not allowed; compare answer codes as numbers', 'không dùng chuỗi trong dấu nháy; so sánh mã trả lời dạng số');
    fail(at, `"${ch}" is not allowed here`, `không dùng được ký tự "${ch}" ở đây`);
  }
  tokens.push({ kind: 'end', at: text.length + 1 });
  return tokens;
}

class Parser {
  private i = 0;
  readonly refs = new Set<string>();
  constructor(private readonly tokens: Token[]) {}

  private peek(): Token {
    return this.tokens[this.i];
  }
  private next(): Token {
    return this.tokens[this.i++];
  }
  private isWord(word: 'and' | 'or' | 'not'): boolean {
    const t = this.peek();
    return t.kind === 'word' && t.word === word;
  }

  parseAll(): Condition {
    const condition = this.condition(0);
    const t = this.peek();
    if (t.kind !== 'end') fail(t.at, t.kind === ')' ? 'this ) has no matching (' : 'expected and, or or the end of the condition', t.kind === ')' ? 'dấu ) này không có dấu ( tương ứng' : 'cần and, or hoặc kết thúc điều kiện');
    return condition;
  }

  private condition(depth: number): Condition {
    const parts = [this.conjunction(depth)];
    while (this.isWord('or')) {
      this.next();
      parts.push(this.conjunction(depth));
    }
    return parts.length === 1 ? parts[0] : { kind: 'or', parts };
  }

  private conjunction(depth: number): Condition {
    const parts = [this.primary(depth)];
    while (this.isWord('and')) {
      this.next();
      parts.push(this.primary(depth));
    }
    return parts.length === 1 ? parts[0] : { kind: 'and', parts };
  }

  private group(depth: number, open: Token): Condition {
    if (depth >= MAX_DEPTH) fail(open.at, `parentheses nested deeper than ${MAX_DEPTH}`, `ngoặc lồng nhau quá ${MAX_DEPTH} mức`);
    const inner = this.condition(depth + 1);
    const close = this.next();
    if (close.kind !== ')') fail(close.at, `the ( at character ${open.at} is not closed`, `dấu ( ở ký tự ${open.at} chưa được đóng`);
    return inner;
  }

  private primary(depth: number): Condition {
    const t = this.next();
    if (t.kind === '(') return this.group(depth, t);
    if (t.kind === 'word' && t.word === 'not') {
      const open = this.next();
      if (open.kind !== '(') fail(open.at, 'write not(…) with parentheses', 'viết not(…) có ngoặc');
      return { kind: 'not', part: this.group(depth, open) };
    }
    const left = this.operand(t);
    const op = this.peek();
    if (op.kind !== 'op') return { kind: 'truthy', operand: left };
    this.next();
    const right = this.operand(this.next());
    if (this.peek().kind === 'op') fail(this.peek().at, 'comparisons do not chain: write ${a} > 1 and ${a} < 3', 'không viết so sánh nối tiếp: viết ${a} > 1 and ${a} < 3');
    return { kind: 'compare', op: op.op, left, right };
  }

  private operand(t: Token): Operand {
    if (t.kind === 'number') return { kind: 'number', value: t.value };
    if (t.kind === 'ref') {
      this.refs.add(t.code);
      return { kind: 'ref', code: t.code };
    }
    if (t.kind === 'end') return fail(t.at, 'the condition ends too early', 'điều kiện kết thúc quá sớm');
    return fail(t.at, 'expected ${code}, a number, ( or not(', 'cần ${mã}, một số, dấu ( hoặc not(');
  }
}

/** Parses a `relevant` cell. Never throws: a bad condition is a value with its 1-based character position. */
export function parseRelevant(text: string): ParsedRelevant {
  if (text.length > MAX_RELEVANT_LENGTH)
    return { ok: false, message: `the condition is longer than ${MAX_RELEVANT_LENGTH} characters`, messageVi: `điều kiện dài quá ${MAX_RELEVANT_LENGTH} ký tự`, position: MAX_RELEVANT_LENGTH + 1 };
  try {
    const tokens = tokenize(text);
    if (tokens.length === 1) return { ok: false, message: 'the condition is empty', messageVi: 'điều kiện trống', position: 1 };
    const parser = new Parser(tokens);
    const condition = parser.parseAll();
    return { ok: true, condition, refs: [...parser.refs] };
  } catch (error) {
    if (error instanceof RelevantSyntaxError) return { ok: false, message: error.en, messageVi: error.vi, position: error.position };
    throw error;
  }
}

/** A compiled condition: reads the slots of `values` (one per referenced item) and says whether the question is asked. */
export type CompiledRelevant = (values: Float64Array) => boolean;

/**
 * Turns a parsed condition into closures. `slotOf` gives the index in the values
 * array of each referenced item (the caller fills it with the answers read as
 * XPath numbers: NaN for blank or non-numeric).
 */
export function compileRelevant(condition: Condition, slotOf: (code: string) => number): CompiledRelevant {
  const operand = (o: Operand): ((v: Float64Array) => number) => {
    if (o.kind === 'number') {
      const value = o.value;
      return () => value;
    }
    const slot = slotOf(o.code);
    return (v) => v[slot];
  };
  switch (condition.kind) {
    case 'truthy': {
      const read = operand(condition.operand);
      return (v) => {
        const x = read(v);
        return x !== 0 && x === x;
      };
    }
    case 'compare': {
      const a = operand(condition.left);
      const b = operand(condition.right);
      switch (condition.op) {
        case '=':
          return (v) => a(v) === b(v);
        case '!=':
          return (v) => a(v) !== b(v);
        case '<':
          return (v) => a(v) < b(v);
        case '<=':
          return (v) => a(v) <= b(v);
        case '>':
          return (v) => a(v) > b(v);
        case '>=':
          return (v) => a(v) >= b(v);
      }
      break;
    }
    case 'not': {
      const part = compileRelevant(condition.part, slotOf);
      return (v) => !part(v);
    }
    case 'and': {
      const parts = condition.parts.map((p) => compileRelevant(p, slotOf));
      return (v) => parts.every((p) => p(v));
    }
    case 'or': {
      const parts = condition.parts.map((p) => compileRelevant(p, slotOf));
      return (v) => parts.some((p) => p(v));
    }
  }
  throw new Error(`unreachable condition kind ${(condition as Condition).kind}`);
}

/**
 * An answer as a condition sees it (methodology.md §2 rule 0): the number typed
 * (a missing or zero code is its own number, nothing is top-coded), or NaN for a
 * blank, non-numeric, boolean, date or error cell. Text reads like an answer
 * does: "1", " 2 ", "6,5".
 */
export function relevantNumber(value: unknown): number {
  if (typeof value === 'number') return Number.isFinite(value) ? value : NaN;
  if (typeof value === 'string') return parseDecimal(value) ?? NaN;
  return NaN;
}

/**
 * The problem with a condition in a list of items, if any: it must parse, and
 * name only items that come before it (in `earlier`). Used for framework files
 * and for the Codebook sheet alike.
 */
export function relevantProblem(text: string, earlier: { has(code: string): boolean }, itemCode: string): { en: string; vi: string } | null {
  const parsed = parseRelevant(text);
  if (!parsed.ok) return { en: `${parsed.message} (character ${parsed.position})`, vi: `${parsed.messageVi} (ký tự thứ ${parsed.position})` };
  for (const ref of parsed.refs) {
    if (ref === itemCode) return { en: `the condition names its own item \${${ref}}`, vi: `điều kiện nhắc đến chính câu hỏi này \${${ref}}` };
    if (!earlier.has(ref)) return { en: `\${${ref}} is not an item earlier in the Codebook`, vi: `\${${ref}} không phải câu hỏi đứng trước trong Codebook` };
  }
  return null;
}
