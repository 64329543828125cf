/** Headless Chromium for the workbench tests: found at /usr/bin/chromium (or CHISO_CHROMIUM), or skipped loudly. */
import { existsSync } from 'node:fs';

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
