/**
 * The stored-answers codec (src/store/answers-codec.ts): a round trip gives back
 * every value bit for bit (Object.is, so -0, INVALID and NaN count), over seeded
 * random units of every shape the codec distinguishes: dictionary columns, the
 * raw fallback above 255 distinct values, empty units, many units, Unicode codes.
 */
import { describe, expect, it } from 'vitest';
import { Random } from '../../src/sample/random.js';
import { AnswersCodecError, decodeAnswers, encodeAnswers, type UnitAnswers } from '../../src/store/answers-codec.js';
import { INVALID } from '../../src/scoring/types.js';

/** A random unit: each item draws from its own small value set, or (sometimes) from continuous values. */
function randomUnit(rng: Random, code: string): UnitAnswers {
  const n = Math.floor(rng.next() * 400);
  const m = Math.floor(rng.next() * 12);
  const items = Array.from({ length: m }, (_, j) => `i${j}_${Math.floor(rng.next() * 1000)}`);
  const x = new Float64Array(n * m);
  for (let j = 0; j < m; j++) {
    const continuous = rng.next() < 0.2; // > 255 distinct values when n is large enough: the raw fallback
    const levels = 1 + Math.floor(rng.next() * 7);
    for (let i = 0; i < n; i++) {
      const r = rng.next();
      x[i * m + j] = r < 0.1 ? NaN : r < 0.13 ? INVALID : r < 0.14 ? -0 : continuous ? rng.next() : Math.floor(rng.next() * levels) / Math.max(1, levels - 1);
    }
  }
  const constant = rng.next() < 0.5;
  const weights = Float64Array.from({ length: n }, () => (constant ? 1 : 0.5 + rng.next()));
  return { code, items, n, weights, x };
}

function expectSame(got: UnitAnswers, want: UnitAnswers): void {
  expect(got.code).toBe(want.code);
  expect(got.items).toEqual(want.items);
  expect(got.n).toBe(want.n);
  for (let i = 0; i < want.weights.length; i++) if (!Object.is(got.weights[i], want.weights[i])) expect.fail(`weight ${i}: ${got.weights[i]} ≠ ${want.weights[i]}`);
  expect(got.x.length).toBe(want.x.length);
  for (let k = 0; k < want.x.length; k++) if (!Object.is(got.x[k], want.x[k])) expect.fail(`x[${k}]: ${got.x[k]} ≠ ${want.x[k]}`);
}

describe('answers codec', () => {
  it('round-trips 200 seeded random submissions exactly', () => {
    for (let seed = 1; seed <= 200; seed++) {
      const rng = new Random(seed);
      const units = Array.from({ length: Math.floor(rng.next() * 4) }, (_, u) => randomUnit(rng, u === 1 ? `Xã Đông ${seed}` : `${10000 + u}`));
      const decoded = decodeAnswers(encodeAnswers(units));
      expect(decoded.length, `seed ${seed}`).toBe(units.length);
      decoded.forEach((u, k) => expectSame(u, units[k]));
    }
  });

  it('falls back to Float64 at 256 distinct values, and stays a dictionary at 255', () => {
    // 255 distinct + NaN: dictionary, 1 byte a cell. Size by hand: 8 header, per unit 2+1 code, 4 n, 4 m,
    // 2+1 item code; weights column 1+1+8 + n; item column 1+1+255×8 + n.
    const n = 300;
    const at255 = Float64Array.from({ length: n }, (_, i) => (i < 255 ? i / 1000 : NaN));
    const unit = (x: Float64Array): UnitAnswers => ({ code: 'a', items: ['q'], n, weights: new Float64Array(n).fill(1), x });
    const small = encodeAnswers([unit(at255)]);
    expect(small.byteLength).toBe(8 + 3 + 4 + 4 + 3 + (1 + 1 + 8 + n) + (1 + 1 + 255 * 8 + n));
    const at256 = Float64Array.from({ length: n }, (_, i) => (i < 256 ? i / 1000 : NaN));
    const big = encodeAnswers([unit(at256)]);
    expect(big.byteLength).toBe(8 + 3 + 4 + 4 + 3 + (1 + 1 + 8 + n) + (1 + n * 8));
    expectSame(decodeAnswers(big)[0], unit(at256));
    expectSame(decodeAnswers(small)[0], unit(at255));
  });

  it('is about 7× smaller than Float64 for a PAPI-like unit (300 respondents × 126 five-point items: 300 code bytes + a 42-byte dictionary a column, against 2,400)', () => {
    const rng = new Random(7);
    const n = 300;
    const m = 126;
    const x = Float64Array.from({ length: n * m }, () => (rng.next() < 0.05 ? NaN : Math.floor(rng.next() * 5) / 4));
    const bytes = encodeAnswers([{ code: '100001', items: Array.from({ length: m }, (_, j) => `d${j}`), n, weights: new Float64Array(n).fill(1), x }]);
    const float64 = (n * m + n) * 8;
    expect(float64 / bytes.byteLength).toBeGreaterThan(6.5);
  });

  it('refuses a damaged blob with a located error instead of decoding garbage', () => {
    const rng = new Random(3);
    const bytes = encodeAnswers([randomUnit(rng, '1'), randomUnit(rng, '2')]);
    expect(() => decodeAnswers(bytes.subarray(0, bytes.byteLength - 1))).toThrow(AnswersCodecError);
    expect(() => decodeAnswers(new Uint8Array([1, 2, 3, 4, 0, 0, 0, 0]))).toThrow(/bad magic/);
    const extra = new Uint8Array(bytes.byteLength + 1);
    extra.set(bytes);
    expect(() => decodeAnswers(extra)).toThrow(/left over/);
  });
});
