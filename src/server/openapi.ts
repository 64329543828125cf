import { z } from 'zod';
import {
  comparisonSchema,
  CONFIDENCE_RANGE,
  errorSchema,
  historySchema,
  problemSchema,
  scorecardSchema,
  submissionListSchema,
  submissionSchema,
  submissionSummarySchema,
  unitInfoSchema,
  unitsSchema,
  whoamiSchema,
} from './schemas.js';

/**
 * The OpenAPI 3.1 document, assembled by hand around the JSON Schemas zod v4
 * generates (OpenAPI 3.1 uses JSON Schema 2020-12 as is).
 */

type Json = Record<string, unknown>;

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function componentSchemas(): Record<string, Json> {
  const registry = z.registry<{ id: string }>();
  const all = {
    Problem: problemSchema,
    UnitInfo: unitInfoSchema,
    Scorecard: scorecardSchema,
    Error: errorSchema,
    SubmissionSummary: submissionSummarySchema,
    Submission: submissionSchema,
    SubmissionList: submissionListSchema,
    Units: unitsSchema,
    History: historySchema,
    Comparison: comparisonSchema,
    Whoami: whoamiSchema,
  };
  for (const [id, schema] of Object.entries(all)) registry.add(schema, { id });
  const { schemas } = z.toJSONSchema(registry, { target: 'draft-2020-12', uri: (id) => `#/components/schemas/${id}` }) as {
    schemas: Record<string, Json>;
  };
  for (const schema of Object.values(schemas)) {
    delete schema.$schema;
    delete schema.$id;
  }
  return schemas;
}

const ref = (id: string) => ({ $ref: `#/components/schemas/${id}` });
const json = (id: string, description: string) => ({ description, content: { 'application/json': { schema: ref(id) } } });
const xlsx = (description: string) => ({
  description,
  headers: { 'Content-Disposition': { schema: { type: 'string' }, description: 'attachment; filename="…"; filename*=UTF-8\'\'…' } },
  content: { [XLSX]: { schema: { type: 'string', contentMediaType: XLSX } } },
});
const error = (description: string) => json('Error', description);
const confidenceField = { type: 'number', minimum: CONFIDENCE_RANGE.min, maximum: CONFIDENCE_RANGE.max, default: 0.95 };
/** A required multipart body with a `file` field (one workbook, or an array of them) and other fields. */
const multipartBody = (file: object, fields: Record<string, object> = {}) => ({
  required: true,
  content: { 'multipart/form-data': { schema: { type: 'object', required: ['file'], properties: { file, ...fields, confidence: confidenceField } } } },
});
const common = {
  '401': error('no valid bearer token (when the service requires tokens)'),
  '403': error('the token does not cover this unit'),
};
const idParam = { name: 'id', in: 'path', required: true, schema: { type: 'string', pattern: '^[0-9a-f]{8,64}$' } };
const compareParams = [
  { name: 'unit', in: 'query', required: true, description: 'unit code', schema: { type: 'string' } },
  { name: 'from', in: 'query', required: true, description: 'year (its current upload) or submission id', schema: { type: 'string' } },
  { name: 'to', in: 'query', required: true, description: 'year (its current upload) or submission id', schema: { type: 'string' } },
  { name: 'confidence', in: 'query', required: false, schema: { type: 'number', minimum: CONFIDENCE_RANGE.min, maximum: CONFIDENCE_RANGE.max, default: 0.95 } },
];

/** The JSON error of a busy or stopped request: 503 with the seconds to wait. */
const retryLater = (description: string) => ({
  ...error(description),
  headers: { 'Retry-After': { schema: { type: 'integer', minimum: 1 }, description: 'seconds to wait before trying again' } },
});
/** Routes that take a place in the work queue (guard/queue.ts): 503 when it is full or the deadline stopped the work. */
const QUEUED = new Set(['post /api/submissions', 'post /api/batches', 'get /api/submissions/{id}/report.xlsx', 'get /api/compare', 'get /api/compare.xlsx']);
/** League routes (routes/desk.ts): bounded work, and a 503 rather than a long wait while roll-ups are pooled. */
const LEAGUES = new Set(['get /api/league', 'get /api/league.xlsx', 'get /api/league/national']);
const langParam = {
  name: 'lang',
  in: 'query',
  required: false,
  description: 'language of error messages and problems: vi (default) or en',
  schema: { type: 'string', enum: ['vi', 'en'], default: 'vi' },
};

