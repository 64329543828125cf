/**
 * multipart/form-data (RFC 7578) read from a body already in memory, for the
 * upload route. hono's parseBody() goes through undici's formData(), which
 * parses the whole body in one synchronous pass in JavaScript and then copies
 * each file twice (into a Blob, then out with arrayBuffer()): 12–26 ms of CPU
 * on the event loop for a 10 MB workbook, measured beside this one
 * (bench/README.md, "Service load and flood, branch perf"). Here the
 * delimiters are found with Buffer#indexOf (native memmem) and a file's bytes
 * are a view into the body: no copy.
 *
 * What it accepts is what browsers and curl send: parts separated by
 * CRLF "--" boundary, each with a Content-Disposition `form-data` header
 * naming the field; a part with a `filename` is a file, any other is text
 * (UTF-8). The last of two same-named fields wins (as parseBody). Anything
 * else (no boundary, no closing delimiter, a part without a name) is a
 * MultipartError: the route answers 400.
 */

import { apiErrorMessage } from '../diagnostics/api-errors.js';

/** What is wrong with the body: an api-errors.ts text (the route answers it in the requester's language), English as the message. */
export class MultipartError extends Error {
  override name = 'MultipartError';
  constructor(
    readonly textId: MultipartErrorText,
    readonly params: Readonly<Record<string, string>> = {},
  ) {
    super(apiErrorMessage(textId, 'en', params));
  }
}

/** Each an api-errors.ts text (apiErrorMessage above refuses any other name at compile time). */
type MultipartErrorText = 'form-no-delimiter' | 'form-no-line-break' | 'form-headers-unended' | 'form-unclosed' | 'form-part-unnamed' | 'form-header-unnamed' | 'form-parameter-encoding';

export interface UploadedFile {
  name: string;
  /** A view into the request body (not a copy). */
  bytes: Uint8Array;
  type: string;
}

export interface MultipartForm {
  fields: Record<string, string>;
  files: Record<string, UploadedFile>;
}

const CRLF = Buffer.from('\r\n');
const HEADER_END = Buffer.from('\r\n\r\n');
/**
 * Part headers longer than this are refused. A real part's are a few hundred bytes, but an upload
 * with a 100,000-character file name is answered (the name is then cut to 200 characters, hygiene).
 */
const MAX_HEADER_BYTES = 1024 * 1024;

/** The boundary of a `multipart/form-data; boundary=…` Content-Type (RFC 2046 characters, 1–70, quoted or not), or undefined. */
export function boundaryOf(contentType: string): string | undefined {
  const match = /;\s*boundary=(?:"([0-9A-Za-z'()+_,\-./:=? ]{0,69}[0-9A-Za-z'()+_,\-./:=?])"|([0-9A-Za-z'()+_,\-./:=?]{1,70}))\s*(?:;|$)/i.exec(contentType);
  return match ? (match[1] ?? match[2]) : undefined;
}

export function parseMultipart(body: Uint8Array, boundary: string): MultipartForm {
  const buf = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  const dash = Buffer.from(`--${boundary}`);
  const delimiter = Buffer.from(`\r\n--${boundary}`);
  const form: MultipartForm = { fields: {}, files: {} };
  // The first delimiter may open the body (no CRLF before it); anything before it is a preamble.
  let at = buf.subarray(0, dash.length).equals(dash) ? 0 : buf.indexOf(delimiter);
  if (at < 0) throw new MultipartError('form-no-delimiter');
  at += at === 0 && buf[0] === 0x2d ? dash.length : delimiter.length;
  for (;;) {
    // After a delimiter: "--" closes the body; otherwise optional spaces or tabs, then CRLF.
    if (buf[at] === 0x2d && buf[at + 1] === 0x2d) return form;
    while (buf[at] === 0x20 || buf[at] === 0x09) at++;
    if (buf.indexOf(CRLF, at) !== at) throw new MultipartError('form-no-line-break');
    at += 2;
    const headersEnd = buf.indexOf(HEADER_END, at);
    if (headersEnd < 0 || headersEnd - at > MAX_HEADER_BYTES) throw new MultipartError('form-headers-unended');
    const headers = partHeaders(buf.toString('utf8', at, headersEnd));
    const start = headersEnd + 4;
    const end = buf.indexOf(delimiter, start);
    if (end < 0) throw new MultipartError('form-unclosed');
    const disposition = parameters(headers.get('content-disposition') ?? '');
    if (disposition.type !== 'form-data' || disposition.params.name === undefined) throw new MultipartError('form-part-unnamed');
    const name = disposition.params.name;
    const content = buf.subarray(start, end);
    const fileName = disposition.params['filename*'] ?? disposition.params.filename;
    if (fileName !== undefined) {
      delete form.fields[name];
      form.files[name] = { name: fileName, bytes: new Uint8Array(content.buffer, content.byteOffset, content.byteLength), type: headers.get('content-type') ?? '' };
    } else {
      delete form.files[name];
      form.fields[name] = content.toString('utf8');
    }
    at = end + delimiter.length;
  }
}

function partHeaders(text: string): Map<string, string> {
  const headers = new Map<string, string>();
  for (const line of text.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon <= 0) throw new MultipartError('form-header-unnamed');
    headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return headers;
}

/**
 * `form-data; name="file"; filename="xã.xlsx"`. Quoted values as browsers write
 * them (WHATWG: `"` as %22, CR and LF as %0D %0A, a backslash as itself, as
 * undici reads them); `filename*=UTF-8''…` (RFC 5987) is decoded when present.
 */
function parameters(value: string): { type: string; params: Record<string, string> } {
  const semi = value.indexOf(';');
  const type = (semi < 0 ? value : value.slice(0, semi)).trim().toLowerCase();
  const params: Record<string, string> = {};
  const re = /;\s*([^\s=;]+)\s*=\s*(?:"([^"]*)"|([^;]*))/g;
  for (let m = re.exec(value); m; m = re.exec(value)) {
    const key = m[1].toLowerCase();
    if (m[2] !== undefined) params[key] = m[2].replace(/%22/g, '"').replace(/%0D/gi, '\r').replace(/%0A/gi, '\n');
    else if (key.endsWith('*')) {
      const ext = /^([^']*)'[^']*'(.*)$/.exec(m[3].trim());
      if (ext && /^utf-8$/i.test(ext[1])) {
        try {
          params[key] = decodeURIComponent(ext[2]);
        } catch {
          throw new MultipartError('form-parameter-encoding', { parameter: key });
        }
      }
    } else params[key] = m[3].trim();
  }
  return { type, params };
}
