/**
 * Schemas of /api/ledger/…: the 两山 cooperative ledger. Quantities are whole tonnes CO2e (one
 * serial per tonne); money is integer fen (分) in fields named `_fen`, with `_cny` decimal strings
 * beside them for people; areas in 亩 (`_mu`) with ha beside.
 */
import { z } from '@hono/zod-openapi';
import { ScenarioSchema } from './carbon.ts';

const Id = z.number().int().min(1);
const Fen = z.number().int().describe('Integer fen (分, 0.01 元)');
const Cny = z.string().describe('元 as an exact decimal string, e.g. "275470.65"');
const Decimal = z.union([z.number().nonnegative(), z.string().regex(/^\d+(\.\d+)?$/)]);
const Year = z.number().int().min(1990).max(2200);
const Ts = z.string().describe('ISO 8601 time');

export const PartyKindSchema = z.enum(['cooperative', 'village', 'household', 'buyer', 'lender', 'verifier', 'bureau']);
export const NewPartySchema = z.object({
  kind: PartyKindSchema,
  name: z.string().min(1).max(200),
  parent_id: Id.nullable().optional().describe('A household’s village collective'),
  contact: z.string().max(500).nullable().optional().describe('Personal data (phone, account): never on the public registry'),
}).strict().openapi('LedgerNewParty');
export const PartySchema = z.object({
  id: Id, kind: PartyKindSchema, name: z.string(), parent_id: Id.nullable(), contact: z.string().nullable().describe('null unless you may read it'),
}).openapi('LedgerParty');
export const PartiesSchema = z.object({ parties: z.array(PartySchema) }).openapi('LedgerParties');

export const PaymentRuleSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('fixed'), cny_per_mu_yr: Decimal.describe('元 per 亩 per year, e.g. 16.926 (Anji)'), every_years: z.number().int().min(1).max(100) }).strict(),
  z.object({
    kind: z.literal('price_index'),
    price_index_cny_per_t: Decimal.describe('元/t CO2e, e.g. the national ETS 30-trading-day average'),
    t_per_mu_yr: Decimal.describe('Assumed t CO2e per 亩 per year, e.g. 0.39 (Anji)'),
    every_years: z.number().int().min(1).max(100),
  }).strict(),
]).openapi('LedgerPaymentRule');

export const NewProjectSchema = z.object({
  code: z.string().regex(/^[A-Z0-9]{2,24}$/).describe('Used in serials: ZJ-TANTU-{code}-{vintage}-{first}-{last}'),
  name: z.string().min(1).max(200),
  kind: z.enum(['bamboo', 'forest', 'wetland', 'mixed']),
  methodology: z.string().min(1).max(100).default('AR-CM-005-V01'),
  cooperative_id: Id.optional().describe('The cooperative that pools and sells (default: the operator’s own party)'),
  villages_share: Decimal.optional().describe('Share of net sale proceeds to the villages, [0, 1] (default 0.8, Anji)'),
  buffer_fraction: Decimal.optional().describe('Non-permanence buffer withheld at issuance, [0, 1) (default 0.1)'),
}).strict().openapi('LedgerNewProject');

const Balance = z.object({
  project: z.string(), project_id: Id, vintage: z.number().int(), issued_t: z.number(), held_t: z.number(), listed_t: z.number(), pledged_t: z.number(),
  retired_t: z.number(), buffer_t: z.number(), blocks: z.number().int(), ok: z.boolean(), problems: z.array(z.string()),
}).openapi('LedgerBalance');

export const ProjectSchema = z.object({
  id: Id, code: z.string(), name: z.string(), kind: z.string(), methodology: z.string(), cooperative_id: Id,
  villages_share: z.number(), buffer_fraction: z.number(), created_at: Ts,
  parcels: z.number().int(), area_mu: z.number(), area_ha: z.number(),
  balances: z.array(Balance),
}).openapi('LedgerProject');
export const ProjectsSchema = z.object({ projects: z.array(ProjectSchema) }).openapi('LedgerProjects');

