import { spawn } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { FileStore } from '../../src/store/index.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

/** Runs the writer until it has committed `atLeast` submissions, then SIGKILLs it after `delayMs`. */
function runAndKill(dir: string, atLeast: number, delayMs: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(root, 'node_modules', 'vite-node', 'vite-node.mjs'), join(here, 'crash-writer.ts'), dir], {
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

describe('FileStore durability', () => {
  it('stays consistent when the writing process is SIGKILLed mid-write', { timeout: 60_000 }, async () => {
    const dir = await mkdtemp(join(tmpdir(), 'chiso-crash-'));
    dirs.push(dir);
    const seen = new Set<string>();
    for (const [round, delay] of [0, 3, 17].entries()) {
      const committed = await runAndKill(dir, 4 * (round + 1), delay);
      for (const id of committed) seen.add(id);

      const store = await FileStore.open(dir);
      expect(store.unreadable).toEqual([]);
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
      expect(await readdir(join(dir, 'tmp'))).toEqual([]);
      await store.close();
    }
  });
});
