/**
 * multipart.ts against a second implementation: undici's own formData() (what
 * hono's parseBody used), on bodies that undici's FormData serializer writes
 * (as a browser's fetch does), and hand-written bodies for what curl and other
 * clients send (a preamble, a quoted boundary, filename*=) and for broken ones.
 */
import { describe, expect, it } from 'vitest';
import { boundaryOf, MultipartError, parseMultipart } from '../../src/server/multipart.js';

async function encode(form: FormData): Promise<{ body: Uint8Array; type: string }> {
  const request = new Request('http://x/', { method: 'POST', body: form });
  return { body: new Uint8Array(await request.arrayBuffer()), type: request.headers.get('content-type')! };
}

async function viaUndici(body: Uint8Array, type: string) {
  const parsed = await new Request('http://x/', { method: 'POST', body: body as unknown as BodyInit, headers: { 'content-type': type } }).formData();
  const fields: Record<string, string> = {};
  const files: Record<string, { name: string; bytes: Uint8Array }> = {};
  const entries: [string, FormDataEntryValue][] = [];
  parsed.forEach((value, key) => entries.push([key, value]));
  for (const [key, value] of entries) {
    if (typeof value === 'string') {
      fields[key] = value;
      delete files[key];
    } else {
      files[key] = { name: value.name, bytes: new Uint8Array(await value.arrayBuffer()) };
      delete fields[key];
    }
  }
  return { fields, files };
}

const strip = (form: ReturnType<typeof parseMultipart>) => ({
  fields: form.fields,
  files: Object.fromEntries(Object.entries(form.files).map(([k, f]) => [k, { name: f.name, bytes: new Uint8Array(f.bytes) }])),
});

describe('parseMultipart', () => {
  it('reads what FormData writes exactly as undici does: files, text, Vietnamese and awkward names, repeated fields', async () => {
    const workbook = new Uint8Array(200_000).map((_, i) => (i * 31 + (i >> 7)) & 0xff);
    // A file whose bytes contain the boundary's prefix and CRLFs, to show the search does not stop early.
    const tricky = new TextEncoder().encode('a\r\n--\r\n----WebKitFormBoundary\r\n--formdata-undici\r\nb');
    const cases: [string, FormData][] = [];
    const one = new FormData();
    one.set('file', new Blob([workbook]), 'Xã Liên Hội 2024.xlsx');
    one.set('confidence', '0.9');
    cases.push(['file and a field', one]);
    const names = new FormData();
    names.set('file', new Blob([tricky]), 'quote " back\\slash; semi=colon.xlsx');
    names.set('unit', '06268');
    names.set('note', 'dòng một\r\ndòng hai "trích"');
    cases.push(['awkward names and text', names]);
    const repeated = new FormData();
    repeated.append('confidence', '0.8');
    repeated.append('confidence', '0.95');
    repeated.append('file', new Blob([new Uint8Array(0)]), 'empty.xlsx');
    repeated.append('year', '2025');
    cases.push(['repeated field, empty file', repeated]);
    for (const [label, form] of cases) {
      const { body, type } = await encode(form);
      const boundary = boundaryOf(type);
      expect(boundary, label).toBeDefined();
      expect(strip(parseMultipart(body, boundary!)), label).toEqual(await viaUndici(body, type));
    }
  });

  it('gives the file as a view into the body, not a copy', async () => {
    const form = new FormData();
    form.set('file', new Blob([new Uint8Array([1, 2, 3, 4])]), 'a.xlsx');
    const { body, type } = await encode(form);
    const file = parseMultipart(body, boundaryOf(type)!).files.file;
    expect(file.bytes.buffer).toBe(body.buffer);
    expect([...file.bytes]).toEqual([1, 2, 3, 4]);
  });

  it('reads hand-written bodies: a preamble and epilogue, a quoted boundary, filename*=UTF-8, spaces after a delimiter', () => {
    const body = new TextEncoder().encode(
      'preamble to ignore\r\n' +
        '--b q \r\n' +
        'Content-Disposition: form-data; name="file"; filename*=UTF-8\'\'X%C3%A3%20An.xlsx\r\n' +
        'Content-Type: application/octet-stream\r\n\r\n' +
        'PK\x03\x04\r\n' +
        '--b q\r\n' +
        'content-disposition: form-data; name=confidence\r\n\r\n' +
        '0.9\r\n' +
        '--b q--\r\nepilogue',
    );
    expect(boundaryOf('multipart/form-data; boundary="b\\"q"')).toBeUndefined(); // quotes and backslashes are not boundary characters
    expect(boundaryOf('multipart/form-data; boundary=')).toBeUndefined();
    expect(boundaryOf('multipart/form-data; boundary=abc')).toBe('abc');
    expect(boundaryOf('Multipart/Form-Data; charset=utf-8; BOUNDARY="b q"')).toBe('b q');
    const form = parseMultipart(body, 'b q');
    expect(form.fields).toEqual({ confidence: '0.9' });
    expect(form.files.file.name).toBe('Xã An.xlsx');
    expect(form.files.file.type).toBe('application/octet-stream');
    expect(new TextDecoder().decode(form.files.file.bytes)).toBe('PK\x03\x04');
  });

  it('refuses broken bodies with a MultipartError', () => {
    const broken = [
      'no boundary at all',
      '--b\r\nContent-Disposition: form-data; name="a"\r\n\r\nvalue without a closing delimiter',
      '--b\r\nContent-Disposition: form-data; name="a"\r\nno blank line after the headers',
      '--b\r\nContent-Disposition: attachment; name="a"\r\n\r\nx\r\n--b--',
      '--b\r\nContent-Disposition: form-data\r\n\r\nno name\r\n--b--',
      '--bjunk\r\nContent-Disposition: form-data; name="a"\r\n\r\nx\r\n--b--',
    ];
    for (const text of broken) expect(() => parseMultipart(new TextEncoder().encode(text), 'b'), text).toThrow(MultipartError);
  });
});
