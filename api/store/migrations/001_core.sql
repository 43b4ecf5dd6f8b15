-- Core stores. Geometries are EPSG:4326 (CGCS2000/EPSG:4490 input is treated as 4326).
CREATE EXTENSION IF NOT EXISTS postgis;

CREATE TABLE meta (key text PRIMARY KEY, value text NOT NULL);

-- Administrative units: county, township (乡镇/街道), village (行政村).
CREATE TABLE regions (
  id text PRIMARY KEY,
  parent_id text,
  level text NOT NULL CHECK (level IN ('province','city','county','township','village')),
  name_zh text NOT NULL,
  name_en text,
  population integer,
  source text NOT NULL,
  geom geometry(MultiPolygon, 4326) NOT NULL
);
CREATE INDEX regions_geom_idx ON regions USING gist (geom);

-- Forest stands (小班). species_group keys match layers/carbon parameter tables.
CREATE TABLE stands (
  id text PRIMARY KEY,
  species_group text NOT NULL,
  forest_type text NOT NULL CHECK (forest_type IN ('arbor','bamboo','shrub')),
  origin text CHECK (origin IN ('natural','planted')),
  age_yr integer,
  site_class integer,
  volume_m3_per_ha double precision,
  culm_density_per_ha double precision,
  mean_dbh_cm double precision,
  owner_village text,
  source text NOT NULL,
  geom geometry(MultiPolygon, 4326) NOT NULL
);
CREATE INDEX stands_geom_idx ON stands USING gist (geom);

CREATE TABLE wetlands (
  id text PRIMARY KEY,
  wetland_type text NOT NULL CHECK (wetland_type IN ('lake','reservoir','river','marsh','pond')),
  name_zh text,
  source text NOT NULL,
  geom geometry(MultiPolygon, 4326) NOT NULL
);
CREATE INDEX wetlands_geom_idx ON wetlands USING gist (geom);

-- Ecological protection red line (生态保护红线) and permanent basic farmland (永久基本农田).
CREATE TABLE protected_areas (
  id text PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('eco_redline','basic_farmland')),
  name_zh text,
  source text NOT NULL,
  geom geometry(MultiPolygon, 4326) NOT NULL
);
CREATE INDEX protected_areas_geom_idx ON protected_areas USING gist (geom);

CREATE TABLE roads (
  id text PRIMARY KEY,
  road_class text NOT NULL CHECK (road_class IN ('expressway','national','provincial','county','township','village','urban')),
  name_zh text,
  speed_kmh double precision NOT NULL,
  oneway smallint NOT NULL DEFAULT 0 CHECK (oneway IN (0, 1)),
  source text NOT NULL,
  geom geometry(LineString, 4326) NOT NULL
);
CREATE INDEX roads_geom_idx ON roads USING gist (geom);

-- Settlements: county seat, towns, villages (points, with population).
CREATE TABLE places (
  id text PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('county_seat','town','village')),
  name_zh text NOT NULL,
  name_en text,
  population integer,
  source text NOT NULL,
  geom geometry(Point, 4326) NOT NULL
);
CREATE INDEX places_geom_idx ON places USING gist (geom);

CREATE TABLE charging_stations (
  id text PRIMARY KEY,
  name_zh text,
  chargers integer NOT NULL CHECK (chargers > 0),
  power_kw double precision NOT NULL CHECK (power_kw > 0),
  site_kind text NOT NULL DEFAULT 'public' CHECK (site_kind IN ('public','service_area','private')),
  source text NOT NULL,
  geom geometry(Point, 4326) NOT NULL
);
CREATE INDEX charging_stations_geom_idx ON charging_stations USING gist (geom);

CREATE TABLE substations (
  id text PRIMARY KEY,
  name_zh text,
  voltage_kv double precision NOT NULL,
  source text NOT NULL,
  geom geometry(Point, 4326) NOT NULL
);
CREATE INDEX substations_geom_idx ON substations USING gist (geom);

CREATE TABLE power_lines (
  id text PRIMARY KEY,
  voltage_kv double precision NOT NULL,
  source text NOT NULL,
  geom geometry(LineString, 4326) NOT NULL
);
CREATE INDEX power_lines_geom_idx ON power_lines USING gist (geom);

-- Raster store: GeoTIFF files read window by window. path may be a local path or http(s) URL.
CREATE TABLE rasters (
  layer_id text PRIMARY KEY,
  path text NOT NULL,
  crs text NOT NULL,             -- e.g. 'EPSG:4549'
  width integer NOT NULL,
  height integer NOT NULL,
  geotransform double precision[] NOT NULL,  -- GDAL order: x0, px, 0, y0, 0, py
  nodata double precision,
  unit text,
  source text NOT NULL,
  bounds geometry(Polygon, 4326) NOT NULL
);

-- Layer catalog shown by GET /api/layers.
CREATE TABLE layers (
  id text PRIMARY KEY,
  title_zh text NOT NULL,
  title_en text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('vector','raster')),
  unit text,
  legend jsonb NOT NULL,
  source text NOT NULL,
  attribution text,
  -- vector layers: which table and optional SQL filter on it; raster layers: rasters.layer_id
  source_table text,
  source_filter text,
  raster_id text,
  min_zoom integer NOT NULL DEFAULT 0,
  max_zoom integer NOT NULL DEFAULT 16,
  sort integer NOT NULL DEFAULT 100
);

-- One row per import, so every layer can say where its data came from.
CREATE TABLE imports (
  id bigserial PRIMARY KEY,
  target text NOT NULL,
  file_name text NOT NULL,
  source_crs text NOT NULL,
  feature_count integer NOT NULL,
  imported_at timestamptz NOT NULL DEFAULT now()
);
