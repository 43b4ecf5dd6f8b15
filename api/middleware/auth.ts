/**
 * Who is calling. `identify` puts the caller's identity on the context (`c.get('identity')`):
 * the administrator, recognised by the bearer token TANTU_ADMIN_TOKEN; a user of the cooperative
 * ledger, by an API token (`Authorization: Bearer tt_…`, looked up by `resolveToken`) or by the
 * browser's session cookie (`tantu_session`, HttpOnly, SameSite=Strict, looked up by
 * `resolveSession`; writes then need the session's CSRF token, api/middleware/csrf.ts); or
 * anonymous. `requireRole` guards a route. Tokens are compared in constant time (SHA-256 digests, timingSafeEqual), so
 * response times do not reveal how much of a guess was right, and failed attempts are limited per
 * client address (429 with Retry-After once `failuresPerMin` is reached), so a token cannot be
 * guessed at request speed.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { ProblemError } from '../services/problem.ts';
import { failureLimit } from './failure-limit.ts';

/**
 * admin: everything, users; operator: the cooperative (projects, contracts, monitoring, issuance,
 * listings, payouts); village: a village collective (reads its own contracts and payouts);
 * verifier: approves monitoring reports; buyer: buys, transfers, pledges and retires its credits;
 * bureau: the forestry bureau, reads everything.
 */
export const ROLES = ['operator', 'village', 'verifier', 'buyer', 'bureau', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export interface Identity {
  /** Stable id recorded with what the caller changes (e.g. parameter overrides' updated_by). */
  id: string;
  roles: readonly Role[];
  /** The user's row id (absent for the TANTU_ADMIN_TOKEN administrator). */
  user_id?: number;
  /** The party (cooperative, village, buyer …) the user acts for; null = none. */
  party_id?: number | null;
}

/** A session found from its cookie: who, and the CSRF token its writes must carry. */
export interface SessionInfo {
  identity: Identity;
  csrf: string;
}

export type AuthEnv = { Variables: { identity: Identity | null; session?: SessionInfo } };

export const SESSION_COOKIE = 'tantu_session';

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
  /** A user's API token → their identity, or null when unknown or revoked. */
  resolveToken?: (token: string) => Promise<Identity | null>;
  /** A session cookie's value → the session, or null when unknown or expired. */
  resolveSession?: (cookie: string) => Promise<SessionInfo | null>;
}

/**
 * Sets `identity` from the Authorization header; a wrong token is refused (403) at once and
 * counted against the client. Answers that depend on the header say so (Vary: Authorization).
 */
export function identify({ adminToken, failuresPerMin = 10, clientOf = () => 'all', resolveToken, resolveSession }: AuthOptions): MiddlewareHandler<AuthEnv> {
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
      if (m && adminToken && sameSecret(m[1], adminToken)) identity = { id: 'admin', roles: ['admin'] };
      else if (m && resolveToken) identity = await resolveToken(m[1]);
      if (!identity) failures.fail(client);
      if (!m) throw new ProblemError(401, 'Authorisation required', 'Send the header as "Authorization: Bearer <token>".', {}, { title: '需要授权', detail: '请以 “Authorization: Bearer <令牌>” 的格式发送请求头。' });
      if (!identity) throw new ProblemError(403, 'Not allowed', 'The token is not valid here.', {}, { title: '不允许', detail: '此令牌在这里无效。' });
    } else if (resolveSession) {
      const cookie = getCookie(c, SESSION_COOKIE);
      const session = cookie ? await resolveSession(cookie) : null;
      if (session) {
        identity = session.identity;
        c.set('session', session);
      }
    }
    if (resolveSession) c.header('vary', 'Cookie', { append: true });
    c.set('identity', identity);
    await next();
  };
}

/**
 * Lets only callers with `role` through (401 without credentials, 403 with the wrong ones).
 * `disabled` explains why nobody can have the role (e.g. no admin token configured).
 */
export function requireRole(role: Role | readonly Role[], disabled?: () => string | undefined): MiddlewareHandler<AuthEnv> {
  const roles: readonly Role[] = typeof role === 'string' ? [role] : role;
  return async (c, next) => {
    const why = disabled?.();
    if (why) throw new ProblemError(403, 'Not enabled', why, {}, { title: '未启用', detail: why });
    assertRole(c.get('identity'), roles);
    await next();
  };
}

/** Throws 401 without an identity, 403 when it has none of `roles`; returns the identity. */
export function assertRole(identity: Identity | null | undefined, roles: readonly Role[]): Identity {
  if (!identity) throw new ProblemError(401, 'Authorisation required', 'Log in, or send the header "Authorization: Bearer <token>", to do this.', {}, { title: '需要授权', detail: '请先登录，或发送请求头 “Authorization: Bearer <令牌>” 后再执行此操作。' });
  if (!identity.roles.some((r) => roles.includes(r))) {
    const list = roles.join(' / ');
    throw new ProblemError(403, 'Not allowed', `This needs the ${list} role.`, { roles_required: [...roles] }, { title: '不允许', detail: `此操作需要 ${list} 角色。` });
  }
  return identity;
}
