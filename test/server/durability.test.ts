import { spawn, type ChildProcess } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { sha256Hex } from '../../src/store/index.js';
import { backends, open, type Scratch } from '../store/databases.js';
import { fakeWorkbook, uploadForm } from './fakes.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const scratches: Scratch[] = [];
const children: ChildProcess[] = [];
afterAll(async () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  for (const s of scratches) await s.drop();
});

/** Starts the server in a child process; resolves with its URL once it listens. */
function startChild(where: string): Promise<{ child: ChildProcess; url: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(root, 'node_modules', 'vite-node', 'vite-node.mjs'), join(here, 'serve-child.ts'), where], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(child);
    let out = '';
    let err = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /listening (\S+)\n/.exec(out);
      if (match) resolve({ child, url: match[1] });
    });
    child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('exit', (code, signal) => reject(new Error(`server exited (${code ?? signal}) before listening: ${err}`)));
  });
}

for (const backend of backends) {
  describe.skipIf(backend.skip)(`the service on ${backend.name}, SIGKILLed mid-upload`, () => {
    it('keeps every submission it acknowledged with 201 among 20 concurrent uploads', { timeout: 120_000 }, async () => {
      const scratch = await backend.scratch();
      scratches.push(scratch);
      const where = scratch.location.databaseUrl ?? scratch.location.dataDir!;
      const { child, url } = await startChild(where);
      const exited = new Promise((resolve) => child.once('exit', resolve));

      // 20 distinct workbooks of ~400 KB each, so the kill lands while some are still being sent or stored.
      const uploads = Array.from({ length: 20 }, (_, i) =>
        fakeWorkbook({ unit: { name: `Xã ${i}`, code: String(30000 + i), province: 'An Giang', district: 'Tân Châu', year: 2024 }, score: 30 + i, nonce: `${i}-${'x'.repeat(400_000)}` }),
      );
      const acknowledged: string[] = [];
      let killed = false;
      const results = await Promise.allSettled(
        uploads.map(async (bytes, i) => {
          const res = await fetch(`${url}/api/submissions`, { method: 'POST', body: uploadForm(bytes, `xa-${i}.xlsx`) });
          const body = (await res.json()) as { id: string };
          if (res.status === 201) {
            acknowledged.push(body.id);
            // Kill after a few acknowledgements: the rest are in flight.
            if (acknowledged.length === 3 && !killed) {
              killed = true;
              child.kill('SIGKILL');
            }
          }
          return res.status;
        }),
      );
      if (!killed) child.kill('SIGKILL');
      await exited;
      expect(acknowledged.length).toBeGreaterThanOrEqual(3);
      // Some uploads were cut off by the kill (a failed fetch), or the kill came too late to test anything.
      expect(results.filter((r) => r.status === 'rejected').length).toBeGreaterThan(0);

      // Restart on the same database: every acknowledged id is there, whole.
      const restarted = await startChild(where);
      const listed = (await (await fetch(`${restarted.url}/api/submissions`)).json()) as { submissions: { id: string }[] };
      const ids = new Set(listed.submissions.map((s) => s.id));
      for (const id of acknowledged) expect(ids.has(id)).toBe(true);
      restarted.child.kill('SIGKILL');
      const store = await open(scratch.location);
      for (const id of ids) {
        const bytes = await store.getInput(id);
        expect(bytes && sha256Hex(bytes).slice(0, 24)).toBe(id);
        expect((await store.get(id))?.scorecards).toHaveLength(1);
      }
      await store.close();
    });
  });
}
