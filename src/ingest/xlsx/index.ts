import type { Limits } from '../../limits.js';
import { inflateEntry } from '../../zip/inflate.js';
import { openXlsxWith, type XlsxOptions, type XlsxSource } from './reader.js';

export { XlsxError } from './errors.js';
export { isDateFormat } from './styles.js';
export { LATE_MERGES_FROM_BYTES, type XlsxOptions, type XlsxSource } from './reader.js';
export { packageKind, type PackageKind } from './package.js';

/** The xlsx reader (reader.ts) in Node: parts inflate through node:zlib. The browser uses src/web/workbook.ts. */
export function openXlsx(bytes: Uint8Array, limits: Limits, options: XlsxOptions = {}): Promise<XlsxSource> {
  return openXlsxWith(bytes, limits, inflateEntry, options);
}
