import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Framework } from '../../src/framework/schema.js';
import { buildWorkbook, toBytes } from '../ingest/workbook.js';
import { item } from '../scoring/tiny.js';
import { TEST_REGISTRY_CSV } from './registry.js';

/** One dimension, one sub-dimension, two items: T = D = P = 1 + 9·S with S = (m1 + m2)/2 (k = 1). */
export const oneDimension: Framework = {
  id: 'one-1',
  nameVi: 'Một',
  nameEn: 'One',
  dimensions: [{ code: '1', nameVi: 'Một', nameEn: 'One' }],
  subdimensions: [{ code: '1a', dimension: '1', nameVi: 'Một a', nameEn: 'One a' }],
  items: [item('q1', '1a'), item('q2', '1a', { type: 'scale', min: 1, max: 5 })],
};

/** [weight, q1 (0/1), q2 (1..5)] */
export type Row = [number, number, number];

export function workdir(prefix: string) {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const registry = join(dir, 'units.csv');
  writeFileSync(registry, TEST_REGISTRY_CSV);
  return {
    dir,
    registry,
    async workbook(name: string, unit: Record<string, unknown>, rows: Row[]): Promise<string> {
      const path = join(dir, name);
      const wb = buildWorkbook({
        framework: oneDimension,
        unit: { province: '', district: '', unit: '', year: 2024, ...unit } as never,
        header: ['respondent_id', 'weight', 'q1', 'q2'],
        rows: rows.map((r, i) => [`${name}-${i}`, ...r]),
      });
      writeFileSync(path, await toBytes(wb));
      return path;
    },
  };
}
