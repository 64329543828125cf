import { describe, expect, it } from 'vitest';
import { communesUnder, coverage, descent, parentChain, parseRegistryCsv, unitAt } from '../../src/units/index.js';
import { TEST_REGISTRY_CSV } from './registry.js';

const header = 'code,name,level,parent,from,to,predecessors\n';
const errorsOf = (csv: string) => {
  const result = parseRegistryCsv(header + csv, 'bad.csv');
  expect(result.registry).toBeNull(); // nothing is used when anything is wrong
  return result.problems.map((p) => `${p.sheet}!${p.cell} ${p.severity} ${p.code}`);
};

describe('units registry: reading', () => {
  it('reads the made-up registry with codes as text and several periods per code', () => {
    const { registry, problems } = parseRegistryCsv(TEST_REGISTRY_CSV, 'units.csv');
    expect(problems).toEqual([]);
    expect(registry!.byCode.get('98005')!.map((p) => [p.parent, p.from, p.to])).toEqual([
      ['981', null, 2024],
      ['98', 2025, 2026],
    ]);
    expect(registry!.byCode.get('98101')![0].predecessors).toEqual([
      { code: '98001', part: false },
      { code: '98002', part: false },
      { code: '98003', part: true },
    ]);
  });

  it('keeps leading zeros, a BOM, quotes and CRLF', () => {
    const csv = '\ufeffcode,name,level,parent,from,to,predecessors\r\n20,"Tỉnh Lạng Sơn",province,,,,\r\n184,"Huyện Văn Quan, Lạng Sơn",district,20,,2024,\r\n06268,Xã Liên Hội,commune,184,,2024,\r\n';
    const { registry, problems } = parseRegistryCsv(csv, 'u.csv');
    expect(problems).toEqual([]);
    expect(unitAt(registry!, '06268', 2023)?.name).toBe('Xã Liên Hội');
    expect(unitAt(registry!, '184', 2023)?.name).toBe('Huyện Văn Quan, Lạng Sơn');
  });

  it('locates bad codes, levels and years at Units!<column><row>', () => {
    expect(errorsOf('98,Tỉnh A,province,,,,\n98x,Xã B,commune,98,2025,,\n')).toEqual(['Units!A3 error registry-bad-code']);
    expect(errorsOf('98,Tỉnh A,province,,,,\n98001,Xã B,hamlet,98,2025,,\n')).toEqual(['Units!C3 error registry-bad-level']);
    expect(errorsOf('98,Tỉnh A,province,,,,\n98001,Xã B,commune,98,2026,2025,\n')).toEqual(['Units!F3 error registry-bad-years']);
    expect(errorsOf('98,Tỉnh A,province,,,,\n98001,Xã B,commune,98,20x5,,\n')).toEqual(['Units!E3 error registry-bad-years']);
    expect(errorsOf('98,Tỉnh A,province,,,,\n98001,,commune,98,2025,,\n')).toEqual(['Units!B3 error registry-missing-name']);
  });

  it('refuses a district level from 2025 and a commune under a province before 2025', () => {
    expect(errorsOf('98,Tỉnh A,province,,,,\n980,Huyện B,district,98,2020,,\n')).toEqual(['Units!F3 error registry-bad-years']);
    expect(errorsOf('98,Tỉnh A,province,,,,\n98001,Xã B,commune,98,2023,,\n')).toEqual(['Units!D3 error registry-bad-parent']);
  });

  it('overlapping periods of one code, and a code in two places at once', () => {
    expect(errorsOf('98,Tỉnh A,province,,,,\n980,Huyện B,district,98,,2024,\n98001,Xã C,commune,980,,2024,\n98001,Xã C,commune,980,2023,2024,\n')).toEqual([
      'Units!E5 error registry-overlap',
    ]);
    expect(
      errorsOf('98,Tỉnh A,province,,,,\n980,Huyện B,district,98,,2024,\n981,Huyện D,district,98,,2024,\n98001,Xã C,commune,980,,2024,\n98001,Xã C,commune,981,2024,2024,\n'),
    ).toEqual(['Units!D6 error registry-two-places']);
  });

  it('a parent missing in one year of the period', () => {
    // 980 ends in 2023, its commune runs to 2024.
    expect(errorsOf('98,Tỉnh A,province,,,,\n980,Huyện B,district,98,,2023,\n98001,Xã C,commune,980,2020,2024,\n')).toEqual(['Units!D4 error registry-unknown-parent']);
    expect(errorsOf('98,Tỉnh A,province,,,,\n98001,Xã C,commune,97,2025,,\n')).toEqual(['Units!D3 error registry-unknown-parent']);
  });

  it('a predecessor that exists in no year before the unit, or a unit with predecessors but no from', () => {
    expect(errorsOf('98,Tỉnh A,province,,,,\n98001,Xã C,commune,98,2025,,98009\n')).toEqual(['Units!G3 error registry-unknown-predecessor']);
    // 98002 exists, but only from 2025, the same year as its "successor".
    expect(errorsOf('98,Tỉnh A,province,,,,\n98002,Xã D,commune,98,2025,,\n98001,Xã C,commune,98,2025,,98002\n')).toEqual([
      'Units!G4 error registry-unknown-predecessor',
    ]);
    expect(errorsOf('98,Tỉnh A,province,,,,\n98002,Xã D,commune,98,2025,,\n98001,Xã C,commune,98,,,98002\n')).toEqual(['Units!E4 error registry-bad-predecessor']);
  });

  it('a code listed whole by two successors (a split must say :part)', () => {
    const base = '98,Tỉnh A,province,,,,\n980,Huyện B,district,98,,2024,\n98003,Xã Cát,commune,980,,2024,\n';
    expect(errorsOf(`${base}98101,Xã E,commune,98,2025,,98003\n98102,Xã F,commune,98,2025,,98003\n`)).toEqual(['Units!G6 error registry-predecessor-twice']);
    expect(parseRegistryCsv(header + `${base}98101,Xã E,commune,98,2025,,98003:part\n98102,Xã F,commune,98,2025,,98003:part\n`, 'ok.csv').problems).toEqual([]);
  });

  it('a cycle of predecessors', () => {
    const csv = '98,Tỉnh A,province,,,,\n98001,Xã C,commune,98,2025,2025,98002\n98002,Xã D,commune,98,2025,2025,\n98002,Xã D,commune,98,2026,,98001\n98001,Xã C,commune,98,2026,,\n';
    // 98001 (2025) came from 98002, which (2026) came from 98001: each exists before the other's row starts.
    const problems = errorsOf(csv);
    expect(problems.filter((p) => p.includes('registry-cycle'))).toHaveLength(1);
  });

  it('a missing column is reported at the header', () => {
    const { registry, problems } = parseRegistryCsv('code,name,parent\n98,Tỉnh A,\n', 'x.csv');
    expect(registry).toBeNull();
    expect(problems.map((p) => p.code)).toEqual(['registry-missing-column', 'registry-missing-column', 'registry-missing-column']);
  });
});

