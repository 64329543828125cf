/**
 * Sessions (issue 19, item 2): the cookie is a random server-side session id,
 * not the token; signing out ends the session on the server; revoking or
 * expiring the token ends its sessions at the next request; an expired
 * session is refused. (Origin and Content-Type of POST /api/session:
 * guard.test.ts, hygiene.test.ts and the Chromium test.)
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createToken } from '../../src/server/auth.js';
import { makeTestApp, type TestContext } from './fakes.js';

let ctx: TestContext;
afterEach(async () => {
  await ctx?.cleanup();
});

async function signIn(token: string): Promise<{ status: number; cookie: string }> {
  const res = await ctx.app.request('/api/session', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ token }) });
  return { status: res.status, cookie: (res.headers.get('Set-Cookie') ?? '').split(';')[0] };
}
const whoami = (cookie: string) => ctx.app.request('/api/whoami', { headers: { Cookie: cookie } });

describe('sessions', () => {
  it('keep the token out of the cookie: the token itself as a cookie is not a session', async () => {
    ctx = await makeTestApp({ auth: { mode: 'tokens' } });
    const { token } = await createToken(ctx.store, 'unit', { unit: '26041' });
    const { cookie } = await signIn(token);
    expect(cookie).not.toContain(token);
    expect((await whoami(cookie)).status).toBe(200);
    // What the old code put in the cookie no longer signs anyone in.
    expect((await whoami(`chiso_session=${token}`)).status).toBe(401);
    expect((await whoami(`chiso_token=${token}`)).status).toBe(401);
  });

  it('end on the server at sign-out: the old cookie, replayed, is refused', async () => {
    ctx = await makeTestApp({ auth: { mode: 'tokens' } });
    const { token } = await createToken(ctx.store, 'unit', { unit: '26041' });
    const { cookie } = await signIn(token);
    const out = await ctx.app.request('/api/session', { method: 'DELETE', headers: { Cookie: cookie } });
    expect(out.status).toBe(204);
    expect((await whoami(cookie)).status).toBe(401);
    // The token itself still works: signing out ends the session, not the token.
    expect((await signIn(token)).status).toBe(200);
  });

  it('end when their token is revoked, at the next request', async () => {
    ctx = await makeTestApp({ auth: { mode: 'tokens' } });
    const { token, record } = await createToken(ctx.store, 'unit', { unit: '26041' });
    const { cookie } = await signIn(token);
    expect((await whoami(cookie)).status).toBe(200);
    await ctx.store.revokeToken(record.id);
    expect((await whoami(cookie)).status).toBe(401);
    expect((await ctx.app.request('/api/whoami', { headers: { Authorization: `Bearer ${token}` } })).status).toBe(401);
    expect((await signIn(token)).status).toBe(401);
  });

  it('expire: a session past its time is refused, and a token past its expiry cannot sign in', async () => {
    ctx = await makeTestApp({ auth: { mode: 'tokens' } });
    const { record } = await createToken(ctx.store, 'unit', { unit: '26041' });
    const hourAgo = new Date(Date.now() - 3600_000);
    const { id } = await ctx.store.createSession(record.id, hourAgo, new Date(hourAgo.getTime() - 3600_000));
    expect((await whoami(`chiso_session=${id}`)).status).toBe(401);
    const expired = await createToken(ctx.store, 'unit', { unit: '26041' });
    await ctx.store.putToken({ ...expired.record, expiresAt: hourAgo.toISOString() });
    expect((await signIn(expired.token)).status).toBe(401);
  });
});
