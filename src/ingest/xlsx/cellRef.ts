/** "F12" → 6 (1-based column); 0 when the reference has no column letters. */
export function columnOf(ref: string): number {
  let col = 0;
  for (let i = 0; i < ref.length; i++) {
    const code = ref.charCodeAt(i) | 32; // lower-case letters; digits stay digits
    if (code < 97 || code > 122) break;
    col = col * 26 + (code - 96);
  }
  return col;
}

/** "F12" → 12; 0 when there is no row number. */
export function rowOf(ref: string): number {
  let i = 0;
  while (i < ref.length && (ref.charCodeAt(i) | 32) >= 97 && (ref.charCodeAt(i) | 32) <= 122) i++;
  return Number(ref.slice(i)) || 0;
}

/** Excel serial day number → Date, as exceljs converts it (1900 system unless date1904). */
export function excelDate(serial: number, date1904: boolean): Date {
  return new Date(Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 24 * 3600 * 1000));
}
