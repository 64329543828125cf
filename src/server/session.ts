/**
 * Workbench sessions (issue 19, item 2). Signing in trades an access token for
 * a session: the cookie holds a random session id (the store keeps only its
 * SHA-256), never the token, so a stolen cookie is not the token, expires on
 * its own, and ends on the server at sign-out. Each request re-reads the
 * session and its token from the store, so revoking or expiring the token
 * ends its sessions at once, on every server sharing the store.
 */
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { SubmissionStore, TokenRecord } from '../store/types.js';
import type { Principal } from './auth.js';
import { cameOverHttps } from './guard/proxy.js';

export const SESSION_COOKIE = 'chiso_session';
/** A working day and then some: a clerk signs in in the morning and is not asked again before evening. */
export const SESSION_HOURS = 12;

/** Session ids as createSession makes them (32 random bytes, base64url); anything else is not looked up. */
const SESSION_ID = /^[A-Za-z0-9_-]{43}$/;

export function principalOf(token: TokenRecord): Principal {
  return { scope: token.scope, target: token.target, tokenId: token.id, label: token.label };
}

/** The principal of the request's session cookie, or null (no cookie, unknown, ended, expired, or its token revoked or expired). */
export async function sessionPrincipal(c: Context, store: SubmissionStore): Promise<Principal | null> {
  const id = getCookie(c, SESSION_COOKIE);
  if (!id || !SESSION_ID.test(id)) return null;
  const session = await store.getValidSession(id);
  return session ? principalOf(session.token) : null;
}

/** Opens a session for a token that has just authenticated and sets its cookie. */
export async function openSession(c: Context, store: SubmissionStore, tokenId: string, trustProxy: boolean, now = new Date()): Promise<void> {
  const expires = new Date(now.getTime() + SESSION_HOURS * 3600_000);
  const { id } = await store.createSession(tokenId, expires, now);
  setCookie(c, SESSION_COOKIE, id, {
    httpOnly: true,
    sameSite: 'Strict',
    path: '/',
    secure: cameOverHttps(c, trustProxy),
    maxAge: SESSION_HOURS * 3600,
  });
}

/** Ends the request's session on the server (if any) and clears the cookie. */
export async function closeSession(c: Context, store: SubmissionStore): Promise<void> {
  const id = getCookie(c, SESSION_COOKIE);
  if (id && SESSION_ID.test(id)) await store.endSession(id);
  deleteCookie(c, SESSION_COOKIE, { path: '/' });
}
