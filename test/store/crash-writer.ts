/**
 * Child process for the durability test: writes submissions in a loop and
 * reports each one on stdout once `put` has resolved, until it is SIGKILLed.
 * argv[2] is a data directory (SQLite) or a postgresql:// URL; argv[3] `thread`
 * opens SQLite with its connection in a worker thread, as the service does.
 */
import { randomBytes } from 'node:crypto';
import { openStore } from '../../src/store/index.js';
import { fakeScorecard } from './fake-scorecard.js';

const where = process.argv[2];
const store = await openStore(where.startsWith('postgres') ? { databaseUrl: where } : { dataDir: where, sqliteThread: process.argv[3] === 'thread' });
for (let i = 0; ; i++) {
  // Big enough that a kill often lands in the middle of a write.
  const input = randomBytes(512 * 1024);
  const year = 2000 + (i % 5);
  const { submission } = await store.put(
    {
      fileName: `crash-${i}.xlsx`,
      files: [`crash-${i}.xlsx`],
      problems: [],
      scorecards: [fakeScorecard({ name: 'Crash', code: '99999', year }, i)],
      confidence: 0.95,
    },
    input,
  );
  process.stdout.write(`committed ${submission.id} ${i}\n`);
}
