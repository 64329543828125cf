// A national-size units registry (node bench/units.js, after `npm run build`): 63 provinces ×
// 11 districts × 15 communes up to 2024 (10,395 communes) and, from 2025, 34 provinces and
// 3,465 communes each formed from 3 communes (one of them `:part`), made-up codes. Times
// parsing and checking it, and the year-aware queries the CLI and service run per workbook.
import { performance } from 'node:perf_hooks';
import { communesUnder, coverage, descent, parseRegistryCsv } from '../dist/units/index.js';

const rows = ['code,name,level,parent,from,to,predecessors'];
const communes = [];
for (let p = 1; p <= 63; p++) {
  const pc = String(p).padStart(2, '0');
  rows.push(`${pc},Tỉnh ${pc},province,,,2024,`);
  for (let d = 1; d <= 11; d++) {
    const dc = `${pc}${String(d).padStart(2, '0')}`;
    rows.push(`${dc},Huyện ${dc},district,${pc},,2024,`);
    for (let c = 1; c <= 15; c++) {
      const cc = `${dc}${String(c).padStart(2, '0')}`;
      rows.push(`${cc},Xã ${cc},commune,${dc},,2024,`);
      communes.push(cc);
    }
  }
}
for (let p = 1; p <= 34; p++) rows.push(`9${String(p).padStart(2, '0')},Tỉnh mới ${p},province,,2025,,`);
for (let i = 0; i * 3 + 2 < communes.length; i++) {
  const code = `8${String(i).padStart(5, '0')}`;
  const parent = `9${String((i % 34) + 1).padStart(2, '0')}`;
  rows.push(`${code},Xã mới ${i},commune,${parent},2025,,${communes[i * 3]} ${communes[i * 3 + 1]} ${communes[i * 3 + 2]}:part`);
}
const csv = `${rows.join('\n')}\n`;

const time = (label, f) => {
  const t = performance.now();
  const out = f();
  console.log(`${label}: ${(performance.now() - t).toFixed(1)} ms`);
  return out;
};
const { registry, problems } = time(`parse + check ${rows.length - 1} rows (${(csv.length / 1024).toFixed(0)} KB)`, () => parseRegistryCsv(csv, 'national.csv'));
if (!registry) throw new Error(problems.slice(0, 3).map((p) => p.message).join('\n'));
time('descent of one 2025 commune to 2024 (×1000)', () => { for (let i = 0; i < 1000; i++) descent(registry, `8${String(i).padStart(5, '0')}`, 2025, 2024); });
time('communes under a 2025 province', () => communesUnder(registry, '901', 2025));
time('coverage of a 2025 province', () => coverage(registry, '901'));
console.log(`rss ${(process.memoryUsage().rss / 1048576).toFixed(0)} MB`);
