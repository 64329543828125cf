// One measured case in its own process, so peak memory belongs to it alone.
// Prints {"ms": wall time of the measured work, "check": a checksum or count}.
import { readFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';

const [kind, file] = process.argv.slice(2);
const bytes = new Uint8Array(await readFile(file));

async function measure() {
  switch (kind) {
    case 'raw': {
      const { rawScan } = await import('./raw.js');
      const t = performance.now();
      const r = await rawScan(bytes);
      return { ms: performance.now() - t, check: r.cells };
    }
    case 'exceljs': {
      const { loadWithExcelJS } = await import('../dist/ingest/source.js');
      const t = performance.now();
      const source = await loadWithExcelJS(bytes);
      let rows = 0;
      for await (const _ of source.rows('Responses')) rows++;
      return { ms: performance.now() - t, check: rows };
    }
    case 'reader': {
      const { openXlsx } = await import('../dist/ingest/xlsx/index.js');
      const { cliLimits } = await import('../dist/limits.js');
      const t = performance.now();
      const source = await openXlsx(bytes, cliLimits);
      let rows = 0;
      for await (const _ of source.rows('Responses')) rows++;
      return { ms: performance.now() - t, check: rows };
    }
    case 'ingest': {
      const { ingestWorkbook } = await import('../dist/ingest/index.js');
      const t = performance.now();
      const survey = await ingestWorkbook(bytes, { fileName: file });
      return { ms: performance.now() - t, check: survey.responses.n };
    }
    case 'score': {
      // Scoring with confidence intervals alone, on an already ingested survey.
      const { ingestWorkbook } = await import('../dist/ingest/index.js');
      const { scoreSurvey } = await import('../dist/pipeline.js');
      const survey = await ingestWorkbook(bytes, { fileName: file });
      scoreSurvey(survey); // warm-up: the first call pays for compilation
      const t = performance.now();
      const cards = scoreSurvey(survey);
      return { ms: performance.now() - t, check: cards.length };
    }
    default:
      throw new Error(`unknown case ${kind}`);
  }
}

const result = await measure();
process.stdout.write(JSON.stringify({ ...result, maxRssKB: process.resourceUsage().maxRSS }) + '\n');
