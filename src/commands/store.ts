import type { Text } from '../diagnostics/catalogue.js';
import { errorText } from '../diagnostics/reasons.js';
import { cliMessage } from '../diagnostics/cli-messages.js';
import { existsSync } from 'node:fs';
import { problem } from '../diagnostics/problem.js';
import { EXIT, type Io, printProblems, UsageError } from './io.js';
import { langFrom, langOptions, parse } from './options.js';
import { storeLocationFrom, storeOptions, withStore } from './store-location.js';

/** `chiso store --help` (also printed after a wrong form), in both languages (--lang). */
export const help: Text = {
  vi: [
    'chiso store migrate              nâng kho dữ liệu lên phiên bản cấu trúc của chiso này (serve cũng làm việc này khi khởi động), và lưu các câu trả lời đã mã hóa của những tệp đã gửi trước phiên bản 3',
    'chiso store import-files THƯ_MỤC nhập một thư mục dữ liệu theo cách lưu bằng tệp cũ (mọi tệp đã gửi và mã truy cập, kiểm tra bằng mã băm)',
    'chiso store backup TỆP           sao lưu nhất quán kho SQLite, an toàn cả khi máy chủ đang chạy',
    '  Mọi dạng lệnh đều nhận --data THƯ_MỤC (SQLite, mặc định ./data) hoặc --database postgresql://… (hoặc biến DATABASE_URL).',
    '  Sao lưu PostgreSQL: pg_dump --format=custom --file=chiso.dump "$DATABASE_URL" (xem README).',
  ].join('\n'),
  en: [
    'chiso store migrate              bring the store to this chiso\'s schema (serve does it at start too), and store the coded answers of submissions stored before v3',
    'chiso store import-files DIR     import a data directory of the old file store (every submission and token, verified by hash)',
    'chiso store backup FILE          a consistent copy of the SQLite store, safe while the server runs',
    '  Every form takes --data DIR (SQLite, default ./data) or --database postgresql://… (or DATABASE_URL).',
    '  PostgreSQL backups: pg_dump --format=custom --file=chiso.dump "$DATABASE_URL" (see README).',
  ].join('\n'),
};

export async function run(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, { ...storeOptions, ...langOptions, json: { type: 'boolean' } });
  const lang = langFrom(values);
  const [action, ...rest] = positionals;
  const location = storeLocationFrom(values);
  switch (action) {
    case 'migrate': {
      if (rest.length) throw new UsageError(help);
      return withStore(location, io, lang, async (store) => {
        const m = store.migration!;
        io.err(
          m.applied.length
            ? cliMessage(lang, 'storeMigrated', { location: store.db.location, from: m.from, to: m.to })
            : cliMessage(lang, 'storeCurrent', { location: store.db.location, version: m.to }),
        );
        // Schema v3 keeps each submission's coded answers; those stored before it get theirs here, from their
        // workbooks (~0.1 s each), rather than at the first league that needs them (the desk would do it then,
        // inside a request, for a whole country at once).
        const { backfillAnswers } = await import('../desk/surveys.js');
        const pending = (await store.submissionsWithoutAnswers()).length;
        if (pending === 0) return EXIT.ok;
        io.err(cliMessage(lang, 'storeBackfilling', { pending }));
        const report = await backfillAnswers(store, { onProgress: (done, total) => done % 500 === 0 && done < total && io.err(`chiso store: ${done}/${total}`) });
        io.err(cliMessage(lang, 'storeBackfilled', { filled: report.filled, unreadable: report.unreadable.length, ids: report.unreadable.join(', ') }));
        return EXIT.ok;
      });
    }
    case 'import-files': {
      if (rest.length !== 1) throw new UsageError(help);
      const [dir] = rest;
      const { importFileStore } = await import('../store/import-files.js');
      return withStore(location, io, lang, async (store) => {
        let report;
        try {
          report = await importFileStore(store, dir);
        } catch (err) {
          io.err(cliMessage(lang, 'storeImportFailed', { reason: errorText(err) }));
          return EXIT.unscorable;
        }
        printProblems(
          io,
          report.rejected.map((r) =>
            r.hash ? problem('import-rejected.hash', r.hash, { file: `${dir}/${r.name}` }) : problem('import-rejected', { reason: r.reason }, { file: `${dir}/${r.name}` }),
          ),
          'text',
          lang,
        );
        if (values.json) io.out(JSON.stringify(report, null, 2));
        io.err(cliMessage(lang, 'storeImported', { imported: report.imported, existing: report.existing, tokens: report.tokens, dir, rejected: report.rejected.length }));
        return report.rejected.length ? EXIT.errors : EXIT.ok;
      });
    }
    case 'backup': {
      if (rest.length !== 1) throw new UsageError(help);
      const [file] = rest;
      if (location.databaseUrl) {
        io.err(cliMessage(lang, 'storeBackupPostgres'));
        return EXIT.usage;
      }
      if (existsSync(file)) {
        io.err(cliMessage(lang, 'storeBackupExists', { file }));
        return EXIT.usage;
      }
      const { SqliteDb } = await import('../store/sqlite.js');
      return withStore(location, io, lang, async (store) => {
        if (!(store.db instanceof SqliteDb)) throw new Error('not an SQLite store');
        await store.db.backup(file);
        io.err(cliMessage(lang, 'storeBackedUp', { location: store.db.location, file }));
        return EXIT.ok;
      });
    }
    default:
      throw new UsageError(help);
  }
}
