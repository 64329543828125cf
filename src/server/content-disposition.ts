/**
 * Content-Disposition for downloads (RFC 6266): a quoted ASCII fallback for old
 * clients and `filename*` (RFC 5987) with the real UTF-8 name, so "Long Thạnh"
 * arrives as "Long Thạnh" and not as mojibake.
 */
export function contentDisposition(fileName: string, type: 'attachment' | 'inline' = 'attachment'): string {
  const name = safeFileName(fileName);
  return `${type}; filename="${asciiFallback(name)}"; filename*=UTF-8''${encodeRfc5987(name)}`;
}

/** Longest file name kept (characters, extension included): a 100,000-character name came back in a 200 KB header. */
export const MAX_FILE_NAME = 200;

/**
 * Drops path separators and control characters (C0, DEL, C1, and the bidi
 * overrides that make "exe.xlsx" look like "xlsx.exe") a stored or uploaded
 * name might carry, and cuts it to MAX_FILE_NAME characters keeping its extension.
 */
export function safeFileName(fileName: string): string {
  const base = fileName.normalize('NFC').split(/[/\\]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const cleaned = base.replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '').trim();
  if (cleaned === '') return 'download';
  const chars = [...cleaned];
  if (chars.length <= MAX_FILE_NAME) return cleaned;
  const ext = /\.[A-Za-z0-9]{1,10}$/.exec(cleaned)?.[0] ?? '';
  return chars.slice(0, MAX_FILE_NAME - ext.length).join('').trimEnd() + ext;
}

/** Vietnamese letters without their marks (đ → d), anything else non-ASCII or unsafe in quotes → "_". */
export function asciiFallback(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^\x20-\x7e]|["\\%]/g, '_');
}

/** RFC 5987 ext-value: percent-encode everything but attr-char. */
export function encodeRfc5987(value: string): string {
  return encodeURIComponent(value).replace(/['()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);
}