/**
 * What the guards answer on every route (guard/host.ts, methods.ts, queue.ts),
 * added to each operation so the document says it once per route.
 */
function withGuardResponses(paths: Record<string, Record<string, Json>>): Record<string, Record<string, Json>> {
  for (const [path, methods] of Object.entries(paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const responses = op.responses as Record<string, Json>;
      responses['405'] ??= error('this path does not take this method; the Allow header lists those it takes');
      responses['421'] ??= error('wrong-host: in single-user mode on loopback, a Host other than 127.0.0.1, localhost or [::1] with the server\'s port (DNS rebinding)');
      if (method !== 'get') {
        const was = responses['403']?.description;
        responses['403'] = error(`${was ? `${String(was)}; or ` : ''}cross-site: Origin or Sec-Fetch-Site says the request came from another site (nothing is changed)`);
      }
      if (QUEUED.has(`${method} ${path}`)) responses['503'] = retryLater('busy: every scoring place and the queue are taken; or timeout: the deadline stopped the work, nothing was stored');
      if (LEAGUES.has(`${method} ${path}`))
        responses['503'] = retryLater('league-warming: its roll-ups are still being pooled (after a start or an upload), and go on being pooled: ask again after Retry-After; or busy: too many league requests at once');
      if (path.startsWith('/api/')) op.parameters = [...((op.parameters as Json[] | undefined) ?? []), langParam];
    }
  }
  return paths;
}

