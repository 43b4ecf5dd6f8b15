/**
 * Who is calling. `identify` puts the caller's identity on the context (`c.get('identity')`):
 * today the administrator, recognised by the bearer token TANTU_ADMIN_TOKEN, or anonymous; the
 * cooperative ledger adds real users and sessions behind the same `Identity`. `requireRole`
 * guards a route. Tokens are compared in constant time (SHA-256 digests, timingSafeEqual), so
 * response times do not reveal how much of a guess was right, and failed attempts are limited per
 * client address (429 with Retry-After once `failuresPerMin` is reached), so a token cannot be
 * guessed at request speed.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { ProblemError } from '../services/problem.ts';
import { failureLimit } from './failure-limit.ts';

export type Role = 'admin';

export interface Identity {
  /** Stable id recorded with what the caller changes (e.g. parameter overrides' updated_by). */
  id: string;
  roles: readonly Role[];
}

export type AuthEnv = { Variables: { identity: Identity | null } };

const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();

/** Constant-time equality of two secrets of any length. */
export function sameSecret(given: string, expected: string): boolean {
  return timingSafeEqual(digest(given), digest(expected));
}

export interface AuthOptions {
  /** The administrator's bearer token; undefined = nobody is administrator. */
  adminToken?: string;
  /** Failed attempts per client per minute before 429 (default 10). */
  failuresPerMin?: number;
  /** The client's key for the failure count (default: one key for all). */
  clientOf?: (c: Context) => string;
}

/**
 * Sets `identity` from the Authorization header; a wrong token is refused (403) at once and
 * counted against the client. Answers that depend on the header say so (Vary: Authorization).
 */
export function identify({ adminToken, failuresPerMin = 10, clientOf = () => 'all' }: AuthOptions): MiddlewareHandler<AuthEnv> {
  const failures = failureLimit(failuresPerMin);
  return async (c, next) => {
    c.header('vary', 'Authorization', { append: true });
    const header = c.req.header('authorization');
    let identity: Identity | null = null;
    if (header !== undefined) {
      const client = clientOf(c);
      const wait = failures.blockedFor(client);
      if (wait > 0) {
        c.header('retry-after', String(wait));
        throw new ProblemError(429, 'Too many failed attempts', `${failuresPerMin} failed authentications from this address within a minute; try again in ${wait} s.`,
          { retry_after_s: wait }, { title: '认证失败次数过多', detail: `此地址一分钟内认证失败 ${failuresPerMin} 次；请 ${wait} 秒后重试。` });
      }
      const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
      if (!m || !adminToken || !sameSecret(m[1], adminToken)) failures.fail(client);
      if (!m) throw new ProblemError(401, 'Authorisation required', 'Send the header as "Authorization: Bearer <token>".', {}, { title: '需要授权', detail: '请以 “Authorization: Bearer <令牌>” 的格式发送请求头。' });
      if (!adminToken || !sameSecret(m[1], adminToken)) throw new ProblemError(403, 'Not allowed', 'The token is not valid here.', {}, { title: '不允许', detail: '此令牌在这里无效。' });
      identity = { id: 'admin', roles: ['admin'] };
    }
    c.set('identity', identity);
    await next();
  };
}

/**
 * Lets only callers with `role` through (401 without credentials, 403 with the wrong ones).
 * `disabled` explains why nobody can have the role (e.g. no admin token configured).
 */
export function requireRole(role: Role, disabled?: () => string | undefined): MiddlewareHandler<AuthEnv> {
  return async (c, next) => {
    const why = disabled?.();
    if (why) throw new ProblemError(403, 'Not enabled', why, {}, { title: '未启用', detail: why });
    const identity = c.get('identity');
    if (!identity) throw new ProblemError(401, 'Authorisation required', 'Send the header "Authorization: Bearer <token>" to do this.', {}, { title: '需要授权', detail: '请发送请求头 “Authorization: Bearer <令牌>” 后再执行此操作。' });
    if (!identity.roles.includes(role)) throw new ProblemError(403, 'Not allowed', `This needs the ${role} role.`, {}, { title: '不允许', detail: `此操作需要 ${role} 角色。` });
    await next();
  };
}
