/**
 * Schemas of the PV and wind yield endpoints (POST /api/analysis/pv, /api/analysis/wind) and the
 * weather stations: validation, OpenAPI and the TypeScript types the services return and the web
 * app reads. Every number states its unit in its name.
 */
import { z } from '@hono/zod-openapi';

const Finding = z.object({ code: z.string(), zh: z.string(), en: z.string() });
const Parameter = z.object({ key: z.string(), value: z.number(), unit: z.string(), source: z.string(), unverified: z.boolean() });

const Lon = z.number().min(-180).max(180);
const Lat = z.number().min(-90).max(90);
export const LocationSchema = z.object({ lon: Lon, lat: Lat }).strict().describe('A point, lon/lat (WGS-84)');

const GridEmission = z.union([
  z.enum(['china_national_2022', 'china_national_2021']),
  z.object({ tCO2_per_MWh: z.number().min(0).max(2), year: z.number().int().min(1990).max(2100), source: z.string().min(1).max(500) }).strict(),
]).describe('Grid emission factor for the avoided CO2: a published one by key, or your own with its year and source');

const Where = {
  location: LocationSchema.optional().describe('A point; give this or geometry'),
  geometry: z.unknown().optional().describe('A parcel: GeoJSON Polygon/MultiPolygon (lon/lat) or a Feature of one; its area sizes the plant'),
  weather_station_id: z.number().int().positive().max(2_147_483_647).optional().describe('Weather station (GET /api/weather/stations); default: the nearest'),
  interannual_variability_pct: z.number().min(0).max(30).optional().describe('1 σ of annual energy, % (default 5, unverified)'),
  grid_emission: GridEmission.optional(),
};

export const PvRequestSchema = z.object({
  ...Where,
  horizon: z.enum(['dem', 'none']).optional().describe('Terrain horizon from the DEM (default) or an open horizon'),
  system: z.object({
    kw_dc: z.number().positive().max(10_000_000).optional().describe('Rated DC power, kW; for a parcel default = area × capacity density'),
    capacity_density_mw_dc_per_km2: z.number().positive().max(200).optional().describe('Parcel plants: MW_dc per km² (default 36, NREL reV)'),
    surface_tilt: z.union([z.number().min(0).max(90), z.enum(['optimal', 'terrain'])]).optional()
      .describe('Degrees, "optimal" (searched, default) or "terrain" (the ground slope and aspect)'),
    surface_azimuth: z.union([z.number().min(0).max(360), z.literal('optimal')]).optional().describe('Degrees from north, eastward; 180 = south (default)'),
    module_type: z.enum(['standard', 'premium', 'thin_film']).optional(),
    mounting: z.enum(['open_rack', 'close_mount', 'roof']).optional(),
    losses_pct: z.number().min(0).max(99).optional().describe('Total system losses, % (default PVWatts 14.08)'),
    dc_ac_ratio: z.number().min(0.5).max(3).optional(),
    bifacial_gain_pct: z.number().min(0).max(30).optional(),
    albedo: z.number().min(0).max(1).optional(),
  }).strict().optional(),
}).strict().openapi('PvRequest');
export type PvRequest = z.infer<typeof PvRequestSchema>;

const Site = z.object({
  lon: z.number(), lat: z.number(), elevation_m: z.number(),
  area_ha: z.number().nullable(), area_mu: z.number().nullable(),
  slope_deg: z.number().nullable(), aspect_deg: z.number().nullable(),
});
const Weather = z.object({
  station_id: z.number().int(), name: z.string(), source: z.string(), format: z.string(),
  distance_km: z.number(), hours: z.number().int(), ghi_kwh_per_m2_yr: z.number(),
});
const Horizon = z.object({
  source: z.literal('dem'), azimuth_deg: z.array(z.number()), elevation_deg: z.array(z.number()),
  sky_view_factor: z.number(), max_distance_m: z.number(),
}).nullable();
const Avoided = z.object({ tCO2_per_yr: z.number(), tCO2_per_MWh: z.number(), year: z.number().int(), source: z.string() });
const Exceedance = z.object({ p50_kwh: z.number(), p75_kwh: z.number(), p90_kwh: z.number(), interannual_variability_pct: z.number() });