export const NewParcelSchema = z.object({
  name: z.string().min(1).max(200),
  geometry: z.unknown().optional().describe('GeoJSON Polygon/MultiPolygon (lon/lat); its ellipsoidal area is the contract area unless area_mu is given'),
  area_mu: Decimal.optional().describe('Contract area in 亩 (required without a geometry)'),
  village_id: Id.describe('The village collective that signs the contract'),
  shares: z.array(z.object({ party_id: Id, share: Decimal })).min(1).max(2000).optional()
    .describe('Parties and their shares of the contract (sum 1); default: the village 100 %'),
  start_year: Year,
  term_years: z.number().int().min(1).max(100).default(30),
  rule: PaymentRuleSchema,
}).strict().openapi('LedgerNewParcel');

const Schedule = z.array(z.object({ cycle: z.number().int(), year: z.number().int(), years: z.number().int(), fen: Fen, cny: Cny }));
export const ContractSchema = z.object({
  id: Id, parcel_id: Id, parcel_name: z.string(), area_mu: z.number(), area_ha: z.number(), village_id: Id, start_year: z.number().int(), term_years: z.number().int(),
  rule: PaymentRuleSchema, shares: z.array(z.object({ party_id: Id, share: z.number() })), schedule: Schedule,
}).openapi('LedgerContract');

export const SnapshotRequestSchema = z.object({ scenario: ScenarioSchema.optional() }).strict().openapi('LedgerSnapshotRequest');
export const SnapshotSchema = z.object({
  id: Id, project_id: Id, model_version: z.string(), sink_tCO2e_per_yr: z.number(), creditable_tCO2e: z.number(), npv_cny: z.number(),
  scenario: z.record(z.string(), z.unknown()), created_by: z.string(), created_at: Ts,
  analysis: z.record(z.string(), z.unknown()).optional().describe('The frozen carbon analysis: inputs, parameters, versions, projection'),
}).openapi('LedgerSnapshot');

export const NewMonitoringSchema = z.object({
  vintage: Year,
  period_start: z.string().date(),
  period_end: z.string().date(),
  claimed_t: z.number().int().min(1).optional().describe('Whole t CO2e claimed; default the engine’s figure from the latest snapshot'),
  reason: z.string().max(2000).optional().describe('Required when the claim differs from the engine'),
}).strict().openapi('LedgerNewMonitoring');
export const MonitoringSchema = z.object({
  id: Id, project_id: Id, vintage: z.number().int(), period_start: z.string(), period_end: z.string(), engine_t: z.number().nullable(), snapshot_id: Id.nullable(),
  claimed_t: z.number().int(), reason: z.string().nullable(), status: z.enum(['submitted', 'approved', 'rejected', 'issued']),
  verified_t: z.number().int().nullable(), verified_by: z.string().nullable(), verified_at: Ts.nullable(), verifier_note: z.string().nullable(),
  created_by: z.string(), created_at: Ts,
}).openapi('LedgerMonitoring');
export const VerificationSchema = z.object({
  decision: z.enum(['approve', 'reject']),
  verified_t: z.number().int().min(0).optional().describe('Approve this much (≤ claimed; default all of it)'),
  note: z.string().max(2000).optional(),
}).strict().openapi('LedgerVerification');

