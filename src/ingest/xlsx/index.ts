import type { Limits } from '../../limits.js';
import type { SheetRow, WorkbookSource } from '../source.js';
import { readMerges } from './merges.js';
import { readSharedStrings } from './sharedStrings.js';
import { SheetScanner } from './sheetScanner.js';
import { readDateStyles } from './styles.js';
import { textWindows } from './window.js';
import { readWorkbookPart } from './workbookPart.js';
import { ZipArchive } from './zip.js';

export { XlsxError } from './errors.js';
export { isDateFormat } from './styles.js';

/**
 * The purpose-built xlsx reader (baselines.md): the workbook, shared strings and
 * styles are read up front, then each sheet streams row by row from its inflate
 * stream, so memory stays flat on a national file. Every part is capped at the
 * limits while it inflates; a DOCTYPE anywhere is refused. Errors are XlsxError,
 * thrown here or while rows are iterated.
 */
export async function openXlsx(bytes: Uint8Array, limits: Limits): Promise<WorkbookSource> {
  const zip = new ZipArchive(bytes, Math.min(limits.maxEntryBytes, limits.maxUncompressedBytes), limits.maxUncompressedBytes);
  const workbook = await readWorkbookPart(zip);
  const sharedStrings = await readSharedStrings(zip);
  const dateStyles = await readDateStyles(zip);
  const byName = new Map(workbook.sheets.map((s) => [s.name, s]));
  return {
    sheetNames: workbook.sheets.map((s) => s.name),
    hiddenSheets: workbook.sheets.filter((s) => s.hidden).map((s) => s.name),
    async *rows(name: string): AsyncGenerator<SheetRow> {
      const sheet = byName.get(name);
      if (!sheet) return;
      const merged = await readMerges(zip, sheet.path);
      const scanner = new SheetScanner({ part: sheet.path, sharedStrings, dateStyles, date1904: workbook.date1904, merged });
      const out: SheetRow[] = [];
      for await (const w of textWindows(zip.chunks(sheet.path), sheet.path)) {
        scanner.scan(w, out);
        for (const row of out) yield row;
        out.length = 0;
      }
    },
  };
}
