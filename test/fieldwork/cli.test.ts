import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli.js';
import { captureIo } from '../cli/io.js';
import { exportTable, freshSample, readTemplateResponses, toCsv } from './exports.js';
import { readXlsForm, xlsFormErrors } from './xlsformRules.js';

const dir = mkdtempSync(join(tmpdir(), 'chiso-fieldwork-'));

describe('field-work commands', async () => {
  const sample = await freshSample('lien-hoi-2024');
  const csv = join(dir, 'lien-hoi-2024.csv');
  writeFileSync(csv, toCsv(exportTable(await readTemplateResponses(sample), 'odk', false)));

  it('score and plan-sample read an ODK export with --unit/--year; the plan equals the template’s', async () => {
    const io = captureIo();
    expect(await run(['score', csv, '--json', '--unit', '06268', '--year', '2024'], io)).toBe(0);
    const card = JSON.parse(io.stdout.join('')).scorecards[0];
    expect(card.unit).toMatchObject({ code: '06268', year: 2024 });
    expect(card.quality).toEqual({ straightLining: 0, nearDuplicates: 0, nearDuplicatePairs: 0, nearDuplicatePairsCapped: false, duplicateCheck: 'pairwise' });

    const fromExport = captureIo();
    expect(await run(['plan-sample', csv, '--unit', '06268', '--year', '2024', '--margin', '0,2', '--json'], fromExport)).toBe(0);
    const fromTemplate = captureIo();
    expect(await run(['plan-sample', sample, '--margin', '0.2', '--json'], fromTemplate)).toBe(0);
    const a = JSON.parse(fromExport.stdout.join(''));
    const b = JSON.parse(fromTemplate.stdout.join(''));
    expect(a).toEqual(b);
    expect(a.margin).toBe(0.2);
    expect(Object.keys(a.dimensions[0])).toEqual(['code', 'halfWidth', 'expectedHalfWidth']);
  });

  it('check prints export problems at the CSV’s row and column', async () => {
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, 'dim_1-d1a_01,dim_1-d1a_02,meta-instanceID\n1,1,uuid:a\n7,1,uuid:b\n');
    const io = captureIo();
    expect(await run(['check', bad, '--unit', '06268', '--year', '2024'], io)).toBe(1);
    expect(io.stderr.join('\n')).toMatch(/bad\.csv:bad!A3: error invalid-answer: /);
  });

  it('--annotate of an export says why there is no copy instead of failing', async () => {
    const io = captureIo();
    const out = join(dir, 'report.xlsx');
    expect(await run(['score', csv, '--unit', '06268', '--year', '2024', '-o', out, '--annotate', join(dir, 'marked.xlsx')], io)).toBe(0);
    expect(io.stderr.join('\n')).toContain('--annotate chỉ đánh dấu trên tệp nhập liệu theo mẫu của chiso');
    expect(readFileSync(out).length).toBeGreaterThan(10000);
  });

  it('usage errors: a bad margin, a bad year, a compare --year per input', async () => {
    expect(await run(['plan-sample', sample, '--margin', 'abc'], captureIo())).toBe(64);
    expect(await run(['score', csv, '--year', '24'], captureIo())).toBe(64);
    expect(await run(['compare', csv, csv, '--year', '2024'], captureIo())).toBe(64);
  });

  it('xlsform -o writes a form that keeps the rules', async () => {
    const out = join(dir, 'form.xlsx');
    const io = captureIo();
    expect(await run(['xlsform', '-o', out, '--framework', 'papi-28', '--unit', '06268', '--year', '2025'], io)).toBe(0);
    expect(xlsFormErrors(await readXlsForm(new Uint8Array(readFileSync(out))))).toEqual([]);
    expect(await run(['xlsform', '--unit', 'Xã Liên Hội'], captureIo())).toBe(64);
  });

  it('xlsform --xform -o writes the XForm XML: the form id, version and pre-filled unit of the XLSForm', async () => {
    const out = join(dir, 'form.xml');
    expect(await run(['xlsform', '--xform', '-o', out, '--framework', 'papi-29', '--unit', '06268', '--year', '2019'], captureIo())).toBe(0);
    const xml = readFileSync(out, 'utf8');
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
    expect(xml).toMatch(/<data id="chiso_papi_29" version="papi-29-[0-9a-f]{8}">/);
    expect(xml).toContain('<unit_code>06268</unit_code>');
    expect(xml).toContain('<year>2019</year>');
  });
});
