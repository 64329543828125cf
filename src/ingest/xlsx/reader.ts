import type { Limits } from '../../limits.js';
import type { SheetRow, WorkbookSource } from '../source.js';
import { mergesFromRefs, readMerges, type MergedCells } from './merges.js';
import { unprefixedChunks } from './package.js';
import { readSharedStrings } from './sharedStrings.js';
import { SheetScanner } from './sheetScanner.js';
import { readDateStyles } from './styles.js';
import { byteWindows } from './window.js';
import { readWorkbookPart } from './workbookPart.js';
import { ZipArchive, type Inflater } from './zip.js';

/**
 * A sheet whose compressed part is at least this big is not inflated an extra
 * time to find its merges first (Excel writes <mergeCells> after the rows);
 * they are collected while its rows stream. Smaller sheets (Unit, Codebook, a
 * commune's Responses) keep the pre-pass: it costs little there.
 */
export const LATE_MERGES_FROM_BYTES = 256 * 1024;

export interface XlsxSource extends WorkbookSource {
  /**
   * True when a sheet read in one pass turned out to have merges only at its end:
   * its rows went out as if unmerged (covered cells not blanked, no mergedColumns).
   * The merges are now known, so reading the sheet again gives the exact rows;
   * ingest does that (rare: Excel templates do not merge the Responses sheet).
   * Reading the flag clears it.
   */
  takeLateMerges(): boolean;
}

export interface XlsxOptions {
  /** Compressed size from which a sheet's merges are collected during its one pass (tests set 0). */
  lateMergesFromBytes?: number;
  /** Stops the read (throws the signal's reason) between inflated chunks: the service's deadline. */
  signal?: AbortSignal;
}

/**
 * The purpose-built xlsx reader (baselines.md), the same in Node and in the
 * browser (only the inflater differs): the workbook, shared strings and styles
 * are read up front, then each sheet streams row by row from its inflate
 * stream, so memory stays flat on a national file. Parts are found through
 * their relationships (package.ts); every part is capped at the limits while it
 * inflates; a DOCTYPE anywhere is refused. Errors are XlsxError, thrown here or
 * while rows are iterated.
 */
export async function openXlsxWith(bytes: Uint8Array, limits: Limits, inflate: Inflater, options: XlsxOptions = {}): Promise<XlsxSource> {
  const lateFrom = options.lateMergesFromBytes ?? LATE_MERGES_FROM_BYTES;
  const knownMerges = new Map<string, MergedCells>();
  const unrecognised = new Map<string, number>();
  const estimates = new Map<string, number>();
  let lateMerges = false;
  const zip = new ZipArchive(bytes, inflate, Math.min(limits.maxEntryBytes, limits.maxUncompressedBytes), limits.maxUncompressedBytes);
  const workbook = await readWorkbookPart(zip);
  const signal = options.signal;
  const sharedStrings = await readSharedStrings(zip, workbook.sharedStrings, limits, signal);
  const dateStyles = await readDateStyles(zip, workbook.styles);
  const byName = new Map(workbook.sheets.map((s) => [s.name, s]));
  return {
    sheetNames: workbook.sheets.map((s) => s.name),
    hiddenSheets: workbook.sheets.filter((s) => s.hidden).map((s) => s.name),
    async *rows(name: string): AsyncGenerator<SheetRow> {
      const sheet = byName.get(name);
      if (!sheet) return;
      let merged = knownMerges.get(sheet.path);
      const collectMerges = !merged && zip.compressedSize(sheet.path) >= lateFrom;
      if (!merged && !collectMerges) knownMerges.set(sheet.path, (merged = await readMerges(zip, sheet.path)));
      const scanner = new SheetScanner({
        part: sheet.path,
        sharedStrings,
        sharedStringsPart: workbook.sharedStrings,
        dateStyles,
        date1904: workbook.date1904,
        merged: merged ?? new Map(),
        collectMerges,
      });
      const out: SheetRow[] = [];
      const declared = zip.declaredSize(sheet.path);
      let rowsOut = 0;
      let consumed = 0;
      for await (const w of byteWindows(unprefixedChunks(zip.chunks(sheet.path), sheet.path), sheet.path)) {
        signal?.throwIfAborted(); // one check per inflated chunk (~1 MB, a few thousand rows)
        scanner.scan(w, out);
        rowsOut += out.length;
        // w.pos bytes of this window were consumed; the windows before it, `consumed`.
        consumed += w.pos;
        if (rowsOut > 0 && consumed > 0) estimates.set(name, Math.ceil((declared * rowsOut) / consumed));
        for (const row of out) yield row;
        out.length = 0;
      }
      const foreign = scanner.unrecognisedElements();
      if (foreign) unrecognised.set(name, foreign);
      if (collectMerges) {
        const late = mergesFromRefs(scanner.lateMerges, sheet.path);
        knownMerges.set(sheet.path, late);
        if ([...late.values()].some((cols) => cols.length)) lateMerges = true;
      }
    },
    unrecognisedElements: (name: string) => unrecognised.get(name),
    rowEstimate: (name: string) => estimates.get(name),
    takeLateMerges(): boolean {
      const was = lateMerges;
      lateMerges = false;
      return was;
    },
  };
}
