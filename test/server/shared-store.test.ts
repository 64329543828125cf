import { afterEach, describe, expect, it } from 'vitest';
import { run } from '../../src/cli.js';
import { createToken } from '../../src/server/auth.js';
import { startServer, type RunningServer } from '../../src/server/serve.js';
import { backends, type Scratch } from '../store/databases.js';
import { COMPARISON_BYTES, fakeCompare, fakeScore, fakeWorkbook, LONG_THANH, REPORT_BYTES, TEMPLATE_BYTES, uploadForm } from './fakes.js';

const deps = { score: fakeScore, compare: fakeCompare, renderReport: async () => REPORT_BYTES, renderComparison: async () => COMPARISON_BYTES, template: async () => TEMPLATE_BYTES };

for (const backend of backends) {
  describe.skipIf(backend.skip)(`two servers on one ${backend.name} store`, { timeout: 30_000 }, () => {
    let scratch: Scratch;
    const servers: RunningServer[] = [];
    afterEach(async () => {
      for (const s of servers.splice(0)) await s.close();
      await scratch.drop();
    });
    const start = async (extra: { host?: string } = {}) => {
      const server = await startServer({ port: 0, ...scratch.location, samplesDir: null, webDir: null, deps, handleSignals: false, log: () => undefined, ...extra });
      servers.push(server);
      return server;
    };

    it('both serve the same data: an upload to one is listed by the other at once', async () => {
      scratch = await backend.scratch();
      const [a, b] = [await start(), await start()];
      const first = await fetch(`${a.url}/api/submissions`, { method: 'POST', body: uploadForm(fakeWorkbook({ unit: { ...LONG_THANH, year: 2023 }, score: 40 })) });
      expect(first.status).toBe(201);
      const { id } = (await first.json()) as { id: string };
      const listed = (await (await fetch(`${b.url}/api/submissions`)).json()) as { submissions: { id: string }[] };
      expect(listed.submissions.map((s) => s.id)).toEqual([id]);
      // The same bytes uploaded to the other server are the same submission.
      const again = await fetch(`${b.url}/api/submissions`, { method: 'POST', body: uploadForm(fakeWorkbook({ unit: { ...LONG_THANH, year: 2023 }, score: 40 })) });
      expect(again.status).toBe(200);
      expect(((await again.json()) as { id: string }).id).toBe(id);
      // A newer upload through B supersedes A's for the unit-year, seen by A.
      const newer = await fetch(`${b.url}/api/submissions`, { method: 'POST', body: uploadForm(fakeWorkbook({ unit: { ...LONG_THANH, year: 2023 }, score: 44 })) });
      const newerId = ((await newer.json()) as { id: string }).id;
      const fromA = (await (await fetch(`${a.url}/api/submissions/${id}`)).json()) as { superseded: boolean; supersededBy: string };
      expect(fromA).toMatchObject({ superseded: true, supersededBy: newerId });
    });

    it('a damaged row is reported and skipped: /api/units still answers everyone', async () => {
      scratch = await backend.scratch();
      const logs: string[] = [];
      const server = await startServer({ port: 0, ...scratch.location, samplesDir: null, webDir: null, deps, handleSignals: false, log: (l) => logs.push(l) });
      servers.push(server);
      for (const [unit, score] of [[LONG_THANH, 40], [{ ...LONG_THANH, name: 'Phước Thái', code: '26050' }, 41]] as const)
        expect((await fetch(`${server.url}/api/submissions`, { method: 'POST', body: uploadForm(fakeWorkbook({ unit: { ...unit, year: 2023 }, score })) })).status).toBe(201);
      // A hand edit in the database breaks one unit's row.
      await server.store.db.batch([{ sql: "UPDATE scorecards SET unit_json = '{broken' WHERE unit_code = '26050'" }]);
      const res = await fetch(`${server.url}/api/units`);
      expect(res.status).toBe(200);
      const text = await res.text();
      expect(text).toContain('26041');
      expect(text).not.toContain('26050');
      expect(logs.some((l) => l.startsWith('chiso: skipped unreadable store row scorecards('))).toBe(true);
    });

    it('a token revoked with `chiso token revoke` stops working on a running server at its next request', async () => {
      scratch = await backend.scratch();
      const server = await start({ host: '0.0.0.0' });
      const { token, record } = await createToken(server.store, 'admin');
      const url = server.url.replace('0.0.0.0', '127.0.0.1');
      const ask = async () => (await fetch(`${url}/api/submissions`, { headers: { Authorization: `Bearer ${token}`, Host: new URL(url).host } })).status;
      expect(await ask()).toBe(200);
      const lines: string[] = [];
      const io = { out: (t: string) => lines.push(t), err: (t: string) => lines.push(t), progress: () => undefined };
      const where = scratch.location.databaseUrl ? ['--database', scratch.location.databaseUrl] : ['--data', scratch.location.dataDir!];
      expect(await run(['token', 'revoke', record.id, ...where], io)).toBe(0);
      expect(lines.join('\n')).toContain(`đã thu hồi mã truy cập ${record.id}`);
      expect(await ask()).toBe(401);
      lines.length = 0;
      expect(await run(['token', 'list', ...where], io)).toBe(0);
      expect(lines[0]).toMatch(new RegExp(`^${record.id}\\tadmin\\t.*\\tđã thu hồi 20`));
    });
  });
}
