import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildWorkbook, toBytes } from '../ingest/workbook.js';
import { tinyFramework } from '../scoring/tiny.js';

export const dir = mkdtempSync(join(tmpdir(), 'chiso-league-'));
export const framework = tinyFramework();
export const header = ['respondent_id', 'weight', 'i1', 'i2', 'i3', 'i4', 'i5'];

/** Answer rows of a unit: `quality` 0..3 moves every item up (i3 is "−", so it goes down). */
export function unitRows(prefix: string, quality: number, n = 6): unknown[][] {
  const rows: unknown[][] = [];
  for (let r = 0; r < n; r++) {
    const good = (r + quality) % 4 !== 0 ? 1 : 0;
    rows.push([
      `${prefix}-${r + 1}`,
      1 + (r % 3) * 0.5,
      good,
      Math.min(5, 1 + quality + (r % 2)),
      Math.max(0, 8 - 2 * quality - (r % 3)),
      (r + quality) % 3 === 0 ? 0 : 1,
      Math.min(3, 1 + ((quality + r) % 3)),
    ]);
  }
  return rows;
}

export function workbookBytes(rows: unknown[][], unit: Record<string, unknown> = {}, options: { header?: string[]; targets?: unknown[][] } = {}) {
  return toBytes(
    buildWorkbook({ framework, header: options.header ?? header, rows: rows as never, unit: unit as never, targets: (options.targets ?? [['total', '12,00']]) as never }),
  );
}

export async function writeUnit(name: string, rows: unknown[][], unit: Record<string, unknown> = {}, options: { header?: string[]; targets?: unknown[][] } = {}) {
  const path = join(dir, name);
  writeFileSync(path, await workbookBytes(rows, unit, options));
  return path;
}
