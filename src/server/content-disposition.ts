/**
 * Content-Disposition for downloads (RFC 6266): a quoted ASCII fallback for old
 * clients and `filename*` (RFC 5987) with the real UTF-8 name, so "Long Thạnh"
 * arrives as "Long Thạnh" and not as mojibake.
 */
export function contentDisposition(fileName: string, type: 'attachment' | 'inline' = 'attachment'): string {
  const name = safeFileName(fileName);
  return `${type}; filename="${asciiFallback(name)}"; filename*=UTF-8''${encodeRfc5987(name)}`;
}

/** Drops path separators and control characters a stored or uploaded name might carry. */
export function safeFileName(fileName: string): string {
  const base = fileName.normalize('NFC').split(/[/\\]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const cleaned = base.replace(/[\u0000-\u001f\u007f]/g, '').trim();
  return cleaned === '' ? 'download' : cleaned;
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
