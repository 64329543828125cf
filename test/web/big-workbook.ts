/**
 * A large workbook in about a second: a committed sample with its Responses
 * rows repeated (fresh respondent ids) up to `rows`, re-zipped. Much faster
 * than `chiso sample --respondents 20000`, and the same shape.
 */
import { readFileSync } from 'node:fs';
import { crc32, deflateRawSync } from 'node:zlib';
import { listEntries, readEntry } from '../../src/web/zip.js';

function zip(files: Map<string, Buffer>): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const [name, data] of files) {
    const nameBytes = Buffer.from(name, 'utf8');
    const packed = deflateRawSync(data);
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4);
    entry.writeUInt16LE(20, 6);
    entry.writeUInt16LE(0x0800, 8);
    entry.writeUInt16LE(8, 10);
    entry.writeUInt32LE(crc, 16);
    entry.writeUInt32LE(packed.length, 20);
    entry.writeUInt32LE(data.length, 24);
    entry.writeUInt16LE(nameBytes.length, 28);
    entry.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, packed);
    central.push(entry, nameBytes);
    offset += 30 + nameBytes.length + packed.length;
  }
  const size = central.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.size, 8);
  end.writeUInt16LE(files.size, 10);
  end.writeUInt32LE(size, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, ...central, end]);
}

export async function repeatResponses(samplePath: string, rows: number): Promise<Buffer> {
  const bytes = new Uint8Array(readFileSync(samplePath));
  const entries = listEntries(bytes);
  const files = new Map<string, Buffer>();
  for (const [name, entry] of entries) {
    if (name.endsWith('/')) continue;
    files.set(name, Buffer.from(await readEntry(bytes, entry), 'utf8'));
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
  return zip(files);
}
