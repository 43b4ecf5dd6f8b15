/**
 * The source layers siting rules and criteria read, all on one grid (the land-cover grid,
 * 30 m in the demo county). The service builds them once from the store (rasters and vector
 * tables) and caches them; this table only says what each is, in which unit.
 */
export interface SitingLayer {
  id: string;
  zh: string;
  en: string;
  /** Unit of the values ('class' for codes, 'flag' for 0/1). */
  unit: string;
  /** How it is made from the data. */
  from: string;
}

export const SITING_LAYERS: readonly SitingLayer[] = [
  { id: 'landcover', zh: '土地覆盖', en: 'Land cover', unit: 'class', from: 'landcover raster (layers/landcover/classes.ts codes)' },
  { id: 'basic_farmland', zh: '永久基本农田', en: 'Permanent basic farmland', unit: 'flag', from: "protected_areas kind = 'basic_farmland', cell centre inside" },
  { id: 'eco_redline', zh: '生态保护红线', en: 'Ecological protection red line', unit: 'flag', from: "protected_areas kind = 'eco_redline', cell centre inside" },
  { id: 'water_body', zh: '水体类型', en: 'Water body type', unit: 'class', from: 'wetlands: 1 pond 坑塘, 2 lake 湖泊, 3 reservoir 水库, 4 river 河流, 5 marsh 沼泽 (cell centre inside)' },
  { id: 'slope_deg', zh: '坡度', en: 'Slope', unit: '°', from: 'DEM, Horn (layers/raster/terrain.ts)' },
  { id: 'aspect_south_dev_deg', zh: '偏离正南角度', en: 'Aspect away from south', unit: '°', from: 'DEM aspect, |aspect − 180°| (0 = facing south, 180 = north); flat cells 0' },
  { id: 'elevation_m', zh: '高程', en: 'Elevation', unit: 'm', from: 'DEM' },
  { id: 'ghi_kwh_m2_yr', zh: '年总辐射', en: 'Annual GHI', unit: 'kWh/m²/yr', from: 'ghi raster' },
  { id: 'pv_yield_kwh_per_kwp_yr', zh: '光伏单位容量年发电量', en: 'Specific PV yield', unit: 'kWh/kWp/yr', from: 'ghi raster × the full yield chain’s kWh/kWp per kWh/m² at the nearest weather station (optimal fixed tilt, no horizon; layers/solar/specific-yield.ts)' },
  { id: 'wind_wpd_w_m2', zh: '100米风功率密度', en: 'Wind power density at 100 m', unit: 'W/m²', from: 'wind100 raster: ½ ρ A³ Γ(1 + 3/k), Weibull k = 2, A = v̄ / Γ(1 + 1/k), ρ = 1.225 kg/m³ (reference/solar-wind.md §5)' },
  { id: 'dist_road_m', zh: '距道路', en: 'Distance to roads', unit: 'm', from: 'roads rasterised (cells the line crosses), Euclidean distance transform' },
  { id: 'dist_power_line_m', zh: '距输电线路', en: 'Distance to power lines', unit: 'm', from: 'power_lines rasterised, distance transform' },
  { id: 'dist_substation_m', zh: '距变电站', en: 'Distance to substations', unit: 'm', from: 'substations (cell of each point), distance transform' },
  { id: 'dist_settlement_m', zh: '距居民点', en: 'Distance to settlements', unit: 'm', from: 'built-up land-cover cells (code 11) and places points, distance transform' },
];

export const SITING_LAYER_IDS: ReadonlySet<string> = new Set(SITING_LAYERS.map((l) => l.id));

/** Codes of the water_body layer. */
export const WATER_BODY_CODES = { pond: 1, lake: 2, reservoir: 3, river: 4, marsh: 5 } as const;
