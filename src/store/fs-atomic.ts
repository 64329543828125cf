import { open, rename, rm, mkdir } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';

/** Writes a file and fsyncs it before closing, so a later rename publishes complete bytes. */
export async function writeFileSynced(path: string, data: Uint8Array | string): Promise<void> {
  const handle = await open(path, 'wx');
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** fsync a directory so a rename inside it survives power loss (no-op where unsupported). */
export async function syncDir(path: string): Promise<void> {
  let handle;
  try {
    handle = await open(path, 'r');
    await handle.sync();
  } catch {
    // Windows cannot fsync a directory; the rename is still atomic there.
  } finally {
    await handle?.close();
  }
}

export function tempName(prefix: string): string {
  return `${prefix}.${process.pid}.${randomBytes(6).toString('hex')}`;
}

/** Replaces `path` atomically with `data` (temp file in `tmpDir`, fsync, rename, fsync dir). */
export async function writeFileAtomic(tmpDir: string, dir: string, name: string, data: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  const tmp = join(tmpDir, tempName(name));
  try {
    await writeFileSynced(tmp, data);
    await rename(tmp, join(dir, name));
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
  await syncDir(dir);
}
