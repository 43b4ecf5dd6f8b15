-- Siting (issue 11). Named rule sets users saved (copies of a default set, edited), and the
-- scenarios (technology + rules + criteria + weights) whose suitability tiles are addressed by a
-- content hash: any instance can rebuild a scenario's raster from its spec after a restart.
CREATE TABLE siting_rule_sets (
  name text PRIMARY KEY,
  technology text NOT NULL CHECK (technology IN ('pv_ground','pv_fishery','pv_forest','pv_rooftop','wind')),
  spec jsonb NOT NULL,
  updated_by text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE siting_scenarios (
  id text PRIMARY KEY,           -- sha256 (hex, first 32) of the canonical spec
  family text NOT NULL CHECK (family IN ('pv','wind')),
  spec jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
