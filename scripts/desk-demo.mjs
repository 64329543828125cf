// node scripts/desk-demo.mjs [URL] : fills a running chiso server (npm start) with a made-up province
// as a district officer would see it: 10 districts × 10 communes, 2023 and 2024, PAPI sample
// workbooks (DESK_DEMO_RESPONDENTS, 40 each), a few communes that have not submitted, and the
// province's and one district's plans (targets and tasks). The registry goes first (POST /api/units).
// Workbooks are generated once and cached in bench/out/desk-demo/.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const url = process.argv[2] ?? 'http://127.0.0.1:8787';
const R = Number(process.env.DESK_DEMO_RESPONDENTS ?? 40);
const out = join(root, 'bench/out/desk-demo');
mkdirSync(out, { recursive: true });
const { loadFramework } = await import(join(root, 'dist/framework/load.js'));
const { generateSample } = await import(join(root, 'dist/sample/index.js'));
const { workbookBuffer } = await import(join(root, 'dist/writer/stableXlsx.js'));
const framework = loadFramework('papi-29');

const districts = ['Châu Thành', 'Long Hồ', 'Mang Thít', 'Vũng Liêm', 'Tam Bình', 'Trà Ôn', 'Bình Minh', 'Bình Tân', 'Phước Long', 'Hòa Bình'];
const words = ['An', 'Bình', 'Phú', 'Long', 'Mỹ', 'Tân', 'Thạnh', 'Hòa', 'Hưng', 'Lợi', 'Phước', 'Thuận', 'Đông', 'Tây', 'Trung', 'Hiệp', 'Nhơn', 'Quới', 'Thới', 'Lộc'];
const communes = [];
for (let d = 0; d < 10; d++)
  for (let i = 0; i < 10; i++) {
    const n = d * 10 + i;
    const name = `${n % 9 === 0 ? 'Phường' : n % 13 === 0 ? 'Thị trấn' : 'Xã'} ${words[(n * 7) % 20]} ${words[(n * 3 + d) % 20]}`;
    communes.push({ code: String(86100 + n), name, district: d, quality: 2.5 + ((n * 37) % 60) / 10 });
  }
const registry = [
  'code,name,level,parent,from,to,predecessors',
  '86,Tỉnh Vĩnh Thịnh,province,,,,',
  ...districts.map((name, d) => `${860 + d},Huyện ${name},district,86,,2024,`),
  ...communes.map((c) => `${c.code},${c.name},commune,${860 + c.district},,2024,`),
].join('\n');
// Kept beside the workbooks for `chiso score … --units bench/out/desk-demo/units.csv --rollup province`.
writeFileSync(join(out, 'units.csv'), `${registry}\n`);

// Missing: 2024 has 6 communes with no submission; 2023 had 14.
const missing = (year, n) => (year === 2024 ? [4, 17, 33, 58, 71, 96] : [4, 5, 17, 21, 33, 40, 41, 58, 63, 71, 80, 88, 96, 99]).includes(n);

async function post(path, body, type) {
  const res = await fetch(`${url}${path}`, { method: 'POST', body, headers: type ? { 'Content-Type': type } : {} });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return res.json();
}
const form = (bytes, name) => {
  const f = new FormData();
  f.append('file', new File([bytes], name));
  return f;
};

console.log('registry:', JSON.stringify((await post('/api/units', registry, 'text/csv')).imported ?? 'ok'));
let uploaded = 0;
for (const year of [2023, 2024])
  for (const [n, c] of communes.entries()) {
    if (missing(year, n)) continue;
    const file = join(out, `${c.code}-${year}-${R}.xlsx`);
    if (!existsSync(file)) {
      const q = c.quality + (year === 2024 ? ((n % 5) - 1.5) / 2 : 0);
      const wb = generateSample({ framework, unit: { province: 'Tỉnh Vĩnh Thịnh', district: `Huyện ${districts[c.district]}`, name: c.name, code: c.code }, year, respondents: R, seed: year * 1000 + n, quality: Object.fromEntries(framework.dimensions.map((d, k) => [d.code, Math.max(1, Math.min(9.5, q + ((k * n) % 5) - 2))])) });
      writeFileSync(file, await workbookBuffer(wb));
    }
    await post('/api/submissions', form(readFileSync(file), `${c.name} ${year}.xlsx`));
    uploaded++;
  }
console.log('uploaded', uploaded);

// A plan workbook is a template with the Unit sheet's unit_code (the province or district) and its Targets and Plan sheets.
const plan = (code, year, targets, tasks) =>
  generateSample({ framework, unit: { province: 'Tỉnh Vĩnh Thịnh', district: '', name: '', code }, year, respondents: 0, seed: 1, targets, plan: tasks });
for (const [code, targets, tasks] of [
  ['86', [{ levels: ['total'], target: 45 }, { levels: ['5'], target: 6.5 }], [{ levels: ['5'], task: 'Niêm yết công khai thủ tục hành chính tại bộ phận một cửa', responsible: 'Văn phòng UBND tỉnh', coordinating: 'Sở Nội vụ', timing: 'Quý II/2025' }, { levels: ['total'], task: 'Tập huấn cán bộ cấp xã về khảo sát PAPI', responsible: 'Sở Nội vụ', coordinating: '', timing: '2025' }]],
  ['860', [{ levels: ['total'], target: 44 }], [{ levels: ['total'], task: 'Rà soát các xã có điểm thấp nhất', responsible: 'UBND huyện Châu Thành', coordinating: '', timing: 'Quý III/2025' }]],
]) {
  try {
    await post('/api/plans', form(new Uint8Array(await workbookBuffer(plan(code, 2024, targets, tasks))), `Kế hoạch ${code} 2024.xlsx`));
    console.log('plan', code);
  } catch (e) {
    console.log('plan', code, 'refused:', e.message);
  }
}
