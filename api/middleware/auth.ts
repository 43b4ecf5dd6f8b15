/**
 * Who is calling. `identify` puts the caller's identity on the context (`c.get('identity')`):
 * today the administrator, recognised by the bearer token TANTU_ADMIN_TOKEN, or anonymous; the
 * cooperative ledger adds real users and sessions behind the same `Identity`. `requireRole`
 * guards a route. Tokens are compared in constant time (SHA-256 digests, timingSafeEqual), so
 * response times do not reveal how much of a guess was right.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { ProblemError } from '../services/problem.ts';

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
}

/** Sets `identity` from the Authorization header; a wrong token is refused (403) at once. */
export function identify({ adminToken }: AuthOptions): MiddlewareHandler<AuthEnv> {
  return async (c, next) => {
    const header = c.req.header('authorization');
    let identity: Identity | null = null;
    if (header !== undefined) {
      const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
      if (!m) throw new ProblemError(401, 'Authorisation required', 'Send the header as "Authorization: Bearer <token>".');
      if (!adminToken || !sameSecret(m[1], adminToken)) throw new ProblemError(403, 'Not allowed', 'The token is not valid here.');
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
    if (why) throw new ProblemError(403, 'Not enabled', why);
    const identity = c.get('identity');
    if (!identity) throw new ProblemError(401, 'Authorisation required', 'Send the header "Authorization: Bearer <token>" to do this.');
    if (!identity.roles.includes(role)) throw new ProblemError(403, 'Not allowed', `This needs the ${role} role.`);
    await next();
  };
}
