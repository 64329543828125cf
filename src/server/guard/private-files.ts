/**
 * The store holds every commune's answers: only the account running chiso may
 * read it. New files and directories get 0600/0700 through the process umask
 * (`chiso serve` sets it), and what an older version left world-readable is
 * tightened at start.
 */
import { chmod, lstat, readdir } from 'node:fs/promises';
import { join } from 'node:path';

/** Owner-only permissions for everything created from now on (files 0600, directories 0700). */
export function ownerOnlyUmask(): void {
  if (process.platform !== 'win32') process.umask(0o077);
}

/** Sets `dir` to 0700 and takes group/other bits off everything under it (symlinks are left alone). Returns how many entries changed. */
export async function tightenPermissions(dir: string): Promise<number> {
  if (process.platform === 'win32') return 0;
  let changed = 0;
  const visit = async (path: string): Promise<void> => {
    const info = await lstat(path);
    if (info.isSymbolicLink()) return;
    const mode = info.mode & 0o777;
    const wanted = info.isDirectory() ? 0o700 : mode & 0o700;
    if (mode !== wanted) {
      await chmod(path, wanted);
      changed++;
    }
    if (info.isDirectory()) for (const name of await readdir(path)) await visit(join(path, name));
  };
  await visit(dir);
  return changed;
}
