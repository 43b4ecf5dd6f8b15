-- Hourly weather series, one row per station (an imported file or the demo county's typical year).
-- Each column of the series is ONE bytea of little-endian float4 values (8,760 × 4 B = 35 KB),
-- not float4[]: postgres.js returns bytea as a Buffer that becomes a Float32Array without parsing,
-- over PGlite and a server alike, while a float4[] arrives as text to be split into 8,760 numbers.
-- float4 keeps ~7 significant digits, finer than any weather source (EPW and TMY3 store integers
-- of W/m² and tenths of °C). Times are not stored per row: a checked series is consecutive hours,
-- so start_utc + n_hours give them. Optional columns (dni, dhi, pressure) are NULL when absent.
CREATE TABLE weather_stations (
  id serial PRIMARY KEY,
  name text NOT NULL,
  geom geometry(Point, 4326) NOT NULL,
  elevation_m double precision NOT NULL,
  utc_offset_h double precision NOT NULL,
  source text NOT NULL,
  format text NOT NULL CHECK (format IN ('epw', 'tmy3', 'pvgis', 'csv', 'demo')),
  wind_height_m double precision NOT NULL,
  n_hours integer NOT NULL CHECK (n_hours IN (8760, 8784)),
  start_utc timestamptz NOT NULL,
  annual_ghi_kwh_per_m2 double precision NOT NULL,
  ghi bytea NOT NULL,
  dni bytea,
  dhi bytea,
  temp_air bytea NOT NULL,
  wind_speed bytea NOT NULL,
  pressure bytea,
  imported_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX weather_stations_geom_idx ON weather_stations USING gist (geom);
