/**
 * What the server may believe about how a request reached it. Directly, the
 * connection says it (TLS or not, the peer address). Behind a reverse proxy
 * (nginx terminating HTTPS) the connection is the proxy's, and only
 * X-Forwarded-Proto/For say what the browser did; those headers are believed
 * only with `--trust-proxy`, since any client can send them.
 */
import type { Context } from 'hono';

/** Whether the browser's request came over HTTPS. */
export function cameOverHttps(c: Context, trustProxy: boolean): boolean {
  if (new URL(c.req.url).protocol === 'https:') return true;
  if (!trustProxy) return false;
  // The proxy nearest to us appends last: with several values, the last is ours.
  const forwarded = c.req.header('X-Forwarded-Proto')?.split(',').pop()?.trim().toLowerCase();
  return forwarded === 'https';
}

/** The client's address as the proxy saw it (last X-Forwarded-For entry), or null when not trusted or absent. */
export function forwardedFor(c: Context, trustProxy: boolean): string | null {
  if (!trustProxy) return null;
  return c.req.header('X-Forwarded-For')?.split(',').pop()?.trim() || null;
}
