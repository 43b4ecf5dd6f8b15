/**
 * /api/auth/…: log in (sets the HttpOnly SameSite=Strict session cookie and answers the CSRF
 * token), log out, who am I, users (administrator) and API tokens (any logged-in user).
 */
import { createRoute, z } from '@hono/zod-openapi';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { assertRole, SESSION_COOKIE } from '../middleware/auth.ts';
import { failureLimit } from '../middleware/failure-limit.ts';
import { clientAddress } from '../middleware/forwarded.ts';
import { LoginRequestSchema, NewTokenSchema, NewUserSchema, OkSchema, SessionSchema, TokenSchema, UserPatchSchema, UserSchema, UsersSchema } from '../schemas/auth.ts';
import * as auth from '../services/auth.ts';
import { ProblemError } from '../services/problem.ts';
import { jsonResponse, problemResponses, router, type AppDeps } from './openapi.ts';

const secured = { security: [{ bearer: [] }, { session: [] }] as Record<string, string[]>[] };
const body = <T extends z.ZodType>(schema: T) => ({ body: { required: true, content: { 'application/json': { schema } } } });
const IdParam = z.object({ id: z.coerce.number().int().min(1) });

const loginRoute = createRoute({
  method: 'post', path: '/auth/login', tags: ['auth'],
  summary: 'Log in: sets the session cookie (HttpOnly, SameSite=Strict) and answers the CSRF token for writes',
  request: body(LoginRequestSchema),
  responses: { 200: jsonResponse(SessionSchema, 'Logged in'), ...problemResponses },
});
const logoutRoute = createRoute({
  method: 'post', path: '/auth/logout', tags: ['auth'], summary: 'Log out: ends the session and clears the cookie',
  responses: { 200: jsonResponse(OkSchema, 'Logged out'), ...problemResponses },
});
const sessionRoute = createRoute({
  method: 'get', path: '/auth/session', tags: ['auth'], summary: 'Who am I: the user, roles, party and CSRF token of this session (nulls when anonymous)',
  responses: { 200: jsonResponse(SessionSchema, 'The session'), ...problemResponses },
});
const usersRoute = createRoute({
  method: 'get', path: '/auth/users', tags: ['auth'], ...secured, summary: 'All users (administrator)',
  responses: { 200: jsonResponse(UsersSchema, 'Users'), ...problemResponses },
});
const addUserRoute = createRoute({
  method: 'post', path: '/auth/users', tags: ['auth'], ...secured, summary: 'Create a user with roles and the party they act for (administrator)',
  request: body(NewUserSchema),
  responses: { 201: jsonResponse(UserSchema, 'Created'), ...problemResponses },
});
const patchUserRoute = createRoute({
  method: 'patch', path: '/auth/users/{id}', tags: ['auth'], ...secured, summary: 'Change roles, party, password or disable a user (administrator)',
  request: { params: IdParam, ...body(UserPatchSchema) },
  responses: { 200: jsonResponse(UserSchema, 'Changed'), ...problemResponses },
});
const addTokenRoute = createRoute({
  method: 'post', path: '/auth/tokens', tags: ['auth'], ...secured, summary: 'A new API token for the logged-in user (shown once)',
  request: body(NewTokenSchema),
  responses: { 201: jsonResponse(TokenSchema, 'Created'), ...problemResponses },
});
const revokeTokenRoute = createRoute({
  method: 'delete', path: '/auth/tokens/{id}', tags: ['auth'], ...secured, summary: 'Revoke one of your API tokens',
  request: { params: IdParam },
  responses: { 200: jsonResponse(OkSchema, 'Revoked'), ...problemResponses },
});

