import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli.js';
import { writeZip } from '../hostile/zip.js';
import { captureIo } from '../cli/io.js';
import { expandZipBatch } from '../../src/ingest/zipBatch.js';
import { cliLimits } from '../../src/limits.js';
import { dir, header, unitRows, workbookBytes, writeUnit } from './helpers.js';

const unit = (code: string, name: string, extra: Record<string, unknown> = {}) => ({ unit_code: code, unit: name, ...extra });

async function scoreJson(args: string[]) {
  const io = captureIo();
  const code = await run(['score', ...args, '--json'], io);
  return { code, json: JSON.parse(io.stdout.join('')), stderr: io.stderr };
}

describe('several units on the command line (methodology.md §7)', () => {
  it('4 unit workbooks of one year give performance groups; ties share a group', async () => {
    // Qualities 0, 1, 1, 3: totals s1 < s2 = s3 < s4. R-7 on [s1, s2, s2, s4]:
    // Q3 = s2 + .25(s4 − s2) > s2 → only s4 is best; median = s2 → both tied units high-average;
    // Q1 = s1 + .75(s2 − s1) ∈ (s1, s2) → s1 lowest.
    const files = [
      await writeUnit('g-a.xlsx', unitRows('a', 0), unit('A01', 'Xã A')),
      await writeUnit('g-b.xlsx', unitRows('b', 1), unit('B01', 'Xã B')),
      await writeUnit('g-c.xlsx', unitRows('c', 1), unit('C01', 'Xã C')),
      await writeUnit('g-d.xlsx', unitRows('d', 3), unit('D01', 'Xã D')),
    ];
    const { code, json } = await scoreJson(files);
    expect(code).toBe(0);
    const cards = json.scorecards as { level: string; unit: { code: string }; total: { score: number }; groups?: { total: string; dimensions: Record<string, string> } }[];
    expect(cards.map((c) => c.unit.code)).toEqual(['A01', 'B01', 'C01', 'D01']);
    const [a, b, c, d] = cards.map((c) => c.total.score);
    expect(a).toBeLessThan(b);
    expect(b).toBe(c);
    expect(c).toBeLessThan(d);
    expect(cards.map((c) => c.groups?.total)).toEqual(['lowest', 'high-average', 'high-average', 'best']);
    for (const card of cards) expect(Object.keys(card.groups!.dimensions).sort()).toEqual(['1', '2']);
    expect(cards[0].groups!.dimensions['1']).toBe('lowest');
    expect(cards[3].groups!.dimensions['1']).toBe('best');
  });

  it('3 unit workbooks give no groups', async () => {
    const files = [
      await writeUnit('h-a.xlsx', unitRows('a', 0), unit('A01', 'Xã A')),
      await writeUnit('h-b.xlsx', unitRows('b', 1), unit('B01', 'Xã B')),
      await writeUnit('h-c.xlsx', unitRows('c', 2), unit('C01', 'Xã C')),
    ];
    const { json } = await scoreJson(files);
    expect(json.scorecards).toHaveLength(3);
    for (const card of json.scorecards) expect(card.groups).toBeUndefined();
  });

  it('the district roll-up of two unit workbooks equals scoring both sets of rows in one workbook', async () => {
    const rowsA = unitRows('a', 0, 7);
    const rowsB = unitRows('b', 2, 5);
    const two = [await writeUnit('r-a.xlsx', rowsA, unit('A01', 'Xã A')), await writeUnit('r-b.xlsx', rowsB, unit('B01', 'Xã B'))];
    const combined = await writeUnit('r-ab.xlsx', [...rowsA, ...rowsB], unit('AB', 'Cả huyện'));
    // The same rows with a unit_code column: one scorecard per unit, and the same roll-up.
    const withCodes = await writeUnit(
      'r-codes.xlsx',
      [...rowsA.map((r) => [...r, 'A01']), ...rowsB.map((r) => [...r, 'B01'])],
      unit('A01', 'Xã A'),
      { header: [...header, 'unit_code'] },
    );

    const rolled = (await scoreJson([...two, '--rollup', 'district'])).json.scorecards;
    const pooled = (await scoreJson([combined])).json.scorecards[0];
    const fromCodes = (await scoreJson([withCodes, '--rollup', 'district'])).json.scorecards;

    expect(rolled.map((c: { level: string }) => c.level)).toEqual(['unit', 'unit', 'district']);
    const district = rolled[2];
    expect(district.unit).toMatchObject({ name: 'Tân Châu', district: 'Tân Châu', province: 'An Giang', year: 2023 });
    expect(district.respondents).toBe(12);
    expect(district.respondents).toBe(pooled.respondents);
    const same = (x: { score: number; ciLow: number; ciHigh: number }, y: { score: number; ciLow: number; ciHigh: number }) => {
      expect(Math.abs(x.score - y.score)).toBeLessThan(1e-9);
      expect(Math.abs(x.ciLow - y.ciLow)).toBeLessThan(1e-9);
      expect(Math.abs(x.ciHigh - y.ciHigh)).toBeLessThan(1e-9);
    };
    same(district.total, pooled.total);
    district.dimensions.forEach((d: never, i: number) => same(d, pooled.dimensions[i]));
    expect(district.effectiveN).toBeCloseTo(pooled.effectiveN, 9);

    expect(fromCodes.map((c: { level: string; unit: { code: string } }) => `${c.level}:${c.unit.code}`)).toEqual(['unit:A01', 'unit:B01', 'district:An Giang/Tân Châu']);
    same(fromCodes[0].total, rolled[0].total);
    same(fromCodes[1].total, rolled[1].total);
    same(fromCodes[2].total, pooled.total);
  });

  it('units of two districts roll up separately, and to their province', async () => {
    const files = [
      await writeUnit('p-a.xlsx', unitRows('a', 0), unit('A01', 'Xã A')),
      await writeUnit('p-b.xlsx', unitRows('b', 1), unit('B01', 'Xã B')),
      await writeUnit('p-c.xlsx', unitRows('c', 2), unit('C01', 'Xã C', { district: 'Châu Phú' })),
    ];
    const cards = (await scoreJson([...files, '--rollup', 'province'])).json.scorecards;
    expect(cards.map((c: { level: string; respondents: number }) => `${c.level}:${c.respondents}`)).toEqual([
      'unit:6',
      'unit:6',
      'unit:6',
      'district:12',
      'district:6',
      'province:18',
    ]);
  });

  it('scores a zip of commune workbooks: one scorecard per entry, problems carry "batch.zip/entry.xlsx"', async () => {
    const zip = writeZip([
      { name: 'xa-a.xlsx', data: await workbookBytes(unitRows('a', 0), unit('A01', 'Xã A')) },
      { name: 'huyen/xa-b.xlsx', data: await workbookBytes([...unitRows('b', 1), ['b-9', 1, 7, 1, 1, 1, 1]], unit('B01', 'Xã B')) },
      { name: 'readme.txt', data: new TextEncoder().encode('hello') },
      { name: 'nested.zip', data: new Uint8Array([0x50, 0x4b, 5, 6]) },
    ]);
    const path = join(dir, 'batch.zip');
    writeFileSync(path, zip);
    const { code, json } = await scoreJson([path]);
    expect(code).toBe(1); // the invalid answer in xa-b
    expect(json.scorecards.map((c: { unit: { code: string }; file: string }) => [c.unit.code, c.file])).toEqual([
      ['A01', `${path}/xa-a.xlsx`],
      ['B01', `${path}/huyen/xa-b.xlsx`],
    ]);
    const invalid = json.problems.find((p: { code: string }) => p.code === 'invalid-answer');
    expect(invalid).toMatchObject({ file: `${path}/huyen/xa-b.xlsx`, sheet: 'Responses', cell: 'C8' });
    const ignored = json.problems.filter((p: { code: string }) => p.code === 'ignored-entry');
    expect(ignored.map((p: { file: string; severity: string }) => [p.file, p.severity])).toEqual([
      [`${path}/readme.txt`, 'info'],
      [`${path}/nested.zip`, 'info'],
    ]);
  });

  it('a zip with --rollup district -o writes the league workbook of its units and their district', async () => {
    const zip = writeZip([
      { name: 'xa-a.xlsx', data: await workbookBytes(unitRows('a', 0), unit('A01', 'Xã A')) },
      { name: 'xa-b.xlsx', data: await workbookBytes(unitRows('b', 2), unit('B01', 'Xã B')) },
    ]);
    const path = join(dir, 'batch2.zip');
    writeFileSync(path, zip);
    const output = join(dir, 'batch2-league.xlsx');
    const io = captureIo();
    expect(await run(['score', path, '--rollup', 'district', '-o', output, '--json'], io)).toBe(0);
    const json = JSON.parse(io.stdout.join(''));
    expect(json.files).toEqual([`${path}/xa-a.xlsx`, `${path}/xa-b.xlsx`]);
    expect(json.scorecards.map((c: { level: string }) => c.level)).toEqual(['unit', 'unit', 'district']);
    expect(json.scorecards[2].respondents).toBe(12);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(output) as never);
    const league = wb.getWorksheet('League')!;
    expect([4, 5, 6].map((r) => league.getRow(r).getCell(3).value)).toEqual(['B01', 'A01', 'An Giang/Tân Châu']);
    expect(wb.getWorksheet('Changes')).toBeUndefined();
  });

  it('a zip over its inflated limit is refused with exit 2; an entry over the per-entry limit is left out', async () => {
    const small = await workbookBytes(unitRows('a', 0), unit('A01', 'Xã A'));
    const path = join(dir, 'bomb.zip');
    // b.xlsx lies about its size (10 bytes) and inflates to 3 MB: the counted inflate stops it.
    writeFileSync(path, writeZip([{ name: 'a.xlsx', data: small }, { name: 'b.xlsx', data: new Uint8Array(3 * 1024 * 1024), declaredSize: 10 }]));
    const io = captureIo();
    expect(await run(['score', path, '--json', '--max-uncompressed-mb', '1'], io)).toBe(2);
    const json = JSON.parse(io.stdout.join(''));
    expect(json.scorecards).toEqual([]);
    expect(json.problems).toEqual([expect.objectContaining({ file: path, severity: 'error', code: 'uncompressed-too-large' })]);

    const limits = { ...cliLimits, maxEntryBytes: 1024 * 1024, maxUncompressedBytes: 8 * 1024 * 1024 };
    const batch = await expandZipBatch(readFileSync(path), 'bomb.zip', limits);
    expect(batch.fatal).toBe(false);
    expect(batch.entries.map((e) => [e.name, e.fileName, e.bytes.length])).toEqual([['a.xlsx', 'bomb.zip/a.xlsx', small.length]]);
    expect(batch.problems).toEqual([expect.objectContaining({ file: 'bomb.zip/b.xlsx', severity: 'error', code: 'uncompressed-too-large' })]);

    const many = writeZip([1, 2, 3].map((i) => ({ name: `x${i}.xlsx`, data: small })));
    const refused = await expandZipBatch(many, 'many.zip', { ...cliLimits, maxEntries: 2 });
    expect(refused).toMatchObject({ fatal: true, entries: [], problems: [expect.objectContaining({ code: 'too-many-entries', file: 'many.zip' })] });
  });
});

