import { describe, expect, it } from 'vitest';
import { loadFramework } from '../../src/framework/load.js';
import { findSampleUnit, levelCodes, loadSampleUnits, loadSampleUnitsFile } from '../../src/sample/units.js';

function strings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) value.forEach((v) => strings(v, out));
  else if (value && typeof value === 'object') Object.values(value).forEach((v) => strings(v, out));
  return out;
}

describe('samples/units.json', () => {
  const file = loadSampleUnitsFile();
  const units = loadSampleUnits();

  it('validates and holds the four units of the seed plans', () => {
    expect(units.map((u) => u.unit)).toEqual(['Phường Long Thạnh', 'Xã Liên Hội', 'Phường Dương Nội', 'Phường 2']);
    expect(Object.keys(file.long_run_means).sort()).toEqual(['1', '2', '3', '4', '5', '6', '7', '8']);
  });

  it('names only codes its frameworks know, in every target and task', () => {
    for (const unit of units) {
      for (const { year, framework: id } of unit.years) {
        const fw = loadFramework(id);
        const known = new Set(['total', ...fw.dimensions.map((d) => d.code), ...fw.subdimensions.map((s) => s.code)]);
        for (const row of [...unit.targets, ...unit.tasks]) {
          for (const code of levelCodes(row.level)) {
            expect(known.has(code), `${unit.slug} ${year} (${id}): unknown level ${code}`).toBe(true);
          }
        }
      }
    }
  });

  it('uses papi-29 before 2021 and papi-28 from 2021 on', () => {
    for (const unit of units) {
      for (const { year, framework } of unit.years) expect(framework).toBe(year < 2021 ? 'papi-29' : 'papi-28');
    }
  });

  it('has 8–30 tasks per unit and a quality hint for every dimension', () => {
    for (const unit of units) {
      expect(unit.tasks.length, unit.slug).toBeGreaterThanOrEqual(8);
      expect(unit.tasks.length, unit.slug).toBeLessThanOrEqual(30);
      expect(Object.keys(unit.quality).sort()).toEqual(['1', '2', '3', '4', '5', '6', '7', '8']);
    }
  });

  it('keeps the Long Thạnh 2023 targets of its plan', () => {
    const lt = findSampleUnit('long-thanh')!;
    expect(Object.fromEntries(lt.targets.map((t) => [t.level, t.target]))).toEqual({
      '1': 6, '2': 6, '3': 6, '4': 7.5, '5': 7.6, '6': 7.8, '7': 6, '8': 6,
    });
    expect(lt.years.map((y) => y.year)).toEqual([2022, 2023]);
  });

  it('maps the Liên Hội appendix to our codes', () => {
    const lh = findSampleUnit('Xã Liên Hội')!;
    const levels = new Set(lh.tasks.map((t) => t.level));
    for (const level of ['4d', '6c', '6d', '7b,7c']) expect(levels.has(level), level).toBe(true);
    expect(levels.has('4b')).toBe(false);
    expect(levels.has('6b')).toBe(false);
    expect(lh.targets).toEqual([]);
  });

  it('finds units by slug, code or name', () => {
    expect(findSampleUnit('09886')?.slug).toBe('duong-noi');
    expect(findSampleUnit('dương nội')?.slug).toBe('duong-noi');
    expect(findSampleUnit('Phường 2')?.slug).toBe('phuong-2-quang-tri');
    expect(findSampleUnit('Phường Long Thạnh'.normalize('NFD'))?.slug).toBe('long-thanh');
    expect(findSampleUnit('nowhere')).toBeUndefined();
  });

  it('is written in NFC throughout', () => {
    for (const text of strings(file)) expect(text === text.normalize('NFC'), text).toBe(true);
  });
});
