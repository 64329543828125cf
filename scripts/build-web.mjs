// Bundles the browser workbench (src/web) into dist/web: app.js, styles.css, index.html.
// No CDN at run time: chart.js and the shared chart configurations go into the bundle.
import { copyFile, mkdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export async function buildWeb(outDir = join(root, 'dist/web')) {
  await mkdir(outDir, { recursive: true });
  await build({
    entryPoints: [join(root, 'src/web/main.ts')],
    outfile: join(outDir, 'app.js'),
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: ['chrome110', 'firefox110', 'safari16'],
    minify: true,
    sourcemap: true,
    legalComments: 'linked',
    logLevel: 'warning',
  });
  await copyFile(join(root, 'src/web/index.html'), join(outDir, 'index.html'));
  await copyFile(join(root, 'src/web/styles.css'), join(outDir, 'styles.css'));
  return outDir;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const out = await buildWeb(process.argv[2] ? resolve(process.argv[2]) : undefined);
  console.log(`web: built ${out}`);
}