describe('the league workbook (-o with several scorecards)', () => {
  it('writes units × dimensions, ranks, groups, the chart, change and below-target sheets', async () => {
    const files = [
      await writeUnit('l-a.xlsx', unitRows('a', 0), unit('A01', '=Xã A'), { targets: [['total', '19,00']] }),
      await writeUnit('l-b.xlsx', unitRows('b', 1), unit('B01', 'Xã B')),
      await writeUnit('l-c.xlsx', unitRows('c', 2), unit('C01', 'Xã C')),
      await writeUnit('l-d.xlsx', unitRows('d', 3), unit('D01', 'Xã D')),
      await writeUnit('l-d22.xlsx', unitRows('d', 1), unit('D01', 'Xã D', { year: 2022 })),
    ];
    const output = join(dir, 'league.xlsx');
    const io = captureIo();
    expect(await run(['score', ...files, '--rollup', 'district', '-o', output, '--json'], io)).toBe(0);
    const cards = JSON.parse(io.stdout.join('')).scorecards as {
      level: string;
      unit: { code: string; year: number };
      total: { score: number; ciLow: number; ciHigh: number; status: string | null };
      dimensions: { code: string; score: number }[];
      groups?: { total: string };
    }[];
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(output) as never);
    // No registry (--units): no Missing sheet.
    expect(wb.worksheets.map((s) => s.name)).toEqual(['League', 'Chart', 'RollUp', 'Changes', 'BelowTarget', 'Intervals', 'Problems']);

    const league = wb.getWorksheet('League')!;
    expect(league.pageSetup.orientation).toBe('landscape');
    expect(league.pageSetup.paperSize).toBe(9);
    const head = league.getRow(3).values as unknown[];
    expect(head).toContain('Tổng điểm / Total');
    expect(head).toContain('Hạng / Rank');
    // Rows: the 2022 unit, the four 2023 units best first, then the two district roll-ups.
    const body = [4, 5, 6, 7, 8, 9, 10].map((r) => league.getRow(r));
    const code = (r: ExcelJS.Row) => r.getCell(3).value;
    expect(body.map(code)).toEqual(['D01', 'D01', 'C01', 'B01', 'A01', 'An Giang/Tân Châu', 'An Giang/Tân Châu']);
    expect(body.map((r) => r.getCell(4).value)).toContain('=Xã A'); // user text stays a string
    for (const row of body) {
      const card = cards.find((c) => c.unit.code === code(row) && c.unit.year === row.getCell(5).value)!;
      // Score cells hold the shown 2-decimal value (src/format/score.ts).
      const shown = (v: number | null) => Math.round(v! * 100) / 100;
      expect(row.getCell(7).value).toBe(shown(card.total.score));
      expect(row.getCell(7).numFmt).toBe('0.00');
      expect(row.getCell(8).value).toBe(shown(card.total.ciLow));
      expect(row.getCell(9).value).toBe(shown(card.total.ciHigh));
      expect(row.getCell(11).value).toBe(shown(card.dimensions[0].score));
    }
    // 2023 units ranked 1..4 with groups (the 2022 unit alone has none).
    expect(body.slice(1, 5).map((r) => r.getCell(1).value)).toEqual([1, 2, 3, 4]);
    expect(body[1].getCell(10).value).toBe('Nhóm đạt điểm cao nhất / Best');
    expect((body[1].getCell(7).fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FF2E7D32');
    expect(body[4].getCell(10).value).toBe('Nhóm đạt điểm thấp nhất / Lowest');
    expect(body[0].getCell(10).value).toBe('–');

    const images = wb.getWorksheet('Chart')!.getImages();
    expect(images).toHaveLength(1);
    const media = (wb.model as unknown as { media: { extension: string; buffer: Uint8Array }[] }).media;
    expect(media[0].extension).toBe('png');
    expect(Buffer.from(media[0].buffer).subarray(1, 4).toString()).toBe('PNG');

    const change = wb.getWorksheet('Changes')!;
    // Communes first, then the district roll-up given in both years.
    expect(change.getColumn(1).values.slice(2)).toEqual(['D01', 'An Giang/Tân Châu']);
    expect(change.getRow(2).getCell(4).value).toBe(2022);
    const d23 = cards.find((c) => c.unit.code === 'D01' && c.unit.year === 2023)!;
    const d22 = cards.find((c) => c.unit.code === 'D01' && c.unit.year === 2022)!;
    // The shown change: the difference of the shown totals, in hundredths (methodology §6).
    expect(change.getRow(2).getCell(8).value).toBe((Math.round(d23.total.score! * 100) - Math.round(d22.total.score! * 100)) / 100);

    const below = wb.getWorksheet('BelowTarget')!;
    const belowCodes = cards.filter((c) => c.total.status === 'below').map((c) => `${c.unit.code}|${c.unit.year}`);
    expect(belowCodes.length).toBeGreaterThan(0);
    const listed: string[] = [];
    below.eachRow((row, n) => n > 1 && row.getCell(4).value === 'Tổng / Total' && listed.push(`${row.getCell(1).value}|${row.getCell(3).value}`));
    expect(listed.sort()).toEqual(belowCodes.sort());
  });
});
