/**
 * What the request says about where it came from. X-Forwarded-* headers are believed only when
 * the server runs behind a proxy that sets them (TANTU_TRUST_PROXY=1); otherwise anyone could
 * write them — e.g. to make TileJSON point at `javascript://evil.example`.
 */
import type { Context } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';

const first = (v: string | undefined) => v?.split(',')[0].trim() || undefined;

/** The origin (scheme://host[:port]) the client used: the request URL, or the proxy's X-Forwarded-Proto/Host when trusted. */
export function requestOrigin(c: Context, trustProxy: boolean): string {
  const url = new URL(c.req.url);
  const proto = (trustProxy && first(c.req.header('x-forwarded-proto'))) || url.protocol.replace(/:$/, '');
  const host = (trustProxy && first(c.req.header('x-forwarded-host'))) || url.host;
  if (!/^https?$/.test(proto) || !/^[\w.-]+(:\d+)?$|^\[[\d:a-fA-F.]+\](:\d+)?$/.test(host)) return url.origin;
  return `${proto}://${host}`;
}

/** The client's address: the socket peer, or the first X-Forwarded-For entry when the proxy is trusted; 'unknown' without a socket (in-process requests). */
export function clientAddress(c: Context, trustProxy: boolean): string {
  const forwarded = trustProxy ? first(c.req.header('x-forwarded-for')) : undefined;
  if (forwarded) return forwarded;
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
}
