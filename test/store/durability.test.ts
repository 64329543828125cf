import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { storeBackends as backends, open, type Scratch } from './databases.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const scratches: Scratch[] = [];
afterAll(async () => {
  for (const s of scratches) await s.drop();
});

/** Runs the writer until it has committed `atLeast` submissions, then SIGKILLs it after `delayMs`. */
function runAndKill(where: string, atLeast: number, delayMs: number, thread = false): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(root, 'node_modules', 'vite-node', 'vite-node.mjs'), join(here, 'crash-writer.ts'), where, ...(thread ? ['thread'] : [])], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const committed: string[] = [];
    let buffered = '';
    let stderr = '';
    let killing = false;
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop()!;
      for (const line of lines) committed.push(line.split(' ')[1]);
      if (!killing && committed.length >= atLeast) {
        killing = true;
        setTimeout(() => child.kill('SIGKILL'), delayMs);
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('exit', (_code, signal) => {
      if (signal === 'SIGKILL') resolve(committed);
      else reject(new Error(`writer exited without being killed: ${stderr}`));
    });
  });
}

for (const backend of backends) {
  describe.skipIf(backend.skip)(`store durability on ${backend.name}`, () => {
    it('keeps every committed submission when the writing process is SIGKILLed mid-write', { timeout: 90_000 }, async () => {
      const scratch = await backend.scratch();
      scratches.push(scratch);
      const where = scratch.location.databaseUrl ?? scratch.location.dataDir!;
      const seen = new Set<string>();
      for (const [round, delay] of [0, 3, 17].entries()) {
        const committed = await runAndKill(where, 4 * (round + 1), delay, scratch.location.sqliteThread === true);
        for (const id of committed) seen.add(id);

        const store = await open(scratch.location);
        const listed = await store.list();
        const ids = new Set(listed.map((s) => s.id));
        // Everything acknowledged before the kill is there; at most one more (committed, not yet printed).
        for (const id of seen) expect(ids.has(id)).toBe(true);
        expect(ids.size - seen.size).toBeLessThanOrEqual(1);
        for (const summary of listed) {
          const stored = await store.get(summary.id);
          expect(stored?.scorecards).toHaveLength(1);
          // getInput verifies the bytes against the SHA-256 the submission was committed with.
          expect((await store.getInput(summary.id))?.byteLength).toBe(512 * 1024);
        }
        // Exactly one current submission per unit-year.
        const units = await store.listUnits();
        const current = units.flatMap((u) => u.years.map((y) => y.submissionId));
        expect(new Set(current).size).toBe(current.length);
        expect(listed.filter((s) => !s.superseded).length).toBe(current.length);
        for (const s of listed) seen.add(s.id);
        await store.close();
      }
    });
  });
}
