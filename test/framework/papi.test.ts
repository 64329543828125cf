import { describe, expect, it } from 'vitest';
import { frameworkProblems, listFrameworks, loadFramework, summarizeIssues } from '../../src/framework/load.js';
import { frameworkSchema, type Framework } from '../../src/framework/schema.js';
import { isFilterQuestion, sectionOfItems } from '../../src/framework/sections.js';

const SUBS_PER_DIMENSION: Record<string, number> = { '1': 4, '2': 4, '3': 3, '4': 4, '5': 4, '6': 4, '7': 3, '8': 3 };

function strings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) value.forEach((v) => strings(v, out));
  else if (value && typeof value === 'object') Object.values(value).forEach((v) => strings(v, out));
  return out;
}

describe('papi-29', () => {
  const fw = loadFramework('papi-29');

  it('has 8 dimensions and 29 sub-dimensions, 4+4+3+4+4+4+3+3', () => {
    expect(fw.dimensions.map((d) => d.code)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8']);
    expect(fw.subdimensions).toHaveLength(29);
    for (const [dim, k] of Object.entries(SUBS_PER_DIMENSION)) {
      expect(fw.subdimensions.filter((s) => s.dimension === dim), `dimension ${dim}`).toHaveLength(k);
    }
    for (const s of fw.subdimensions) expect(s.code.startsWith(s.dimension)).toBe(true);
  });

  it('carries the names of methodology.md §1', () => {
    const dim = (code: string) => fw.dimensions.find((d) => d.code === code)!;
    const sub = (code: string) => fw.subdimensions.find((s) => s.code === code)!;
    expect(dim('1').nameVi).toBe('Tham gia của người dân ở cấp cơ sở');
    expect(dim('2').nameVi).toBe('Công khai, minh bạch trong việc ra quyết định ở địa phương');
    expect(dim('8').nameEn).toBe('E-governance');
    expect(sub('1c').nameVi).toBe('Chất lượng bầu cử trưởng thôn/tổ trưởng tổ dân phố');
    expect(sub('5b').nameVi).toBe('Cấp phép xây dựng');
    expect(sub('8c').nameVi).toBe('Phúc đáp của chính quyền qua cổng thông tin điện tử');
  });

  it('has 100+ items with unique codes, each in a known sub-dimension, every sub-dimension with 2+ (here 3+)', () => {
    expect(fw.items.length).toBeGreaterThanOrEqual(100);
    expect(new Set(fw.items.map((i) => i.code)).size).toBe(fw.items.length);
    const subs = new Set(fw.subdimensions.map((s) => s.code));
    // An empty sub-dimension is a filter question (methodology.md §2).
    for (const item of fw.items) expect(item.subdimension === '' || subs.has(item.subdimension), item.code).toBe(true);
    for (const s of fw.subdimensions) {
      expect(fw.items.filter((i) => i.subdimension === s.code).length, s.code).toBeGreaterThanOrEqual(3);
    }
    expect(frameworkProblems(fw)).toEqual([]);
  });

  it('codes items d<sub>_NN inside their own sub-dimension, a filter question d<sub>_00 before the section it opens', () => {
    const sections = sectionOfItems(fw.items);
    fw.items.forEach((item, j) => {
      expect(item.code, item.code).toMatch(new RegExp(`^d${sections[j]}_\\d{2}$`));
      expect(item.code.endsWith('_00'), item.code).toBe(isFilterQuestion(item));
    });
  });

  it('has a filter question and relevant conditions for every section only users of a service answer', () => {
    const relevantOf = (code: string) => fw.items.find((i) => i.code === code)!.relevant;
    // health 6a, primary school 6b, certification 5a, construction permit 5b, land 5c,
    // commune procedures 5d, complaints 3b, mediation 3c, e-portal 8a/8c
    const sections: Array<[string, string[]]> = [
      ['d3b_00', ['d3b_01', 'd3b_02']],
      ['d3c_00', ['d3c_04']],
      ['d5a_00', ['d5a_01', 'd5a_02', 'd5a_03', 'd5a_04', 'd5a_05', 'd5a_06']],
      ['d5b_00', ['d5b_01', 'd5b_02', 'd5b_03', 'd5b_04']],
      ['d5c_00', ['d5c_01', 'd5c_02', 'd5c_03', 'd5c_04', 'd5c_05']],
      ['d5d_00', ['d5d_01', 'd5d_02', 'd5d_03', 'd5d_04', 'd5d_05']],
      ['d6a_00', ['d6a_03', 'd6a_04', 'd6a_06']],
      ['d6b_00', ['d6b_01', 'd6b_02', 'd6b_03', 'd6b_04', 'd6b_05']],
      ['d8a_01', ['d8a_02', 'd8a_04']],
      ['d8c_00', ['d8c_01', 'd8c_03']],
    ];
    for (const [filter, asked] of sections) for (const code of asked) expect(relevantOf(code), code).toBe(`\${${filter}} = 1`);
    expect(relevantOf('d3b_03')).toBe('${d3b_00} = 1 and ${d3b_01} = 1');
    // questions everyone answers keep no condition
    for (const code of ['d6a_01', 'd6a_02', 'd6a_05', 'd3b_04', 'd8c_04', 'd8a_01', 'd8a_03']) expect(relevantOf(code), code).toBeUndefined();
  });

  it('reads no scoring note or abbreviation to households', () => {
    for (const item of fw.items) {
      const read = [item.textVi, ...item.options.map((o) => o.labelVi)].join(' ');
      expect(read, item.code).not.toMatch(/tính là|GCNQSDĐ|người phỏng vấn ghi/);
    }
  });

  it('mixes binary, scale and number items', () => {
    const count = (t: string) => fw.items.filter((i) => i.type === t).length;
    expect(count('binary')).toBeGreaterThan(30);
    expect(count('scale')).toBeGreaterThan(30);
    expect(count('number')).toBeGreaterThanOrEqual(8);
    expect(count('number')).toBeLessThanOrEqual(12);
    for (const item of fw.items.filter((i) => i.type === 'number')) expect(item.unit, item.code).toBeTruthy();
  });

  it('never lets a missing or zero code collide with a valid answer', () => {
    for (const item of fw.items) {
      const special = [...item.missing, ...item.zero];
      expect(new Set(special).size, item.code).toBe(special.length);
      for (const code of special) {
        if (item.type === 'binary') {
          expect(item.min, item.code).toBe(0);
          expect(item.max, item.code).toBe(1);
          expect([0, 1], `${item.code}: ${code}`).not.toContain(code);
        } else {
          expect(code < item.min || code > item.max, `${item.code}: ${code} inside [${item.min}, ${item.max}]`).toBe(true);
        }
      }
    }
  });

  it('labels every answer value and every missing/zero code', () => {
    for (const item of fw.items) {
      const labelled = new Set(item.options.map((o) => o.value));
      const wanted = [...item.missing, ...item.zero];
      if (item.type === 'binary') wanted.push(0, 1);
      if (item.type === 'scale') for (let v = item.min; v <= item.max; v++) wanted.push(v);
      for (const v of wanted) expect(labelled.has(v), `${item.code}: no label for ${v}`).toBe(true);
      for (const o of item.options) {
        expect(o.labelVi, item.code).not.toBe('');
        expect(o.labelEn, item.code).not.toBe('');
      }
    }
  });

  it('uses weights 1 or 2 and a few zero codes for civic knowledge', () => {
    for (const item of fw.items) expect([1, 2]).toContain(item.weight);
    expect(fw.items.filter((i) => i.weight === 2).length).toBeGreaterThan(0);
    expect(fw.items.find((i) => i.code === 'd1a_02')!.zero).toEqual([8]);
  });

  it('is written in NFC throughout', () => {
    for (const text of strings(fw)) expect(text === text.normalize('NFC'), text).toBe(true);
  });

  it('validates against frameworkSchema as loaded', () => {
    expect(frameworkSchema.safeParse(fw).success).toBe(true);
  });
});

describe('papi-28', () => {
  const base = loadFramework('papi-29');
  const fw = loadFramework('papi-28');

  it('is papi-29 without 5b: 28 sub-dimensions, dimension 5 has 3', () => {
    expect(fw.id).toBe('papi-28');
    expect(fw.dimensions).toHaveLength(8);
    expect(fw.subdimensions).toHaveLength(28);
    expect(fw.subdimensions.filter((s) => s.dimension === '5').map((s) => s.code)).toEqual(['5a', '5c', '5d']);
    expect(fw.items.some((i) => i.subdimension === '5b')).toBe(false);
    // the 4 items of 5b and its filter question d5b_00
    expect(fw.items).toHaveLength(base.items.length - base.items.filter((i) => i.subdimension === '5b').length - 1);
    expect(fw.items.some((i) => i.code === 'd5b_00')).toBe(false);
    expect(frameworkProblems(fw)).toEqual([]);
  });

  it('keeps the item codes and wording of papi-29', () => {
    const byCode = new Map(base.items.map((i) => [i.code, i]));
    for (const item of fw.items) expect(item).toEqual(byCode.get(item.code));
  });
});

describe('loadFramework', () => {
  it('lists the framework files', () => {
    expect(listFrameworks()).toEqual(expect.arrayContaining(['papi-28', 'papi-29']));
    expect(listFrameworks()).not.toContain('framework.schema');
  });

  it('throws a clear error for an unknown or malformed id', () => {
    expect(() => loadFramework('papi-99')).toThrow(/Unknown framework "papi-99".*papi-29/);
    expect(() => loadFramework('../package')).toThrow(/Invalid framework id/);
  });

  it('returns a copy callers may change', () => {
    const a = loadFramework('papi-29');
    a.items.pop();
    expect(loadFramework('papi-29').items.length).toBe(a.items.length + 1);
  });

  it('summarises zod issues with their paths', () => {
    const result = frameworkSchema.safeParse({ id: 'X', nameVi: 'a', nameEn: 'b', dimensions: [], subdimensions: [], items: [] });
    expect(result.success).toBe(false);
    if (!result.success) expect(summarizeIssues(result.error)).toMatch(/^id: .*dimensions: /);
  });

  it('finds cross-reference errors', () => {
    const fw: Framework = {
      id: 'x', nameVi: 'x', nameEn: 'x',
      dimensions: [{ code: '1', nameVi: 'a', nameEn: 'a' }],
      subdimensions: [{ code: '1a', dimension: '1', nameVi: 'a', nameEn: 'a' }, { code: '2a', dimension: '2', nameVi: 'b', nameEn: 'b' }],
      items: [],
    };
    expect(frameworkProblems(fw)).toEqual(['sub-dimension 2a: unknown dimension "2"']);
  });
});
