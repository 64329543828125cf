import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli.js';
import { parseRegistryCsv } from '../../src/units/index.js';
import { captureIo } from '../cli/io.js';
import { TEST_REGISTRY_CSV } from './registry.js';

describe('chiso units import / list (the store’s registry, SQLite in --data)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'chiso-units-store-'));
  const data = join(dir, 'data');
  const good = join(dir, 'units.csv');
  writeFileSync(good, TEST_REGISTRY_CSV);

  it('imports a registry and lists it back as the CSV it was (codes as text, periods, :part)', async () => {
    const io = captureIo();
    expect(await run(['units', 'import', good, '--data', data], io)).toBe(0);
    expect(io.stderr.join('\n')).toMatch(/đã nhập 12 dòng danh mục đơn vị hành chính \(11 đơn vị\)/);
    const listed = captureIo();
    expect(await run(['units', 'list', '--data', data], listed)).toBe(0);
    const again = parseRegistryCsv(`${listed.stdout.join('\n')}\n`, 'listed.csv');
    expect(again.problems).toEqual([]);
    const strip = (csv: string) => parseRegistryCsv(csv, 'x').registry!.periods.map(({ row: _row, ...p }) => ({ ...p, predecessors: [...p.predecessors].sort((x, y) => x.code.localeCompare(y.code)) })).sort((a, b) => `${a.code}${a.from}`.localeCompare(`${b.code}${b.from}`));
    expect(strip(`${listed.stdout.join('\n')}\n`)).toEqual(strip(TEST_REGISTRY_CSV));
  });

  it('a registry with an error imports nothing: exit 2, the located problem, the old registry kept', async () => {
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, `${TEST_REGISTRY_CSV}98301,Xã Mới,commune,98,2025,,98777\n`);
    const io = captureIo();
    expect(await run(['units', 'import', bad, '--data', data, '--lang', 'en'], io)).toBe(2);
    expect(io.stderr).toContainEqual(expect.stringMatching(/bad\.csv:Units!G14: error registry-unknown-predecessor: predecessor 98777/));
    const listed = captureIo();
    await run(['units', 'list', '--data', data, '--json'], listed);
    const { units } = JSON.parse(listed.stdout.join(''));
    expect(units).toHaveLength(12);
    expect(units.some((u: { code: string }) => u.code === '98301')).toBe(false);
  });
});
