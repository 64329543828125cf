import ExcelJS from 'exceljs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli.js';
import { captureIo } from '../cli/io.js';

const dir = mkdtempSync(join(tmpdir(), 'chiso-e2e-'));

/** Every numeric cell of a sheet, as "A1 → value". */
function numbers(ws: ExcelJS.Worksheet): number[] {
  const out: number[] = [];
  ws.eachRow((row) => row.eachCell((cell) => typeof cell.value === 'number' && out.push(cell.value)));
  return out;
}

describe('chiso score on a committed sample, as a user runs it', () => {
  it('writes a report with the year-over-year sheet whose numbers are the scorecard JSON', async () => {
    const report = join(dir, 'report.xlsx');
    const io = captureIo();
    const code = await run(['score', 'samples/long-thanh-2023.xlsx', '--previous', 'samples/long-thanh-2022.xlsx', '-o', report, '--json'], io);
    expect(code).toBe(0);
    const json = JSON.parse(io.stdout.join(''));
    const card = json.scorecards[0];
    expect(card.unit.name).toBe('Phường Long Thạnh');
    expect(json.comparison.from.year).toBe(2022);

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(report);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Summary', 'Dimensions', 'Subdimensions', 'Indicators', 'Targets', 'Plan', 'YearOverYear', 'Problems', 'Method']);
    // Score cells hold the shown (2-decimal) values; the JSON keeps them unrounded.
    const shown = (v: number) => Math.round(v * 100) / 100;
    const summary = numbers(wb.getWorksheet('Summary')!);
    for (const d of card.dimensions) for (const v of [d.score, d.ciLow, d.ciHigh, d.target]) expect(summary).toContain(shown(v));
    expect(summary).toContain(shown(card.total.score));
    // A shown change is the difference of the shown scores, in hundredths (methodology §6).
    const yoy = numbers(wb.getWorksheet('YearOverYear')!);
    for (const d of json.comparison.dimensions) expect(yoy).toContain((Math.round(d.to * 100) - Math.round(d.from * 100)) / 100);
    expect(wb.worksheets.reduce((n, ws) => n + ws.getImages().length, 0)).toBeGreaterThanOrEqual(4); // three score charts + year over year
    // Long Thạnh's plan targets dimension 4 at 7,50 (samples/units.json, from the seed plan)
    expect(card.dimensions.find((d: { code: string }) => d.code === '4').target).toBe(7.5);
  });

  it('check --annotate marks each problem cell with a fill and a note', async () => {
    const out = join(dir, 'marked.xlsx');
    const io = captureIo();
    expect(await run(['check', 'samples/errors-demo.xlsx', '--annotate', out], io)).toBe(1);
    const lines = io.stderr.filter((l) => l.includes('Responses!'));
    expect(lines.length).toBeGreaterThan(5);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const ws = wb.getWorksheet('Responses')!;
    for (const line of lines) {
      const [, address, severity, code] = /Responses!([A-Z]+\d+): (\w+) ([a-z-]+):/.exec(line)!;
      const cell = ws.getCell(address);
      expect(String(cell.note && (typeof cell.note === 'string' ? cell.note : cell.note.texts?.map((t) => t.text).join('')))).toContain(code);
      const fill = (cell.fill as ExcelJS.FillPattern).fgColor?.argb;
      expect(fill).toBe(severity === 'error' ? 'FFFFC7CE' : 'FFFFEB9C');
    }
  });
});

describe('chiso score -o --annotate', () => {
  it("links each problem of the report's Problems sheet to its cell in the annotated copy", async () => {
    const report = join(dir, 'errors-report.xlsx');
    const marked = join(dir, 'errors-marked.xlsx');
    expect(await run(['score', 'samples/errors-demo.xlsx', '-o', report, '--annotate', marked], captureIo())).toBe(1);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(report);
    const links: string[] = [];
    wb.getWorksheet('Problems')!.eachRow((row) => row.eachCell((cell) => cell.hyperlink && links.push(cell.hyperlink)));
    expect(links.length).toBeGreaterThan(5);
    expect(links).toContain("errors-marked.xlsx#'Responses'!$H$76"); // the TRUE in a yes/no answer (d1a_01)
  });
});
