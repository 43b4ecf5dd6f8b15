/**
 * Carbon per hectare of one stand (小班) for the map's stand popup: the stand's record, the
 * land-cover classes under it and the carbon tables in force, handed to
 * layers/carbon/stand-per-ha.ts. Cheap: no parcel analysis, no Monte Carlo.
 */
import type { Sql } from 'postgres';
import type { MultiPolygon } from 'geojson';
import type { StandCarbon } from '../schemas/carbon.ts';
import { standCarbonPerHa } from '../../layers/carbon/stand-per-ha.ts';
import { CARBON_MODEL_VERSION } from '../../layers/carbon/parcel.ts';
import type { StandAttributes } from '../../layers/carbon/stand-carbon.ts';
import { ProblemError } from './problem.ts';
import { carbonTables } from './carbon-params.ts';
import { zonalClassAreas } from './zonal.ts';

type StandRow = StandAttributes & { id: string; area_ha: number; geometry: MultiPolygon };

export async function standCarbon(sql: Sql, id: string): Promise<StandCarbon> {
  const [row] = await sql<StandRow[]>`
    SELECT id, species_group, forest_type, age_yr, site_class, volume_m3_per_ha, culm_density_per_ha, mean_dbh_cm,
           ST_Area(geom::geography) / 1e4 area_ha, ST_AsGeoJSON(geom)::json geometry
      FROM stands WHERE id = ${id}`;
  if (!row) throw new ProblemError(404, 'Unknown stand', `There is no stand (小班) with id "${id}".`, { stand_id: id }, { title: '未知小班', detail: `没有编号为 “${id}” 的小班。` });
  const classes = await zonalClassAreas(sql, 'landcover', row.geometry);
  const { tables, overrides } = await carbonTables(sql);
  const s = standCarbonPerHa(row, classes.areaByClassM2, tables);
  return {
    id: row.id,
    species_group: row.species_group,
    forest_type: row.forest_type,
    area_ha: row.area_ha,
    route: s.route,
    landcover_code: s.landcover_code,
    landcover_matched: s.landcover_matched,
    per_ha: { pools_tC: s.pools_tC, stock_tC: s.stock_tC, stock_tCO2e: s.stock_tCO2e, sink_tCO2e_per_yr: s.sink_tCO2e_per_yr, volume_m3_per_ha: s.volume_m3_per_ha },
    model_version: CARBON_MODEL_VERSION,
    parameter_overrides: overrides.map((o) => o.table_name),
  };
}
