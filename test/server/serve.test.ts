import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createToken, isLoopback } from '../../src/server/auth.js';
import { startServer, type RunningServer } from '../../src/server/serve.js';
import { COMPARISON_BYTES, fakeCompare, fakeScore, fakeWorkbook, LONG_THANH, PHUOC_THAI, REPORT_BYTES, TEMPLATE_BYTES, uploadForm } from './fakes.js';

const fakes = {
  score: fakeScore,
  compare: fakeCompare,
  renderReport: async () => REPORT_BYTES,
  renderComparison: async () => COMPARISON_BYTES,
  template: async () => TEMPLATE_BYTES,
};

let server: RunningServer | undefined;
let dir: string;
afterEach(async () => {
  await server?.close();
  server = undefined;
  await rm(dir, { recursive: true, force: true });
});

describe('startServer', () => {
  it('serves over HTTP on a free port, ingests the samples once, and closes', async () => {
    dir = await mkdtemp(join(tmpdir(), 'chiso-serve-'));
    const samplesDir = join(dir, 'samples');
    await mkdir(samplesDir);
    await writeFile(join(samplesDir, 'long-thanh-2023.xlsx'), fakeWorkbook({ unit: { ...LONG_THANH, year: 2023 }, score: 40 }));
    await writeFile(join(samplesDir, 'broken.xlsx'), 'not a workbook');
    const lines: string[] = [];
    const options = { port: 0, dataDir: join(dir, 'data'), samplesDir, webDir: null, deps: fakes, handleSignals: false, log: (l: string) => lines.push(l) };
    server = await startServer(options);
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(lines[0]).toBe(`chiso: trang làm việc tại ${server.url} (một người dùng, chỉ mở được trên máy này)`);
    expect(await server.samples).toEqual({ ingested: 1, existing: 0, failed: ['broken.xlsx'] });
    expect(lines).toContain('chiso: đang nạp tệp mẫu 2/2 long-thanh-2023.xlsx');

    const bytes = fakeWorkbook({ unit: { ...PHUOC_THAI, year: 2023 } });
    const created = await fetch(`${server.url}/api/submissions`, { method: 'POST', body: uploadForm(bytes, 'Phước Thái 2023.xlsx') });
    expect(created.status).toBe(201);
    const { id } = await created.json();
    const again = await fetch(`${server.url}/api/submissions`, { method: 'POST', body: uploadForm(bytes) });
    expect(again.status).toBe(200);
    expect((await again.json()).id).toBe(id);

    const report = await fetch(`${server.url}/api/submissions/${id}/report.xlsx`);
    expect(report.headers.get('content-disposition')).toBe(
      `attachment; filename="Phuoc Thai 2023 report.xlsx"; filename*=UTF-8''Ph%C6%B0%E1%BB%9Bc%20Th%C3%A1i%202023%20report.xlsx`,
    );
    expect(new Uint8Array(await report.arrayBuffer())).toEqual(REPORT_BYTES);
    const input = await fetch(`${server.url}/api/submissions/${id}/input.xlsx`);
    expect(new Uint8Array(await input.arrayBuffer())).toEqual(bytes);

    // A real socket, a real chunked upload past the limit.
    await server.close();
    server = await startServer({ ...options, limits: { maxFileBytes: 1000 } });
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (++sent > 200) controller.close();
        else controller.enqueue(new Uint8Array(16 * 1024));
      },
    });
    const tooBig = await fetch(`${server.url}/api/submissions`, {
      method: 'POST',
      body,
      headers: { 'Content-Type': 'multipart/form-data; boundary=x' },
      duplex: 'half',
    } as RequestInit).catch((err: Error) => err);
    // The server answers 413 as soon as the limit is passed; the client may see the answer or a reset.
    if (!(tooBig instanceof Error)) expect(tooBig.status).toBe(413);

    // Second start on the same data: no samples again, the data is still there.
    expect(await server.samples).toEqual({ ingested: 0, existing: 0, failed: [] });
    const list = await (await fetch(`${server.url}/api/submissions`)).json();
    expect(list.submissions).toHaveLength(2);
  });

  it('is single-user only on loopback', () => {
    for (const host of ['127.0.0.1', 'localhost', '::1', '[::1]', '127.0.0.2']) expect(isLoopback(host)).toBe(true);
    for (const host of ['0.0.0.0', '::', '192.168.1.10', 'chiso.example.org']) expect(isLoopback(host)).toBe(false);
  });

  it('requires tokens off loopback', async () => {
    dir = await mkdtemp(join(tmpdir(), 'chiso-serve-'));
    const lines: string[] = [];
    // --lang en: the start lines in English (Vietnamese by default, above).
    server = await startServer({ host: '0.0.0.0', port: 0, dataDir: join(dir, 'data'), samplesDir: null, webDir: null, deps: fakes, handleSignals: false, log: (l) => lines.push(l), lang: 'en' });
    expect(lines[0]).toBe(`chiso workbench: ${server.url} (access tokens required)`);
    expect((await fetch(`${server.url}/api/units`)).status).toBe(401);
    const { token } = await createToken(server.store, 'unit', '26041');
    const ok = await fetch(`${server.url}/api/whoami`, { headers: { Authorization: `Bearer ${token}` } });
    expect(await ok.json()).toMatchObject({ mode: 'tokens', scope: 'unit' });
  });
});
