-- The 两山 cooperative ledger (issue 13): parties, users and sessions, projects of pooled parcels under
-- contracts, carbon snapshots, monitoring → verification → issuance into serial blocks, listings,
-- purchases, transfers, pledges, retirements, payouts, and the append-only hash-chained journal.
-- Quantities are whole tonnes CO2e (one serial = 1 t); money is integer fen (分).

CREATE TABLE ledger_parties (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('cooperative', 'village', 'household', 'buyer', 'lender', 'verifier', 'bureau')),
  name text NOT NULL,
  -- a household belongs to its village collective
  parent_id bigint REFERENCES ledger_parties (id),
  -- personal data (phone, ID number, bank account): never on the public registry
  contact text,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE users (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  username text NOT NULL UNIQUE CHECK (username ~ '^[a-z0-9_.@-]{2,64}$'),
  display_name text NOT NULL DEFAULT '',
  password_hash text NOT NULL,
  roles text[] NOT NULL CHECK (roles <@ ARRAY['operator', 'village', 'verifier', 'buyer', 'bureau', 'admin']::text[] AND cardinality(roles) > 0),
  party_id bigint REFERENCES ledger_parties (id),
  disabled boolean NOT NULL DEFAULT false,
  failed_logins int NOT NULL DEFAULT 0,
  locked_until timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  password_changed_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE auth_sessions (
  id_sha256 text PRIMARY KEY,
  user_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  csrf_token text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);
CREATE INDEX auth_sessions_user ON auth_sessions (user_id);

CREATE TABLE api_tokens (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  user_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  name text NOT NULL,
  token_sha256 text NOT NULL UNIQUE,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_used_at timestamptz,
  revoked_at timestamptz
);

CREATE TABLE ledger_projects (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  code text NOT NULL UNIQUE CHECK (code ~ '^[A-Z0-9]{2,24}$'),
  name text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('bamboo', 'forest', 'wetland', 'mixed')),
  methodology text NOT NULL,
  cooperative_id bigint NOT NULL REFERENCES ledger_parties (id),
  villages_share numeric NOT NULL CHECK (villages_share BETWEEN 0 AND 1),
  buffer_fraction numeric NOT NULL CHECK (buffer_fraction >= 0 AND buffer_fraction < 1),
  created_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE ledger_parcels (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  project_id bigint NOT NULL REFERENCES ledger_projects (id),
  name text NOT NULL,
  area_mu numeric NOT NULL CHECK (area_mu > 0),
  geom geometry(MultiPolygon, 4326),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ledger_parcels_project ON ledger_parcels (project_id);

CREATE TABLE ledger_contracts (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  project_id bigint NOT NULL REFERENCES ledger_projects (id),
  parcel_id bigint NOT NULL UNIQUE REFERENCES ledger_parcels (id),
  -- the village collective that signs (households hold shares below)
  village_id bigint NOT NULL REFERENCES ledger_parties (id),
  start_year int NOT NULL,
  term_years int NOT NULL CHECK (term_years BETWEEN 1 AND 100),
  rule jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE ledger_contract_shares (
  contract_id bigint NOT NULL REFERENCES ledger_contracts (id),
  party_id bigint NOT NULL REFERENCES ledger_parties (id),
  share numeric NOT NULL CHECK (share > 0 AND share <= 1),
  PRIMARY KEY (contract_id, party_id)
);

CREATE TABLE ledger_snapshots (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  project_id bigint NOT NULL REFERENCES ledger_projects (id),
  model_version text NOT NULL,
  sink_tCO2e_per_yr double precision NOT NULL,
  creditable_tCO2e double precision NOT NULL,
  npv_cny double precision NOT NULL,
  scenario jsonb NOT NULL,
  analysis jsonb NOT NULL,
  created_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE ledger_monitoring (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  project_id bigint NOT NULL REFERENCES ledger_projects (id),
  vintage int NOT NULL CHECK (vintage BETWEEN 1990 AND 2200),
  period_start date NOT NULL,
  period_end date NOT NULL CHECK (period_end >= period_start),
  engine_t numeric,
  snapshot_id bigint REFERENCES ledger_snapshots (id),
  claimed_t int NOT NULL CHECK (claimed_t >= 1),
  reason text,
  status text NOT NULL DEFAULT 'submitted' CHECK (status IN ('submitted', 'approved', 'rejected', 'issued')),
  verified_t int CHECK (verified_t >= 0),
  verified_by text,
  verified_at timestamptz,
  verifier_note text,
  created_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE ledger_issuances (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  project_id bigint NOT NULL REFERENCES ledger_projects (id),
  monitoring_id bigint NOT NULL UNIQUE REFERENCES ledger_monitoring (id),
  vintage int NOT NULL,
  quantity_t int NOT NULL CHECK (quantity_t >= 1),
  buffer_t int NOT NULL CHECK (buffer_t >= 0),
  serial_first bigint NOT NULL,
  serial_last bigint NOT NULL,
  issued_by text NOT NULL,
  issued_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE ledger_blocks (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  project_id bigint NOT NULL REFERENCES ledger_projects (id),
  vintage int NOT NULL,
  serial_first bigint NOT NULL CHECK (serial_first >= 1),
  serial_last bigint NOT NULL CHECK (serial_last >= serial_first),
  owner_id bigint NOT NULL REFERENCES ledger_parties (id),
  state text NOT NULL CHECK (state IN ('held', 'listed', 'pledged', 'retired', 'buffer')),
  issuance_id bigint NOT NULL REFERENCES ledger_issuances (id),
  split_from bigint REFERENCES ledger_blocks (id),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ledger_blocks_project ON ledger_blocks (project_id, vintage, serial_first);
CREATE INDEX ledger_blocks_owner ON ledger_blocks (owner_id);

CREATE TABLE ledger_listings (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  block_id bigint NOT NULL REFERENCES ledger_blocks (id),
  seller_id bigint NOT NULL REFERENCES ledger_parties (id),
  quantity_t int NOT NULL CHECK (quantity_t >= 1),
  remaining_t int NOT NULL CHECK (remaining_t >= 0),
  price_fen_per_t bigint NOT NULL CHECK (price_fen_per_t >= 0),
  state text NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'sold', 'cancelled')),
  created_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE ledger_purchases (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  listing_id bigint NOT NULL REFERENCES ledger_listings (id),
  buyer_id bigint NOT NULL REFERENCES ledger_parties (id),
  block_id bigint NOT NULL REFERENCES ledger_blocks (id),
  quantity_t int NOT NULL CHECK (quantity_t >= 1),
  price_fen_per_t bigint NOT NULL,
  total_fen bigint NOT NULL,
  payment_ref text,
  created_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE ledger_transfers (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  block_id bigint NOT NULL REFERENCES ledger_blocks (id),
  from_id bigint NOT NULL REFERENCES ledger_parties (id),
  to_id bigint NOT NULL REFERENCES ledger_parties (id),
  quantity_t int NOT NULL,
  created_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE ledger_pledges (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  block_id bigint NOT NULL REFERENCES ledger_blocks (id),
  pledger_id bigint NOT NULL REFERENCES ledger_parties (id),
  lender_id bigint NOT NULL REFERENCES ledger_parties (id),
  loan_ref text NOT NULL,
  amount_fen bigint NOT NULL CHECK (amount_fen >= 0),
  state text NOT NULL DEFAULT 'active' CHECK (state IN ('active', 'released')),
  created_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  released_at timestamptz
);

CREATE TABLE ledger_retirements (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  block_id bigint NOT NULL REFERENCES ledger_blocks (id),
  party_id bigint NOT NULL REFERENCES ledger_parties (id),
  quantity_t int NOT NULL,
  serial text NOT NULL,
  beneficiary text NOT NULL,
  purpose text NOT NULL CHECK (purpose IN ('offset', 'event_neutrality', 'judicial_restoration')),
  case_number text,
  note text,
  created_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (purpose <> 'judicial_restoration' OR case_number IS NOT NULL)
);

CREATE TABLE ledger_payouts (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  project_id bigint NOT NULL REFERENCES ledger_projects (id),
  kind text NOT NULL CHECK (kind IN ('sale', 'cycle')),
  purchase_id bigint UNIQUE REFERENCES ledger_purchases (id),
  cycle_year int,
  total_fen bigint NOT NULL CHECK (total_fen >= 0),
  villages_share numeric,
  basis jsonb NOT NULL,
  created_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (project_id, kind, cycle_year)
);
CREATE TABLE ledger_payout_lines (
  payout_id bigint NOT NULL REFERENCES ledger_payouts (id),
  party_id bigint NOT NULL REFERENCES ledger_parties (id),
  fen bigint NOT NULL CHECK (fen >= 0),
  basis text NOT NULL,
  PRIMARY KEY (payout_id, party_id)
);

-- Every event, hash-chained: hash = sha256(prev_hash || '\n' || payload), payload a canonical JSON text
-- (api/store/ledger-journal.ts). One head row, locked by every write, keeps the chain a line.
CREATE TABLE ledger_journal (
  seq bigint PRIMARY KEY,
  at timestamptz NOT NULL,
  actor text NOT NULL,
  action text NOT NULL,
  project_id bigint,
  payload text NOT NULL,
  prev_hash text NOT NULL,
  hash text NOT NULL
);
CREATE TABLE ledger_chain_head (
  id int PRIMARY KEY CHECK (id = 1),
  seq bigint NOT NULL,
  hash text NOT NULL
);
INSERT INTO ledger_chain_head VALUES (1, 0, repeat('0', 64));

CREATE FUNCTION ledger_journal_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'ledger_journal is append-only';
END $$;
CREATE TRIGGER ledger_journal_no_change BEFORE UPDATE OR DELETE ON ledger_journal
  FOR EACH ROW EXECUTE FUNCTION ledger_journal_append_only();