export function buildOpenApi(options: { version: string; maxUploadBytes: number }): Json {
  return {
    openapi: '3.1.0',
    info: {
      title: 'chiso',
      version: options.version,
      description:
        'Mock-PAPI survey scoring: upload a filled template workbook, get its scorecards, reports and year-over-year comparisons. ' +
        'Errors are JSON {"error": {code, message, problems?}} with a 4xx status.',
    },
    servers: [{ url: '/' }],
    security: [{ bearer: [] }],
    components: {
      securitySchemes: {
        bearer: {
          type: 'http',
          scheme: 'bearer',
          description: 'A token from `chiso token create` (not needed in single-user mode on loopback)',
        },
      },
      schemas: componentSchemas(),
    },
    paths: withGuardResponses({
      '/api/submissions': {
        post: {
          summary: 'Upload a workbook',
          description: `Scores and stores a filled template or an ODK Central / KoboToolbox export (CSV, or XLSX without the template's sheets) (multipart field \`file\`, at most ${options.maxUploadBytes} bytes); \`unit\` and \`year\` name an export's unit and year when it has no unit_code / year columns. Re-uploading the same bytes returns the stored submission with 200 (whatever \`unit\`/\`year\` say); a newer upload for the same unit and year supersedes the older one (kept in history).`,
          requestBody: multipartBody({ type: 'string', contentMediaType: XLSX }, { unit: { type: 'string', pattern: '^[0-9]{1,10}$' }, year: { type: 'string', pattern: '^\\d{4}$' } }),
          responses: {
            '201': json('Submission', 'stored; the scorecard JSON plus id'),
            '200': json('Submission', 'the same bytes were already stored'),
            '400': error('no file field'),
            ...common,
            '403': error('the workbook is for a unit the token does not cover'),
            '413': error('too-large: larger than the upload limit, or past a reading limit (cells, shared strings, memory); problems say which'),
            '415': error('the body is not multipart/form-data'),
            '422': error('the workbook could not be scored; problems say why'),
          },
        },
        get: {
          summary: 'List submissions',
          description: 'Newest first; only those the token covers.',
          responses: { '200': json('SubmissionList', 'the submissions'), ...common },
        },
      },
      '/api/batches': {
        post: {
          summary: 'Score several units at once (league)',
          description: 'Several `file` fields, or one .zip of commune workbooks; optional `rollup` (district or province) and `confidence`. Returns the scorecard JSON with performance groups (methodology.md §7) when 4 or more units of one level and year are compared. Nothing is stored.',
          requestBody: multipartBody({ type: 'array', items: { type: 'string', contentMediaType: XLSX } }, { rollup: { type: 'string', enum: ['district', 'province'] } }),
          responses: {
            '200': { description: 'files, problems and scorecards (units, then roll-ups), each with groups where defined' },
            '400': error('no file field'),
            ...common,
            '403': error('a workbook is for a unit the token does not cover'),
            '413': error('larger than a limit (upload size, workbooks per batch, cells of the batch)'),
            '415': error('the body is not multipart/form-data'),
            '422': error('nothing could be scored; problems say why'),
          },
        },
      },
      '/api/submissions/{id}': {
        get: { summary: 'A stored submission', parameters: [idParam], responses: { '200': json('Submission', 'the submission'), ...common, '404': error('no such submission') } },
      },
      '/api/submissions/{id}/report.xlsx': {
        get: { summary: 'The report workbook', parameters: [idParam], responses: { '200': xlsx('the report'), ...common, '404': error('no such submission') } },
      },
      '/api/submissions/{id}/input.xlsx': {
        get: { summary: 'The workbook as uploaded', parameters: [idParam], responses: { '200': xlsx('the original bytes'), ...common, '404': error('no such submission') } },
      },
      '/api/units': {
        get: { summary: 'Units with stored scores', description: 'province → district → unit → years', responses: { '200': json('Units', 'the hierarchy'), ...common } },
        post: {
          summary: 'Replace the units registry (admins)',
          description: 'A registry (contract.md "Units registry") as text/csv, or multipart/form-data with the CSV or a workbook with a Units sheet in the field `file`. Checked whole: any error is 422 with the located problems and nothing is imported.',
          responses: { '200': { description: 'imported rows and units' }, ...common, '403': error('not an admin token'), '413': error('larger than the limit'), '422': error('the registry has errors; problems say where') },
        },
      },
      '/api/units/registry': {
        get: { summary: 'The stored units registry', description: 'Admins: every row; a unit token: the rows of the units it covers.', responses: { '200': { description: '{units: registry rows}' }, ...common } },
      },
      '/api/units/{code}/history': {
        get: {
          summary: 'Scores of a unit across years',
          parameters: [{ name: 'code', in: 'path', required: true, schema: { type: 'string' } }],
          responses: { '200': json('History', 'all uploads, superseded ones included'), ...common, '404': error('no such unit, or not one this token covers (answered alike)') },
        },
      },
      '/api/compare': {
        get: {
          summary: 'Year over year',
          description: 'JSON by default; `format=xlsx` (or /api/compare.xlsx) for the comparison workbook.',
          parameters: [...compareParams, { name: 'format', in: 'query', required: false, schema: { type: 'string', enum: ['json', 'xlsx'] } }],
          responses: { '200': json('Comparison', 'the comparison'), '400': error('bad parameters'), ...common, '404': error('no upload for that unit and year') },
        },
      },
      '/api/compare.xlsx': {
        get: { summary: 'Year over year as a workbook', parameters: compareParams, responses: { '200': xlsx('the comparison workbook'), '400': error('bad parameters'), ...common, '404': error('no upload for that unit and year') } },
      },
      '/api/template.xlsx': {
        get: { summary: 'The blank template', security: [], responses: { '200': xlsx('the template') } },
      },
      // The district and province desk (routes/desk.ts).
      '/api/league': {
        get: {
          summary: 'The league of a province or district',
          description: "The communes under the unit in that year's registry (directly under a province from 2025), each current scorecard with its performance groups, districts' roll-ups (a province before 2025), the unit's roll-up with its plan's targets, `changes` since the year before (pooled across mergers), `cuts` (the groups' Q1, median, Q3) and `missing` communes. A commune token gets its own row, the cuts and the roll-up only.",
          parameters: [
            { name: 'unit', in: 'query', required: true, schema: { type: 'string' } },
            { name: 'year', in: 'query', required: true, schema: { type: 'integer' } },
            { name: 'confidence', in: 'query', required: false, schema: { type: 'number' } },
          ],
          responses: { '200': { description: 'unit, year, scorecards, changes, cuts, missing, plan, problems' }, '400': error('bad parameters, or a commune'), ...common, '404': error('not in the registry for that year') },
        },
      },
      '/api/league.xlsx': {
        get: { summary: 'The league workbook', parameters: [{ name: 'unit', in: 'query', required: true, schema: { type: 'string' } }, { name: 'year', in: 'query', required: true, schema: { type: 'integer' } }], responses: { '200': xlsx('ranking, groups, chart, roll-up against targets, changes, missing'), ...common } },
      },
      '/api/league/national': {
        get: { summary: "Every province's roll-up in a year (admin)", parameters: [{ name: 'year', in: 'query', required: true, schema: { type: 'integer' } }], responses: { '200': { description: 'year, scorecards (without indicators), submitted and communes per province' }, ...common } },
      },
      '/api/league/of': {
        get: { summary: "A commune's province or district in a year", parameters: [{ name: 'unit', in: 'query', required: true, schema: { type: 'string' } }, { name: 'year', in: 'query', required: true, schema: { type: 'integer' } }, { name: 'level', in: 'query', required: true, schema: { type: 'string', enum: ['province', 'district'] } }], responses: { '200': { description: '{place: {code, name, level}} or {place: null} when the registry has none' }, ...common } },
      },
      '/api/plans': {
        post: {
          summary: "A district's or province's plan",
          description: 'Multipart `file`: a workbook with a Unit sheet (unit_code of a registry province or district, year) and the Targets and Plan sheets of the template. The latest plan for a unit and year wins; the token must cover the whole league of that unit.',
          requestBody: multipartBody({ type: 'string', contentMediaType: XLSX }),
          responses: { '201': { description: 'the stored plan' }, ...common, '403': error('the token does not cover the unit'), '422': error('no unit_code or year, not a province or district, or errors in Targets/Plan') },
        },
      },
      '/api/whoami': {
        get: { summary: 'The current access', responses: { '200': json('Whoami', 'scope and target'), '401': error('no valid token') } },
      },
      '/api/session': {
        post: {
          summary: 'Sign in the workbench',
          description:
            'Takes {"token": "<access token>"} as application/json only (a cross-site form cannot send it). With tokens, sets the `chiso_session` cookie: a random server-side session id (never the token), HttpOnly, SameSite=Strict, Secure over HTTPS (or behind `--trust-proxy`), expiring after 12 h or with its token.',
          security: [],
          requestBody: {
            required: true,
            content: { 'application/json': { schema: { type: 'object', required: ['token'], properties: { token: { type: 'string', minLength: 1, maxLength: 512 } } } } },
          },
          responses: {
            '200': json('Whoami', 'signed in: the access the token gives'),
            '400': error('no token in the body'),
            '401': error('the token is not valid, expired or revoked'),
            '415': error('the body is not application/json'),
          },
        },
        delete: {
          summary: 'Sign out',
          description: 'Ends the session on the server (the cookie no longer works, even if kept) and clears the cookie.',
          security: [],
          responses: { '204': { description: 'signed out (also when there was no session)' } },
        },
      },
      '/openapi.json': { get: { summary: 'This document', security: [], responses: { '200': { description: 'OpenAPI 3.1' } } } },
      '/api/docs': { get: { summary: 'This document as a readable page', security: [], responses: { '200': { description: 'HTML' } } } },
    }),
  };
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

function schemaSummary(schema: unknown): string {
  if (!schema || typeof schema !== 'object') return '';
  const s = schema as Json;
  if (typeof s.$ref === 'string') {
    const id = s.$ref.split('/').pop()!;
    return `<a href="#schema-${escapeHtml(id)}">${escapeHtml(id)}</a>`;
  }
  if (s.type === 'array') return `array of ${schemaSummary(s.items)}`;
  if (Array.isArray(s.enum)) return s.enum.map((v) => escapeHtml(JSON.stringify(v))).join(' | ');
  if (Array.isArray(s.anyOf)) return s.anyOf.map(schemaSummary).join(' | ');
  if (Array.isArray(s.type)) return escapeHtml(s.type.join(' | '));
  if (s.type === 'object' && s.properties) {
    const required = new Set((s.required as string[] | undefined) ?? []);
    const rows = Object.entries(s.properties as Record<string, unknown>).map(
      ([name, value]) =>
        `<li><code>${escapeHtml(name)}${required.has(name) ? '' : '?'}</code>: ${schemaSummary(value)}${
          (value as Json).description ? ` <span class="d">— ${escapeHtml(String((value as Json).description))}</span>` : ''
        }</li>`,
    );
    return `object<ul>${rows.join('')}</ul>`;
  }
  if (s.type === 'object' && s.additionalProperties) return `map of ${schemaSummary(s.additionalProperties)}`;
  return escapeHtml(String(s.type ?? s.contentMediaType ?? 'any'));
}

/** A small readable page of the API, rendered from the OpenAPI document (no script, no external assets). */
export function renderDocsHtml(doc: Json): string {
  const info = doc.info as Json;
  const paths = doc.paths as Record<string, Record<string, Json>>;
  const schemas = ((doc.components as Json).schemas ?? {}) as Record<string, Json>;
  const operations = Object.entries(paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => {
      const params = ((op.parameters as Json[] | undefined) ?? [])
        .map((p) => `<li><code>${escapeHtml(String(p.name))}</code> (${escapeHtml(String(p.in))}${p.required ? ', required' : ''})${p.description ? ` — ${escapeHtml(String(p.description))}` : ''}</li>`)
        .join('');
      const responses = Object.entries((op.responses as Record<string, Json>) ?? {})
        .map(([status, r]) => {
          const content = (r.content ?? {}) as Record<string, Json>;
          const body = Object.entries(content)
            .map(([type, c]) => `<code>${escapeHtml(type)}</code> ${schemaSummary(c.schema)}`)
            .join(', ');
          return `<li><b>${escapeHtml(status)}</b> ${escapeHtml(String(r.description ?? ''))}${body ? ` — ${body}` : ''}</li>`;
        })
        .join('');
      return `<section><h3><span class="m">${method.toUpperCase()}</span> <code>${escapeHtml(path)}</code></h3>
<p>${escapeHtml(String(op.summary ?? ''))}${op.description ? `. ${escapeHtml(String(op.description))}` : ''}</p>
${params ? `<h4>Parameters</h4><ul>${params}</ul>` : ''}<h4>Responses</h4><ul>${responses}</ul></section>`;
    }),
  );
  const schemaSections = Object.entries(schemas)
    .map(([id, s]) => `<section id="schema-${escapeHtml(id)}"><h3>${escapeHtml(id)}</h3>${s.description ? `<p>${escapeHtml(String(s.description))}</p>` : ''}${schemaSummary(s)}</section>`)
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(String(info.title))} API</title>
<style>body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}
code{background:#f3f3f3;padding:0 .25em;border-radius:3px}.m{display:inline-block;min-width:3.5em;color:#fff;background:#2a6;padding:0 .4em;border-radius:3px;font-size:.85em}
section{border-top:1px solid #ddd;padding:.5rem 0}ul ul{margin:0}.d{color:#666}</style></head>
<body><h1>${escapeHtml(String(info.title))} API <small>${escapeHtml(String(info.version))}</small></h1>
<p>${escapeHtml(String(info.description ?? ''))}</p><p>Machine-readable: <a href="/openapi.json">/openapi.json</a> (OpenAPI 3.1). Send <code>Authorization: Bearer &lt;token&gt;</code> unless the service runs in single-user mode.</p>
<h2>Routes</h2>
${operations.join('\n')}
<h2>Schemas</h2>
${schemaSections}
</body></html>`;
}