export const BlockStateSchema = z.enum(['held', 'listed', 'pledged', 'retired', 'buffer']);
export const BlockSchema = z.object({
  id: Id, project_id: Id, project_code: z.string(), vintage: z.number().int(), serial_first: z.number().int(), serial_last: z.number().int(),
  quantity_t: z.number().int(), owner_id: Id, state: BlockStateSchema, issuance_id: Id, split_from: Id.nullable(),
  serial: z.string().describe('ZJ-TANTU-{project}-{vintage}-{first}-{last}'),
}).openapi('LedgerBlock');
export const BlocksSchema = z.object({ blocks: z.array(BlockSchema) }).openapi('LedgerBlocks');
export const IssuanceSchema = z.object({
  id: Id, project_id: Id, monitoring_id: Id, vintage: z.number().int(), quantity_t: z.number().int(), buffer_t: z.number().int(),
  serial_first: z.number().int(), serial_last: z.number().int(), serial: z.string(), issued_by: z.string(), issued_at: Ts, blocks: z.array(BlockSchema),
}).openapi('LedgerIssuance');

export const ProjectDetailSchema = ProjectSchema.extend({
  contracts: z.array(ContractSchema).describe('Only your own for a village'),
  parcels_geojson: z.object({ type: z.literal('FeatureCollection'), features: z.array(z.unknown()) }),
  snapshots: z.array(SnapshotSchema),
  monitoring: z.array(MonitoringSchema),
  issuances: z.array(IssuanceSchema.omit({ blocks: true })),
}).openapi('LedgerProjectDetail');

export const NewListingSchema = z.object({
  block_id: Id, quantity_t: z.number().int().min(1), price_cny_per_t: Decimal.describe('元/t CO2e, e.g. 73.41'),
}).strict().openapi('LedgerNewListing');
export const ListingSchema = z.object({
  id: Id, block_id: Id, seller_id: Id, project_id: Id, project_code: z.string(), vintage: z.number().int(), quantity_t: z.number().int(), remaining_t: z.number().int(),
  price_fen_per_t: Fen, price_cny_per_t: Cny, state: z.enum(['open', 'sold', 'cancelled']), created_at: Ts,
}).openapi('LedgerListing');
export const ListingsSchema = z.object({ listings: z.array(ListingSchema) }).openapi('LedgerListings');

export const NewPurchaseSchema = z.object({
  listing_id: Id, quantity_t: z.number().int().min(1), payment_ref: z.string().max(200).optional().describe('Bank transfer or contract reference of the payment'),
  buyer_id: Id.optional().describe('Administrator only: the buying party'),
}).strict().openapi('LedgerNewPurchase');
export const PurchaseSchema = z.object({
  id: Id, listing_id: Id, buyer_id: Id, quantity_t: z.number().int(), price_fen_per_t: Fen, total_fen: Fen, total_cny: Cny,
  payment_ref: z.string().nullable(), created_at: Ts, block: BlockSchema,
}).openapi('LedgerPurchase');

export const NewTransferSchema = z.object({ block_id: Id, quantity_t: z.number().int().min(1).optional(), to_party_id: Id }).strict().openapi('LedgerNewTransfer');
export const TransferSchema = z.object({ id: Id, from_id: Id, to_id: Id, quantity_t: z.number().int(), created_at: Ts, block: BlockSchema }).openapi('LedgerTransfer');

export const NewPledgeSchema = z.object({
  block_id: Id, quantity_t: z.number().int().min(1).optional(), lender_id: Id, loan_ref: z.string().min(1).max(200), amount_cny: Decimal.describe('Loan amount, 元'),
}).strict().openapi('LedgerNewPledge');
export const PledgeSchema = z.object({
  id: Id, pledger_id: Id, lender_id: Id, loan_ref: z.string(), amount_fen: Fen, state: z.enum(['active', 'released']), created_at: Ts, released_at: Ts.nullable(), block: BlockSchema,
}).openapi('LedgerPledge');
export const PledgesSchema = z.object({ pledges: z.array(PledgeSchema) }).openapi('LedgerPledges');

export const RetirementPurposeSchema = z.enum(['offset', 'event_neutrality', 'judicial_restoration'])
  .describe('offset 抵消 · event_neutrality 活动碳中和 · judicial_restoration 司法生态修复 (needs case_number)');
