import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isWatchedWorkbook, watchWorkbooks } from '../../src/commands/watch.js';
import { captureIo } from './io.js';

/** Resolves once `done()` holds, polling; fails after `ms` (a generous bound for a loaded machine, not a timing). */
async function until(done: () => boolean, ms = 15_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!done()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('chiso watch', () => {
  it('ignores Excel and LibreOffice lock files and temporary files', () => {
    expect(isWatchedWorkbook('long-thanh-2023.xlsx')).toBe(true);
    for (const name of ['~$long-thanh-2023.xlsx', '.~lock.long-thanh-2023.xlsx#', 'notes.txt', 'x.tmp.xlsx']) expect(isWatchedWorkbook(name)).toBe(false);
  });

  it('re-checks a workbook once when it is saved, and survives it being half-written first', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'chiso-watch-'));
    const io = captureIo();
    const scored: string[] = [];
    // The half-written and the complete save come within one debounce window, as one Excel save does.
    const watcher = watchWorkbooks(dir, io, { debounceMs: 500, onScored: (f) => scored.push(f) });
    try {
      const target = join(dir, 'errors.xlsx');
      writeFileSync(join(dir, '~$errors.xlsx'), 'lock'); // Excel's lock file: ignored
      writeFileSync(target, 'PK\u0003\u0004half'); // half-written
      copyFileSync('samples/errors-demo.xlsx', target); // the save completes
      await until(() => scored.length > 0);
      await watcher.idle();
      expect(scored).toEqual([target]);
      expect(io.stderr.some((l) => l.includes(`${target}:Responses!`) && l.includes('invalid-answer'))).toBe(true);
      expect(io.stderr.some((l) => l.includes('~$'))).toBe(false);
    } finally {
      watcher.close();
    }
  });
});
