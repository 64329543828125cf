import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { problem, type Problem } from '../diagnostics/problem.js';

/** Stable error codes of the API (the `error.code` field). */
export type ApiErrorCode =
  | 'bad-request'
  | 'unauthorized'
  | 'forbidden'
  | 'not-found'
  | 'too-large'
  | 'unscorable'
  | 'unsupported-media-type'
  | 'timeout'
  | 'internal'
  // The desk (routes/desk.ts): a league of a unit the registry does not know, of a commune, without a registry; bad plans and registries.
  | 'unknown-unit'
  | 'not-a-parent'
  | 'no-registry'
  | 'invalid-plan'
  | 'invalid-registry';

export interface ApiErrorBody {
  error: { code: ApiErrorCode; message: string; problems?: Problem[] };
}

/** An error a user can cause, answered as JSON with a 4xx status (never a stack trace). */
export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: ApiErrorCode,
    message: string,
    readonly problems?: Problem[],
  ) {
    super(message);
    this.name = 'ApiError';
  }

  body(): ApiErrorBody {
    return { error: { code: this.code, message: this.message, ...(this.problems ? { problems: this.problems } : {}) } };
  }
}

export function errorResponse(c: Context, error: ApiError): Response {
  return c.json(error.body(), error.status);
}

export const notFound = (what: string) => new ApiError(404, 'not-found', `${what} not found`);
export const forbidden = (message: string) => new ApiError(403, 'forbidden', message);
export const badRequest = (message: string) => new ApiError(400, 'bad-request', message);

export function tooLarge(maxBytes: number, fileName = ''): ApiError {
  const mb = (maxBytes / (1024 * 1024)).toFixed(0);
  return new ApiError(413, 'too-large', `the upload is larger than the limit of ${mb} MB`, [
    problem('file-too-large.upload', { mb: Number(mb), limit: maxBytes }, { file: fileName }),
  ]);
}
