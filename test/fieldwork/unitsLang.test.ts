/**
 * The field-work commands with the units registry (`--units`) and `--lang`,
 * after the merge with the registry and the diagnostics catalogue: an export's
 * `--unit CODE` is checked against the registry like a workbook's unit_code,
 * plan-sample and xlsform take --units, and their text follows --lang.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli.js';
import { captureIo } from '../cli/io.js';
import { exportTable, freshSample, readTemplateResponses, toCsv } from './exports.js';
import { readXlsForm } from './xlsformRules.js';

const dir = mkdtempSync(join(tmpdir(), 'chiso-fieldwork-units-'));
// samples/units.csv row 11: 06268,Xã Liên Hội,commune,184,,2024 (district 184 up to 2024).
const registry = 'samples/units.csv';

describe('field-work commands with --units and --lang', async () => {
  const sample = await freshSample('lien-hoi-2024');
  const csv = join(dir, 'lien-hoi-2024.csv');
  // An ODK export without unit_code/year columns: the unit comes from --unit only.
  writeFileSync(csv, toCsv(exportTable(await readTemplateResponses(sample), 'odk', false)));

  it('an export unit code unknown to the registry is an error at the file, not at a "Unit" sheet the export does not have', async () => {
    const io = captureIo();
    expect(await run(['score', csv, '--unit', '99999', '--year', '2024', '--units', registry, '--json'], io)).toBe(1);
    const lines = io.stderr.join('\n').split('\n');
    expect(lines).toContain(`${csv}: error unknown-unit: mã đơn vị "99999" không có trong danh mục đơn vị năm 2024`);
  });

  it('an export --unit that lost its zeros is matched to the registry code and named by the registry', async () => {
    const io = captureIo();
    expect(await run(['score', csv, '--unit', '6268', '--year', '2024', '--units', registry, '--json', '--lang', 'en'], io)).toBe(0);
    const json = JSON.parse(io.stdout.join(''));
    expect(json.scorecards[0].unit).toMatchObject({ code: '06268', name: 'Xã Liên Hội', year: 2024 });
    expect(json.problems.map((p: { code: string }) => p.code)).toEqual(['unit-code-padded']);
    expect(json.problems[0].message).toContain('06268');
  });

  it('check of an export with --units: 06268 is known, no problems', async () => {
    const io = captureIo();
    expect(await run(['check', csv, '--unit', '06268', '--year', '2024', '--units', registry], io)).toBe(0);
    expect(io.stderr.join('\n')).toContain('0 lỗi, 0 cảnh báo');
  });

  it('plan-sample speaks Vietnamese by default (decimal comma) and English with --lang en, with or without --units', async () => {
    const vi = captureIo();
    expect(await run(['plan-sample', sample, '--margin', '0,25', '--units', registry], vi)).toBe(0);
    const viText = vi.stdout.join('\n');
    expect(viText).toMatch(/^Xã Liên Hội 2024: năm sau cần phỏng vấn \d+ người để khoảng tin cậy 95% của mọi chỉ số nội dung không quá ±0,25 điểm/);
    expect(viText).toMatch(/\n {2}chỉ số nội dung 1: hiện nay ±\d,\d\d, dự kiến ±\d,\d\d với \d+ người/);
    const en = captureIo();
    expect(await run(['plan-sample', sample, '--margin', '0,25', '--lang', 'en'], en)).toBe(0);
    expect(en.stdout.join('\n')).toMatch(/^Xã Liên Hội 2024: interview \d+ respondents next year for a 95% CI of ±0\.25 points on every dimension/);
    expect(en.stderr.join('\n')).toContain('0 errors, 0 warnings');
    // The same number in both languages.
    expect(viText.match(/phỏng vấn (\d+)/)![1]).toBe(en.stdout.join('\n').match(/interview (\d+)/)![1]);
  });

  it('plan-sample refuses a registry with errors (exit 2), as every command does', async () => {
    const bad = join(dir, 'units-bad.csv');
    writeFileSync(bad, 'code,name,level,parent,from,to,predecessors\n06268,Xã Liên Hội,commune,,2024,2020,\n');
    expect(await run(['plan-sample', sample, '--units', bad], captureIo())).toBe(2);
  });

  it('xlsform --units pre-fills the registry code (6268 → 06268) and refuses an unknown one', async () => {
    const out = join(dir, 'form.xlsx');
    expect(await run(['xlsform', '-o', out, '--unit', '6268', '--year', '2024', '--units', registry], captureIo())).toBe(0);
    const form = await readXlsForm(new Uint8Array(readFileSync(out)));
    expect(form.survey.find((r) => r.name === 'unit_code')?.default).toBe('06268');
    const io = captureIo();
    expect(await run(['xlsform', '-o', join(dir, 'x.xlsx'), '--unit', '99999', '--year', '2024', '--units', registry, '--lang', 'en'], io)).toBe(2);
    expect(io.stderr.join('\n')).toContain('error unknown-unit: unit code "99999" is not in the units registry for 2024');
    expect(await run(['xlsform', '--unit', '06268', '--units', registry], captureIo())).toBe(64);
  });
});
