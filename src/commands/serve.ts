import { EXIT, type Io, printProblems, UsageError } from './io.js';
import { integerFrom, langFrom, langOptions, limitOptions, limitsFrom, parse } from './options.js';
import { storeLocationFrom, storeOpenProblem, storeOptions } from './store-location.js';
import { serviceLimits } from '../limits.js';

export async function run(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, {
    port: { type: 'string' },
    host: { type: 'string' },
    ...storeOptions,
    samples: { type: 'string' },
    'no-samples': { type: 'boolean' },
    'require-tokens': { type: 'boolean' },
    ...limitOptions,
    ...langOptions,
  });
  if (positionals.length) throw new UsageError(`serve takes no positional arguments (got ${positionals.join(' ')})`);
  const port = integerFrom('port', values.port ?? process.env.PORT, 8787);
  if (port < 0 || port > 65535) throw new UsageError('--port must be 0..65535');
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
      limits: limitsFrom(values, serviceLimits),
      log: (line) => io.err(line),
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
