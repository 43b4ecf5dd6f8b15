-- Parameter tables that users have overridden (e.g. GB/T 43648-2024 values replacing the 2011
-- provincial guideline defaults). A model reads its defaults from layers/ and replaces a whole
-- table by the row here; deleting the row restores the default.
CREATE TABLE parameter_overrides (
  model text NOT NULL,
  table_name text NOT NULL,
  value jsonb NOT NULL,
  note text,
  updated_by text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (model, table_name)
);
