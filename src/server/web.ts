import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { dirname, extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/**
 * The built workbench if there is one, else null and a placeholder page is
 * served: next to the compiled server (dist/server → dist/web, so `npx chiso
 * serve` works from any directory), then ./dist/web. A directory counts only
 * with its bundle (app.js): src/web holds the unbuilt index.html.
 */
export function findWebDir(
  candidates: string[] = [resolve(dirname(fileURLToPath(import.meta.url)), '../web'), resolve('dist/web')],
): string | null {
  return candidates.find((dir) => existsSync(join(dir, 'index.html')) && existsSync(join(dir, 'app.js'))) ?? null;
}

export const PLACEHOLDER_HTML = `<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><title>chiso</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem}</style></head>
<body><h1>chiso</h1>
<p>The workbench has not been built yet (<code>npm run build</code> writes it to <code>dist/web</code>).</p>
<p>The API works: see <a href="/api/docs">/api/docs</a> and <a href="/openapi.json">/openapi.json</a>;
download the blank template at <a href="/api/template.xlsx">/api/template.xlsx</a>.</p>
</body></html>`;

export interface StaticFile {
  body: Uint8Array;
  type: string;
  immutable: boolean;
}

/**
 * A file under `root` for a URL path, refusing anything that would resolve
 * outside it. Paths without an extension fall back to index.html (client-side routes).
 */
export async function readStatic(root: string, urlPath: string): Promise<StaticFile | null> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const base = resolve(root);
  let path = resolve(base, '.' + (decoded.endsWith('/') ? decoded + 'index.html' : decoded));
  if (path !== base && !path.startsWith(base + sep)) return null;
  let info = await stat(path).catch(() => null);
  if (info?.isDirectory()) {
    path = join(path, 'index.html');
    info = await stat(path).catch(() => null);
  }
  if (!info?.isFile()) {
    if (extname(decoded) !== '') return null;
    path = join(base, 'index.html');
    info = await stat(path).catch(() => null);
    if (!info?.isFile()) return null;
  }
  const type = TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
  // Bundlers put a content hash in asset names; those can be cached for good.
  const immutable = /[.-][0-9a-zA-Z_-]{8,}\.(js|css|woff2?|png|svg)$/.test(path) && !path.endsWith('index.html');
  return { body: new Uint8Array(await readFile(path)), type, immutable };
}
