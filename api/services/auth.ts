/**
 * Users and authentication: argon2id password hashes (@node-rs/argon2, OWASP parameters
 * m = 19 MiB, t = 2, p = 1), browser sessions (random 256-bit id in an HttpOnly SameSite=Strict
 * cookie, stored as its SHA-256, with a CSRF token), API tokens for programs (`tt_…`, shown
 * once, stored as SHA-256), and a per-account lockout after repeated wrong passwords (on top of
 * the per-address limit of api/middleware/failure-limit.ts).
 */
import { randomBytes } from 'node:crypto';
import { verify } from '@node-rs/argon2';
import type { Sql } from 'postgres';
import type { Config } from '../config.ts';
import { ProblemError } from './problem.ts';
import * as users from '../store/users.ts';

export const ROLE_NAMES = ['operator', 'village', 'verifier', 'buyer', 'bureau', 'admin'] as const;
export type RoleName = (typeof ROLE_NAMES)[number];

/** What the middleware puts on the context (structurally api/middleware/auth.ts's Identity). */
export interface UserIdentity {
  id: string;
  roles: readonly RoleName[];
  user_id: number;
  party_id: number | null;
}

/** Verified against when the user does not exist, so an unknown name costs as long as a wrong password. */
let dummyHash: Promise<string> | undefined;

export const hashPassword = users.hashPassword;

export function checkPassword(password: string): void {
  if (password.length < 10 || password.length > 200) {
    throw new ProblemError(422, 'Password too short or too long', 'A password needs 10 to 200 characters.', {}, { title: '密码过短或过长', detail: '密码须为 10 至 200 个字符。' });
  }
}

export interface PublicUser {
  id: number;
  username: string;
  display_name: string;
  roles: RoleName[];
  party_id: number | null;
  disabled: boolean;
  locked: boolean;
  created_at: string;
}

export function publicUser(u: users.UserRow): PublicUser {
  return {
    id: u.id, username: u.username, display_name: u.display_name, roles: u.roles as RoleName[], party_id: u.party_id,
    disabled: u.disabled, locked: !!u.locked_until && u.locked_until.getTime() > Date.now(), created_at: new Date(u.created_at).toISOString(),
  };
}

export function identityOf(u: users.UserRow): UserIdentity {
  return { id: `user:${u.username}`, roles: u.roles as RoleName[], user_id: u.id, party_id: u.party_id };
}

export interface NewUser {
  username: string;
  password: string;
  roles: RoleName[];
  display_name?: string;
  party_id?: number | null;
}

export async function createUser(sql: Sql, u: NewUser): Promise<PublicUser> {
  checkPassword(u.password);
  if (!/^[a-z0-9_.@-]{2,64}$/.test(u.username)) {
    throw new ProblemError(422, 'Invalid user name', 'A user name has 2–64 of a–z, 0–9, _ . @ -.', {}, { title: '用户名无效', detail: '用户名须为 2–64 个字符：a–z、0–9、_ . @ -。' });
  }
  if (await users.userByName(sql, u.username)) {
    throw new ProblemError(409, 'User exists', `A user "${u.username}" exists already.`, {}, { title: '用户已存在', detail: `用户 “${u.username}” 已存在。` });
  }
  if (u.party_id != null) {
    const [p] = await sql`SELECT 1 FROM ledger_parties WHERE id = ${u.party_id}`;
    if (!p) throw new ProblemError(422, 'Unknown party', `No party ${u.party_id}.`, {}, { title: '主体不存在', detail: `没有主体 ${u.party_id}。` });
  }
  const row = await users.insertUser(sql, { username: u.username, display_name: u.display_name ?? u.username, password_hash: await hashPassword(u.password), roles: [...new Set(u.roles)], party_id: u.party_id ?? null });
  return publicUser(row);
}

/** Creates the first administrator from TANTU_FIRST_ADMIN_USER/_PASSWORD when there are no users; returns whether it did. */
export async function ensureFirstAdmin(sql: Sql, config: Pick<Config, 'firstAdminUser' | 'firstAdminPassword'>): Promise<boolean> {
  if (!config.firstAdminUser || !config.firstAdminPassword) return false;
  if ((await users.countUsers(sql)) > 0) return false;
  await createUser(sql, { username: config.firstAdminUser, password: config.firstAdminPassword, roles: ['admin'], display_name: 'Administrator 管理员' });
  return true;
}

