import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { loadFramework } from '../../src/framework/load.js';
import { writeCommittedTemplates } from '../../src/template/index.js';

describe('writeCommittedTemplates', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'chiso-templates-'));
  afterAll(() => rm(dir, { recursive: true, force: true }));
  const paths = await writeCommittedTemplates(dir);

  it('writes one template per framework version, byte-stable', async () => {
    expect(paths.map((p) => p.slice(dir.length + 1))).toEqual(['chiso-template-papi-29.xlsx', 'chiso-template-papi-28.xlsx']);
    const first = await readFile(paths[0]);
    await writeCommittedTemplates(dir);
    expect((await readFile(paths[0])).equals(first)).toBe(true);
  });

  it('carries the real framework: every item a validated, commented column', async () => {
    for (const [i, id] of ['papi-29', 'papi-28'].entries()) {
      const framework = loadFramework(id);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.readFile(paths[i]);
      expect(workbook.getWorksheet('Unit')!.getCell('B7').value).toBe(id);
      const sheet = workbook.getWorksheet('Responses')!;
      const header = (sheet.getRow(1).values as unknown[]).slice(8);
      expect(header).toEqual(framework.items.map((item) => item.code));
      const model = (sheet as unknown as { dataValidations: { model: Record<string, unknown> } }).dataValidations.model;
      header.forEach((_, j) => {
        const col = sheet.getColumn(8 + j);
        expect(model[`${col.letter}1001`], String(header[j])).toBeDefined();
        expect(sheet.getRow(1).getCell(8 + j).note, String(header[j])).toBeDefined();
      });
      const frameworkRows = workbook.getWorksheet('Framework')!.actualRowCount - 1;
      expect(frameworkRows).toBe(framework.dimensions.length + framework.subdimensions.length);
    }
  });
});
