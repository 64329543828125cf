/** Headless Chromium for the workbench tests: found at /usr/bin/chromium (or CHISO_CHROMIUM), or skipped loudly. */
import { existsSync } from 'node:fs';
import { copyFile, mkdir, readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = resolve(import.meta.dirname, '../..');

export const CHROMIUM = process.env.CHISO_CHROMIUM ?? '/usr/bin/chromium';
export const REQUIRE_BROWSER = process.env.CHISO_REQUIRE_BROWSER === '1';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** True when the browser tests can run; warns loudly when they cannot, and throws when CI requires them. */
export function browserAvailable(): boolean {
  if (existsSync(CHROMIUM)) return true;
  const message = `\n${'!'.repeat(72)}\n!! ${CHROMIUM} is missing: the workbench browser tests are SKIPPED.\n!! Install it (apt-get install -y chromium) or set CHISO_CHROMIUM.\n${'!'.repeat(72)}\n`;
  if (REQUIRE_BROWSER) throw new Error(`CHISO_REQUIRE_BROWSER=1 but ${CHROMIUM} is missing`);
  console.warn(message);
  return false;
}

/** The workbench bundle built into DIR/web (scripts/build-web.mjs, as `npm run build` does), for a test's server. */
export async function buildWebInto(dir: string): Promise<string> {
  const webDir = join(dir, 'web');
  const { buildWeb } = (await import(pathToFileURL(join(root, 'scripts/build-web.mjs')).href)) as { buildWeb(out: string): Promise<string> };
  await buildWeb(webDir);
  return webDir;
}

/** The project's samples copied into DIR/samples, all but those named in `except`; returns that folder. */
export async function copySamples(dir: string, except: readonly string[] = []): Promise<string> {
  const samples = join(dir, 'samples');
  await mkdir(samples);
  for (const name of await readdir(join(root, 'samples')))
    if (!except.includes(name)) await copyFile(join(root, 'samples', name), join(samples, name));
  return samples;
}
