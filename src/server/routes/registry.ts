/**
 * The units registry over HTTP (contract.md "Units registry", issue 14):
 * `POST /api/units` (admins) replaces the stored registry with an uploaded one,
 * checked whole first, as `chiso units import` does: any error is 422 with the
 * located problems and nothing is imported. `GET /api/units/registry` lists the
 * rows (admins all of them; other tokens the units they cover). `GET /api/units`
 * stays the Explorer's hierarchy of units with data (app.ts).
 */
import type { Hono, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { localizeAll } from '../../diagnostics/problem.js';
import type { Limits } from '../../limits.js';
import type { RegistryUnit, SubmissionStore } from '../../store/types.js';
import { MAX_REGISTRY_BYTES, parseRegistryBytes } from '../../units/load.js';
import type { Principal } from '../auth.js';
import { safeFileName } from '../content-disposition.js';
import { ApiError, badRequest, errorResponse, langOf } from '../errors.js';
import { runQueued, type QueuedWork } from '../guard/queue.js';

type Env = { Variables: { principal: Principal; work: QueuedWork } };

const MULTIPART_SLACK = 64 * 1024;

export function registerRegistryRoutes(
  app: Hono<Env>,
  deps: { store: SubmissionStore; limits: Limits; queued: MiddlewareHandler; deadline: number },
): void {
  const { store } = deps;
  const tooLarge = () => ApiError.text(413, 'too-large', 'too-large-registry', { mb: MAX_REGISTRY_BYTES / (1024 * 1024) });

  app.post(
    '/api/units',
    // Admins only, decided before the body is read.
    async (c, next) => {
      if (c.get('principal').scope !== 'admin') throw ApiError.text(403, 'forbidden', 'admin-only');
      return next();
    },
    deps.queued,
    bodyLimit({ maxSize: MAX_REGISTRY_BYTES + MULTIPART_SLACK, onError: (c) => errorResponse(c, tooLarge()) }),
    async (c) => {
      const type = c.req.header('Content-Type') ?? '';
      let bytes: Uint8Array;
      let fileName = 'units.csv';
      if (/^multipart\/form-data/i.test(type)) {
        let body: Record<string, unknown>;
        try {
          body = await c.req.parseBody();
        } catch (error) {
          if (error instanceof HTTPException) throw error;
          throw badRequest('form-unreadable');
        }
        const file = body.file;
        if (!(file instanceof File)) throw badRequest('registry-file-missing');
        fileName = safeFileName(file.name || fileName);
        bytes = new Uint8Array(await file.arrayBuffer());
      } else if (/^text\/csv\s*(;|$)/i.test(type)) {
        bytes = new Uint8Array(await c.req.arrayBuffer());
      } else throw ApiError.text(415, 'unsupported-media-type', 'registry-wrong-type');
      if (bytes.byteLength > MAX_REGISTRY_BYTES) throw tooLarge();
      const lang = langOf(c);
      const result = await runQueued(c.get('work'), deps.deadline, () => parseRegistryBytes(bytes, fileName, deps.limits));
      if (!result.registry || result.problems.some((p) => p.severity === 'error')) {
        const problems = localizeAll(result.problems, lang);
        const first = problems.find((p) => p.severity === 'error');
        if (!first) throw ApiError.text(422, 'invalid-registry', 'registry-has-errors', {}, problems);
        const reason = `${first.sheet ? `${first.sheet}!` : ''}${first.cell} ${first.message}`.trim();
        throw ApiError.text(422, 'invalid-registry', 'registry-not-imported', { reason }, problems);
      }
      const rows: RegistryUnit[] = result.registry.periods.map(({ row: _row, ...p }) => p);
      await store.replaceRegistry(rows);
      return c.json({ imported: rows.length, units: result.registry.byCode.size, problems: localizeAll(result.problems, lang) }, 200);
    },
  );

  app.get('/api/units/registry', async (c) => {
    const principal = c.get('principal');
    const rows = await store.listRegistry();
    // A unit token sees the registry rows of what it covers; other name-based scopes see none (they have no codes).
    const visible = principal.scope === 'admin' ? rows : rows.filter((r) => principal.covered?.has(r.code) ?? false);
    return c.json({ units: visible });
  });
}
