import { z } from 'zod';
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import type { Lang } from '../diagnostics/lang.js';
import { localizeAll, type Problem } from '../diagnostics/problem.js';
import type { Scorecard } from '../scoring/types.js';
import { unitKeyOf } from '../store/keys.js';
import type { StoredSubmission, SubmissionSummary, UnitEntry } from '../store/types.js';
import { authenticate, covers, coversAll, LOCAL_ADMIN, placeKey, type Principal } from './auth.js';
import { contentDisposition, safeFileName } from './content-disposition.js';
import { defaultServerLimits, type AppDeps, type ServerLimits } from './deps.js';
import { ApiError, badRequest, errorResponse, langOf, notFound, parseFields, tooLarge, unscorable } from './errors.js';
import { ingestWorkbook } from './ingest.js';
import { buildOpenApi, renderDocsHtml } from './openapi.js';
import { compareQueryHints, compareQuerySchema, submissionIdSchema, uploadFieldsHints, uploadFieldsSchema } from './schemas.js';
import { boundaryOf, MultipartError, parseMultipart, type MultipartForm } from './multipart.js';
import { registerBatchRoutes } from './routes/batches.js';
import { registerRegistryRoutes } from './routes/registry.js';
import { registerDeskRoutes } from './routes/desk.js';
import { Desk } from '../desk/league.js';

/** Uploads within this of each other are one warming of the national league (a commune's officials upload in bursts). */
const DESK_WARM_DELAY_MS = 2_000;
const DESK_START_DELAY_MS = 1_000;
import { PLACEHOLDER_HTML, readStatic } from './web.js';
import { crossSiteGuard, loopbackHostGuard } from './guard/host.js';
import { closeSession, openSession, sessionPrincipal } from './session.js';
import { ReportCache } from './report-cache.js';
import { needsPool, pooledComparison } from './year-over-year.js';
import { currentRegistry } from './registry-cache.js';
import { descent } from '../units/queries.js';
import { methodNotAllowed } from './guard/methods.js';
import { queuedWork, runQueued, WorkQueue, type QueuedWork } from './guard/queue.js';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** Room for the multipart boundaries and part headers around the file itself. */
const MULTIPART_SLACK = 64 * 1024;

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  // Grid and chart libraries set inline styles; scripts stay self-only.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

type Env = { Variables: { principal: Principal; work: QueuedWork } };

/** Public routes: no token needed even when the service requires tokens. */
const PUBLIC_API = new Set(['/api/template.xlsx', '/api/docs', '/api/session']);

/** A download: always named *.xlsx, whatever name was uploaded or stored. */
function xlsxResponse(c: Context, bytes: Uint8Array, fileName: string): Response {
  const name = safeFileName(fileName);
  return c.body(bytes as Uint8Array<ArrayBuffer>, 200, {
    'Content-Type': XLSX_TYPE,
    'Content-Disposition': contentDisposition(/\.xlsx$/i.test(name) ? name : `${name.replace(/\.[^.]{0,10}$/, '')}.xlsx`),
    'Cache-Control': 'private, no-store',
  });
}

/** Text from the request echoed in an answer, cut short: a 100,000-character URL is not echoed back. */
function shown(text: string, max = 120): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/** The 404 of an address nothing answers: "GET /x", cut short. */
const pathNotFound = (c: Context) => notFound('not-found-path', { path: shown(`${c.req.method} ${c.req.path}`) });

/** "Long Thạnh 2023" for a one-unit submission, else the upload's name without extension. */
export function submissionTitle(submission: Pick<SubmissionSummary, 'units' | 'fileName'>): string {
  if (submission.units.length === 1) {
    const u = submission.units[0];
    return [u.name || u.code, u.year ?? ''].join(' ').trim();
  }
  return safeFileName(submission.fileName).replace(/\.xlsx$/i, '');
}

function hierarchy(units: UnitEntry[]) {
  const provinces = new Map<string, { name: string; districts: Map<string, { name: string; units: UnitEntry[] }> }>();
  for (const unit of units) {
    const pk = placeKey(unit.province);
    const province = provinces.get(pk) ?? { name: unit.province, districts: new Map() };
    provinces.set(pk, province);
    const dk = placeKey(unit.district);
    const district = province.districts.get(dk) ?? { name: unit.district, units: [] };
    province.districts.set(dk, district);
    district.units.push(unit);
  }
  return {
    provinces: [...provinces.values()].map((p) => ({
      name: p.name,
      districts: [...p.districts.values()].map((d) => ({
        name: d.name,
        units: d.units.map((u) => ({ key: u.key, code: u.code, name: u.name, years: u.years })),
      })),
    })),
  };
}

