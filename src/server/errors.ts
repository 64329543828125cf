import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { apiErrorMessage, type ApiErrorTextCode } from '../diagnostics/api-errors.js';
import { DEFAULT_LANG, parseLang, type Lang } from '../diagnostics/lang.js';
import { localizeAll, problem, type Problem } from '../diagnostics/problem.js';

/** Stable error codes of the API (the `error.code` field). */
export type ApiErrorCode =
  | 'bad-request'
  | 'unauthorized'
  | 'forbidden'
  | 'not-found'
  | 'too-large'
  | 'unscorable'
  | 'unknown-unit'
  | 'unit-code-elsewhere'
  | 'invalid-registry'
  | 'not-comparable'
  | 'unsupported-media-type'
  | 'timeout'
  | 'busy'
  | 'league-warming'
  | 'wrong-host'
  | 'cross-site'
  | 'method-not-allowed'
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
    /** Parameters of the code's message in diagnostics/api-errors.ts, when it has one there. */
    readonly params?: Readonly<Record<string, string | number>>,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** The api-errors.ts text of the message (ApiError.of, ApiError.text), said in the requester's language when answered. */
  textId?: ApiErrorTextCode;

  /** An error whose message comes from diagnostics/api-errors.ts: English here, the requester's language when answered. */
  static of(code: ApiErrorTextCode & ApiErrorCode, status: ContentfulStatusCode, params: Readonly<Record<string, string | number>> = {}): ApiError {
    return ApiError.text(status, code, code, params);
  }

  /** An error with code `code` whose message is api-errors.ts's `text`, answered in the requester's language. */
  static text(status: ContentfulStatusCode, code: ApiErrorCode, text: ApiErrorTextCode, params: Readonly<Record<string, string | number>> = {}, problems?: Problem[]): ApiError {
    const error = new ApiError(status, code, apiErrorMessage(text, 'en', params), problems, params);
    error.textId = text;
    return error;
  }

  body(): ApiErrorBody {
    return { error: { code: this.code, message: this.message, ...(this.problems ? { problems: this.problems } : {}) } };
  }
}

/** Seconds a client should wait after a 503 (busy or stopped at the deadline) before trying again. */
export const RETRY_AFTER_SECONDS = 10;

/** The JSON error, its message in the requester's language (`?lang=`, Vietnamese by default) where api-errors.ts has it. */
export function errorResponse(c: Context, error: ApiError): Response {
  if (error.status === 503) c.header('Retry-After', String(RETRY_AFTER_SECONDS));
  const body = error.body();
  if (error.textId) body.error.message = apiErrorMessage(error.textId, parseLang(c.req.query('lang')) ?? DEFAULT_LANG, error.params);
  return c.json(body, error.status);
}

export const notFound = (what: string) => new ApiError(404, 'not-found', `${what} not found`);
export const badRequest = (message: string) => new ApiError(400, 'bad-request', message);

export function tooLarge(maxBytes: number, fileName = ''): ApiError {
  const mb = (maxBytes / (1024 * 1024)).toFixed(0);
  return ApiError.text(413, 'too-large', 'too-large-upload', { mb }, [
    problem('file-too-large.upload', { mb: Number(mb), limit: maxBytes }, { file: fileName }),
  ]);
}

/** Problem codes ingest uses when a limit stops it (answered 413, contract.md "Limits"). */
const LIMIT_CODES = new Set(['file-too-large', 'too-many-entries', 'uncompressed-too-large', 'too-many-cells', 'too-many-strings', 'too-many-workbooks', 'batch-too-large', 'memory-limit']);

/** Whether a limit stopped the work (an error of LIMIT_CODES): the refusal is a 413. */
export const stoppedByLimit = (problems: readonly Problem[]): boolean => problems.some((p) => p.severity === 'error' && LIMIT_CODES.has(p.code));

/**
 * An upload or a batch nothing of which could be scored: 413 when a limit stopped it (an error of
 * LIMIT_CODES), else 422. Its problems and its message (around the first error) in the requester's language.
 */
export function unscorable(problems: Problem[], lang: Lang, what: 'workbook' | 'batch'): ApiError {
  const tooLarge = stoppedByLimit(problems);
  const shown = localizeAll(problems, lang);
  const first = shown.find((p) => p.severity === 'error');
  const text = what === 'workbook' ? (first ? 'unscorable-workbook' : 'unscorable-nothing') : first ? 'unscorable-batch' : 'unscorable-batch-nothing';
  return ApiError.text(tooLarge ? 413 : 422, tooLarge ? 'too-large' : 'unscorable', text, first ? { reason: first.message } : {}, shown);
}
