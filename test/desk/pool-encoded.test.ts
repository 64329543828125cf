/**
 * poolEncoded (src/desk/pool-encoded.ts) decodes stored parts straight into the
 * pool; the second implementation it must equal exactly is the one it replaces:
 * decode each part (decodeAnswers + toCoded), then poolSharedItems. Seeded random
 * parts with shuffled item orders, items some parts lack (dropped), NaN and
 * INVALID, raw (> 255 values) and dictionary columns.
 */
import { describe, expect, it } from 'vitest';
import { poolEncoded } from '../../src/desk/pool-encoded.js';
import type { Item } from '../../src/framework/schema.js';
import { Random } from '../../src/sample/random.js';
import { poolSharedItems } from '../../src/scoring/pool-shared.js';
import { INVALID } from '../../src/scoring/types.js';
import { decodeAnswers, encodeAnswers, scanAnswers, toCoded } from '../../src/store/answers-codec.js';

const item = (code: string, tag: string): Item => ({ code, subdimension: tag, type: 'scale', min: 1, max: 5, direction: 'positive', missing: [], zero: [], weight: 1, textVi: code, textEn: code, options: [] }) as unknown as Item;

describe('poolEncoded', () => {
  it('equals decoding every part and poolSharedItems, on 100 seeded pools', () => {
    for (let seed = 1; seed <= 100; seed++) {
      const rng = new Random(seed);
      const universe = Array.from({ length: 8 }, (_, j) => `q${j}`);
      const parts = Array.from({ length: 1 + Math.floor(rng.next() * 5) }, (_, p) => {
        // Each part: most items, in its own order; its framework's definitions differ (tag = part), so "the first part's" shows.
        const codes = universe.filter(() => rng.next() < 0.85).sort(() => rng.next() - 0.5);
        const n = Math.floor(rng.next() * 300);
        const m = codes.length;
        const raw = rng.next() < 0.3;
        const x = Float64Array.from({ length: n * m }, () => {
          const r = rng.next();
          return r < 0.1 ? NaN : r < 0.12 ? INVALID : raw ? rng.next() : Math.floor(rng.next() * 5) / 4;
        });
        const weights = Float64Array.from({ length: n }, () => 0.5 + rng.next());
        const bytes = encodeAnswers([{ code: `u${p}`, items: codes, n, weights, x }]);
        const items = new Map(universe.map((c) => [c, item(c, `part${p}`)]));
        return { bytes, items };
      });
      const got = poolEncoded(parts.map((p) => ({ bytes: p.bytes, unit: scanAnswers(p.bytes)[0], items: p.items })));
      const want = poolSharedItems(parts.map((p) => toCoded(decodeAnswers(p.bytes)[0], p.items)));
      expect(got.dropped, `seed ${seed}`).toEqual(want.dropped);
      expect(got.coded.items, `seed ${seed}`).toEqual(want.coded.items);
      expect(got.coded.n).toBe(want.coded.n);
      expect(got.coded.weights).toEqual(want.coded.weights);
      expect(got.coded.x.length).toBe(want.coded.x.length);
      for (let k = 0; k < want.coded.x.length; k++) if (!Object.is(got.coded.x[k], want.coded.x[k])) expect.fail(`seed ${seed}, x[${k}]: ${got.coded.x[k]} ≠ ${want.coded.x[k]}`);
    }
  });
});
