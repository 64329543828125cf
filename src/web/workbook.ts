/**
 * The workbook in the grid, read by the engine's own reader (src/ingest/xlsx,
 * bundled for the browser with DecompressionStream as its inflater and the
 * service's limits as its caps), so a problem's cell shows the value that was
 * scored: formulas as their cached result, rich text without phonetic runs,
 * dates by the same styles, merged cells blank, parts found through their
 * relationships.
 */
import { columnLetters } from '../diagnostics/problem.js';
import { findSheetName } from '../ingest/sheetNames.js';
import { openXlsxWith } from '../ingest/xlsx/reader.js';
import { serviceLimits, type Limits } from '../limits.js';
import type { RawAnswer } from '../scoring/coding.js';
import { inflateInBrowser } from './inflate.js';

export interface Sheet {
  name: string;
  /** rows[r][c] with r, c 0-based (row 0 is the sheet's row 1). */
  rows: string[][];
  columnCount: number;
}

export interface Workbook {
  sheetNames: string[];
  /** The sheet a problem names ("Responses"), as the tab is written ("responses"); undefined when absent. */
  find(name: string): string | undefined;
  sheet(name: string): Promise<Sheet>;
}

/** "AB12" → { row: 11, column: 27 } (0-based); null when it is not a cell address. */
export function parseAddress(address: string): { row: number; column: number } | null {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d+)$/.exec(address.trim());
  if (!m) return null;
  let column = 0;
  for (const ch of m[1].toUpperCase()) column = column * 26 + (ch.charCodeAt(0) - 64);
  return { row: Number(m[2]) - 1, column: column - 1 };
}

/** 0-based column index → its letters. */
export function columnName(index: number): string {
  return columnLetters(index + 1);
}

/** A value as the grid shows it: numbers as JavaScript writes them, dates as YYYY-MM-DD (with the time when it has one). */
export function displayValue(value: RawAnswer): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return '';
    const iso = value.toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.slice(0, 16).replace('T', ' ');
  }
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'object') return value.error;
  return String(value);
}

export async function openWorkbook(bytes: Uint8Array, limits: Limits = serviceLimits): Promise<Workbook> {
  const source = await openXlsxWith(bytes, limits, inflateInBrowser);
  const cache = new Map<string, Promise<Sheet>>();
  const read = async (name: string): Promise<Sheet> => {
    const rows: string[][] = [];
    let columnCount = 0;
    for await (const row of source.rows(name)) {
      const cells: string[] = [];
      row.values.forEach((v, c) => {
        const text = displayValue(v);
        if (text !== '') cells[c - 1] = text;
      });
      rows[row.number - 1] = cells;
      columnCount = Math.max(columnCount, cells.length);
    }
    for (let i = 0; i < rows.length; i++) rows[i] ??= [];
    return { name, rows, columnCount };
  };
  return {
    sheetNames: source.sheetNames,
    find: (name) => findSheetName(source.sheetNames, name),
    sheet(name) {
      let sheet = cache.get(name);
      if (!sheet) cache.set(name, (sheet = read(name)));
      return sheet;
    },
  };
}
