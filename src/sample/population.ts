import type { Random } from './random.js';

/** Who the mock respondents are: demographics, weights, ids, file names. */

/** ASCII folding of Vietnamese text (đ and the combining marks). */
export function asciiFold(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D');
}

export function slugify(s: string): string {
  return asciiFold(s)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** "Long Thạnh" → "LT", "Phường 2" → "P2": the prefix of respondent ids. */
export function idPrefix(unitName: string): string {
  let words = asciiFold(unitName).toUpperCase().split(/[^A-Z0-9]+/).filter(Boolean);
  // "Phường Long Thạnh" → "LT", but "Phường 2" keeps its P.
  const kind = words[0] === 'THI' && words[1] === 'TRAN' ? 2 : ['PHUONG', 'XA'].includes(words[0]) ? 1 : 0;
  if (kind > 0 && words.length > kind && !/^[0-9]+$/.test(words[kind])) words = words.slice(kind);
  const prefix = words.map((w) => (/^[0-9]+$/.test(w) ? w : w[0])).join('');
  return prefix || 'U';
}

export function respondentId(unitName: string, year: number, index: number): string {
  return `${idPrefix(unitName)}-${year}-${String(index).padStart(4, '0')}`;
}

type Mix = ReadonlyArray<readonly [string, number]>;

/** Rough ethnic composition of the province's population (census 2019 orders of magnitude). */
const ETHNICITY_BY_REGION: Array<{ provinces: string[]; mix: Mix }> = [
  {
    provinces: ['lang son', 'cao bang', 'bac kan', 'ha giang', 'tuyen quang', 'thai nguyen', 'bac giang'],
    mix: [['Nùng', 40], ['Tày', 35], ['Kinh', 17], ['Dao', 6], ['Hoa', 1], ['Sán Chay', 1]],
  },
  {
    provinces: ['an giang', 'soc trang', 'tra vinh', 'kien giang', 'bac lieu', 'ca mau', 'can tho', 'hau giang', 'vinh long'],
    mix: [['Kinh', 90], ['Khmer', 6], ['Hoa', 2], ['Chăm', 2]],
  },
  { provinces: ['quang tri', 'quang binh', 'thua thien hue'], mix: [['Kinh', 94], ['Vân Kiều', 4], ['Pa Kô', 2]] },
  { provinces: ['ha noi', 'hai phong', 'nam dinh', 'thai binh', 'ha nam', 'bac ninh', 'hung yen'], mix: [['Kinh', 97], ['Mường', 1.5], ['Tày', 1], ['Thái', 0.5]] },
  { provinces: ['ho chi minh', 'dong nai', 'binh duong', 'ba ria vung tau'], mix: [['Kinh', 92], ['Hoa', 6], ['Khmer', 1], ['Nùng', 1]] },
  { provinces: ['son la', 'dien bien', 'lai chau', 'lao cai', 'yen bai', 'hoa binh'], mix: [['Thái', 45], ['Kinh', 25], ['Mông', 15], ['Mường', 10], ['Dao', 5]] },
];
const DEFAULT_MIX: Mix = [['Kinh', 90], ['Tày', 2.5], ['Thái', 2.5], ['Mường', 2], ['Khmer', 1.5], ['Hoa', 1.5]];

export function ethnicityMix(province: string): Mix {
  const key = asciiFold(province).toLowerCase().replace(/^(tinh|thanh pho|tp\.?)\s+/, '').trim();
  return ETHNICITY_BY_REGION.find((r) => r.provinces.some((p) => key.includes(p)))?.mix ?? DEFAULT_MIX;
}

export interface Demographics {
  gender: 'Nam' | 'Nữ';
  age: number;
  ethnicity: string;
  weight: number;
}

/**
 * One respondent's demographics. Face-to-face samples over-represent women and
 * older people (who are at home when interviewers call), so the
 * post-stratification weights favour men and the young; noise on top, clamped
 * to 0.5–2 and rounded to 2 decimals as a statistician's file would be.
 */
export function drawDemographics(random: Random, mix: Mix): Demographics {
  const gender = random.chance(0.54) ? 'Nữ' : 'Nam';
  const age = Math.min(80, Math.max(18, Math.round(18 + 62 * ((random.next() + random.next() + random.next() * 0.8) / 2.8))));
  const ethnicity = random.weighted(mix);
  const genderFactor = gender === 'Nam' ? 1.2 : 0.85;
  const ageFactor = age < 30 ? 1.35 : age < 60 ? 0.95 : 0.85;
  const raw = genderFactor * ageFactor * Math.exp(random.normal(0, 0.18));
  const weight = Math.round(Math.min(2, Math.max(0.5, raw)) * 100) / 100;
  return { gender, age, ethnicity, weight };
}
