import { describe, expect, it } from 'vitest';
import { columnLetters } from '../../src/diagnostics/problem.js';
import { scoreInput, scoreWorkbook, type WorkbookResult } from '../../src/pipeline.js';
import type { Scorecard } from '../../src/scoring/types.js';
import { exportTable, freshSample, readTemplateResponses, toCsv, toKoboXlsx } from './exports.js';

/**
 * A scorecard without what only a template's Unit and Targets sheets can say (province, district,
 * the plan's targets) or the file name: every score, SE, CI and count must be the same.
 */
const untargeted = <T extends object>(s: T) => ({ ...s, target: null, gap: null, status: null });
const comparable = (cards: Scorecard[]) =>
  cards.map((c) => ({
    ...c,
    file: '',
    unit: { ...c.unit, province: '', district: '' },
    total: untargeted(c.total),
    dimensions: c.dimensions.map(untargeted),
    subdimensions: c.subdimensions.map(untargeted),
  }));

describe.each(['lien-hoi-2024', 'duong-noi-2021'] as const)('exports of a sample like %s score as the template does', async (name) => {
  const sample = await freshSample(name);
  const template = await readTemplateResponses(sample);
  const fromTemplate = await scoreWorkbook(sample, { fileName: sample });

  const check = (result: WorkbookResult) => {
    expect(result.fatal).toBe(false);
    expect(result.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(comparable(result.scorecards)).toEqual(comparable(fromTemplate.scorecards));
    expect(result.scorecards[0].respondents).toBe(template.rows.length);
  };

  it('ODK Central CSV (group paths joined by -), unit and year from columns', async () => {
    check(await scoreInput(toCsv(exportTable(template, 'odk')), { fileName: 'odk.csv' }));
  });

  it('KoboToolbox CSV (XML headers, / paths, ; delimiter)', async () => {
    check(await scoreInput(toCsv(exportTable(template, 'kobo'), ';'), { fileName: 'kobo.csv' }));
  });

  it('KoboToolbox XLSX, numbers partly as text', async () => {
    check(await scoreInput(await toKoboXlsx(exportTable(template, 'kobo')), { fileName: 'kobo.xlsx' }));
  });

  it('ODK CSV without unit_code and year columns, given --unit and --year', async () => {
    const code = fromTemplate.scorecards[0].unit.code;
    check(await scoreInput(toCsv(exportTable(template, 'odk', false)), { fileName: 'odk.csv', exports: { unitCode: code, year: template.year } }));
  });
});

describe('an export with errors points at its own rows and columns', async () => {
  const sample = await freshSample('errors-demo');
  const template = await readTemplateResponses(sample);
  const fromTemplate = await scoreWorkbook(sample, { fileName: sample });
  const table = exportTable(template, 'odk');
  const fromExport = await scoreInput(toCsv(table), { fileName: 'errors.csv' });

  it('every Responses problem of the template is in the export, at the same row and the moved column', () => {
    const at = new Map(template.header.map((_, c) => [columnLetters(c + 1), table.columnOf[c] === undefined ? null : columnLetters(table.columnOf[c] + 1)]));
    const expected = fromTemplate.problems
      .filter((p) => p.sheet === 'Responses' && p.cell)
      .map((p) => {
        const [, letters, row] = p.cell.match(/^([A-Z]+)(\d+)$/)!;
        return `${p.severity} ${p.code} ${at.get(letters)}${row}`;
      });
    const got = fromExport.problems.filter((p) => p.sheet === 'errors' && p.cell && p.cell !== 'A1').map((p) => `${p.severity} ${p.code} ${p.cell}`);
    expect(expected.length).toBeGreaterThan(5);
    expect(got.sort()).toEqual(expected.sort());
    expect(comparable(fromExport.scorecards)).toEqual(comparable(fromTemplate.scorecards));
  });
});

describe('export problems', () => {
  const header = 'dim_1-d1a_01,dim_1-d1a_02,meta-instanceID';
  const csv = (text: string) => new TextEncoder().encode(text);

  it('no unit: a clear error, not a guess', async () => {
    const r = await scoreInput(csv(`${header}\n1,1,uuid:a\n`), { fileName: 'x.csv', exports: { year: 2024 } });
    expect(r.fatal).toBe(true);
    expect(r.problems.map((p) => p.code)).toEqual(['export-no-unit']);
  });

  it('no year and no --framework', async () => {
    const r = await scoreInput(csv(`${header}\n1,1,uuid:a\n`), { fileName: 'x.csv', exports: { unitCode: '06268' } });
    expect(r.problems.map((p) => `${p.code} ${p.cell}`)).toEqual(['export-no-year A1']);
  });

  it('no instance id column', async () => {
    const r = await scoreInput(csv('dim_1-d1a_01\n1\n'), { fileName: 'x.csv', exports: { unitCode: '1', year: 2024 } });
    expect(r.problems.map((p) => p.code)).toEqual(['export-no-id']);
  });

  it('a row of another year is an error at its cell and left out; the others are scored', async () => {
    const text = `dim_1-d1a_01,unit_info-unit_code,unit_info-year,meta-instanceID\n1,06268,2024,uuid:a\n0,06268,2023,uuid:b\n1,06268,2024,uuid:c\n`;
    const r = await scoreInput(csv(text), { fileName: 'x.csv' });
    expect(r.problems.filter((p) => p.severity === 'error').map((p) => `${p.code} ${p.sheet}!${p.cell}`)).toEqual(['export-year-mismatch x!C3']);
    expect(r.scorecards[0].respondents).toBe(2);
    expect(r.scorecards[0].unit).toMatchObject({ code: '06268', year: 2024 });
    expect(r.scorecards[0].framework).toBe('papi-28');
  });

  it('an unclosed quote: the rows before it are scored, the error names its row', async () => {
    const text = `${header}\n1,1,uuid:a\n0,1,uuid:b\n"1,1,uuid:c\n1,0,uuid:d\n`;
    const r = await scoreInput(csv(text), { fileName: 'x.csv', exports: { unitCode: '1', year: 2024 } });
    expect(r.problems.filter((p) => p.severity === 'error').map((p) => `${p.code} ${p.cell}`)).toEqual(['export-malformed-csv A4']);
    expect(r.scorecards[0].respondents).toBe(2);
  });

  it('an invalid answer in an export is at its row and column letter', async () => {
    const r = await scoreInput(csv(`${header}\n1,1,uuid:a\n7,1,uuid:b\n`), { fileName: 'x.csv', exports: { unitCode: '1', year: 2024 } });
    expect(r.problems.filter((p) => p.severity === 'error').map((p) => `${p.code} ${p.sheet}!${p.cell}`)).toEqual(['invalid-answer x!A3']);
  });
});