const badLogin = () => new ProblemError(401, 'Wrong user name or password', 'The user name or the password is wrong.', {}, { title: '用户名或密码错误', detail: '用户名或密码错误。' });

export interface LoginResult {
  session_id: string;
  csrf_token: string;
  expires_at: string;
  user: PublicUser;
}

export async function login(sql: Sql, config: Pick<Config, 'sessionHours' | 'loginMaxFailures' | 'loginLockMinutes'>, username: string, password: string): Promise<LoginResult> {
  const u = await users.userByName(sql, username.trim().toLowerCase());
  if (!u) {
    dummyHash ??= hashPassword('not a real password, only for timing');
    await verify(await dummyHash, password);
    throw badLogin();
  }
  if (u.locked_until && u.locked_until.getTime() > Date.now()) {
    const wait = Math.ceil((u.locked_until.getTime() - Date.now()) / 1000);
    throw new ProblemError(429, 'Account locked', `Too many wrong passwords: the account is locked for ${wait} s more (or until an administrator resets the password).`, { retry_after_s: wait },
      { title: '账户已锁定', detail: `密码错误次数过多：账户还将锁定 ${wait} 秒（或由管理员重置密码）。` });
  }
  const ok = await verify(u.password_hash, password);
  if (!ok || u.disabled) {
    if (!ok) await users.recordLoginFailure(sql, u.id, config.loginMaxFailures, config.loginLockMinutes);
    throw badLogin();
  }
  await users.clearLoginFailures(sql, u.id);
  const session_id = randomBytes(32).toString('base64url');
  const csrf_token = randomBytes(24).toString('base64url');
  const expires = await users.insertSession(sql, session_id, u.id, csrf_token, config.sessionHours);
  return { session_id, csrf_token, expires_at: new Date(expires).toISOString(), user: publicUser(u) };
}

export const logout = (sql: Sql, sessionId: string) => users.deleteSession(sql, sessionId);

/** The session behind a cookie value, for the middleware. */
export async function resolveSession(sql: Sql, cookie: string): Promise<{ identity: UserIdentity; csrf: string } | null> {
  if (cookie.length > 200) return null;
  const u = await users.sessionUser(sql, cookie);
  return u ? { identity: identityOf(u), csrf: u.csrf_token } : null;
}

export async function resolveToken(sql: Sql, token: string): Promise<UserIdentity | null> {
  if (!token.startsWith('tt_') || token.length > 200) return null;
  const u = await users.tokenUser(sql, token);
  return u ? identityOf(u) : null;
}

export async function createToken(sql: Sql, userId: number, name: string): Promise<{ id: number; name: string; token: string; created_at: string }> {
  const token = `tt_${randomBytes(32).toString('base64url')}`;
  const row = await users.insertToken(sql, userId, name, token);
  return { id: row.id, name, token, created_at: new Date(row.created_at).toISOString() };
}

export async function revokeToken(sql: Sql, userId: number, id: number): Promise<void> {
  if (!(await users.revokeToken(sql, userId, id))) throw new ProblemError(404, 'No such token', `You have no active token ${id}.`, {}, { title: '令牌不存在', detail: `您没有有效的令牌 ${id}。` });
}

export async function userList(sql: Sql): Promise<PublicUser[]> {
  return (await users.listUsers(sql)).map(publicUser);
}

export async function changeUser(sql: Sql, id: number, patch: { roles?: RoleName[]; party_id?: number | null; disabled?: boolean; password?: string; display_name?: string }): Promise<PublicUser> {
  if (patch.password !== undefined) checkPassword(patch.password);
  const row = await users.updateUser(sql, id, {
    roles: patch.roles, party_id: patch.party_id, disabled: patch.disabled, display_name: patch.display_name,
    password_hash: patch.password !== undefined ? await hashPassword(patch.password) : undefined,
  });
  if (!row) throw new ProblemError(404, 'No such user', `There is no user ${id}.`, {}, { title: '用户不存在', detail: `没有用户 ${id}。` });
  return publicUser(row);
}

export async function currentUser(sql: Sql, userId: number): Promise<PublicUser | null> {
  const u = await users.userById(sql, userId);
  return u ? publicUser(u) : null;
}
