/**
 * A large workbook in about a second: a committed sample with its Responses
 * rows repeated (fresh respondent ids) up to `rows`, re-zipped. Much faster
 * than `chiso sample --respondents 20000`, and the same shape.
 */
import { readFileSync } from 'node:fs';
import { readZip, writeZip } from '../hostile/zip.js';

export async function repeatResponses(samplePath: string, rows: number): Promise<Uint8Array> {
  const bytes = new Uint8Array(readFileSync(samplePath));
  const files = new Map<string, Buffer>();
  for (const [name, data] of readZip(bytes)) {
    if (name.endsWith('/')) continue;
    files.set(name, Buffer.from(data));
  }
  // A template workbook holds only XML parts (readEntry decodes UTF-8); find Responses through the workbook rels.
  const workbook = files.get('xl/workbook.xml')!.toString();
  const rels = files.get('xl/_rels/workbook.xml.rels')!.toString();
  const rid = /<sheet\b[^>]*name="Responses"[^>]*r:id="([^"]+)"/.exec(workbook)![1];
  const target = new RegExp(`Id="${rid}"[^>]*Target="([^"]+)"|Target="([^"]+)"[^>]*Id="${rid}"`).exec(rels)!;
  const path = 'xl/' + (target[1] ?? target[2]).replace(/^\/?xl\//, '');
  const xml = files.get(path)!.toString();
  const head = xml.slice(0, xml.indexOf('<sheetData>') + '<sheetData>'.length).replace(/<dimension ref="[^"]*"\/>/, '');
  const tail = xml.slice(xml.indexOf('</sheetData>'));
  const sheetRows = [...xml.slice(xml.indexOf('<sheetData>') + 11, xml.indexOf('</sheetData>')).matchAll(/<row\b[\s\S]*?<\/row>/g)].map((m) => m[0]);
  const [header, ...data] = sheetRows;
  const out: string[] = [header];
  for (let i = 0; i < rows; i++) {
    const r = i + 2;
    const row = data[i % data.length]
      .replace(/<row r="\d+"/, `<row r="${r}"`)
      .replace(/ r="([A-Z]+)\d+"/g, (_, col: string) => ` r="${col}${r}"`)
      .replace(/<c r="A\d+"([^>]*?)(?:\/>|>[\s\S]*?<\/c>)/, `<c r="A${r}" t="inlineStr"><is><t>BIG-${r}</t></is></c>`);
    out.push(row);
  }
  files.set(path, Buffer.from(head + out.join('') + tail, 'utf8'));
  return writeZip([...files].map(([name, data]) => ({ name, data })));
}
