/**
 * Child process for the HTTP durability test: `chiso serve` on the fake
 * pipeline (fast, deterministic), printing its URL. argv[2]: a data
 * directory (SQLite) or a postgresql:// URL.
 */
import { startServer } from '../../src/server/serve.js';
import { COMPARISON_BYTES, fakeCompare, fakeScore, REPORT_BYTES, TEMPLATE_BYTES } from './fakes.js';

const where = process.argv[2];
const server = await startServer({
  port: 0,
  ...(where.startsWith('postgres') ? { databaseUrl: where } : { dataDir: where }),
  samplesDir: null,
  webDir: null,
  handleSignals: false,
  log: () => undefined,
  deps: { score: fakeScore, compare: fakeCompare, renderReport: async () => REPORT_BYTES, renderComparison: async () => COMPARISON_BYTES, template: async () => TEMPLATE_BYTES },
});
process.stdout.write(`listening ${server.url}\n`);
