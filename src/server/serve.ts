import { mkdir, readdir, readFile } from 'node:fs/promises';
import { cliMessage, type CliArgs, type CliMessageId } from '../diagnostics/cli-messages.js';
import { DEFAULT_LANG, parseLang, type Lang } from '../diagnostics/lang.js';
import { createServer as createHttpServer, type IncomingMessage, type RequestListener, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import { openStore, type SqlStore } from '../store/index.js';
import { Desk } from '../desk/league.js';
import { createApp } from './app.js';
import { badRequest } from './errors.js';
import { isLoopback, LOCAL_ADMIN, type AuthSettings } from './auth.js';
import { defaultServerLimits, type ServerLimits } from './deps.js';
import { ingestWorkbook } from './ingest.js';
import { findWebDir } from './web.js';
import { parseHost } from './guard/host.js';
import { ownerOnlyUmask, tightenPermissions } from './guard/private-files.js';
import { pipelineDeps, type PipelineDeps } from './wire.js';
import type { ScorePool, ScorerOptions } from './workers/index.js';
import { detachOnce } from './workers/detach-once.js';

export interface ServeOptions {
  host?: string;
  port?: number;
  /** The embedded SQLite database's directory (default ./data). */
  dataDir?: string;
  /** postgresql://… : PostgreSQL instead of the embedded database. */
  databaseUrl?: string;
  /** Require bearer tokens even on loopback (always required on other addresses). */
  requireTokens?: boolean;
  /** Workbooks ingested when the store is empty; null: none. Default ./samples. */
  samplesDir?: string | null;
  /** The built workbench; default dist/web when it exists, else a placeholder page. */
  webDir?: string | null;
  limits?: Partial<ServerLimits>;
  /** Replace parts of the pipeline (tests pass fakes). */
  deps?: Partial<PipelineDeps>;
  /** The scoring workers' entry and memory (tests); their number is `limits.maxConcurrentScorings`. */
  workers?: Omit<ScorerOptions, 'size'>;
  /** Close gracefully on SIGINT/SIGTERM and exit (default true). */
  handleSignals?: boolean;
  /** Where the start and progress lines go (default console.log). */
  log?: (line: string) => void;
  /** The language of those lines (`--lang`, Vietnamese by default). */
  lang?: Lang;
  version?: string;
  /** Serve HTTPS directly: PEM certificate (chain) and private key (`--tls-cert`, `--tls-key`). */
  tls?: { cert: Buffer | string; key: Buffer | string };
  /** Behind a reverse proxy: believe X-Forwarded-Proto/For (`--trust-proxy`). */
  trustProxy?: boolean;
}

export interface SampleSummary {
  ingested: number;
  existing: number;
  failed: string[];
}

export interface RunningServer {
  url: string;
  auth: AuthSettings;
  store: SqlStore;
  /** Resolves when the sample workbooks have been ingested (at once when there are none). */
  samples: Promise<SampleSummary>;
  /** The desk: its national league warms in the background from the start (`desk.settled()` waits for it). */
  desk: Desk;
  /** The scoring worker threads (null when scoring runs in-process, or `deps.score` replaced it). */
  scorePool: ScorePool | null;
  close(): Promise<void>;
}

function urlFor(host: string, port: number, https: boolean): string {
  const h = host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
  return `${https ? 'https' : 'http'}://${h}:${port}`;
}

/** The `?lang=` of a raw request target ("/api/x?lang=en"), as errorResponse reads it from Hono's; Vietnamese by default. */
function queryLang(target: string | undefined): Lang {
  const query = (target ?? '').split('#')[0].split('?')[1] ?? '';
  return parseLang(new URLSearchParams(query).get('lang')) ?? DEFAULT_LANG;
}

/**
 * A Host header node-server cannot turn into a URL gets an empty 400 from it
 * (before the app runs); answer it here as JSON, like every other error.
 */
function withHostCheck(listener: RequestListener): RequestListener {
  return (req: IncomingMessage, res: ServerResponse) => {
    const host = req.headers.host;
    if (host !== undefined && parseHost(host) === null) {
      const body = JSON.stringify(badRequest('bad-host-header').bodyIn(queryLang(req.url)));
      res.writeHead(400, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) });
      res.end(body);
      return;
    }
    listener(req, res);
  };
}