export function authRouter({ db, config }: AppDeps) {
  const failures = failureLimit(config.authFailuresPerMin);
  let firstAdmin: Promise<boolean> | undefined;
  const app = router();
  app.use('/auth/users/*', async (c, next) => { assertRole(c.get('identity'), ['admin']); await next(); });
  app.use('/auth/users', async (c, next) => { assertRole(c.get('identity'), ['admin']); await next(); });
  app.use('/auth/tokens/*', async (c, next) => { assertRole(c.get('identity'), auth.ROLE_NAMES); await next(); });
  app.use('/auth/tokens', async (c, next) => { assertRole(c.get('identity'), auth.ROLE_NAMES); await next(); });
  return app
    .openapi(loginRoute, async (c) => {
      const client = clientAddress(c, config.trustProxy);
      const wait = failures.blockedFor(client);
      if (wait > 0) {
        c.header('retry-after', String(wait));
        throw new ProblemError(429, 'Too many failed attempts', `Too many failed logins from this address; try again in ${wait} s.`, { retry_after_s: wait },
          { title: '登录失败次数过多', detail: `此地址登录失败次数过多；请 ${wait} 秒后重试。` });
      }
      firstAdmin ??= auth.ensureFirstAdmin(db.sql, config).catch(() => false);
      await firstAdmin;
      const { username, password } = c.req.valid('json');
      let r: auth.LoginResult;
      try {
        r = await auth.login(db.sql, config, username, password);
      } catch (e) {
        if (e instanceof ProblemError && e.status === 401) failures.fail(client);
        throw e;
      }
      const secure = config.secureCookies || new URL(c.req.url).protocol === 'https:';
      setCookie(c, SESSION_COOKIE, r.session_id, { httpOnly: true, sameSite: 'Strict', path: '/', secure, maxAge: config.sessionHours * 3600 });
      return c.json({ user: r.user, identity: { id: `user:${r.user.username}`, roles: r.user.roles, party_id: r.user.party_id }, csrf_token: r.csrf_token, expires_at: r.expires_at }, 200);
    })
    .openapi(logoutRoute, async (c) => {
      const cookie = getCookie(c, SESSION_COOKIE);
      if (cookie) await auth.logout(db.sql, cookie);
      deleteCookie(c, SESSION_COOKIE, { path: '/' });
      return c.json({ ok: true as const }, 200);
    })
    .openapi(sessionRoute, async (c) => {
      const identity = c.get('identity');
      const session = c.get('session');
      const user = identity?.user_id ? await auth.currentUser(db.sql, identity.user_id) : null;
      return c.json({
        user,
        identity: identity ? { id: identity.id, roles: [...identity.roles], party_id: identity.party_id ?? null } : null,
        csrf_token: session?.csrf ?? null,
        expires_at: null,
      }, 200);
    })
    .openapi(usersRoute, async (c) => c.json({ users: await auth.userList(db.sql) }, 200))
    .openapi(addUserRoute, async (c) => c.json(await auth.createUser(db.sql, c.req.valid('json')), 201))
    .openapi(patchUserRoute, async (c) => c.json(await auth.changeUser(db.sql, c.req.valid('param').id, c.req.valid('json')), 200))
    .openapi(addTokenRoute, async (c) => {
      const identity = assertRole(c.get('identity'), ['operator', 'village', 'verifier', 'buyer', 'bureau', 'admin']);
      if (!identity.user_id) throw new ProblemError(422, 'Not a user', 'The TANTU_ADMIN_TOKEN administrator has no user account to hold tokens; create a user first.', {}, { title: '不是用户', detail: 'TANTU_ADMIN_TOKEN 管理员没有用户账户，无法持有令牌；请先创建用户。' });
      return c.json(await auth.createToken(db.sql, identity.user_id, c.req.valid('json').name), 201);
    })
    .openapi(revokeTokenRoute, async (c) => {
      const identity = assertRole(c.get('identity'), ['operator', 'village', 'verifier', 'buyer', 'bureau', 'admin']);
      if (!identity.user_id) throw new ProblemError(404, 'No such token', 'The administrator token holds no API tokens.', {}, { title: '令牌不存在', detail: '管理员令牌没有 API 令牌。' });
      await auth.revokeToken(db.sql, identity.user_id, c.req.valid('param').id);
      return c.json({ ok: true as const }, 200);
    });
}
