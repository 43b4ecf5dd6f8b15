/**
 * Carbon analysis of a parcel: gather its inventory from the stores (land-cover class areas,
 * stands, wetlands) and hand it to the pure model in layers/carbon/parcel.ts.
 */
import type { Sql } from 'postgres';
import type { z } from '@hono/zod-openapi';
import type { CarbonAnalysisSchema } from '../schemas/carbon.ts';
import type { CarbonScenario, ParcelCarbonResult } from '../../layers/carbon/parcel.ts';
import { getRaster } from '../store/catalog.ts';
import { carbonTables } from './carbon-params.ts';
import { prepareParcel, standsInParcel, wetlandsInParcel, type ParcelLimits } from './parcel.ts';
import { zonalClassAreas } from './zonal.ts';
import { VERSION } from '../version.ts';
import { runInWorker } from './worker-pool.ts';

/** The pure carbon model, run in the worker pool: inventory, projection and Monte Carlo are CPU work. */
export const CARBON_MODEL = new URL('../../layers/carbon/parcel.ts', import.meta.url);

const LANDCOVER = 'landcover';

/** The answer of POST /api/analysis/carbon (schema: api/schemas/carbon.ts). */
export type CarbonAnalysis = z.infer<typeof CarbonAnalysisSchema>;

export async function analyseCarbon(sql: Sql, input: unknown, scenario: CarbonScenario, limits: ParcelLimits): Promise<CarbonAnalysis> {
  const parcel = await prepareParcel(sql, input, limits);
  const raster = await getRaster(sql, LANDCOVER);
  const classAreas = await zonalClassAreas(sql, LANDCOVER, parcel.geometry);
  const stands = await standsInParcel(sql, parcel.geometry);
  const wetlands = await wetlandsInParcel(sql, parcel.geometry);
  const { tables, overrides } = await carbonTables(sql);
  // Class areas from pixel coverage are in the raster's projection; rescale them to the parcel's
  // ellipsoidal area so Σ classes + unclassified = parcel area exactly (GK scale error is < 0.2 %).
  const scale = classAreas.coveredAreaM2 > 0 ? (parcel.area_ha * 1e4) / classAreas.coveredAreaM2 : 0;
  const landcover = [...classAreas.areaByClassM2].map(([code, m2]) => ({ code, area_ha: (m2 * scale) / 1e4 }));
  // A ModelInputError (inventory, scenario or tables the model cannot use) answers 422 (api/middleware/problem.ts).
  const result = await runInWorker<ParcelCarbonResult>(CARBON_MODEL, 'analyseParcelCarbon', [
    { area_ha: parcel.area_ha, landcover, stands, wetlands },
    { start_year: new Date().getFullYear(), ...scenario },
    tables,
  ]);
  const standSources = await sql<{ source: string }[]>`
    SELECT DISTINCT source FROM stands WHERE id = ANY(${stands.map((s) => s.id)}) ORDER BY source`;
  return {
    ...result,
    warnings: [...parcel.warnings, ...result.warnings],
    geometry: parcel.geometry,
    inputs: {
      landcover_source: raster?.source ?? '',
      stands_source: standSources.map((r) => r.source),
      counted_area_ha: (classAreas.countedAreaM2 * scale) / 1e4,
      nodata_area_ha: (classAreas.nodataAreaM2 * scale) / 1e4,
      parameter_overrides: overrides.map((o) => o.table_name),
      tantu_version: VERSION,
    },
  };
}