export const NewRetirementSchema = z.object({
  block_id: Id, quantity_t: z.number().int().min(1).optional(), beneficiary: z.string().min(1).max(200), purpose: RetirementPurposeSchema,
  case_number: z.string().max(200).optional(), note: z.string().max(2000).optional(),
}).strict().openapi('LedgerNewRetirement');
export const RetirementSchema = z.object({
  id: Id, project_id: Id, project_code: z.string(), project_name: z.string(), vintage: z.number().int(), quantity_t: z.number().int(), serial: z.string(),
  beneficiary: z.string(), purpose: RetirementPurposeSchema, case_number: z.string().nullable(), note: z.string().nullable(), party_id: Id, created_at: Ts,
}).openapi('LedgerRetirement');
export const RetirementsSchema = z.object({ retirements: z.array(RetirementSchema) }).openapi('LedgerRetirements');

export const NewPayoutSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('sale'), project_id: Id, purchase_id: Id, costs_cny: Decimal.optional().describe('Costs deducted before the split (net proceeds), 元') }).strict(),
  z.object({ kind: z.literal('cycle'), project_id: Id, cycle_year: Year.describe('Pay the contracts whose payment cycle starts this year') }).strict(),
]).openapi('LedgerNewPayout');
const PayoutLine = z.object({ party_id: Id, party_name: z.string(), party_kind: z.string(), fen: Fen, cny: Cny, basis: z.string() });
export const PayoutSchema = z.object({
  id: Id, project_id: Id, kind: z.enum(['sale', 'cycle']), purchase_id: Id.nullable(), cycle_year: z.number().int().nullable(), total_fen: Fen, total_cny: Cny,
  villages_share: z.number().nullable(), basis: z.record(z.string(), z.unknown()), created_at: Ts,
  lines: z.array(PayoutLine).describe('Only your own and your households’ for a village'),
}).openapi('LedgerPayout');
export const PayoutsSchema = z.object({ payouts: z.array(PayoutSchema) }).openapi('LedgerPayouts');
export const StatementSchema = z.object({
  party: PartySchema, project: z.object({ id: Id, code: z.string(), name: z.string() }),
  lines: z.array(z.object({ payout_id: Id, kind: z.string(), date: Ts, party_id: Id, party_name: z.string(), fen: Fen, cny: Cny, basis: z.string() })),
  total_fen: Fen, total_cny: Cny,
}).openapi('LedgerStatement');

export const JournalSchema = z.object({
  entries: z.array(z.object({ seq: z.number().int(), at: Ts, actor: z.string(), action: z.string(), project_id: Id.nullable(), payload: z.string(), prev_hash: z.string(), hash: z.string() })),
}).openapi('LedgerJournal');
export const VerifySchema = z.object({
  ok: z.boolean(), entries: z.number().int(), head_hash: z.string(), problems: z.array(z.object({ seq: z.number().int(), problem: z.string() })),
  invariants: z.object({ ok: z.boolean(), balances: z.array(Balance) }),
}).openapi('LedgerVerify');
export const InvariantsSchema = z.object({ ok: z.boolean(), balances: z.array(Balance), checked_ms: z.number() }).openapi('LedgerInvariants');

export const RegistrySchema = z.object({
  projects: z.array(z.object({
    code: z.string(), name: z.string(), kind: z.string(), methodology: z.string(), area_mu: z.number(), area_ha: z.number(), cooperative: z.string(),
    issued_t: z.number(), retired_t: z.number(), buffer_t: z.number(),
  })),
  issuances: z.array(z.object({ project_code: z.string(), vintage: z.number().int(), quantity_t: z.number().int(), buffer_t: z.number().int(), serial: z.string(), issued_at: Ts })),
  retirements: z.array(z.object({ project_code: z.string(), vintage: z.number().int(), quantity_t: z.number().int(), serial: z.string(), beneficiary: z.string(), purpose: RetirementPurposeSchema, case_number: z.string().nullable(), retired_at: Ts })),
}).openapi('LedgerRegistry');
