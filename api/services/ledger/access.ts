/**
 * Who may do what in the ledger. `WRITE_ROLES` lists every write endpoint with the roles allowed
 * to call it (the router enforces it before reading the body; the role-matrix test walks it);
 * the services then check the party: an operator acts for its cooperative's projects, a buyer or
 * the cooperative for the blocks it owns, a village sees its own contracts and payouts. The
 * administrator may act for any party (naming it in the request).
 */
import { ProblemError } from '../problem.ts';

export type LedgerRole = 'operator' | 'village' | 'verifier' | 'buyer' | 'bureau' | 'admin';
export const LEDGER_ROLES: readonly LedgerRole[] = ['operator', 'village', 'verifier', 'buyer', 'bureau', 'admin'];

export interface Actor {
  id: string;
  roles: readonly LedgerRole[];
  user_id?: number;
  party_id?: number | null;
}

/** Every write of /api/ledger/…, as "METHOD /path" with {id} for a path parameter → roles allowed. */
export const WRITE_ROLES: Readonly<Record<string, readonly LedgerRole[]>> = {
  'POST /ledger/parties': ['operator', 'admin'],
  'POST /ledger/projects': ['operator', 'admin'],
  'POST /ledger/projects/{id}/parcels': ['operator', 'admin'],
  'POST /ledger/projects/{id}/snapshots': ['operator', 'admin'],
  'POST /ledger/projects/{id}/monitoring': ['operator', 'admin'],
  'POST /ledger/monitoring/{id}/verification': ['verifier', 'admin'],
  'POST /ledger/monitoring/{id}/issuance': ['operator', 'admin'],
  'POST /ledger/listings': ['operator', 'buyer', 'admin'],
  'POST /ledger/listings/{id}/cancel': ['operator', 'buyer', 'admin'],
  'POST /ledger/purchases': ['buyer', 'admin'],
  'POST /ledger/transfers': ['operator', 'buyer', 'admin'],
  'POST /ledger/pledges': ['operator', 'buyer', 'admin'],
  'POST /ledger/pledges/{id}/release': ['operator', 'admin'],
  'POST /ledger/retirements': ['operator', 'buyer', 'admin'],
  'POST /ledger/payouts': ['operator', 'admin'],
};

/** Reading the private parts (journal with before/after, parties' contacts): everyone but villages and buyers. */
export const READ_ALL_ROLES: readonly LedgerRole[] = ['operator', 'verifier', 'bureau', 'admin'];

export const isAdmin = (a: Actor) => a.roles.includes('admin');
export const readsAll = (a: Actor) => a.roles.some((r) => READ_ALL_ROLES.includes(r));

export const forbidden = (en: string, zh: string) => new ProblemError(403, 'Not allowed', en, {}, { title: '不允许', detail: zh });

/**
 * The party the actor acts for: its own; the administrator must name one (`requested`). A
 * non-administrator naming another party is refused.
 */
export function actingParty(a: Actor, requested?: number | null): number {
  if (isAdmin(a)) {
    if (requested != null) return requested;
    if (a.party_id != null) return a.party_id;
    throw new ProblemError(422, 'Party needed', 'As administrator, name the party you act for (party_id / buyer_id).', {}, { title: '需要指明主体', detail: '管理员操作时请指明代表的主体（party_id / buyer_id）。' });
  }
  if (a.party_id == null) throw forbidden('Your account acts for no party; an administrator must link it to one.', '您的账户未关联任何主体；请管理员为其关联。');
  if (requested != null && requested !== a.party_id) throw forbidden(`You act for party ${a.party_id}, not ${requested}.`, `您代表主体 ${a.party_id}，而非 ${requested}。`);
  return a.party_id;
}

/** Throws 403 unless the actor acts for `owner` (or is administrator). */
export function assertActsFor(a: Actor, owner: number, what: { en: string; zh: string }): void {
  if (isAdmin(a)) return;
  if (a.party_id !== owner) throw forbidden(`${what.en} belongs to party ${owner}; you act for ${a.party_id ?? 'no party'}.`, `${what.zh}属于主体 ${owner}；您代表${a.party_id ?? '无'}主体。`);
}