/** The Hono app of contract.md "HTTP API"; every collaborator comes in through `deps`. */
export function createApp(deps: AppDeps): Hono<Env> {
  const limits: ServerLimits = { ...defaultServerLimits, ...deps.limits };
  const log = deps.log ?? ((message: string) => console.error(message));
  const defaultConfidence = deps.confidence ?? 0.95;
  const { store } = deps;
  const app = new Hono<Env>();
  const queue = new WorkQueue(limits.maxConcurrentScorings, limits.maxQueuedUploads);
  const queued = queuedWork(queue, limits.requestTimeoutMs);
  const deadline = limits.requestTimeoutMs;
  const reports = new ReportCache();
  const desk = deps.desk ?? new Desk(store, { confidence: defaultConfidence, log });
  // A moment after the start, so that the first requests (the workbench loading) are not queued behind its first reads.
  if (deps.warmDesk) desk.warm(DESK_START_DELAY_MS);
  let openapi: Record<string, unknown> | undefined;
  const openapiDoc = () => (openapi ??= buildOpenApi({ version: deps.version ?? '0.0.0', maxUploadBytes: limits.maxFileBytes }));

  app.onError((err, c) => {
    if (err instanceof ApiError) return errorResponse(c, err);
    if (err instanceof HTTPException) {
      if (err.status === 413) return errorResponse(c, tooLarge(limits.maxFileBytes));
      // Hono's own refusals besides the body limit (none reach here today): its English text is not shown, the status is.
      if (err.status < 500) return errorResponse(c, ApiError.text(err.status, 'bad-request', 'request-refused', { status: err.status }));
    }
    log(`chiso: ${c.req.method} ${c.req.path} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    return errorResponse(c, ApiError.of('internal', 500));
  });

  app.notFound((c) => errorResponse(c, pathNotFound(c)));

  // Security headers on every response, errors included.
  app.use('*', async (c, next) => {
    await next();
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Referrer-Policy', 'no-referrer');
    c.header('X-Frame-Options', 'DENY');
    c.header('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  });

  // Loopback hardening (guard/host.ts): before auth, so a rebinding page learns nothing.
  if (deps.network?.loopback ?? deps.auth.mode === 'single-user') app.use('*', loopbackHostGuard(deps.network?.port ?? (() => undefined)));
  app.use('*', crossSiteGuard());

  app.use('/api/*', async (c, next) => {
    if (deps.auth.mode === 'single-user') {
      c.set('principal', LOCAL_ADMIN);
      return next();
    }
    const authorization = c.req.header('Authorization');
    const principal = authorization !== undefined ? await authenticate(store, authorization) : await sessionPrincipal(c, store);
    if (principal) c.set('principal', principal);
    else if (!PUBLIC_API.has(c.req.path)) {
      c.header('WWW-Authenticate', 'Bearer realm="chiso"');
      throw ApiError.text(401, 'unauthorized', 'token-needed');
    }
    return next();
  });

  // Reads answer "not yours" exactly as "not there" (same status, code and message), so ids and
  // unit codes with data cannot be probed with a token that does not cover them (issue 14).
  const loadSubmission = async (c: Context<Env>): Promise<StoredSubmission> => {
    const id = submissionIdSchema.safeParse(c.req.param('id'));
    if (!id.success) throw notFound('not-found-submission', { id: shown(c.req.param('id') ?? '', 64) });
    const submission = await store.get(id.data);
    if (!submission || !coversAll(c.get('principal'), submission.units)) throw notFound('not-found-submission', { id: id.data });
    return submission;
  };

  // ---- submissions ----------------------------------------------------------

  app.post(
    '/api/submissions',
    // A place in the queue first (503 at once when full), then the body limit
    // before anything reads the body: parseBody() buffers the whole upload.
    // The body is read only once the upload's turn comes: until then it waits
    // in the socket (the client's send blocks), so waiting uploads cost no
    // memory, and parsing (~0.1 s a 10 MB body, synchronous) happens at most
    // `maxConcurrentScorings` at a time instead of for the whole queue at once.
    queued,
    bodyLimit({ maxSize: limits.maxFileBytes + MULTIPART_SLACK, onError: (c) => errorResponse(c, tooLarge(limits.maxFileBytes)) }),
    async (c) => {
      const type = c.req.header('Content-Type') ?? '';
      if (!/^multipart\/form-data/i.test(type)) {
        throw ApiError.text(415, 'unsupported-media-type', 'upload-wrong-type');
      }
      const outcome = await runQueued(c.get('work'), deadline, async (signal) => {
        // The raw body once, then multipart.ts finds the parts: the file is a view into the body, not a copy.
        const boundary = boundaryOf(type);
        if (boundary === undefined) throw badRequest('form-no-boundary');
        let parsed: MultipartForm;
        try {
          parsed = parseMultipart(new Uint8Array(await c.req.arrayBuffer()), boundary);
        } catch (error) {
          if (error instanceof HTTPException) throw error; // the body limit, counted while reading
          throw error instanceof MultipartError ? badRequest(error.textId, error.params) : badRequest('form-unreadable');
        }
        const upload = parsed.files.file;
        if (!upload) throw badRequest(parsed.fields.file !== undefined ? 'form-file-not-file' : 'form-file-missing');
        const form = parseFields(uploadFieldsSchema, parsed.fields, uploadFieldsHints, langOf(c));
        const fileName = safeFileName(upload.name || 'upload.xlsx');
        const { bytes } = upload;
        if (bytes.byteLength > limits.maxFileBytes) throw tooLarge(limits.maxFileBytes, fileName);
        signal.throwIfAborted();
        return ingestWorkbook(
          { store, score: deps.score, limits },
          { bytes, fileName, confidence: form.confidence ?? defaultConfidence, principal: c.get('principal'), signal, provisional: deps.auth.mode === 'single-user', exports: { unitCode: form.unit, year: form.year },
            // Storing does not hold a scoring turn: a worker would sit idle through the write (the place is kept).
            onScored: () => c.get('work').ticket.endTurn() },
        );
      });
      switch (outcome.kind) {
        case 'unscorable':
          throw unscorable(outcome.problems, langOf(c), 'workbook');
        case 'unit-refused': {
          const problems = localizeAll(outcome.problems, langOf(c));
          const first = problems.find((p) => p.code === outcome.code) ?? problems.find((p) => p.severity === 'error');
          throw ApiError.text(outcome.code === 'unknown-unit' ? 422 : 409, outcome.code, 'not-stored', { reason: first?.message ?? outcome.code }, problems);
        }
        case 'forbidden':
          throw ApiError.text(403, 'forbidden', 'forbidden-units', { units: outcome.units.map((u) => u.code || u.key).join(', ') });
        default:
          if (outcome.kind === 'created') {
            reports.clear(); // it may be some report's previous year
            // The national league's roll-ups change with it: pooled again in the background, after a burst of uploads.
            if (deps.warmDesk) desk.warm(DESK_WARM_DELAY_MS);
          }
          c.header('Location', `/api/submissions/${outcome.submission.id}`);
          return c.json(localized(outcome.submission, langOf(c)), outcome.kind === 'created' ? 201 : 200);
      }
    },
  );

  app.get('/api/submissions', async (c) => {
    const principal = c.get('principal');
    const submissions = (await store.list()).filter((s) => coversAll(principal, s.units));
    return c.json({ submissions });
  });

  app.get('/api/submissions/:id', async (c) => c.json(localized(await loadSubmission(c), langOf(c))));

  // A built report is served from the cache without a place in the queue (access is checked first, always);
  // a build takes a place, and parallel requests for one report share its build (report-cache.ts).
  const reportName = (submission: StoredSubmission) => `${submissionTitle(submission)} report.xlsx`;
  // The previous year in a report is what the requester may read, so the cache keeps one build per token.
  const reportKey = (c: Context<Env>, submission: StoredSubmission) => `${submission.id}|${langOf(c)}|${c.get('principal').tokenId ?? 'local'}`;
  app.get(
    '/api/submissions/:id/report.xlsx',
    async (c, next) => {
      const submission = await loadSubmission(c);
      const hit = reports.peek(reportKey(c, submission));
      return hit ? xlsxResponse(c, hit, reportName(submission)) : next();
    },
    queued,
    async (c) => {
      const submission = await loadSubmission(c);
      const report = await runQueued(c.get('work'), deadline, () =>
        reports.get(reportKey(c, submission), async () => {
          const input = await store.getInput(submission.id);
          if (!input) throw notFound('not-found-input', { id: submission.id });
          return deps.renderReport(submission, input, langOf(c), { principal: c.get('principal') });
        }),
      );
      return xlsxResponse(c, report, reportName(submission));
    },
  );

  app.get('/api/submissions/:id/input.xlsx', async (c) => {
    const submission = await loadSubmission(c);
    const input = await store.getInput(submission.id);
    if (!input) throw notFound('not-found-input', { id: submission.id });
    return xlsxResponse(c, input, safeFileName(submission.fileName));
  });

  // ---- units ------------------------------------------------------------------

  registerRegistryRoutes(app, { store, limits, queued, deadline });

  app.get('/api/units', async (c) => {
    const principal = c.get('principal');
    return c.json(hierarchy((await store.listUnits()).filter((u) => covers(principal, u))));
  });

  app.get('/api/units/:code/history', async (c) => {
    const key = c.req.param('code').normalize('NFC').trim();
    const unit = (await store.listUnits()).find((u) => u.key === key || (u.code !== '' && u.code === key));
    if (!unit || !covers(c.get('principal'), unit)) throw notFound('not-found-unit', { unit: shown(key, 64) });
    const entries = await store.history(unit.key);
    const { code, name, province, district } = unit;
    return c.json({ unit: { key: unit.key, code, name, province, district }, entries, predecessors: await predecessorsHistory(c.get('principal'), unit) });
  });

  /**
   * With a registry, the units `unit` was formed from (through every recorded reorganisation) and
   * their own uploads in the years before: the history a merged commune continues. Each with
   * `part` when only part of its area went in. Only what the requester may read.
   */
  const predecessorsHistory = async (principal: Principal, unit: UnitEntry) => {
    const registry = await currentRegistry(store);
    const latest = Math.max(...unit.years.map((y) => y.year ?? -Infinity));
    if (!registry || !unit.code || !Number.isFinite(latest)) return [];
    const all = await store.listUnits();
    const years = [...new Set(all.flatMap((u) => u.years.map((y) => y.year)).filter((y): y is number => y !== null && y < latest))];
    const found = new Map<string, { code: string; name: string; part: boolean; years: Set<number> }>();
    for (const a of years)
      for (const ancestor of descent(registry, unit.code, latest, a)) {
        if (ancestor.code === unit.code) continue;
        const seen = found.get(ancestor.code) ?? { code: ancestor.code, name: ancestor.name, part: ancestor.part, years: new Set<number>() };
        seen.part &&= ancestor.part;
        seen.years.add(a);
        found.set(ancestor.code, seen);
      }
    const out = [];
    for (const p of [...found.values()].sort((x, y) => x.code.localeCompare(y.code))) {
      const stored = all.find((u) => u.code === p.code);
      if (!stored || !covers(principal, stored)) continue;
      const history = (await store.history(stored.key)).filter((e) => e.year !== null && p.years.has(e.year));
      if (history.length) out.push({ code: p.code, name: p.name, part: p.part, entries: history });
    }
    return out;
  };

  // ---- year over year -----------------------------------------------------------

  const comparison = async (c: Context<Env>, format: 'json' | 'xlsx') => {
    const query = parseFields(compareQuerySchema, c.req.query(), compareQueryHints, langOf(c));
    const { unit: unitParam, from, to } = query;
    const unitKey = unitParam.normalize('NFC').trim();
    const principal = c.get('principal');
    const pick = async (which: string): Promise<{ submission: StoredSubmission; scorecard: Scorecard }> => {
      const byYear = /^\d{4}$/.test(which);
      const submission = byYear ? await store.latest(unitKey, Number(which)) : await store.get(which);
      const scorecard = submission?.scorecards.find((s) => s.level === 'unit' && (unitKeyOf(s.unit) === unitKey || s.unit.code === unitKey));
      const place = scorecard && { key: unitKeyOf(scorecard.unit), code: scorecard.unit.code, province: scorecard.unit.province, district: scorecard.unit.district };
      if (!submission || !scorecard || !place || !covers(principal, place))
        throw byYear ? notFound('not-found-upload-year', { unit: shown(unitKey, 64), year: which }) : notFound('not-found-upload-id', { unit: shown(unitKey, 64), id: which });
      return { submission, scorecard };
    };
    const b = await pick(to);
    // With a registry, a unit formed from others is compared with the pool of its predecessors (year-over-year.ts).
    const registry = /^\d{4}$/.test(from) && b.scorecard.unit.year !== null ? await currentRegistry(store) : undefined;
    if (registry && needsPool(registry, b.scorecard.unit.code, b.scorecard.unit.year!, Number(from))) {
      const confidence = query.confidence ?? b.scorecard.confidence;
      const asJson = (query.format ?? format) === 'json';
      // One turn in the queue for the re-reading and, for a download, the workbook (a ticket starts once).
      const done = await runQueued(c.get('work'), deadline, async (signal) => {
        const pooled = await pooledComparison({ store, score: deps.score, limits }, { registry, principal, later: b, year: Number(from), confidence, signal });
        if (!('result' in pooled)) {
          const shownProblems = localizeAll([pooled], langOf(c));
          throw ApiError.text(422, 'not-comparable', 'not-comparable', { reason: shownProblems[0].message }, shownProblems);
        }
        const { comparison, from: fromCard, to: toCard } = pooled.result;
        const bytes = asJson ? undefined : await deps.renderComparison(comparison, { from: pooled.from[0], to: b.submission, fromScorecard: fromCard, toScorecard: toCard });
        return { comparison, bytes };
      });
      if (!done.bytes) return c.json(done.comparison);
      return xlsxResponse(c, done.bytes, `${b.scorecard.unit.name || unitKey} ${from}-${b.scorecard.unit.year} comparison.xlsx`);
    }
    const a = await pick(from);
    const result = deps.compare(a.scorecard, b.scorecard, query.confidence ?? b.scorecard.confidence);
    if ((query.format ?? format) === 'json') return c.json(result);
    const bytes = await runQueued(c.get('work'), deadline, () => deps.renderComparison(result, { from: a.submission, to: b.submission, fromScorecard: a.scorecard, toScorecard: b.scorecard }));
    const title = `${b.scorecard.unit.name || unitKey} ${a.scorecard.unit.year ?? from}-${b.scorecard.unit.year ?? to} comparison.xlsx`;
    return xlsxResponse(c, bytes, title);
  };
  app.get('/api/compare', queued, (c) => comparison(c, 'json'));
  app.get('/api/compare.xlsx', queued, (c) => comparison(c, 'xlsx'));

  // ---- the rest ------------------------------------------------------------------

  app.get('/api/template.xlsx', async (c) => xlsxResponse(c, await deps.template(), 'chiso-template.xlsx'));

  const sessionSchema = z.object({ token: z.string().min(1).max(512) });
  app.post('/api/session', async (c) => {
    // JSON only: a cross-site <form> can send text/plain or urlencoded bodies, never application/json
    // (that needs a CORS preflight, which this server never grants). The Origin is checked by crossSiteGuard.
    if (!/^application\/json\s*(;|$)/i.test(c.req.header('Content-Type') ?? ''))
      throw ApiError.text(415, 'unsupported-media-type', 'session-wrong-type');
    const parsed = sessionSchema.safeParse(await c.req.json().catch(() => null));
    if (!parsed.success) throw badRequest('session-no-token');
    const principal = deps.auth.mode === 'single-user' ? LOCAL_ADMIN : await authenticate(store, `Bearer ${parsed.data.token}`);
    if (!principal) throw ApiError.text(401, 'unauthorized', 'token-invalid');
    if (deps.auth.mode === 'tokens' && principal.tokenId) await openSession(c, store, principal.tokenId, deps.network?.trustProxy ?? false);
    return c.json({ mode: deps.auth.mode, scope: principal.scope, target: principal.target, tokenId: principal.tokenId, label: principal.label });
  });
  app.delete('/api/session', async (c) => {
    await closeSession(c, store);
    return c.body(null, 204);
  });

  app.get('/api/whoami', (c) => {
    const p = c.get('principal');
    return c.json({ mode: deps.auth.mode, scope: p.scope, target: p.target, tokenId: p.tokenId, label: p.label });
  });

  app.get('/openapi.json', (c) => c.json(openapiDoc()));
  app.get('/api/docs', (c) => c.html(renderDocsHtml(openapiDoc())));

  registerBatchRoutes(app, { score: deps.score, limits, confidence: defaultConfidence, queued });
  registerDeskRoutes(app, { store, limits, confidence: defaultConfidence, desk });

  app.all('/api/*', (c) => errorResponse(c, methodNotAllowed(c) ?? pathNotFound(c)));
  app.on(['POST', 'PUT', 'PATCH', 'DELETE'], '*', (c) => errorResponse(c, methodNotAllowed(c) ?? pathNotFound(c)));

  app.get('*', async (c) => {
    const webDir = deps.webDir ?? null;
    if (webDir === null) {
      if (c.req.path === '/' || c.req.path === '/index.html') return c.html(PLACEHOLDER_HTML);
      throw pathNotFound(c);
    }
    const file = await readStatic(webDir, c.req.path);
    if (!file) throw pathNotFound(c);
    return c.body(file.body as Uint8Array<ArrayBuffer>, 200, {
      'Content-Type': file.type,
      'Cache-Control': file.immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    });
  });

  return app;
}

function localized<T extends { problems: Problem[] }>(submission: T, lang: Lang): T {
  return { ...submission, problems: localizeAll(submission.problems, lang) };
}
