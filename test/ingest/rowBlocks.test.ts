import { describe, expect, it } from 'vitest';
import { RowBlocks } from '../../src/ingest/rowBlocks.js';

/** Writes rows 0..n-1, row r holding r*10 + k in column k, as readResponses fills it. */
function fill(rowLength: number, rowsPerBlock: number, n: number): Float64Array {
  const x = new RowBlocks(rowLength, rowsPerBlock);
  for (let r = 0; r < n; r++) {
    x.reserveRow();
    for (let k = 0; k < rowLength; k++) x.block[x.offset + k] = r * 10 + k;
    x.offset += rowLength;
  }
  return x.finish();
}

describe('RowBlocks', () => {
  it('gives every row in order, whether the rows end inside, at the end of, or past a block', () => {
    for (const n of [0, 1, 2, 3, 4, 6, 7, 10]) {
      const expected = Array.from({ length: n * 3 }, (_, i) => Math.floor(i / 3) * 10 + (i % 3));
      expect(Array.from(fill(3, 3, n)), `${n} rows`).toEqual(expected);
    }
  });

  it('returns exactly the rows read, not the room left in a block', () => {
    expect(fill(4, 5, 7).length).toBe(28);
    expect(fill(4, 5, 5).length).toBe(20);
  });
});
