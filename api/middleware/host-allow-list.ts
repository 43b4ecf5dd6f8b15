/**
 * Answers only requests whose Host header names this server (TANTU_ALLOWED_HOSTS; by default
 * localhost, 127.0.0.1, [::1] and the bind host, any port): a page on evil.example that
 * re-points its DNS name at 127.0.0.1 (DNS rebinding) gets 421 instead of the API.
 */
import type { MiddlewareHandler } from 'hono';
import { ProblemError } from '../services/problem.ts';

/** The host name of a Host header value, lower case, without the port ('[::1]' keeps its brackets). */
export function hostName(host: string): string {
  const h = host.trim().toLowerCase();
  if (h.startsWith('[')) return h.slice(0, h.indexOf(']') + 1);
  return h.replace(/:\d*$/, '').replace(/\.$/, '');
}

export function hostAllowList(allowed: readonly string[]): MiddlewareHandler {
  const names = new Set(allowed.map(hostName));
  return async (c, next) => {
    const host = c.req.header('host') ?? new URL(c.req.url).host;
    if (!names.has('*') && !names.has(hostName(host))) {
      const shown = host.slice(0, 100);
      throw new ProblemError(421, 'Unknown host', `This server does not answer to "${shown}". Use one of ${[...names].join(', ')}, or add the name to TANTU_ALLOWED_HOSTS.`,
        { host: shown }, { title: '未知主机名', detail: `此服务器不响应 “${shown}”。请使用 ${[...names].join('、')} 之一，或将该名称加入 TANTU_ALLOWED_HOSTS。` });
    }
    await next();
  };
}
