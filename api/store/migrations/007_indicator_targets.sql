-- Policy targets of the indicator dashboard (issue 14): one row per region, indicator and year, with
-- the document it comes from. Seeded from ../shared/reference/policy-targets.md (and charging.md for
-- 乡乡全覆盖); authenticated users (bureau, admin) add local targets and edit these through
-- /api/indicators/targets. A target applies to its own region as 'own' and to the regions it
-- encloses only as 'reference' (layers/indicators/status.ts). Values are in the indicator's unit
-- (layers/indicators/definitions.ts): %, m³, MW, chargers.
CREATE TABLE indicator_targets (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  region_id text NOT NULL,
  region_level text NOT NULL CHECK (region_level IN ('province', 'city', 'county', 'township', 'village')),
  place_zh text NOT NULL,
  place_en text NOT NULL,
  indicator text NOT NULL,
  comparison text NOT NULL DEFAULT 'at_least' CHECK (comparison IN ('at_least', 'at_most')),
  value double precision NOT NULL,
  unit text NOT NULL,
  year int CHECK (year BETWEEN 1990 AND 2200),
  baseline_value double precision,
  baseline_year int CHECK (baseline_year BETWEEN 1950 AND 2200),
  document_zh text NOT NULL,
  document_en text NOT NULL DEFAULT '',
  source text NOT NULL,
  note text,
  created_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_by text,
  updated_at timestamptz,
  CHECK ((baseline_value IS NULL) = (baseline_year IS NULL))
);
CREATE INDEX indicator_targets_region ON indicator_targets (region_id, indicator);

