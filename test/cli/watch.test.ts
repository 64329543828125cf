import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isWatchedWorkbook, watchWorkbooks } from '../../src/commands/watch.js';
import { captureIo } from './io.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('chiso watch', () => {
  it('ignores Excel and LibreOffice lock files and temporary files', () => {
    expect(isWatchedWorkbook('long-thanh-2023.xlsx')).toBe(true);
    for (const name of ['~$long-thanh-2023.xlsx', '.~lock.long-thanh-2023.xlsx#', 'notes.txt', 'x.tmp.xlsx']) expect(isWatchedWorkbook(name)).toBe(false);
  });

  it('re-checks a workbook once when it is saved, and survives it being half-written first', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'chiso-watch-'));
    const io = captureIo();
    const scored: string[] = [];
    const watcher = watchWorkbooks(dir, io, { debounceMs: 100, onScored: (f) => scored.push(f) });
    try {
      const target = join(dir, 'errors.xlsx');
      writeFileSync(join(dir, '~$errors.xlsx'), 'lock'); // Excel's lock file: ignored
      writeFileSync(target, 'PK\u0003\u0004half'); // half-written
      await sleep(30);
      copyFileSync('samples/errors-demo.xlsx', target); // the save completes
      await sleep(300);
      await watcher.idle();
      expect(scored).toEqual([target]);
      expect(io.stderr.some((l) => l.includes(`${target}:Responses!`) && l.includes('invalid-answer'))).toBe(true);
      expect(io.stderr.some((l) => l.includes('~$'))).toBe(false);
    } finally {
      watcher.close();
    }
  });
});
