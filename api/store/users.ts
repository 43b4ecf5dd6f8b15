/**
 * Users, sessions and API tokens (migration 005). Secrets never reach the database: passwords as
 * argon2id hashes (api/services/auth.ts), session ids and API tokens as SHA-256 digests.
 */
import { createHash } from 'node:crypto';
import { hash } from '@node-rs/argon2';
import type { Sql } from 'postgres';

/** argon2id (the library's default algorithm) with the OWASP parameters: 19 MiB, 2 passes, 1 lane. */
export const ARGON2_OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 };
export const hashPassword = (password: string) => hash(password, ARGON2_OPTIONS);

export interface UserRow {
  id: number;
  username: string;
  display_name: string;
  password_hash: string;
  roles: string[];
  party_id: number | null;
  disabled: boolean;
  failed_logins: number;
  locked_until: Date | null;
  created_at: Date;
}

export const sha256hex = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

const columns = (t = '') => `${t}id::int AS id, ${t}username, ${t}display_name, ${t}password_hash, ${t}roles, ${t}party_id::int AS party_id, ${t}disabled, ${t}failed_logins, ${t}locked_until, ${t}created_at`;
const USER_COLUMNS = columns();

export async function insertUser(sql: Sql, u: { username: string; display_name: string; password_hash: string; roles: string[]; party_id: number | null }): Promise<UserRow> {
  const [row] = await sql<UserRow[]>`
    INSERT INTO users (username, display_name, password_hash, roles, party_id)
    VALUES (${u.username}, ${u.display_name}, ${u.password_hash}, ${u.roles}, ${u.party_id})
    RETURNING ${sql.unsafe(USER_COLUMNS)}`;
  return row;
}

export async function userByName(sql: Sql, username: string): Promise<UserRow | undefined> {
  const [row] = await sql<UserRow[]>`SELECT ${sql.unsafe(USER_COLUMNS)} FROM users WHERE username = ${username}`;
  return row;
}

export async function userById(sql: Sql, id: number): Promise<UserRow | undefined> {
  const [row] = await sql<UserRow[]>`SELECT ${sql.unsafe(USER_COLUMNS)} FROM users WHERE id = ${id}`;
  return row;
}

export async function listUsers(sql: Sql): Promise<UserRow[]> {
  return sql<UserRow[]>`SELECT ${sql.unsafe(USER_COLUMNS)} FROM users ORDER BY id`;
}

export async function countUsers(sql: Sql): Promise<number> {
  const [{ n }] = await sql<{ n: number }[]>`SELECT count(*)::int n FROM users`;
  return n;
}

export async function updateUser(sql: Sql, id: number, patch: { roles?: string[]; party_id?: number | null; disabled?: boolean; password_hash?: string; display_name?: string }): Promise<UserRow | undefined> {
  const [row] = await sql<UserRow[]>`
    UPDATE users SET
      roles = coalesce(${patch.roles ?? null}::text[], roles),
      party_id = CASE WHEN ${patch.party_id !== undefined} THEN ${patch.party_id ?? null}::bigint ELSE party_id END,
      disabled = coalesce(${patch.disabled ?? null}::boolean, disabled),
      display_name = coalesce(${patch.display_name ?? null}::text, display_name),
      password_hash = coalesce(${patch.password_hash ?? null}::text, password_hash),
      password_changed_at = CASE WHEN ${patch.password_hash !== undefined} THEN now() ELSE password_changed_at END,
      failed_logins = CASE WHEN ${patch.password_hash !== undefined} THEN 0 ELSE failed_logins END,
      locked_until = CASE WHEN ${patch.password_hash !== undefined} THEN NULL ELSE locked_until END
    WHERE id = ${id} RETURNING ${sql.unsafe(USER_COLUMNS)}`;
  if (row && (patch.disabled || patch.password_hash !== undefined)) await sql`DELETE FROM auth_sessions WHERE user_id = ${id}`;
  return row;
}

/** Counts a failed login; after `maxFailures` in a row the account is locked for `lockMinutes`. */
export async function recordLoginFailure(sql: Sql, id: number, maxFailures: number, lockMinutes: number): Promise<void> {
  await sql`
    UPDATE users SET failed_logins = failed_logins + 1,
      locked_until = CASE WHEN failed_logins + 1 >= ${maxFailures} THEN now() + make_interval(mins => ${lockMinutes}) ELSE locked_until END
    WHERE id = ${id}`;
}

export async function clearLoginFailures(sql: Sql, id: number): Promise<void> {
  await sql`UPDATE users SET failed_logins = 0, locked_until = NULL WHERE id = ${id}`;
}

export async function insertSession(sql: Sql, sessionId: string, userId: number, csrf: string, hours: number): Promise<Date> {
  const [{ expires_at }] = await sql<{ expires_at: Date }[]>`
    INSERT INTO auth_sessions (id_sha256, user_id, csrf_token, expires_at)
    VALUES (${sha256hex(sessionId)}, ${userId}, ${csrf}, now() + make_interval(hours => ${hours}))
    RETURNING expires_at`;
  return expires_at;
}

export async function sessionUser(sql: Sql, sessionId: string): Promise<(UserRow & { csrf_token: string; expires_at: Date }) | undefined> {
  const [row] = await sql<(UserRow & { csrf_token: string; expires_at: Date })[]>`
    SELECT ${sql.unsafe(columns('u.'))}, s.csrf_token, s.expires_at
    FROM auth_sessions s JOIN users u ON u.id = s.user_id
    WHERE s.id_sha256 = ${sha256hex(sessionId)} AND s.expires_at > now() AND NOT u.disabled`;
  return row;
}

export async function deleteSession(sql: Sql, sessionId: string): Promise<void> {
  await sql`DELETE FROM auth_sessions WHERE id_sha256 = ${sha256hex(sessionId)} OR expires_at < now()`;
}

export async function insertToken(sql: Sql, userId: number, name: string, token: string): Promise<{ id: number; created_at: Date }> {
  const [row] = await sql<{ id: number; created_at: Date }[]>`
    INSERT INTO api_tokens (user_id, name, token_sha256) VALUES (${userId}, ${name}, ${sha256hex(token)}) RETURNING id::int AS id, created_at`;
  return row;
}

export async function tokenUser(sql: Sql, token: string): Promise<UserRow | undefined> {
  const [row] = await sql<UserRow[]>`
    UPDATE api_tokens t SET last_used_at = now() FROM users u
    WHERE t.token_sha256 = ${sha256hex(token)} AND t.revoked_at IS NULL AND u.id = t.user_id AND NOT u.disabled
    RETURNING ${sql.unsafe(columns('u.'))}`;
  return row;
}

export async function revokeToken(sql: Sql, userId: number, id: number): Promise<boolean> {
  const r = await sql`UPDATE api_tokens SET revoked_at = now() WHERE id = ${id} AND user_id = ${userId} AND revoked_at IS NULL`;
  return r.count > 0;
}
