/**
 * `npm run tantu -- user add <name> --role admin[,operator…] [--party <id>] [--display <name>]`
 * creates a user (the first administrator, typically); the password comes from
 * TANTU_NEW_PASSWORD or is read from standard input (one line), never from the command line
 * where `ps` and the shell history would keep it. `user list` shows the users.
 */
import { createInterface } from 'node:readline';
import type { Database } from '../../api/store/connect.ts';
import { hashPassword, insertUser, listUsers, userByName } from '../../api/store/users.ts';

export const USER_USAGE = `npm run tantu -- user add <name> --role admin[,operator,village,verifier,buyer,bureau] [--party <id>] [--display <name>]
        password from TANTU_NEW_PASSWORD or one line on standard input
  npm run tantu -- user list`;

const ROLES = ['operator', 'village', 'verifier', 'buyer', 'bureau', 'admin'];

function flag(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

async function readPassword(): Promise<string> {
  if (process.env.TANTU_NEW_PASSWORD) return process.env.TANTU_NEW_PASSWORD;
  if (process.stdin.isTTY) process.stderr.write('Password (10–200 characters) 密码: ');
  const rl = createInterface({ input: process.stdin });
  for await (const line of rl) { rl.close(); return line; }
  return '';
}

export async function userCommand(db: Database, args: string[], log: (s: string) => void = console.log): Promise<void> {
  const [what, name, ...rest] = args;
  if (what === 'list') {
    for (const u of await listUsers(db.sql)) log(`${u.id}\t${u.username}\t${u.roles.join(',')}\tparty ${u.party_id ?? '-'}${u.disabled ? '\tdisabled' : ''}`);
    return;
  }
  if (what !== 'add' || !name) throw new Error(`user what?\n  ${USER_USAGE}`);
  const username = name.toLowerCase();
  if (!/^[a-z0-9_.@-]{2,64}$/.test(username)) throw new Error('a user name has 2–64 of a–z, 0–9, _ . @ -');
  const roles = (flag(rest, '--role') ?? '').split(',').map((r) => r.trim()).filter(Boolean);
  if (!roles.length || roles.some((r) => !ROLES.includes(r))) throw new Error(`--role takes one or more of ${ROLES.join(', ')} (comma-separated)`);
  const party = flag(rest, '--party');
  const partyId = party === undefined ? null : Number(party);
  if (partyId !== null && !Number.isInteger(partyId)) throw new Error('--party takes a party id (a whole number)');
  if (await userByName(db.sql, username)) throw new Error(`user ${username} exists already`);
  const password = await readPassword();
  if (password.length < 10 || password.length > 200) throw new Error('the password needs 10 to 200 characters');
  const u = await insertUser(db.sql, { username, display_name: flag(rest, '--display') ?? username, password_hash: await hashPassword(password), roles, party_id: partyId });
  log(`user ${u.username} (id ${u.id}) created with roles ${u.roles.join(', ')}`);
}
