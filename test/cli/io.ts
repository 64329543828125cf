import type { Io } from '../../src/commands/io.js';

/** An Io that keeps what a command printed, for in-process CLI tests. */
export function captureIo(): Io & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (t) => stdout.push(t), err: (t) => stderr.push(t), progress: () => {} };
}
