/**
 * RFC 4180 CSV (UTF-8, optional BOM, quotes, CRLF or LF) into records of text.
 * Nothing is typed or coerced: a unit code "06268" stays "06268".
 */
export interface CsvRecord {
  /** 1-based record number (the header is 1), as a spreadsheet would number the row. */
  row: number;
  cells: string[];
}

export function parseCsv(text: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const endRecord = () => {
    cells.push(cell);
    cell = '';
    // A blank line is no record, but it still counts as a row so locations match an editor's line numbers.
    records.push({ row: records.length + 1, cells: cells.length === 1 && cells[0] === '' ? [] : cells });
    cells = [];
  };
  for (; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else cell += c;
    } else if (c === '"' && cell === '') quoted = true;
    else if (c === ',') {
      cells.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      endRecord();
    } else cell += c;
  }
  if (cell !== '' || cells.length) endRecord();
  return records;
}