/** The `chiso serve` service: the Hono app on @hono/node-server over the SQL store. */
export async function startServer(options: ServeOptions = {}): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
  const log = options.log ?? ((line: string) => console.log(line));
  const lang = options.lang ?? DEFAULT_LANG;
  const say = <Id extends CliMessageId>(id: Id, ...params: CliArgs<Id>) => cliMessage(lang, id, ...params);
  const limits: ServerLimits = { ...defaultServerLimits, ...options.limits };
  const loopback = isLoopback(host);
  const auth: AuthSettings = loopback && !options.requireTokens ? { mode: 'single-user' } : { mode: 'tokens' };
  /** The port, once listening: the loopback Host check compares with it. */
  let listening: number | undefined;

  // Uploads are handed to the scoring workers by transferring their buffers: give up V8's never-detached
  // assumption now, before the desk's pooling and the request code are compiled on it (workers/detach-once.ts).
  detachOnce();
  // Owner-only files from here on (the store: every commune's answers), and the data directory tightened.
  ownerOnlyUmask();
  const dataDir = options.dataDir ?? './data';
  if (!options.databaseUrl) await mkdir(dataDir, { recursive: true, mode: 0o700 });
  // SQLite's synchronous driver in a thread of its own: storing a 10 MB upload never blocks other requests.
  const store = await openStore({ dataDir, databaseUrl: options.databaseUrl, sqliteThread: true, log });
  // After the store opened (a store it refuses is left as it was).
  if (!options.databaseUrl) {
    const tightened = await tightenPermissions(dataDir);
    if (tightened) log(say('serveTightened', { files: tightened, dir: dataDir }));
  }
  // A new store is created silently; upgrading an existing one is worth a line.
  if (store.migration && store.migration.from > 0 && store.migration.applied.length > 0)
    log(say('serveMigrated', { location: store.db.location, from: store.migration.from, to: store.migration.to }));
  const firstStart = (await store.count()) === 0;
  // As many scoring workers as scorings may run at once (`--max-scorings`): more would only wait, fewer would leave
  // admitted uploads queued behind each other with cores idle.
  const { scorePool, ...pipeline } = pipelineDeps(store, { workers: { ...options.workers, size: limits.maxConcurrentScorings } });
  const deps = { ...pipeline, ...options.deps };
  // The desk's national league is pooled in the background from the start (and after uploads), so it is ready when asked for.
  const desk = new Desk(store, { confidence: 0.95, log }); // the app's default level (createApp: deps.confidence ?? 0.95)
  const app = createApp({
    ...deps,
    store,
    desk,
    warmDesk: true,
    auth,
    limits,
    webDir: options.webDir === undefined ? findWebDir() : options.webDir,
    version: options.version,
    network: { loopback, port: () => listening, trustProxy: options.trustProxy ?? false },
  });

  let server: ServerType;
  let port: number;
  const https = options.tls !== undefined;
  try {
    ({ server, port } = await new Promise<{ server: ServerType; port: number }>((resolvePromise, reject) => {
      const createServer = (serverOptions: object, listener: RequestListener) =>
        options.tls
          ? createHttpsServer({ ...serverOptions, cert: options.tls.cert, key: options.tls.key }, withHostCheck(listener))
          : createHttpServer(serverOptions, withHostCheck(listener));
      const s = serve({ fetch: app.fetch, hostname: host, port: options.port ?? 8787, createServer: createServer as never }, (info: AddressInfo) =>
        resolvePromise({ server: s, port: info.port }),
      );
      s.once('error', reject);
    }));
  } catch (err) {
    await scorePool?.close();
    await store.close();
    throw err;
  }

  listening = port;
  const url = urlFor(host, port, https);
  if (auth.mode === 'single-user') {
    log(say('serveSingleUser', { url }));
  } else {
    const tokens = await store.listTokens();
    log(say('serveTokens', { url }));
    if (!loopback && !https && !options.trustProxy)
      log(say('servePlainHttp'));
    if (tokens.length === 0) log(say('serveNoTokens'));
  }

  let stopping = false;
  const samples = (async (): Promise<SampleSummary> => {
    const summary: SampleSummary = { ingested: 0, existing: 0, failed: [] };
    const dir = options.samplesDir === undefined ? resolve('samples') : options.samplesDir;
    if (!firstStart || dir === null) return summary;
    const names = (await readdir(dir).catch(() => [] as string[])).filter((n) => n.toLowerCase().endsWith('.xlsx')).sort();
    for (const [i, name] of names.entries()) {
      if (stopping) break;
      log(say('serveLoadingSample', { n: i + 1, of: names.length, name }));
      try {
        const bytes = new Uint8Array(await readFile(join(dir, name)));
        // Idempotent: the content hash makes a second start (or a second run) a no-op.
        const outcome = await ingestWorkbook({ store, score: deps.score, limits }, { bytes, fileName: name, confidence: 0.95, principal: LOCAL_ADMIN });
        if (outcome.kind === 'created') summary.ingested++;
        else if (outcome.kind === 'existing') summary.existing++;
        else summary.failed.push(name);
      } catch (err) {
        if (stopping) break;
        summary.failed.push(name);
        log(say('serveSampleFailed', { name, reason: (err as Error).message }));
      }
    }
    if (names.length > 0) log(say('serveSamplesLoaded', { loaded: summary.ingested, failed: summary.failed.length }));
    return summary;
  })();

  let closing: Promise<void> | undefined;
  const onSignal = (signal: NodeJS.Signals) => {
    log(say('serveStopping', { signal }));
    void close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  const close = () =>
    (closing ??= (async () => {
      stopping = true;
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      await new Promise<void>((resolveClose) => {
        // Finish the requests in flight; drop idle keep-alive connections; give up after 10 s.
        const timer = setTimeout(() => (server as { closeAllConnections?: () => void }).closeAllConnections?.(), 10_000);
        server.close(() => {
          clearTimeout(timer);
          resolveClose();
        });
        (server as { closeIdleConnections?: () => void }).closeIdleConnections?.();
      });
      await samples.catch(() => undefined);
      await desk.close(); // a warming stops after its current pool, before the store closes under it
      await scorePool?.close();
      await store.close();
    })());
  if (options.handleSignals ?? true) {
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  }

  return { url, auth, store, samples, scorePool, close, desk };
}
