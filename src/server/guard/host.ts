/**
 * Loopback hardening (contract.md "The service on a network").
 *
 * DNS rebinding: a page at http://evil.example:8787 whose name later resolves
 * to 127.0.0.1 talks to this server as same-origin, so the browser's own
 * cross-origin rules never apply. What still gives it away is the Host header,
 * which carries the name the page used. A server bound to loopback therefore
 * answers only requests addressed to a loopback name and its own port.
 *
 * Cross-site requests: a page on another site (or on another port of this
 * machine, which browsers call "same-site") may send simple POSTs and forms
 * here. Browsers mark every such request with Origin and/or Sec-Fetch-Site;
 * scripts and curl send neither, and stay allowed.
 */
import type { MiddlewareHandler } from 'hono';
import { ApiError } from '../errors.js';

/** Names a loopback server answers to; anything else is a rebinding attempt or a misdirected request. */
const LOOPBACK_NAMES = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** Methods that only read; every other method can change the store. */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** "name:port" of a Host header value, lower-cased; null when it is not one. */
export function parseHost(value: string): { name: string; port: number | null } | null {
  const match = /^(\[[0-9a-f:.]+\]|[^:[\]\s/@]+)(?::(\d{1,5}))?$/i.exec(value.trim());
  if (!match) return null;
  return { name: match[1].toLowerCase(), port: match[2] === undefined ? null : Number(match[2]) };
}

/**
 * Whether a Host header names this loopback server. `port` is the port it
 * listens on; undefined (an app not yet listening, tests through app.request)
 * checks the name only. A Host without a port means port 80.
 */
export function isLoopbackHost(value: string, port: number | undefined): boolean {
  const host = parseHost(value);
  if (!host || !LOOPBACK_NAMES.has(host.name)) return false;
  return port === undefined || (host.port ?? 80) === port;
}

/** The request's Host: the header when there is one (a real server), else the URL's (app.request in tests). */
function requestHost(headerValue: string | undefined, url: string): string {
  return headerValue ?? new URL(url).host;
}

/** 421 for a request not addressed to this loopback server by a loopback name and its port. */
export function loopbackHostGuard(port: () => number | undefined): MiddlewareHandler {
  return async (c, next) => {
    const host = requestHost(c.req.header('Host'), c.req.url);
    if (!isLoopbackHost(host, port())) {
      throw new ApiError(
        421,
        'wrong-host',
        'this chiso server runs in single-user mode on this computer only; open it as http://127.0.0.1 or http://localhost with its port',
      );
    }
    return next();
  };
}

/**
 * Whether the browser headers say the request came from another site.
 * Sec-Fetch-Site: only "same-origin" and "none" (typed in the address bar,
 * a bookmark) are ours; "same-site" is another port or subdomain. Origin: it
 * must name the host the request was sent to ("null", from sandboxed frames
 * and some redirects, is not ours).
 */
export function isCrossSite(headers: { origin?: string; secFetchSite?: string; host: string }): boolean {
  const site = headers.secFetchSite?.trim().toLowerCase();
  if (site !== undefined && site !== 'same-origin' && site !== 'none') return true;
  if (headers.origin === undefined) return false;
  let origin: URL;
  try {
    origin = new URL(headers.origin);
  } catch {
    return true;
  }
  if (origin.protocol !== 'http:' && origin.protocol !== 'https:') return true;
  const host = parseHost(headers.host);
  if (!host) return true;
  // Ports compared with the scheme's default filled in: "Origin: https://x" is "Host: x:443".
  const defaultPort = origin.protocol === 'https:' ? 443 : 80;
  return origin.hostname.toLowerCase() !== host.name || Number(origin.port || defaultPort) !== (host.port ?? defaultPort);
}

/** 403 for a state-changing request a browser says came from another site; it runs no handler, so it changes nothing. */
export function crossSiteGuard(): MiddlewareHandler {
  return async (c, next) => {
    if (SAFE_METHODS.has(c.req.method)) return next();
    const host = requestHost(c.req.header('Host'), c.req.url);
    if (isCrossSite({ origin: c.req.header('Origin'), secFetchSite: c.req.header('Sec-Fetch-Site'), host })) {
      throw new ApiError(403, 'cross-site', 'this request came from another web site; chiso accepts changes only from its own pages');
    }
    return next();
  };
}
