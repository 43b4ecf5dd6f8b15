-- Every change of a parameter table (PUT stores an override, DELETE restores the default), with
-- who made it (the identity from api/middleware/auth.ts) and when; kept when the override goes.
CREATE TABLE parameter_audit (
  id bigserial PRIMARY KEY,
  model text NOT NULL,
  table_name text NOT NULL,
  action text NOT NULL CHECK (action IN ('override', 'restore default')),
  value jsonb,
  note text,
  changed_by text NOT NULL,
  changed_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX parameter_audit_changed_at ON parameter_audit (changed_at DESC);
