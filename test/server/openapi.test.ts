/**
 * /openapi.json says what the guards answer (issue 19): 421 wrong-host, 403
 * cross-site on changes, 405, 413/415 on uploads, 503 with Retry-After where
 * work is queued, and the session routes as app.ts serves them. Each claim is
 * checked against the running app too, so the document cannot drift.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { fakeWorkbook, LONG_THANH, makeTestApp, uploadForm, type TestContext } from './fakes.js';

let ctx: TestContext;
afterEach(async () => {
  await ctx?.cleanup();
});

type Op = { responses: Record<string, { description: string; headers?: Record<string, unknown> }>; parameters?: { name: string }[]; requestBody?: { content: Record<string, unknown> } };

describe('OpenAPI document', () => {
  it('lists the guard statuses on each operation and 503 with Retry-After on queued ones', async () => {
    ctx = await makeTestApp();
    const doc = await (await ctx.app.request('/openapi.json')).json();
    const paths = doc.paths as Record<string, Record<string, Op>>;
    for (const [path, methods] of Object.entries(paths))
      for (const [method, op] of Object.entries(methods)) {
        expect(Object.keys(op.responses), `${method} ${path}`).toEqual(expect.arrayContaining(['405', '421']));
        if (method !== 'get') expect(op.responses['403']?.description, `${method} ${path}`).toContain('cross-site');
      }
    for (const [path, method] of [['/api/submissions', 'post'], ['/api/batches', 'post'], ['/api/submissions/{id}/report.xlsx', 'get'], ['/api/compare', 'get']] as const) {
      const op = paths[path][method];
      expect(op.responses['503'].headers, path).toHaveProperty('Retry-After');
    }
    for (const path of ['/api/submissions', '/api/batches']) expect(Object.keys(paths[path].post.responses)).toEqual(expect.arrayContaining(['413', '415']));
    expect(paths['/api/whoami'].get.parameters?.map((p) => p.name)).toContain('lang');
  });

  it('describes the session routes as served: POST application/json only (415 otherwise), DELETE 204', async () => {
    ctx = await makeTestApp();
    const doc = await (await ctx.app.request('/openapi.json')).json();
    const session = doc.paths['/api/session'] as Record<string, Op>;
    expect(Object.keys(session.post.requestBody!.content)).toEqual(['application/json']);
    expect(Object.keys(session.post.responses)).toEqual(expect.arrayContaining(['200', '400', '401', '415']));
    expect(Object.keys(session.delete.responses)).toContain('204');

    const form = await ctx.app.request('/api/session', { method: 'POST', body: 'token=x', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
    expect(form.status).toBe(415);
    const json = await ctx.app.request('/api/session', { method: 'POST', body: JSON.stringify({}), headers: { 'Content-Type': 'application/json' } });
    expect(json.status).toBe(400);
    expect((await ctx.app.request('/api/session', { method: 'DELETE' })).status).toBe(204);
    const upload = await ctx.app.request('/api/submissions', { method: 'POST', body: 'x', headers: { 'Content-Type': 'text/plain' } });
    expect(upload.status).toBe(415);
    expect((await ctx.app.request('/api/submissions', { method: 'POST', body: uploadForm(fakeWorkbook({ unit: { ...LONG_THANH, year: 2023 } })) })).status).toBe(201);
  });
});
