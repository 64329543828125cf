import { readFileSync } from 'node:fs';

let cached: string | undefined;

/** chiso's version (package.json), recorded with every submission it scores. */
export function engineVersion(): string {
  if (cached === undefined) {
    try {
      // src/store/ and dist/store/ are both two levels below the package root.
      const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: string };
      cached = `chiso ${pkg.version ?? 'unknown'}`;
    } catch {
      cached = 'chiso unknown';
    }
  }
  return cached;
}
