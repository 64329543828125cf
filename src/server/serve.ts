import { readdir, readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import { openStore, type SqlStore } from '../store/index.js';
import { createApp } from './app.js';
import { isLoopback, LOCAL_ADMIN, type AuthSettings } from './auth.js';
import { defaultServerLimits, type ServerLimits } from './deps.js';
import { ingestWorkbook } from './ingest.js';
import { findWebDir } from './web.js';
import { pipelineDeps, type PipelineDeps } from './wire.js';

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
  /** Close gracefully on SIGINT/SIGTERM and exit (default true). */
  handleSignals?: boolean;
  /** Where the start and progress lines go (default console.log). */
  log?: (line: string) => void;
  version?: string;
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
  close(): Promise<void>;
}

function urlFor(host: string, port: number): string {
  const h = host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
  return `http://${h}:${port}`;
}

/** The `chiso serve` service: the Hono app on @hono/node-server over the SQL store. */
export async function startServer(options: ServeOptions = {}): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
  const log = options.log ?? ((line: string) => console.log(line));
  const limits: ServerLimits = { ...defaultServerLimits, ...options.limits };
  const loopback = isLoopback(host);
  const auth: AuthSettings = loopback && !options.requireTokens ? { mode: 'single-user' } : { mode: 'tokens' };

  const store = await openStore({ dataDir: options.dataDir ?? './data', databaseUrl: options.databaseUrl, log });
  // A new store is created silently; upgrading an existing one is worth a line.
  if (store.migration && store.migration.from > 0 && store.migration.applied.length > 0)
    log(`chiso: store ${store.db.location} migrated from schema version ${store.migration.from} to ${store.migration.to}`);
  const firstStart = (await store.count()) === 0;
  const deps = { ...pipelineDeps(store), ...options.deps };
  const app = createApp({
    ...deps,
    store,
    auth,
    limits,
    webDir: options.webDir === undefined ? findWebDir() : options.webDir,
    version: options.version,
  });

  let server: ServerType;
  let port: number;
  try {
    ({ server, port } = await new Promise<{ server: ServerType; port: number }>((resolvePromise, reject) => {
      const s = serve({ fetch: app.fetch, hostname: host, port: options.port ?? 8787 }, (info: AddressInfo) =>
        resolvePromise({ server: s, port: info.port }),
      );
      s.once('error', reject);
    }));
  } catch (err) {
    await store.close();
    throw err;
  }

  const url = urlFor(host, port);
  if (auth.mode === 'single-user') {
    log(`chiso workbench: ${url} (single-user mode on loopback)`);
  } else {
    const tokens = await store.listTokens();
    log(`chiso workbench: ${url} (access tokens required)`);
    if (tokens.length === 0) log('chiso: no access tokens yet; create one with: chiso token create --scope admin');
  }

  let stopping = false;
  const samples = (async (): Promise<SampleSummary> => {
    const summary: SampleSummary = { ingested: 0, existing: 0, failed: [] };
    const dir = options.samplesDir === undefined ? resolve('samples') : options.samplesDir;
    if (!firstStart || dir === null) return summary;
    const names = (await readdir(dir).catch(() => [] as string[])).filter((n) => n.toLowerCase().endsWith('.xlsx')).sort();
    for (const [i, name] of names.entries()) {
      if (stopping) break;
      log(`chiso: loading sample ${i + 1}/${names.length} ${name}`);
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
        log(`chiso: sample ${name} failed: ${(err as Error).message}`);
      }
    }
    if (names.length > 0) log(`chiso: ${summary.ingested} sample(s) loaded${summary.failed.length ? `, ${summary.failed.length} failed` : ''}`);
    return summary;
  })();

  let closing: Promise<void> | undefined;
  const onSignal = (signal: NodeJS.Signals) => {
    log(`chiso: ${signal}, shutting down`);
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
      await store.close();
    })());
  if (options.handleSignals ?? true) {
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  }

  return { url, auth, store, samples, close };
}
