/**
 * Carbon per hectare of one whole stand (小班), as the map's stand popup shows it — without a
 * parcel analysis: the stand route of stand-carbon.ts for the biomass pools and the sink, the
 * pools-table row of the land-cover class it lies on for soil and dead organic matter (the
 * routing rule of parcel.ts, steps 2 and 4, for one stand on land of its own kind).
 *
 * The class is the one of the stand's own kind that covers most of it (arbor: the forest classes
 * of `stand_class_preference`; bamboo: 5; shrub: 6). When none of them lies
 * under the stand, the parcel analysis would not count it; the popup still shows the stand on its
 * first-preference class and says so (`landcover_matched: false`).
 */
import { classDefaultPerHa, standPerHa, type StandAttributes, type StandCarbonTables, type StandRoute } from './stand-carbon.ts';
import { CO2E_PER_C } from '../core/units.ts';
import { standClassPreference } from './allocation.ts';

export interface StandPerHaSummary {
  route: StandRoute;
  /** Land-cover class whose soil and dead-organic-matter pools apply. */
  landcover_code: number;
  /** Whether that class lies under the stand (false: first preference assumed). */
  landcover_matched: boolean;
  /** Carbon pools, t C/ha. */
  pools_tC: { above: number; below: number; soil: number; dead: number; total: number };
  /** Total stock, t C/ha and t CO2e/ha. */
  stock_tC: number;
  stock_tCO2e: number;
  /** Annual sink, t CO2e/ha/yr. */
  sink_tCO2e_per_yr: number;
  /** Stand volume on the calibrated curve, m³/ha (arbor routes), else null. */
  volume_m3_per_ha: number | null;
}

/**
 * Per-ha carbon of a whole stand.
 * @param stand stand attributes (volume m³/ha, age yr, culm density per ha, DBH cm)
 * @param classAreas land-cover class areas under the stand (any unit: only their order matters)
 * @param tables carbon tables in force, with the stand-to-class preference
 */
export function standCarbonPerHa(
  stand: StandAttributes,
  classAreas: ReadonlyMap<number, number>,
  tables: StandCarbonTables & { stand_class_preference: Readonly<Record<string, readonly number[]>> },
): StandPerHaSummary {
  const prefs = standClassPreference(stand, tables);
  const present = prefs.filter((c) => (classAreas.get(c) ?? 0) > 0);
  const code = present.length ? present.reduce((a, b) => ((classAreas.get(b) ?? 0) > (classAreas.get(a) ?? 0) ? b : a)) : prefs[0];
  const own = standPerHa(stand, tables);
  const land = classDefaultPerHa(code, tables);
  const fromClass = own.route === 'class_pools';
  const above = fromClass ? land.above_tC_per_ha : own.above_tC_per_ha;
  const below = fromClass ? land.below_tC_per_ha : own.below_tC_per_ha;
  const total = above + below + land.soil_tC_per_ha + land.dead_tC_per_ha;
  return {
    route: own.route,
    landcover_code: code,
    landcover_matched: present.length > 0,
    pools_tC: { above, below, soil: land.soil_tC_per_ha, dead: land.dead_tC_per_ha, total },
    stock_tC: total,
    stock_tCO2e: total * CO2E_PER_C,
    sink_tCO2e_per_yr: fromClass ? land.sink_tCO2e_per_ha_yr : own.sink_tCO2e_per_ha_yr,
    volume_m3_per_ha: own.volume_m3_per_ha,
  };
}
