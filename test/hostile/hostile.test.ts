import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli.js';
import { scoreWorkbook } from '../../src/pipeline.js';
import { captureIo } from '../cli/io.js';
import { type HostileCase, hostileCases } from './cases.js';

/**
 * Every hostile or broken input goes through the library and through the CLI:
 * the documented code, severity and place, the exit code, no exception, and
 * bounded time (and memory for the bombs).
 */
const cases = await hostileCases();
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'chiso-hostile-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const where = (p: { sheet: string; cell: string }) => `${p.sheet}!${p.cell}`;

function expectProblems(c: HostileCase, problems: { sheet: string; cell: string; severity: string; code: string; message: string }[]) {
  for (const e of c.expect) {
    const found = problems.filter((p) => p.code === e.code && p.severity === e.severity && (e.sheet === undefined || p.sheet === e.sheet) && (e.cell === undefined || p.cell === e.cell));
    expect(found, `${e.severity} ${e.code} at ${e.sheet ?? '?'}!${e.cell ?? '?'} in ${JSON.stringify(problems.map((p) => `${where(p)} ${p.severity} ${p.code}`))}`).not.toHaveLength(0);
  }
  // Messages stay readable: one line, no stack trace, no 32k echo of the input.
  for (const p of problems) {
    expect(p.message).not.toMatch(/\n|\s+at\s+\S+\s+\(/);
    expect(p.message.length).toBeLessThan(400);
  }
}

/**
 * A guard against hangs and runaway work, not a speed test (speed is measured in bench/):
 * the slowest case takes about 2 s alone; CI runs the browser tests beside this suite on two
 * cores, where it has been seen at 5.5 s. A hang or an unbounded inflate takes far longer.
 */
const HANG_GUARD_SECONDS = 20;

/**
 * A real garbage collection before RSS is read, so a case's growth is its own and
 * not the previous case's garbage. `global.gc` exists only under --expose-gc,
 * which vitest's workers do not get; the flag can be set at run time, and a new
 * context then has `gc`.
 */
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

describe.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
  it('scoreWorkbook reports it, bounded in time and memory', async () => {
    collectGarbage();
    const rss = process.memoryUsage().rss;
    const started = performance.now();
    const result = await scoreWorkbook(c.bytes, { fileName: 'hostile.xlsx', limits: c.limits });
    const seconds = (performance.now() - started) / 1000;
    const grownMb = (process.memoryUsage().rss - rss) / 1024 / 1024;
    expect(seconds).toBeLessThan(HANG_GUARD_SECONDS);
    if (c.maxRssGrowthMb) expect(grownMb).toBeLessThan(c.maxRssGrowthMb);
    expectProblems(c, result.problems);
    expect(result.fatal).toBe(c.exit === 2);
    expect(result.scorecards).toHaveLength(c.exit === 2 ? 0 : 1);
    const errors = result.problems.some((p) => p.severity === 'error');
    expect(errors).toBe(c.exit !== 0);
    c.check?.(result);
  });

  it(`chiso check exits ${c.exit} and prints each problem as file:Sheet!Cell`, async () => {
    const file = join(dir, `${c.name.replace(/[^a-z0-9]+/gi, '-').slice(0, 60)}.xlsx`);
    writeFileSync(file, c.bytes);
    const io = captureIo();
    const started = performance.now();
    const code = await run(['check', ...(c.flags ?? []), file], io);
    expect((performance.now() - started) / 1000).toBeLessThan(HANG_GUARD_SECONDS);
    expect(code).toBe(c.exit);
    expect(io.stdout).toEqual([]);
    for (const e of c.expect) {
      const place = e.sheet ? `${file}:${e.sheet}${e.cell ? `!${e.cell}` : ''}` : file;
      expect(io.stderr.some((line) => line.startsWith(`${place}: ${e.severity} ${e.code}: `)), `${place}: ${e.severity} ${e.code} in\n${io.stderr.join('\n')}`).toBe(true);
    }
  });
});
