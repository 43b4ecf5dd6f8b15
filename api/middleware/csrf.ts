/**
 * CSRF protection for browser writes: a request authenticated by the session cookie that changes
 * something (any method but GET, HEAD, OPTIONS) must carry the session's CSRF token in the
 * `X-CSRF-Token` header (synchronizer token: issued at login, kept server-side with the session,
 * readable by the page from GET /api/auth/session but not by another site). Cookies are also
 * SameSite=Strict and API bodies must be JSON (a cross-site form cannot send that without a
 * preflight), so this is the second of three locks. Bearer-token clients are not affected.
 */
import type { MiddlewareHandler } from 'hono';
import { ProblemError } from '../services/problem.ts';
import { sameSecret, type AuthEnv } from './auth.ts';

export const CSRF_HEADER = 'x-csrf-token';
const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

export function csrfProtect(): MiddlewareHandler<AuthEnv> {
  return async (c, next) => {
    const session = c.get('session');
    if (session && !SAFE.has(c.req.method)) {
      const given = c.req.header(CSRF_HEADER);
      if (!given || !sameSecret(given, session.csrf)) {
        throw new ProblemError(403, 'CSRF token missing or wrong',
          'A write from the browser session must send the header X-CSRF-Token with the token from POST /api/auth/login or GET /api/auth/session.', {},
          { title: 'CSRF 令牌缺失或错误', detail: '浏览器会话中的写操作须带请求头 X-CSRF-Token，其值取自 POST /api/auth/login 或 GET /api/auth/session 的答复。' });
      }
    }
    await next();
  };
}
