import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { describe, expect, it, vi } from 'vitest';
import { buildTemplate, workbookBuffer, writeTemplate } from '../../src/template/index.js';
import { smallFramework } from './smallFramework.js';
import { loadFramework } from '../../src/framework/load.js';

async function roundTrip(workbook: ExcelJS.Workbook): Promise<ExcelJS.Workbook> {
  const back = new ExcelJS.Workbook();
  await back.xlsx.load((await workbookBuffer(workbook)) as unknown as ExcelJS.Buffer);
  return back;
}

function row1(sheet: ExcelJS.Worksheet): string[] {
  const out: string[] = [];
  sheet.getRow(1).eachCell({ includeEmpty: false }, (cell) => out.push(String(cell.value)));
  return out;
}

const framework = smallFramework();
const unit = { province: 'Lạng Sơn', district: 'Văn Quan', name: 'Liên Hội', code: '06280', year: 2024 };

describe('buildTemplate', async () => {
  const workbook = await roundTrip(
    buildTemplate(framework, {
      unit,
      targets: [
        { levels: ['1'], target: 6 },
        { levels: ['7b', '7c'], target: 4.5 },
      ],
      plan: [
        { levels: ['4d'], task: '=HYPERLINK("http://x")', responsible: 'UBND xã', coordinating: 'MTTQ', timing: 'Quý II/2024' },
      ],
      respondents: 50,
    }),
  );

  it('has exactly the contract sheets', () => {
    expect(workbook.worksheets.map((s) => s.name)).toEqual([
      'Guide', 'Unit', 'Responses', 'Codebook', 'Framework', 'Targets', 'Plan', 'Questionnaire',
    ]);
  });

  it('writes exactly the contract codes in row 1', () => {
    const itemCodes = framework.items.map((i) => i.code);
    expect(row1(workbook.getWorksheet('Unit')!)).toEqual(['field', 'value']);
    expect(row1(workbook.getWorksheet('Responses')!)).toEqual([
      'respondent_id', 'unit_code', 'unit', 'gender', 'age', 'ethnicity', 'weight', ...itemCodes,
    ]);
    expect(row1(workbook.getWorksheet('Codebook')!)).toEqual([
      'code', 'subdimension', 'type', 'min', 'max', 'direction', 'missing', 'zero', 'weight', 'text_vi', 'text_en', 'relevant',
    ]);
    expect(row1(workbook.getWorksheet('Framework')!)).toEqual(['code', 'parent', 'name_vi', 'name_en']);
    expect(row1(workbook.getWorksheet('Targets')!)).toEqual(['level', 'target']);
    expect(row1(workbook.getWorksheet('Plan')!)).toEqual(['level', 'task', 'responsible', 'coordinating', 'timing']);
  });

  it('fills the Unit sheet as field/value rows', () => {
    const sheet = workbook.getWorksheet('Unit')!;
    const fields: Record<string, unknown> = {};
    sheet.eachRow((row, r) => {
      if (r > 1) fields[String(row.getCell(1).value)] = row.getCell(2).value;
    });
    expect(fields).toEqual({
      province: 'Lạng Sơn', district: 'Văn Quan', unit: 'Liên Hội', unit_code: '06280', year: 2024, framework: 'papi-test',
    });
  });

  it('puts the question in a comment on each item header', () => {
    const sheet = workbook.getWorksheet('Responses')!;
    const header = sheet.getRow(1);
    framework.items.forEach((item, j) => {
      const note = header.getCell(8 + j).note;
      const noteText = typeof note === 'string' ? note : note?.texts?.map((t) => t.text).join('') ?? '';
      expect(noteText).toContain(item.textVi);
      expect(noteText).toContain(item.textEn);
    });
  });

  it('validates every item column and freezes the header', () => {
    const sheet = workbook.getWorksheet('Responses')!;
    const model = (sheet as unknown as { dataValidations: { model: Record<string, ExcelJS.DataValidation> } }).dataValidations.model;
    framework.items.forEach((item, j) => {
      const col = sheet.getColumn(8 + j).letter;
      const top = model[`${col}2`];
      const bottom = model[`${col}51`];
      expect(top, item.code).toBeDefined();
      expect(bottom, item.code).toEqual(top);
      if (item.type === 'number') {
        expect(top.type).toBe('custom');
        for (const code of item.missing) expect(String(top.formulae[0])).toContain(`=${code}`);
      } else {
        expect(top.type).toBe('list');
        for (const code of [...item.missing, ...item.zero]) expect(String(top.formulae[0])).toMatch(new RegExp(`[",]${code}[",]`));
      }
    });
    expect(model['H2'].formulae[0]).toBe('"1,0,9,98"');
    expect(model['I2'].formulae[0]).toBe('"1,2,3,4,5,9,98"');
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
  });

  it('has no name or other identifier columns', () => {
    const codes = row1(workbook.getWorksheet('Responses')!);
    for (const code of codes) expect(code).not.toMatch(/name|ten|phone|address|dia_chi|cccd|cmnd|id_card|email/i);
  });

  it('writes the codebook with missing/zero as comma strings', () => {
    const sheet = workbook.getWorksheet('Codebook')!;
    const first = sheet.getRow(2).values as unknown[];
    expect(first.slice(1)).toEqual([
      'd1a_01', '1a', 'binary', 0, 1, '+', '98', '9', 1,
      framework.items[0].textVi, framework.items[0].textEn,
    ]);
    expect(sheet.getRow(3).getCell(7).value).toBe('9,98');
  });

  it('lists dimensions first, then sub-dimensions with their parent', () => {
    const sheet = workbook.getWorksheet('Framework')!;
    const rows: Array<[unknown, unknown]> = [];
    sheet.eachRow((row, r) => {
      if (r > 1) rows.push([row.getCell(1).value, row.getCell(2).value]);
    });
    expect(rows).toEqual([
      ['1', null], ['5', null], ['8', null],
      ['1a', '1'], ['1b', '1'], ['5a', '5'], ['5c', '5'], ['8a', '8'], ['8b', '8'],
    ]);
  });

  it('keeps plan text literal and joins target levels', () => {
    const plan = workbook.getWorksheet('Plan')!;
    expect(plan.getCell('B2').value).toBe('=HYPERLINK("http://x")');
    expect(plan.getCell('B2').formula).toBeUndefined();
    const targets = workbook.getWorksheet('Targets')!;
    expect(targets.getCell('A3').value).toBe('7b,7c');
    expect(targets.getCell('B3').value).toBe(4.5);
  });

  it('sets A4 on every sheet and prints the questionnaire with repeated titles', () => {
    for (const sheet of workbook.worksheets) {
      expect(sheet.pageSetup.paperSize, sheet.name).toBe(9);
    }
    const q = workbook.getWorksheet('Questionnaire')!;
    expect(q.pageSetup.orientation).toBe('portrait');
    // A fixed scale: Excel ignores manual page breaks under "fit to page".
    expect(q.pageSetup.fitToPage).toBe(false);
    expect(q.pageSetup.scale).toBe(80);
    // Row 1 holds the codes; the printed header repeated on every page is row 2, in words.
    expect(q.pageSetup.printTitlesRow).toBe('2:2');
    expect(q.getCell('B2').value).toBe('Nội dung câu hỏi');
    const codes: string[] = [];
    q.eachRow((row) => codes.push(String(row.getCell(1).value)));
    for (const item of framework.items) expect(codes).toContain(item.code);
  });

  const papi = buildTemplate(loadFramework('papi-29'), {
    unit,
    targets: [{ levels: ['1'], target: 6 }, { levels: ['7b', '7c'], target: 4.5 }],
    respondents: 5,
  });

  it('writes the Guide for a commune clerk: no jargon, each special code once', () => {
    const guide = papi.getWorksheet('Guide')!;
    const vi: string[] = [];
    const labels: string[] = [];
    guide.eachRow((row) => {
      vi.push(String(row.getCell(2).value ?? ''));
      labels.push(String(row.getCell(1).value ?? ''));
    });
    const text = vi.join('\n');
    expect(text).toContain('Sheet!Ô');
    expect(text).toContain('để trống, trừ khi Phòng Nội vụ hướng dẫn');
    expect(text).not.toMatch(/hậu phân tầng|binary|scale|khung chỉ số/);
    // 7, 8, 9 (and 97/98/99, 997/998/999) each on one line, with one meaning
    const special = (l: string) => l.includes(', ');
    const row = (code: string) => vi[labels.findIndex((l) => special(l) && l.split(', ').includes(code))];
    expect(labels.filter((l) => special(l) && l.split(', ').includes('8'))).toHaveLength(1);
    expect(row('8')).toMatch(/^Không biết: không tính vào điểm\. Riêng ở các câu hỏi kiểm tra hiểu biết/);
    expect(row('998')).toBe(row('8'));
    expect(row('7')).toBe('Không áp dụng: không tính vào điểm.');
    expect(row('9')).toBe('Không trả lời: không tính vào điểm.');
  });

  it('shows Vietnamese labels on Unit, Targets and Plan beside the codes, which chiso does not read', () => {
    const workbook = papi;
    const unitSheet = workbook.getWorksheet('Unit')!;
    expect(unitSheet.getCell('C1').value).toBeNull();
    expect(unitSheet.getCell('C2').value).toBe('Tỉnh/thành phố');
    expect(unitSheet.getCell('C5').value).toBe('Mã đơn vị (giữ nguyên qua các năm)');
    const targets = workbook.getWorksheet('Targets')!;
    expect(targets.getCell('C3').value).toBe('7b. Chất lượng không khí; 7c. Chất lượng nước');
    expect(targets.getCell('E2').value).toBe('Mã');
    expect(targets.getCell('E3').value).toBe('total');
    const plan = workbook.getWorksheet('Plan')!;
    expect(String(plan.getCell('H4').value)).toMatch(/^Chỉ số nội dung 1\. /);
    const prompts = (sheet: ExcelJS.Worksheet) => Object.values((sheet as unknown as { dataValidations: { model: Record<string, ExcelJS.DataValidation> } }).dataValidations.model);
    expect(prompts(plan).map((v) => v.promptTitle)).toEqual(expect.arrayContaining(['Chỉ số', 'Nhiệm vụ, giải pháp', 'Đơn vị chủ trì']));
    expect(prompts(targets).some((v) => v.prompt?.includes('total = tổng điểm'))).toBe(true);
  });
});

