/**
 * The attacks of issue 14 that the command line can see, on the real samples:
 * each of these passed (wrongly) before units were identities.
 */
import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli.js';
import { captureIo } from '../cli/io.js';
import { workdir } from './workbooks.js';

const dir = mkdtempSync(join(tmpdir(), 'chiso-units-attack-'));

/** A copy of a sample with some Unit fields rewritten (a number cell stays a number). */
async function withUnit(sample: string, name: string, fields: Record<string, string | number>): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(`samples/${sample}`);
  wb.getWorksheet('Unit')!.eachRow((row) => {
    const field = String(row.getCell(1).value);
    if (field in fields) row.getCell(2).value = fields[field];
  });
  const out = join(dir, name);
  await wb.xlsx.writeFile(out);
  return out;
}

describe('year over year refuses what is not one unit', () => {
  it('two different communes are not comparable (before: improved/declined between Liên Hội and Long Thạnh)', async () => {
    const io = captureIo();
    expect(await run(['compare', 'samples/lien-hoi-2023.xlsx', 'samples/long-thanh-2023.xlsx', '--json', '--lang', 'en'], io)).toBe(2);
    expect(io.stdout).toEqual([]);
    expect(io.stderr).toContainEqual(expect.stringMatching(/^samples\/long-thanh-2023\.xlsx:Unit!B\d+: error not-comparable: .*30316.*06268/));
    const io2 = captureIo();
    expect(await run(['compare', 'samples/long-thanh-2022.xlsx', 'samples/lien-hoi-2024.xlsx', '--lang', 'en'], io2)).toBe(2);
    expect(io2.stderr.join('\n')).toMatch(/not-comparable/);
  });

  it('the same year twice is not comparable', async () => {
    const io = captureIo();
    expect(await run(['compare', 'samples/lien-hoi-2023.xlsx', 'samples/lien-hoi-2023.xlsx', '--lang', 'en'], io)).toBe(2);
    expect(io.stderr).toContainEqual(expect.stringMatching(/lien-hoi-2023\.xlsx:Unit!B\d+: error not-comparable: .*both year 2023/));
  });

  it('score --previous of another unit gives no comparison and a located error', async () => {
    const io = captureIo();
    expect(await run(['score', 'samples/lien-hoi-2024.xlsx', '--previous', 'samples/long-thanh-2023.xlsx', '--json', '--lang', 'en'], io)).toBe(1);
    const json = JSON.parse(io.stdout.join(''));
    expect(json.comparison).toBeUndefined();
    expect(json.problems).toContainEqual(expect.objectContaining({ file: 'samples/long-thanh-2023.xlsx', sheet: 'Unit', code: 'not-comparable', severity: 'error' }));
  });

  it('orders the years whatever the order given', async () => {
    const io = captureIo();
    expect(await run(['compare', 'samples/lien-hoi-2024.xlsx', 'samples/lien-hoi-2023.xlsx', '--json', '--lang', 'en'], io)).toBe(0);
    const json = JSON.parse(io.stdout.join(''));
    expect([json.from.year, json.to.year]).toEqual([2023, 2024]);
  });
});

