/** Schemas of /api/auth/…: login, session, users and API tokens. */
import { z } from '@hono/zod-openapi';

export const RoleSchema = z.enum(['operator', 'village', 'verifier', 'buyer', 'bureau', 'admin']).openapi('Role',
  { description: 'operator 合作社经办 · village 村集体 · verifier 核证机构 · buyer 买方 · bureau 林业局（只读）· admin 管理员' });

export const UserSchema = z.object({
  id: z.number().int(),
  username: z.string(),
  display_name: z.string(),
  roles: z.array(RoleSchema),
  party_id: z.number().int().nullable().describe('The party the user acts for (a village collective, the cooperative, a buyer …)'),
  disabled: z.boolean(),
  locked: z.boolean().describe('Locked after too many wrong passwords'),
  created_at: z.string(),
}).openapi('User');

export const LoginRequestSchema = z.object({
  username: z.string().min(1).max(64),
  password: z.string().min(1).max(200),
}).strict().openapi('LoginRequest');

export const SessionSchema = z.object({
  user: UserSchema.nullable(),
  identity: z.object({ id: z.string(), roles: z.array(RoleSchema), party_id: z.number().int().nullable() }).nullable(),
  csrf_token: z.string().nullable().describe('Send as X-CSRF-Token with every write of this browser session'),
  expires_at: z.string().nullable(),
}).openapi('Session');

export const NewUserSchema = z.object({
  username: z.string().regex(/^[a-z0-9_.@-]{2,64}$/).describe('2–64 of a–z, 0–9, _ . @ -'),
  password: z.string().min(10).max(200),
  roles: z.array(RoleSchema).min(1),
  display_name: z.string().max(100).optional(),
  party_id: z.number().int().nullable().optional(),
}).strict().openapi('NewUser');

export const UserPatchSchema = z.object({
  roles: z.array(RoleSchema).min(1).optional(),
  party_id: z.number().int().nullable().optional(),
  disabled: z.boolean().optional(),
  password: z.string().min(10).max(200).optional().describe('New password; also unlocks the account and ends its sessions'),
  display_name: z.string().max(100).optional(),
}).strict().openapi('UserPatch');

export const UsersSchema = z.object({ users: z.array(UserSchema) }).openapi('Users');

export const NewTokenSchema = z.object({ name: z.string().min(1).max(100) }).strict().openapi('NewToken');
export const TokenSchema = z.object({
  id: z.number().int(), name: z.string(), created_at: z.string(),
  token: z.string().describe('Shown once: send as Authorization: Bearer <token>'),
}).openapi('ApiToken');
export const OkSchema = z.object({ ok: z.literal(true) }).openapi('Ok');
