/**
 * 405 for a known path asked with a method it does not take (Hono answers such
 * a request like an unknown path). One table of the API's paths and methods;
 * test/server/hygiene.test.ts checks it against the app's own routes.
 */
import type { Context } from 'hono';
import { ApiError } from '../errors.js';

export const API_METHODS: readonly (readonly [RegExp, readonly string[]])[] = [
  [/^\/api\/submissions$/, ['GET', 'POST']],
  [/^\/api\/submissions\/[^/]+$/, ['GET']],
  [/^\/api\/submissions\/[^/]+\/(report|input)\.xlsx$/, ['GET']],
  [/^\/api\/units$/, ['GET']],
  [/^\/api\/units\/[^/]+\/history$/, ['GET']],
  [/^\/api\/compare(\.xlsx)?$/, ['GET']],
  [/^\/api\/template\.xlsx$/, ['GET']],
  [/^\/api\/session$/, ['POST', 'DELETE']],
  [/^\/api\/whoami$/, ['GET']],
  [/^\/api\/docs$/, ['GET']],
  [/^\/api\/batches$/, ['POST']],
  [/^\/openapi\.json$/, ['GET']],
];

/** The 405 error (with its Allow header set) when the path is known under other methods, else null. */
export function methodNotAllowed(c: Context): ApiError | null {
  const path = c.req.path;
  const allowed = API_METHODS.find(([pattern]) => pattern.test(path))?.[1] ?? (path.startsWith('/api/') ? undefined : ['GET']);
  if (!allowed || allowed.includes(c.req.method) || (c.req.method === 'HEAD' && allowed.includes('GET'))) return null;
  c.header('Allow', allowed.join(', '));
  return new ApiError(405, 'method-not-allowed', `${c.req.method} is not allowed here; use ${allowed.join(' or ')}`);
}