INSERT INTO indicator_targets (region_id, region_level, place_zh, place_en, indicator, value, unit, year, baseline_value, baseline_year, document_zh, document_en, source, note, created_by) VALUES
  ('330100', 'city', '杭州市', 'Hangzhou', 'forest_coverage_pct', 65.33, '%', 2025, NULL, NULL, '杭州市国家碳达峰试点实施方案（2024）', 'Hangzhou national carbon-peak pilot plan (2024)', 'reference/policy-targets.md: forest coverage ≥ 65.33 %, Hangzhou 2025', NULL, 'seed'),
  ('330100', 'city', '杭州市', 'Hangzhou', 'forest_stock_m3', 79000000, 'm³', 2025, NULL, NULL, '杭州市国家碳达峰试点实施方案（2024）', 'Hangzhou national carbon-peak pilot plan (2024)', 'reference/policy-targets.md: forest stock volume ≥ 79 million m³, Hangzhou 2025', NULL, 'seed'),
  ('330100', 'city', '杭州市', 'Hangzhou', 'wetland_rate_pct', 8, '%', 2025, NULL, NULL, '杭州市国家碳达峰试点实施方案（2024）', 'Hangzhou national carbon-peak pilot plan (2024)', 'reference/policy-targets.md: wetland rate ≈ 8 %, Hangzhou 2025', '≈ 8 % read as a floor', 'seed'),
  ('330000', 'province', '浙江省', 'Zhejiang', 'forest_coverage_pct', 61.5, '%', 2025, 61.2, 2020, '浙江省应对气候变化“十四五”规划', 'Zhejiang 14th Five-Year climate plan', 'reference/policy-targets.md: forest coverage 61.2 % (2020) → 61.5 %, Zhejiang 2025', NULL, 'seed'),
  ('330000', 'province', '浙江省', 'Zhejiang', 'forest_stock_m3', 445000000, 'm³', 2025, 375000000, 2020, '浙江省应对气候变化“十四五”规划', 'Zhejiang 14th Five-Year climate plan', 'reference/policy-targets.md: forest stock 3.75 → ≥ 4.45 亿 m³, Zhejiang 2025', 'baseline year 2020 (the plan''s base year)', 'seed'),
  ('330800', 'city', '衢州市', 'Quzhou', 'forest_coverage_pct', 70, '%', 2025, 69.63, 2020, '衢州市应对气候变化“十四五”规划', 'Quzhou 14th Five-Year climate plan', 'reference/policy-targets.md: forest coverage 69.63 % (2020) → 70 %, Quzhou 2025', NULL, 'seed'),
  ('330800', 'city', '衢州市', 'Quzhou', 'forest_stock_m3', 35000000, 'm³', 2025, 30390000, 2020, '衢州市应对气候变化“十四五”规划', 'Quzhou 14th Five-Year climate plan', 'reference/policy-targets.md: forest stock 3039 万 m³ → 3500 万 m³, Quzhou 2025', 'baseline year 2020 (the plan''s base year)', 'seed'),
  ('330800', 'city', '衢州市', 'Quzhou', 'wetland_protection_pct', 60, '%', 2025, 57.55, 2020, '衢州市应对气候变化“十四五”规划', 'Quzhou 14th Five-Year climate plan', 'reference/policy-targets.md: wetland protection rate 57.55 % → 60 %, Quzhou 2025', 'baseline year 2020 (the plan''s base year)', 'seed'),
  ('330100', 'city', '杭州市', 'Hangzhou', 'charging_coverage_urban_pct', 100, '%', NULL, NULL, NULL, '杭州市国家碳达峰试点实施方案（2024）：城市五分钟充电圈', 'Hangzhou national carbon-peak pilot plan (2024): 5-minute urban charging circle', 'reference/policy-targets.md and charging.md: charging circle 5 min urban, Hangzhou', 'a circle covering everyone: 100 %', 'seed'),
  ('330100', 'city', '杭州市', 'Hangzhou', 'charging_coverage_rural_pct', 100, '%', NULL, NULL, NULL, '杭州市国家碳达峰试点实施方案（2024）：城乡半小时充电圈', 'Hangzhou national carbon-peak pilot plan (2024): 30-minute urban–rural charging circle', 'reference/policy-targets.md and charging.md: charging circle 30 min urban–rural, Hangzhou', 'a circle covering everyone: 100 %', 'seed'),
  ('330500', 'city', '湖州市', 'Huzhou', 'charging_coverage_urban_pct', 100, '%', NULL, NULL, NULL, '湖州市国家碳达峰试点实施方案（2024）：城市五分钟充电圈', 'Huzhou national carbon-peak pilot plan (2024): 5-minute urban charging circle', 'reference/policy-targets.md and charging.md: charging circle 5 min urban, Huzhou', 'a circle covering everyone: 100 %', 'seed'),
  ('330500', 'city', '湖州市', 'Huzhou', 'charging_coverage_rural_pct', 100, '%', NULL, NULL, NULL, '湖州市国家碳达峰试点实施方案（2024）：城乡半小时充电圈', 'Huzhou national carbon-peak pilot plan (2024): 30-minute urban–rural charging circle', 'reference/policy-targets.md and charging.md: charging circle 30 min urban–rural, Huzhou', 'a circle covering everyone: 100 %', 'seed'),
  ('330500', 'city', '湖州市', 'Huzhou', 'townships_with_chargers_pct', 100, '%', NULL, NULL, NULL, '湖州市国家碳达峰试点实施方案（2024）：乡乡全覆盖', 'Huzhou national carbon-peak pilot plan (2024): public chargers in every township', 'reference/charging.md: public chargers in every township (乡乡全覆盖), Huzhou', 'year not stated in the reference', 'seed'),
  ('330100', 'city', '杭州市', 'Hangzhou', 'service_areas_with_chargers_pct', 100, '%', NULL, NULL, NULL, '杭州市国家碳达峰试点实施方案（2024）：高速公路服务区充电设施全覆盖', 'Hangzhou national carbon-peak pilot plan (2024): chargers at every expressway service area', 'reference/charging.md: expressway service areas fully covered (Hangzhou)', 'year not stated in the reference', 'seed'),
  ('330500', 'city', '湖州市', 'Huzhou', 'public_chargers', 9200, 'chargers', 2025, NULL, NULL, '湖州市国家碳达峰试点实施方案（2024）', 'Huzhou national carbon-peak pilot plan (2024)', 'reference/policy-targets.md: public chargers 4,200 urban + 5,000 rural, Huzhou 2025', '4,200 urban + 5,000 rural', 'seed'),
  ('330500', 'city', '湖州市', 'Huzhou', 'public_chargers_urban', 4200, 'chargers', 2025, NULL, NULL, '湖州市国家碳达峰试点实施方案（2024）', 'Huzhou national carbon-peak pilot plan (2024)', 'reference/policy-targets.md: public chargers 4,200 urban, Huzhou 2025', NULL, 'seed'),
  ('330500', 'city', '湖州市', 'Huzhou', 'public_chargers_rural', 5000, 'chargers', 2025, NULL, NULL, '湖州市国家碳达峰试点实施方案（2024）', 'Huzhou national carbon-peak pilot plan (2024)', 'reference/policy-targets.md: public chargers 5,000 rural, Huzhou 2025', NULL, 'seed'),
  ('330000', 'province', '浙江省', 'Zhejiang', 'public_chargers', 80000, 'chargers', 2025, NULL, NULL, '浙江省应对气候变化“十四五”规划', 'Zhejiang 14th Five-Year climate plan', 'reference/policy-targets.md: public chargers ≥ 80,000 (≥ 50,000 smart) + ≥ 350,000 private, Zhejiang 2025', 'public only; ≥ 50,000 of them smart', 'seed'),
  ('330800', 'city', '衢州市', 'Quzhou', 'public_chargers', 2099, 'chargers', 2025, NULL, NULL, '衢州市应对气候变化“十四五”规划', 'Quzhou 14th Five-Year climate plan', 'reference/policy-targets.md: public charging stations / chargers 163 / 2,099, Quzhou 14th FYP', '163 stations', 'seed'),
  ('330100', 'city', '杭州市', 'Hangzhou', 'pv_potential_mw', 4800, 'MW', 2025, NULL, NULL, '杭州市国家碳达峰试点实施方案（2024）', 'Hangzhou national carbon-peak pilot plan (2024)', 'reference/policy-targets.md: PV capacity 4.8 GW (2025), Hangzhou', 'installed capacity target', 'seed'),
  ('330100', 'city', '杭州市', 'Hangzhou', 'pv_potential_mw', 6500, 'MW', 2030, NULL, NULL, '杭州市国家碳达峰试点实施方案（2024）', 'Hangzhou national carbon-peak pilot plan (2024)', 'reference/policy-targets.md: PV capacity 6.5 GW (2030), Hangzhou', 'installed capacity target', 'seed'),
  ('330100', 'city', '杭州市', 'Hangzhou', 'wind_potential_mw', 50, 'MW', 2025, NULL, NULL, '杭州市国家碳达峰试点实施方案（2024）', 'Hangzhou national carbon-peak pilot plan (2024)', 'reference/policy-targets.md: distributed wind ≥ 50 MW, aim 100 MW, Hangzhou 2025', 'distributed wind; the plan aims at 100 MW', 'seed'),
  ('330500', 'city', '湖州市', 'Huzhou', 'pv_potential_mw', 3600, 'MW', 2025, NULL, NULL, '湖州市国家碳达峰试点实施方案（2024）', 'Huzhou national carbon-peak pilot plan (2024)', 'reference/policy-targets.md: PV capacity ≥ 3.6 GW (2025), Huzhou', 'installed capacity target', 'seed'),
  ('330500', 'city', '湖州市', 'Huzhou', 'pv_potential_mw', 5000, 'MW', 2030, NULL, NULL, '湖州市国家碳达峰试点实施方案（2024）', 'Huzhou national carbon-peak pilot plan (2024)', 'reference/policy-targets.md: PV capacity ≥ 5 GW (2030), Huzhou', 'installed capacity target', 'seed'),
  ('330800', 'city', '衢州市', 'Quzhou', 'pv_potential_mw', 1500, 'MW', 2025, NULL, NULL, '衢州市应对气候变化“十四五”规划', 'Quzhou 14th Five-Year climate plan', 'reference/policy-targets.md: new PV 1.5 GW, Quzhou 14th FYP', 'new capacity over the plan period', 'seed'),
  ('330800', 'city', '衢州市', 'Quzhou', 'wind_potential_mw', 20, 'MW', 2025, NULL, NULL, '衢州市应对气候变化“十四五”规划', 'Quzhou 14th Five-Year climate plan', 'reference/policy-targets.md: new distributed wind 20 MW, Quzhou 14th FYP', 'new capacity over the plan period', 'seed');
