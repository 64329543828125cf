import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { loadFramework } from '../../src/framework/load.js';
import { scoreWorkbook } from '../../src/pipeline.js';
import { idPrefix, loadSampleUnitsFile, sampleSize, unitQuality, writeSampleSet } from '../../src/sample/index.js';

describe('writeSampleSet', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'chiso-samples-'));
  afterAll(() => rm(dir, { recursive: true, force: true }));
  const all = loadSampleUnitsFile();
  const file = { ...all, units: all.units.filter((u) => u.slug === 'long-thanh') };
  const written = await writeSampleSet(dir, file);

  it('writes <slug>-<year>.xlsx per unit-year and the errors demo', () => {
    expect(written.map((w) => basename(w.path))).toEqual(['long-thanh-2022.xlsx', 'long-thanh-2023.xlsx', 'errors-demo.xlsx']);
    for (const w of written.slice(0, 2)) {
      expect(w.respondents).toBeGreaterThanOrEqual(150);
      expect(w.respondents).toBeLessThanOrEqual(400);
    }
    expect(written[2].errors).toBe(true);
  });

  it('regenerates byte-identical files', async () => {
    const before = await readFile(written[1].path);
    const again = await mkdtemp(join(tmpdir(), 'chiso-samples-'));
    try {
      await writeSampleSet(again, file);
      expect((await readFile(join(again, 'long-thanh-2023.xlsx'))).equals(before)).toBe(true);
    } finally {
      await rm(again, { recursive: true, force: true });
    }
  });

  it('fills Unit, Responses, Targets and Plan from units.json', async () => {
    const unit = file.units[0];
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(written[1].path);
    const fields: Record<string, unknown> = {};
    workbook.getWorksheet('Unit')!.eachRow((row, r) => {
      if (r > 1) fields[String(row.getCell(1).value)] = row.getCell(2).value;
    });
    expect(fields).toEqual({
      province: unit.province, district: unit.district, unit: unit.unit, unit_code: unit.unit_code, year: 2023, framework: 'papi-28',
    });
    const responses = workbook.getWorksheet('Responses')!;
    expect(responses.actualRowCount - 1).toBe(written[1].respondents);
    expect(responses.getCell('A2').value).toBe('LT-2023-0001');
    // rows with a level in column A (the legend of codes sits in columns E–F / G–H beside them)
    const levelRows = (name: string) => {
      let n = 0;
      workbook.getWorksheet(name)!.eachRow((row, r) => {
        if (r > 1 && row.getCell(1).value !== null) n++;
      });
      return n;
    };
    expect(levelRows('Targets')).toBe(unit.targets.length);
    expect(levelRows('Plan')).toBe(unit.tasks.length);
    expect(workbook.getWorksheet('Plan')!.getCell('B2').value).toBe(unit.tasks[0].task);
  });

  it('scores near the unit\'s latent quality, totals in the PAPI band, errors only in the demo', async () => {
    const unit = file.units[0];
    const clean = await scoreWorkbook(written[1].path, { fileName: 'long-thanh-2023.xlsx' });
    expect(clean.problems.filter((p) => p.severity !== 'info')).toEqual([]);
    const card = clean.scorecards[0];
    const quality = unitQuality(loadFramework('papi-28'), unit.unit_code, 2023, unit.quality, file.long_run_means);
    for (const d of card.dimensions) expect(Math.abs((d.score ?? 0) - quality.dimensions[d.code]), d.code).toBeLessThan(0.5);
    expect(card.total.score).toBeGreaterThan(38);
    expect(card.total.score).toBeLessThan(49);
    const demo = await scoreWorkbook(written[2].path, { fileName: 'errors-demo.xlsx' });
    const codes = new Set(demo.problems.filter((p) => p.severity === 'error').map((p) => p.code));
    expect([...codes].sort()).toEqual(['duplicate-respondent', 'invalid-answer', 'invalid-weight']);
  });
});

describe('sample naming', () => {
  it('makes id prefixes from unit names', () => {
    expect(idPrefix('Phường Long Thạnh')).toBe('LT');
    expect(idPrefix('Xã Liên Hội')).toBe('LH');
    expect(idPrefix('Phường Dương Nội')).toBe('DN');
    expect(idPrefix('Phường 2')).toBe('P2');
    expect(idPrefix('Thị trấn Na Sầm')).toBe('NS');
  });

  it('varies sample sizes within 150–400', () => {
    const sizes = ['30316', '06268', '09886', '19537'].flatMap((c) => [2022, 2023].map((y) => sampleSize(c, y)));
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(150);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(400);
    expect(new Set(sizes).size).toBeGreaterThan(4);
  });
});