export const PvAnalysisSchema = z.object({
  site: Site,
  system: z.object({
    kw_dc: z.number(), kw_ac: z.number(), surface_tilt: z.number(), surface_azimuth: z.number(),
    tilt_from: z.enum(['given', 'optimal', 'terrain']), azimuth_from: z.enum(['given', 'optimal', 'terrain']),
    module_type: z.string(), gamma_pdc_per_c: z.number(), mounting: z.string(), losses_pct: z.number(),
    dc_ac_ratio: z.number(), eta_inv_nom: z.number(), albedo: z.number(), bifacial_gain_pct: z.number(),
  }),
  weather: Weather.extend({ decomposition: z.enum(['measured', 'erbs']) }),
  horizon: Horizon,
  energy: z.object({
    annual_kwh: z.number(), monthly_kwh: z.array(z.number()).length(12),
    specific_yield_kwh_per_kwp: z.number(), capacity_factor_pct: z.number(), performance_ratio: z.number(),
    ghi_kwh_per_m2_yr: z.number(), poa_kwh_per_m2_yr: z.number(), nominal_kwh: z.number(),
  }),
  exceedance: Exceedance,
  losses: z.array(z.object({ stage: z.string(), kwh: z.number(), pct_of_nominal: z.number(), zh: z.string(), en: z.string() })),
  avoided: Avoided,
  parameters: z.array(Parameter),
  warnings: z.array(Finding),
  model: z.string(),
  tantu_version: z.string(),
}).openapi('PvAnalysis');
export type PvAnalysis = z.infer<typeof PvAnalysisSchema>;

export const WindRequestSchema = z.object({
  ...Where,
  turbine: z.union([
    z.string().max(100).describe('A turbine id from GET /api/wind/turbines'),
    z.object({
      name: z.string().min(1).max(100), rated_kw: z.number().positive().max(30_000), rotor_diameter_m: z.number().positive().max(350),
      curve_v: z.array(z.number().min(0).max(50)).min(3).max(200), curve_p_kw: z.array(z.number().min(0).max(40_000)).min(3).max(200),
    }).strict().describe('Your own turbine: its power curve (kW by m/s)'),
  ]).optional(),
  hub_height_m: z.number().min(10).max(300).optional(),
  turbines: z.number().int().positive().max(10_000).optional().describe('Number of turbines; for a parcel default = area × layout density / rated power'),
  layout_density_mw_per_km2: z.number().positive().max(30).optional().describe('Parcel plants: MW per km² (default 3, NREL reV)'),
  weibull: z.object({ A: z.number().positive().max(40), k: z.number().min(0.5).max(10) }).strict().optional()
    .describe('Weibull scale (m/s) and shape at hub height; default: shape from the hourly weather, scale from the 100 m wind raster'),
  losses: z.object({
    wake_pct: z.number().min(0).max(50), availability_pct: z.number().min(0).max(50),
    electrical_pct: z.number().min(0).max(50), other_pct: z.number().min(0).max(50),
  }).partial().strict().optional(),
}).strict().openapi('WindRequest');
export type WindRequest = z.infer<typeof WindRequestSchema>;

export const WindAnalysisSchema = z.object({
  site: Site.extend({ landcover_code: z.number().int().nullable(), roughness_length_m: z.number(), wind_100m_m_per_s: z.number() }),
  turbine: z.object({ id: z.string(), name: z.string(), rated_kw: z.number(), rotor_diameter_m: z.number(), hub_height_m: z.number(), tip_height_m: z.number(), source: z.string() }),
  weather: Weather.nullable(),
  wind: z.object({
    hub_speed_m_per_s: z.number(), shear_exponent: z.number(), air_density_kg_per_m3: z.number(),
    weibull_A_m_per_s: z.number(), weibull_k: z.number(), weibull_from: z.enum(['given', 'weather', 'default']),
    power_density_w_per_m2: z.number(),
  }),
  energy: z.object({
    turbines: z.number().int(), capacity_kw: z.number(), mean_power_kw_per_turbine: z.number(),
    gross_kwh: z.number(), net_kwh: z.number(), capacity_factor_pct: z.number(), full_load_hours: z.number(), hours_per_year: z.number(),
  }),
  exceedance: Exceedance,
  losses: z.array(z.object({ stage: z.string(), pct: z.number(), kwh: z.number(), zh: z.string(), en: z.string() })),
  avoided: Avoided,
  parameters: z.array(Parameter),
  warnings: z.array(Finding),
  model: z.string(),
  tantu_version: z.string(),
}).openapi('WindAnalysis');
export type WindAnalysis = z.infer<typeof WindAnalysisSchema>;

export const WeatherStationSchema = z.object({
  id: z.number().int(), name: z.string(), latitude: z.number(), longitude: z.number(), elevation_m: z.number(),
  source: z.string(), format: z.string(), n_hours: z.number().int(), annual_ghi_kwh_per_m2: z.number(),
}).openapi('WeatherStation');

export const TurbineSchema = z.object({
  id: z.string(), name: z.string(), rated_kw: z.number(), rotor_diameter_m: z.number(), hub_heights_m: z.array(z.number()),
  curve_v: z.array(z.number()), curve_p_kw: z.array(z.number()), source: z.string(), unverified: z.boolean(),
}).openapi('Turbine');
