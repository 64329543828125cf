import type { Context } from 'hono';
import type { z } from 'zod';
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

/** Parameters of an api-errors.ts text: `{name}` → value. */
export type ApiErrorParams = Readonly<Record<string, string | number>>;

/**
 * An error a user can cause, answered as JSON with a 4xx status (never a stack trace). Its
 * message is always an api-errors.ts text (the constructor is private: ApiError.of, ApiError.text,
 * notFound, badRequest…), English in `message` (logs) and the requester's language when answered.
 */
export class ApiError extends Error {
  private constructor(
    readonly status: ContentfulStatusCode,
    readonly code: ApiErrorCode,
    /** The api-errors.ts text of the message, said in the requester's language by errorResponse. */
    readonly textId: ApiErrorTextCode,
    /** Parameters of that text. */
    readonly params: ApiErrorParams,
    readonly problems?: Problem[],
  ) {
    super(apiErrorMessage(textId, 'en', params));
    this.name = 'ApiError';
  }

  /** An error whose message comes from diagnostics/api-errors.ts: English here, the requester's language when answered. */
  static of(code: ApiErrorTextCode & ApiErrorCode, status: ContentfulStatusCode, params: ApiErrorParams = {}): ApiError {
    return ApiError.text(status, code, code, params);
  }

  /** An error with code `code` whose message is api-errors.ts's `text`, answered in the requester's language. */
  static text(status: ContentfulStatusCode, code: ApiErrorCode, text: ApiErrorTextCode, params: ApiErrorParams = {}, problems?: Problem[]): ApiError {
    return new ApiError(status, code, text, params, problems);
  }

  /** The JSON body in a language (errorResponse; serve.ts answers a bad Host header before Hono has a Context). */
  bodyIn(lang: Lang): ApiErrorBody {
    const message = apiErrorMessage(this.textId, lang, this.params);
    return { error: { code: this.code, message, ...(this.problems ? { problems: this.problems } : {}) } };
  }
}

/** Seconds a client should wait after a 503 (busy or stopped at the deadline) before trying again. */
export const RETRY_AFTER_SECONDS = 10;

/**
 * The requester's language: `?lang=vi|en` (the workbench sends its choice), Vietnamese by default.
 * Messages, problems and downloads of every route are said in it.
 */
export function langOf(c: { req: { query(name: string): string | undefined } }): Lang {
  return parseLang(c.req.query('lang')) ?? DEFAULT_LANG;
}

/** The JSON error, its message in the requester's language. */
export function errorResponse(c: Context, error: ApiError): Response {
  if (error.status === 503) c.header('Retry-After', String(RETRY_AFTER_SECONDS));
  return c.json(error.bodyIn(langOf(c)), error.status);
}

/** 404 `not-found` with one of api-errors.ts's not-found texts. */
export const notFound = (text: ApiErrorTextCode & `not-found-${string}`, params: ApiErrorParams = {}) => ApiError.text(404, 'not-found', text, params);
/** 400 `bad-request` with an api-errors.ts text. */
export const badRequest = (text: ApiErrorTextCode, params: ApiErrorParams = {}) => ApiError.text(400, 'bad-request', text, params);

/** A field a request got wrong, and the api-errors.ts "field-*" text of what it must be. */
export interface FieldProblem {
  field: string;
  expected: ApiErrorTextCode & `field-${string}`;
  params?: ApiErrorParams;
}

/** For each field of a schema, what it must be: every key has one (the compiler checks), so no refusal goes unexplained. */
export type FieldHints<Shape> = { readonly [K in keyof Shape]-?: Omit<FieldProblem, 'field'> };

/**
 * 400 `bad-request` naming each wrong field and what it must be, in `lang` (the parts are rendered
 * here, as unscorable's reason is: the requester's language is known where the request is read).
 */
export function invalidFields(fields: readonly FieldProblem[], lang: Lang): ApiError {
  const seen = new Set<string>();
  const parts: string[] = [];
  for (const { field, expected, params } of fields) {
    if (seen.has(field)) continue;
    seen.add(field);
    parts.push(`"${field}" ${apiErrorMessage(expected, lang, params)}`);
  }
  return badRequest('invalid-fields', { fields: parts.join('; ') });
}

/**
 * `input` read by `schema`, or the 400 of invalidFields: each refused field (an issue's path) with
 * its hint. The hints are typed by the schema's own shape, so every field has one; a refusal of
 * the input as a whole (an empty path) is "body".
 */
export function parseFields<S extends z.ZodObject>(schema: S, input: unknown, hints: FieldHints<S['shape']>, lang: Lang): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const byField: Readonly<Record<string, Omit<FieldProblem, 'field'>>> = hints;
  throw invalidFields(
    parsed.error.issues.map((issue) => {
      const key = String(issue.path[0] ?? '');
      return { field: issue.path.map(String).join('.') || 'body', ...(Object.hasOwn(byField, key) ? byField[key] : { expected: 'field-invalid' as const }) };
    }),
    lang,
  );
}

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