describe('units registry: year-aware queries', () => {
  const registry = parseRegistryCsv(TEST_REGISTRY_CSV, 'units.csv').registry!;
  const codes = (list: { code: string }[]) => list.map((u) => u.code);

  it('the parent chain follows the year: province → district → commune to 2024, province → commune from 2025', () => {
    expect(codes(parentChain(registry, '98005', 2024))).toEqual(['98005', '981', '98']);
    expect(codes(parentChain(registry, '98005', 2025))).toEqual(['98005', '98']);
    expect(codes(parentChain(registry, '98101', 2024))).toEqual([]);
  });

  it('the communes under a province or district in a year', () => {
    expect(codes(communesUnder(registry, '98', 2021))).toEqual(['98001', '98002', '98003', '98005']); // 98004 from 2022
    expect(codes(communesUnder(registry, '98', 2024))).toEqual(['98001', '98002', '98003', '98004', '98005']);
    expect(codes(communesUnder(registry, '98', 2025))).toEqual(['98005', '98101', '98102']);
    expect(codes(communesUnder(registry, '980', 2024))).toEqual(['98001', '98002']);
    expect(codes(communesUnder(registry, '980', 2025))).toEqual([]);
  });

  it('descent: a merger with a part predecessor, a predecessor missing a year, two reorganisations in a row', () => {
    expect(descent(registry, '98101', 2025, 2024)).toEqual([
      { code: '98001', name: 'Xã An', part: false },
      { code: '98002', name: 'Xã Bình', part: false },
      { code: '98003', name: 'Xã Cát', part: true },
    ]);
    expect(descent(registry, '98102', 2025, 2024).map((a) => [a.code, a.part])).toEqual([
      ['98003', true],
      ['98004', false],
    ]);
    expect(descent(registry, '98102', 2025, 2021).map((a) => a.code)).toEqual(['98003']); // 98004 did not exist yet
    expect(descent(registry, '98005', 2025, 2024).map((a) => [a.code, a.part])).toEqual([['98005', false]]);
    expect(descent(registry, '98201', 2027, 2024).map((a) => [a.code, a.part])).toEqual([
      ['98001', false],
      ['98002', false],
      ['98003', true],
      ['98005', false],
    ]);
    expect(descent(registry, '98201', 2027, 2026).map((a) => a.code)).toEqual(['98005', '98101']);
    expect(descent(registry, '98201', 2027, 2027)).toEqual([]);
  });

  it('coverage: the unit, the units under it in any year, their predecessors’ history', () => {
    expect([...coverage(registry, '98101')].sort()).toEqual(['98001', '98002', '98003', '98101']);
    // After the split, 98102 reads the whole of 98003 too.
    expect([...coverage(registry, '98102')].sort()).toEqual(['98003', '98004', '98102']);
    expect([...coverage(registry, '981')].sort()).toEqual(['98003', '98004', '98005', '981']);
    expect(coverage(registry, '98').size).toBe(registry.byCode.size);
    expect(coverage(registry, '99').size).toBe(0);
  });
});