describe('leading zeros and the registry', () => {
  it('a code typed as a number (6268) is matched to 06268 with a warning, so the history joins up', async () => {
    const w = workdir('chiso-units-zeros-');
    const rows: [number, number, number][] = [[1, 1, 5], [1, 0, 2], [1, 1, 3]];
    const unit = { province: 'Tỉnh Lạng Sơn', district: 'Huyện Văn Quan', unit: 'Xã Liên Hội' };
    const numeric = await w.workbook('lh-2023.xlsx', { ...unit, unit_code: 6268, year: 2023 }, rows);
    const text = await w.workbook('lh-2024.xlsx', { ...unit, unit_code: '06268', year: 2024 }, rows);
    const bare = captureIo();
    // Without a registry 6268 is not 06268 (identity is the text), and the number cell is warned about.
    expect(await run(['compare', numeric, text, '--lang', 'en'], bare)).toBe(2);
    expect(bare.stderr).toContainEqual(expect.stringMatching(/lh-2023\.xlsx:Unit!B5: warning numeric-unit-code: /));
    expect(bare.stderr).toContainEqual(expect.stringMatching(/error not-comparable: .*6268/));
    const io = captureIo();
    expect(await run(['compare', numeric, text, '--units', 'samples/units.csv', '--json', '--lang', 'en'], io)).toBe(0);
    expect(io.stderr).toContainEqual(expect.stringMatching(/lh-2023\.xlsx:Unit!B5: warning unit-code-padded: unit code 6268 .* 06268/));
    expect(io.stderr.join('\n')).not.toMatch(/numeric-unit-code/);
    const json = JSON.parse(io.stdout.join(''));
    expect([json.from.code, json.to.code]).toEqual(['06268', '06268']);
    expect(json.total.delta).toBe(0);
  });

  it('an unknown code is an error unknown-unit at the Unit sheet cell', async () => {
    const file = await withUnit('lien-hoi-2023.xlsx', 'unknown.xlsx', { unit_code: '06269' });
    const io = captureIo();
    expect(await run(['check', file, '--units', 'samples/units.csv', '--lang', 'en'], io)).toBe(1);
    expect(io.stderr).toContainEqual(expect.stringMatching(/unknown\.xlsx:Unit!B\d+: error unknown-unit: unit code "06269" is not in the units registry for 2023/));
  });

  it('a code valid in another year only is unknown in this one', async () => {
    const file = await withUnit('lien-hoi-2023.xlsx', 'y2025.xlsx', { year: 2025 });
    const io = captureIo();
    expect(await run(['check', file, '--units', 'samples/units.csv', '--lang', 'en'], io)).toBe(1);
    expect(io.stderr.join('\n')).toMatch(/error unknown-unit: unit code "06268" is not in the units registry for 2025/);
  });

  it('names that differ are warnings and the registry’s names are used in the scorecard', async () => {
    const file = await withUnit('long-thanh-2023.xlsx', 'renamed.xlsx', { unit: 'P. Long Thanh', district: 'Huyện Tân Châu' });
    const io = captureIo();
    expect(await run(['score', file, '--units', 'samples/units.csv', '--json', '--lang', 'en'], io)).toBe(0);
    const json = JSON.parse(io.stdout.join(''));
    expect(json.scorecards[0].unit).toMatchObject({ code: '30316', name: 'Phường Long Thạnh', district: 'Thị xã Tân Châu', province: 'Tỉnh An Giang' });
    const warnings = json.problems.filter((p: { code: string }) => p.code === 'unit-name-differs').map((p: { cell: string; message: string }) => p.message);
    expect(warnings).toHaveLength(2);
    expect(warnings.join('\n')).toMatch(/"Huyện Tân Châu" differs .*"Thị xã Tân Châu"/);
  });

  it('a registry with an error is not used: exit 2, located problems, nothing scored', async () => {
    const bad = join(dir, 'bad-units.csv');
    writeFileSync(bad, 'code,name,level,parent,from,to,predecessors\n20,Tỉnh Lạng Sơn,province,,,2024,\n06268,Xã Liên Hội,commune,184,,2024,\n');
    const io = captureIo();
    expect(await run(['score', 'samples/lien-hoi-2023.xlsx', '--units', bad, '--json', '--lang', 'en'], io)).toBe(2);
    expect(io.stdout).toEqual([]);
    expect(io.stderr).toContainEqual(expect.stringMatching(/bad-units\.csv:Units!D3: error registry-unknown-parent: parent 184/));
  });

  it('a registry can be a workbook with a Units sheet', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Units');
    ws.addRow(['code', 'name', 'level', 'parent', 'from', 'to', 'predecessors']);
    ws.addRow(['20', 'Tỉnh Lạng Sơn', 'province', null, null, 2024, null]);
    ws.addRow(['184', 'Huyện Văn Quan', 'district', '20', null, 2024, null]);
    ws.addRow(['06268', 'Xã Liên Hội', 'commune', '184', null, 2024, null]);
    const path = join(dir, 'units.xlsx');
    await wb.xlsx.writeFile(path);
    const io = captureIo();
    expect(await run(['check', 'samples/lien-hoi-2023.xlsx', '--units', path, '--lang', 'en'], io)).toBe(0);
    copyFileSync(path, join(dir, 'units-copy.xlsx'));
  });
});

describe('roll-ups follow the registry of the data’s year', () => {
  it('--rollup district groups by the registry district, named and coded by it', async () => {
    const w = workdir('chiso-units-rollup-');
    const a = await w.workbook('a.xlsx', { unit_code: '98001', year: 2024, district: 'Huyện Đông (typed)' }, [[1, 1, 5], [1, 0, 2]]);
    const b = await w.workbook('b.xlsx', { unit_code: '98002', year: 2024, district: 'another name' }, [[1, 1, 3], [1, 0, 4]]);
    const io = captureIo();
    await run(['score', a, b, '--rollup', 'district', '--units', w.registry, '--json', '--lang', 'en'], io);
    const json = JSON.parse(io.stdout.join(''));
    const districts = json.scorecards.filter((c: { level: string }) => c.level === 'district');
    expect(districts.map((c: { unit: { code: string; name: string } }) => [c.unit.code, c.unit.name])).toEqual([['980', 'Huyện Đông']]);
    expect(districts[0].respondents).toBe(4);
  });

  it('from 2025 there is no district to roll up into: the province takes the communes', async () => {
    const w = workdir('chiso-units-rollup-');
    const a = await w.workbook('a.xlsx', { unit_code: '98101', year: 2025, district: 'Huyện Đông' }, [[1, 1, 5], [1, 0, 2]]);
    const b = await w.workbook('b.xlsx', { unit_code: '98005', year: 2025 }, [[1, 1, 3], [1, 0, 4]]);
    const io = captureIo();
    await run(['score', a, b, '--rollup', 'province', '--units', w.registry, '--json', '--lang', 'en'], io);
    const json = JSON.parse(io.stdout.join(''));
    expect(json.scorecards.filter((c: { level: string }) => c.level === 'district')).toEqual([]);
    const province = json.scorecards.filter((c: { level: string }) => c.level === 'province');
    expect(province.map((c: { unit: { code: string }; respondents: number }) => [c.unit.code, c.respondents])).toEqual([['98', 4]]);
    expect(json.scorecards[0].unit.district).toBe('');
  });
});
