/**
 * The CLI's league workbook (`score --rollup province --units R --plan P -o`) is the desk's: the same
 * builder (src/report/league.ts), with RollUp, Changes and Missing where the data exists.
 * Framework oneDimension (test/units/workbooks.ts): T = 1 + 9·(m1 + m2)/2, rows [weight, q1, q2],
 * m1 = Σw·q1/Σw, m2 = Σw·(q2 − 1)/4 / Σw. Registry: test/units/registry.ts.
 *   98001 2024 [1,1,5] [1,0,1]   m1 = 1/2, m2 = 1/2          T = 5.5
 *   98002 2024 [1,1,5] [1,1,3]   m1 = 1,   m2 = 3/4          T = 8.875
 *   98003 2024 [2,0,1] [1,1,3]   m1 = 1/3, m2 = 1/6          T = 3.25
 *   98001 2023 [1,1,5] [1,1,5]   m1 = 1,   m2 = 1            T = 10 (--previous) → change 5.50 − 10.00 = −4.50
 *   district 980 (98001, 98002): W = 4, m1 = 3/4, m2 = 2.5/4  T = 7.1875
 *   district 981 (98003 only)                                T = 3.25
 *   province 98: W = 7, Σw·q1 = 4, Σw·(q2−1)/4 = 3 → S = 1/2  T = 5.5; plan target 6,00
 *   missing in 2024: 98004 Xã Dương and 98005 Xã Đông Hải, both under 981 Huyện Tây.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli.js';
import { captureIo } from '../cli/io.js';
import { buildWorkbook, toBytes } from '../ingest/workbook.js';
import { column, rowWhere } from '../league/sheets.js';
import { oneDimension, workdir } from '../units/workbooks.js';

describe('score --rollup -o: the league workbook', () => {
  it('has the roll-up against its plan, the changes and the missing communes, like the desk', async () => {
    const w = workdir('chiso-cli-league-');
    const a = await w.workbook('a.xlsx', { unit: 'Xã An', unit_code: '98001' }, [[1, 1, 5], [1, 0, 1]]);
    const b = await w.workbook('b.xlsx', { unit: 'Xã Bình', unit_code: '98002' }, [[1, 1, 5], [1, 1, 3]]);
    const c = await w.workbook('c.xlsx', { unit: 'Xã Cát', unit_code: '98003' }, [[2, 0, 1], [1, 1, 3]]);
    const a23 = await w.workbook('a23.xlsx', { unit: 'Xã An', unit_code: '98001', year: 2023 }, [[1, 1, 5], [1, 1, 5]]);
    const plan = join(w.dir, 'kế hoạch 98.xlsx');
    writeFileSync(
      plan,
      await toBytes(
        buildWorkbook({ framework: oneDimension, unit: { unit_code: '98', year: 2024 }, header: ['respondent_id'], rows: [], targets: [['total', '6,00']], plan: [['total', 'Tăng cường niêm yết công khai', 'Văn phòng UBND tỉnh', '', 'Quý II']] }),
      ),
    );
    const output = join(w.dir, 'league.xlsx');
    const io = captureIo();
    const code = await run(['score', a, b, c, '--previous', a23, '--units', w.registry, '--rollup', 'province', '--plan', plan, '-o', output], io);
    expect(code, io.stderr.join('\n')).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(output) as never);
    expect(wb.worksheets.map((s) => s.name)).toEqual(['League', 'Chart', 'RollUp', 'Changes', 'Missing', 'BelowTarget', 'Intervals', 'Problems']);
    for (const sheet of wb.worksheets) expect(sheet.pageSetup.paperSize, sheet.name).toBe(9);

    const league = wb.getWorksheet('League')!;
    const cat = rowWhere(league, 3, { [column(league, 3, 'Mã')]: '98003' });
    expect(cat.getCell(column(league, 3, 'Tổng điểm')).value).toBe(3.25);
    expect(cat.getCell(column(league, 3, 'Hạng')).value).toBe(3); // 8.875 > 5.5 > 3.25 among the communes

    expect(wb.getWorksheet('Chart')!.getImages()).toHaveLength(1);

    const rollUp = wb.getWorksheet('RollUp')!;
    expect(String(rollUp.getCell('A2').value)).toContain('kế hoạch 98.xlsx');
    // The province first (the widest roll-up), its total row then its one dimension; then district 980.
    expect(rollUp.getRow(4).getCell(column(rollUp, 3, 'Đơn vị')).value).toBe('Tỉnh Thử Nghiệm');
    expect(rollUp.getRow(4).getCell(column(rollUp, 3, 'Điểm')).value).toBe(5.5);
    expect(rollUp.getRow(4).getCell(column(rollUp, 3, 'Chỉ tiêu')).value).toBe(6);
    expect(rollUp.getRow(4).getCell(column(rollUp, 3, 'Chênh lệch')).value).toBe(-0.5);
    expect(rollUp.getRow(6).getCell(column(rollUp, 3, 'Đơn vị')).value).toBe('Huyện Đông');
    expect(rollUp.getRow(6).getCell(column(rollUp, 3, 'Điểm')).value).toBe(7.19);
    const tasks: string[] = [];
    rollUp.eachRow((row) => row.eachCell((cell) => typeof cell.value === 'string' && cell.value.startsWith('Tăng cường') && tasks.push(cell.value)));
    expect(tasks).toEqual(['Tăng cường niêm yết công khai']);

    const changes = wb.getWorksheet('Changes')!;
    const an = rowWhere(changes, 1, { 1: '98001' });
    expect(an.getCell(column(changes, 1, 'Tổng điểm trước')).value).toBe(10);
    expect(an.getCell(column(changes, 1, 'Tổng điểm sau')).value).toBe(5.5);
    expect(an.getCell(column(changes, 1, 'Thay đổi')).value).toBe(-4.5);

    const missing = wb.getWorksheet('Missing')!;
    expect([2, 3].map((r) => (missing.getRow(r).values as unknown[]).slice(1))).toEqual([
      ['98004', 'Xã Dương', 'Huyện Tây (981)', 2024],
      ['98005', 'Xã Đông Hải', 'Huyện Tây (981)', 2024],
    ]);
    expect(missing.getRow(4).getCell(1).value).toBeNull();

    // The dimensions' CIs: the League holds the scores only, so that it prints one page wide.
    const intervals = wb.getWorksheet('Intervals')!;
    const catCi = rowWhere(intervals, 1, { 1: '98003' });
    expect(catCi.getCell(column(intervals, 1, '1. Điểm')).value).toBe(3.25);
    expect(Number(catCi.getCell(column(intervals, 1, '1. Cận dưới')).value)).toBeLessThan(3.25);
    expect(Number(catCi.getCell(column(intervals, 1, '1. Cận trên')).value)).toBeGreaterThan(3.25);
    expect((league.getRow(3).values as unknown[]).filter((v) => typeof v === 'string' && v.includes('Cận dưới'))).toHaveLength(1); // the total's

    // The missing communes are the Missing sheet's, not repeated as Problems (100 missing communes made 11 pages).
    const problems = wb.getWorksheet('Problems')!;
    const codes = (problems.getColumn(column(problems, 1, 'Mã thông báo')).values as unknown[]).filter((v) => v === 'rollup-missing-unit');
    expect(codes).toHaveLength(0);
    expect(io.stderr.join('\n')).toContain('98004'); // still said on the terminal
  });

  it('without --units there is no Missing sheet (nothing says which communes are expected)', async () => {
    const w = workdir('chiso-cli-league2-');
    const a = await w.workbook('a.xlsx', { unit: 'Xã An', unit_code: '98001', district: 'Huyện Đông', province: 'Tỉnh Thử Nghiệm' }, [[1, 1, 5], [1, 0, 1]]);
    const b = await w.workbook('b.xlsx', { unit: 'Xã Bình', unit_code: '98002', district: 'Huyện Đông', province: 'Tỉnh Thử Nghiệm' }, [[1, 1, 5], [1, 1, 3]]);
    const output = join(w.dir, 'league.xlsx');
    expect(await run(['score', a, b, '--rollup', 'district', '-o', output], captureIo())).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(output) as never);
    expect(wb.worksheets.map((s) => s.name)).toEqual(['League', 'Chart', 'RollUp', 'BelowTarget', 'Intervals', 'Problems']);
    const rollUp = wb.getWorksheet('RollUp')!;
    expect(rollUp.getRow(4).getCell(column(rollUp, 3, 'Điểm')).value).toBe(7.19); // district 980's 7.1875
    expect(String(rollUp.getCell('A2').value)).toContain('Chưa có kế hoạch');
  });

  it('a roll-up of workbooks whose codebooks differ warns and pools only the shared items (issue 15 item 6)', async () => {
    // 98001 without q2, 98002 with both: shared q1 only, so S = m1 of the pool; q1 = 1, 0, 1, 1 with
    // weights 1 → m1 = 3/4, T = 1 + 9·3/4 = 7.75 (the union would give m2 = 1 from 98002 alone, S = 0.875,
    // T = 8.875). As the desk's test (test/desk/league.test.ts), here from files on the command line.
    const w = workdir('chiso-cli-league3-');
    const a = join(w.dir, 'a.xlsx');
    writeFileSync(a, await toBytes(buildWorkbook({ framework: oneDimension, unit: { unit: 'Xã An', unit_code: '98001', year: 2024 } as never, header: ['respondent_id', 'weight', 'q1'], rows: [['a1', 1, 1], ['a2', 1, 0]] })));
    const b = await w.workbook('b.xlsx', { unit: 'Xã Bình', unit_code: '98002' }, [[1, 1, 5], [1, 1, 5]]);
    const output = join(w.dir, 'league.xlsx');
    const io = captureIo();
    expect(await run(['score', a, b, '--units', w.registry, '--rollup', 'district', '--json', '--lang', 'en', '-o', output], io)).toBe(0);
    const json = JSON.parse(io.stdout.join(''));
    const district = json.scorecards.find((c: { level: string }) => c.level === 'district');
    expect(district.total.score).toBeCloseTo(7.75, 10);
    const warning = json.problems.find((p: { code: string }) => p.code === 'rollup-items-differ');
    expect(warning).toMatchObject({ severity: 'warning' });
    expect(warning.message).toContain('q2');
    // …and the league workbook's Problems sheet says so too.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(output) as never);
    const problems = wb.getWorksheet('Problems')!;
    expect((problems.getColumn(column(problems, 1, 'Mã thông báo')).values as unknown[]).filter((v) => v === 'rollup-items-differ')).toHaveLength(1);
  });
});