describe('writeTemplate', () => {
  it('writes the same bytes whatever the clock says', async () => {
    const write = async () => {
      const chunks: Buffer[] = [];
      const stream = new PassThrough();
      stream.on('data', (c: Buffer) => chunks.push(c));
      await writeTemplate(framework, stream);
      return Buffer.concat(chunks);
    };
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(new Date('2020-03-04T05:06:07Z'));
      const a = await write();
      vi.setSystemTime(new Date('2031-10-11T12:13:14Z'));
      const b = await write();
      expect(a.length).toBeGreaterThan(1000);
      expect(a.equals(b)).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('buildTemplate without a year', () => {
  it('leaves year blank and still writes (zip dates need 1980–2107)', async () => {
    const workbook = buildTemplate(framework, { unit: { province: '', district: '', name: 'Liên Hội', code: '', year: 0 } });
    const back = await roundTrip(workbook);
    expect(back.getWorksheet('Unit')!.getCell('B6').value).toBeNull();
    expect(back.getWorksheet('Unit')!.getCell('B4').value).toBe('Liên Hội');
  });
});

describe('input prompts', () => {
  it('keep their line breaks as &#10; in the sheet XML, which LibreOffice does not flatten to spaces', async () => {
    const bytes = await workbookBuffer(buildTemplate(loadFramework('papi-29'), { respondents: 5 }));
    const { readZipEntries, entryBytes } = await import('../../src/zip/directory.js');
    const { inflateEntry } = await import('../../src/zip/inflate.js');
    const sheetXml = async (n: number) => {
      const entry = readZipEntries(bytes).find((e) => e.name === `xl/worksheets/sheet${n}.xml`)!;
      const chunks: Uint8Array[] = [];
      for await (const chunk of inflateEntry(entryBytes(bytes, entry), entry.method, 1 << 16)) chunks.push(chunk);
      return Buffer.concat(chunks).toString('utf8');
    };
    const responses = await sheetXml(3);
    const prompts = [...responses.matchAll(/ prompt="([^"]*)"/g)].map((m) => m[1]);
    expect(prompts.length).toBeGreaterThan(100);
    for (const prompt of prompts) expect(prompt).not.toMatch(/[\n\r]/);
    expect(prompts.some((p) => p.includes('&#10;'))).toBe(true);
    // and an XML reader gets the newlines back
    const again = new ExcelJS.Workbook();
    await again.xlsx.load(bytes as unknown as ArrayBuffer);
    const model = (again.getWorksheet('Responses') as unknown as { dataValidations: { model: Record<string, ExcelJS.DataValidation> } }).dataValidations.model;
    expect(Object.values(model).some((v) => v.prompt?.includes('Yes\n0 = Không / No'))).toBe(true);
  });

  it('promptNewlinesAsReferences leaves text nodes and other parts alone', async () => {
    const { promptNewlinesAsReferences } = await import('../../src/template/stableXlsx.js');
    const xml = '<?xml version="1.0"?>\n<worksheet><sheetData><c><is><t>a\nb</t></is></c></sheetData><dataValidations count="1"><dataValidation prompt="x\ny" error="p\r\nq"><formula1>1</formula1></dataValidation></dataValidations></worksheet>';
    const out = Buffer.from(promptNewlinesAsReferences(Buffer.from(xml))!).toString('utf8');
    expect(out).toBe(xml.replace('prompt="x\ny"', 'prompt="x&#10;y"').replace('error="p\r\nq"', 'error="p&#10;q"'));
    expect(promptNewlinesAsReferences(Buffer.from('<worksheet><sheetData/></worksheet>'))).toBeNull();
  });
});
