import type { Text } from '../diagnostics/catalogue.js';
import { EXIT, type Io, printProblems, UsageError, usageError } from './io.js';
import { integerFrom, langFrom, langOptions, limitOptions, limitsFrom, parse } from './options.js';
import { storeLocationFrom, storeOpenProblem, storeOptions } from './store-location.js';
import { serviceLimits } from '../limits.js';

/** `chiso serve --help`, in both languages (--lang). */
export const help: Text = {
  vi: `chiso serve [--port 8787] [--host 127.0.0.1] [--data ./data | --database postgresql://…] [--require-tokens] [--tls-cert TỆP --tls-key TỆP] [--trust-proxy] [--max-scorings SỐ] [--max-queue SỐ] [--max-batch-workbooks SỐ] [--timeout-s SỐ_GIÂY] [--samples THƯ_MỤC | --no-samples]
  Chạy dịch vụ web và trang làm việc. Chỉ mở trên máy này (127.0.0.1) và không có --require-tokens thì một người dùng,
  không cần mã truy cập; mở ra mạng thì cần mã truy cập (chiso token create) và nên dùng HTTPS (--tls-cert/--tls-key).`,
  en: `chiso serve [--port 8787] [--host 127.0.0.1] [--data ./data | --database postgresql://…] [--require-tokens] [--tls-cert F --tls-key F] [--trust-proxy] [--max-scorings N] [--max-queue N] [--max-batch-workbooks N] [--timeout-s S] [--samples DIR | --no-samples]
  Runs the web service and workbench. On loopback (127.0.0.1) without --require-tokens it is single-user, with no
  access tokens; on a network it needs access tokens (chiso token create) and should use HTTPS (--tls-cert/--tls-key).`,
};

export async function run(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, {
    port: { type: 'string' },
    host: { type: 'string' },
    ...storeOptions,
    samples: { type: 'string' },
    'no-samples': { type: 'boolean' },
    'require-tokens': { type: 'boolean' },
    'tls-cert': { type: 'string' },
    'tls-key': { type: 'string' },
    'trust-proxy': { type: 'boolean' },
    'max-scorings': { type: 'string' },
    'max-queue': { type: 'string' },
    'max-batch-workbooks': { type: 'string' },
    'timeout-s': { type: 'string' },
    ...limitOptions,
    ...langOptions,
  });
  if (positionals.length) throw usageError('usageNoPositionals', { command: 'serve', got: positionals.join(' ') });
  const port = integerFrom('port', values.port ?? process.env.PORT, 8787);
  if (port < 0 || port > 65535) throw usageError('usagePort');
  if ((values['tls-cert'] === undefined) !== (values['tls-key'] === undefined)) throw usageError('usageTlsPair');
  let tls: { cert: Buffer; key: Buffer } | undefined;
  if (values['tls-cert'] !== undefined && values['tls-key'] !== undefined) {
    const { readFile } = await import('node:fs/promises');
    const read = (flag: string, path: string) =>
      readFile(path).catch((error: NodeJS.ErrnoException) => {
        throw usageError('usageTlsRead', { flag, path, reason: String(error.code ?? error.message) });
      });
    tls = { cert: await read('tls-cert', values['tls-cert']), key: await read('tls-key', values['tls-key']) };
  }
  const positive = (flag: string, value: string | undefined, min = 1): number | undefined => {
    if (value === undefined) return undefined;
    const n = integerFrom(flag, value, 0);
    if (n < min) throw usageError('usageAtLeast', { flag, min });
    return n;
  };
  const serverLimits = {
    ...limitsFrom(values, serviceLimits),
    ...defined({
      maxConcurrentScorings: positive('max-scorings', values['max-scorings']),
      maxQueuedUploads: positive('max-queue', values['max-queue'], 0),
      maxBatchWorkbooks: positive('max-batch-workbooks', values['max-batch-workbooks']),
      requestTimeoutMs: (positive('timeout-s', values['timeout-s']) ?? 0) * 1000 || undefined,
    }),
  };
  const location = storeLocationFrom(values);
  const { startServer } = await import('../server/serve.js');
  let server;
  try {
    server = await startServer({
      host: values.host ?? '127.0.0.1',
      port,
      dataDir: location.dataDir,
      databaseUrl: location.databaseUrl,
      requireTokens: values['require-tokens'] ?? false,
      samplesDir: values['no-samples'] ? null : (values.samples ?? 'samples'),
      limits: serverLimits,
      tls,
      trustProxy: values['trust-proxy'] ?? false,
      log: (line) => io.err(line),
      lang: langFrom(values),
    });
  } catch (err) {
    const found = storeOpenProblem(err, location);
    if (found === undefined) throw err;
    printProblems(io, [found], 'text', langFrom(values));
    return EXIT.unscorable;
  }
  // Runs until SIGINT/SIGTERM; startServer closes the store and the listener then.
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  void server;
  return 0;
}

/** The entries whose value is defined (so an absent flag keeps the default). */
function defined<T extends Record<string, number | undefined>>(values: T): Partial<Record<keyof T, number>> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined)) as Partial<Record<keyof T, number>>;
}
