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
    case 'exceljsStream': {
      // exceljs's streaming reader, the fastest way exceljs offers: Responses rows, values touched.
      const { default: Excel } = await import('exceljs');
      const { Readable } = await import('node:stream');
      const t = performance.now();
      const reader = new Excel.stream.xlsx.WorkbookReader(Readable.from([Buffer.from(bytes)]), { sharedStrings: 'cache', worksheets: 'emit', styles: 'cache', hyperlinks: 'ignore', entries: 'ignore' });
      let rows = 0;
      for await (const sheet of reader) {
        if (sheet.name !== 'Responses') continue;
        for await (const row of sheet) if (row.values.length) rows++;
      }
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

const cpuBefore = process.cpuUsage();
const result = await measure();
// CPU seconds of the whole process (all threads, zlib's included), steadier than wall time on a shared machine.
const cpu = process.cpuUsage(cpuBefore);
process.stdout.write(JSON.stringify({ ...result, cpuMs: (cpu.user + cpu.system) / 1000, maxRssKB: process.resourceUsage().maxRSS }) + '\n');
