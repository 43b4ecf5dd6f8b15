/**
 * Results per land-cover class, per stand and for the whole parcel, composed from the land
 * pieces of the allocation (allocation.ts): pools and sink per class, stand shares, footprints.
 */
import { classGroupOf, coverableClasses, type LandPiece, type ParcelAllocation } from './allocation.ts';
import { landcoverExceedsParcel, unclassifiedArea } from './findings.ts';
import { indexPools } from './pools.ts';
import type { StandCarbonTables, StandRoute } from './stand-carbon.ts';
import type { Finding } from '../core/findings.ts';
import { CO2E_PER_C, sumPrecise } from '../core/units.ts';
import { landCoverByCode } from '../landcover/classes.ts';

/** Carbon pools, t C. */
export interface PoolStock {
  above: number;
  below: number;
  soil: number;
  dead: number;
  total: number;
}

export interface ClassResult {
  class: string;
  code: number;
  name_zh: string;
  name_en: string;
  area_ha: number;
  /** Part of the class covered by stands / wetland records (stand or wetland route), ha. */
  covered_area_ha: number;
  stock_tC: PoolStock;
  stock_tCO2e: number;
  sink_tC_per_yr: number;
  sink_tCO2e_per_yr: number;
}

export interface StandResult {
  id: string;
  species_group: string;
  forest_type: 'arbor' | 'bamboo' | 'shrub';
  route: StandRoute;
  /** Intersected stand area given, ha. */
  area_ha: number;
  /** Part matched to land cover of its kind and counted, ha. */
  counted_area_ha: number;
  /** Intersected / whole stand area (input). */
  share_of_stand: number;
  /** counted_area_ha / parcel area. */
  share_of_parcel: number;
  volume_m3_per_ha: number | null;
  stock_tC: PoolStock;
  stock_tCO2e: number;
  sink_tCO2e_per_yr: number;
  classes: { code: number; area_ha: number }[];
}

/** Pools of some land pieces, t C. */
export function poolStock(pieces: readonly LandPiece[]): PoolStock {
  const above = sumPrecise(pieces.map((p) => p.area_ha * p.above_tC_per_ha));
  const below = sumPrecise(pieces.map((p) => p.area_ha * p.below_tC_per_ha));
  const soil = sumPrecise(pieces.map((p) => p.area_ha * p.soil_tC_per_ha));
  const dead = sumPrecise(pieces.map((p) => p.area_ha * p.dead_tC_per_ha));
  return { above, below, soil, dead, total: above + below + soil + dead };
}

/** Stock per ha of a piece (all four pools), t C/ha. */
export function stockPerHa(piece: LandPiece): number {
  return piece.above_tC_per_ha + piece.below_tC_per_ha + piece.soil_tC_per_ha + piece.dead_tC_per_ha;
}

/** Annual sink of some land pieces, t C/yr. */
export function sinkOf(pieces: readonly LandPiece[]): number {
  return sumPrecise(pieces.map((p) => p.area_ha * p.sink_tC_per_ha_yr));
}

/** Total stock (t C) and sink (t C/yr) of some land pieces. */
export function stockAndSink(pieces: readonly LandPiece[]): { stock_tC: number; sink_tC_per_yr: number } {
  return { stock_tC: sumPrecise(pieces.map((p) => p.area_ha * stockPerHa(p))), sink_tC_per_yr: sinkOf(pieces) };
}

/** Parcel area with and without land-cover classes, and the findings when they disagree by more than 1 %. */
export function footprints(allocation: ParcelAllocation, parcel_area_ha: number): { classified_area_ha: number; unclassified_area_ha: number; findings: Finding[] } {
  const classified_area_ha = sumPrecise([...allocation.class_area_ha.values()]);
  const unclassified_area_ha = Math.max(0, parcel_area_ha - classified_area_ha);
  const tolerance_ha = Math.max(1e-6, 0.01 * parcel_area_ha);
  const findings: Finding[] = [];
  if (parcel_area_ha - classified_area_ha > tolerance_ha) findings.push(unclassifiedArea(unclassified_area_ha));
  if (classified_area_ha - parcel_area_ha > tolerance_ha) findings.push(landcoverExceedsParcel(classified_area_ha, parcel_area_ha));
  return { classified_area_ha, unclassified_area_ha, findings };
}

/** One result per land-cover class of the parcel, by code. */
export function composeClasses(allocation: ParcelAllocation, tables: Pick<StandCarbonTables, 'pools'>): ClassResult[] {
  const poolRows = indexPools(tables.pools);
  return [...allocation.class_area_ha.keys()]
    .sort((a, b) => a - b)
    .map((code) => {
      const pieces = allocation.pieces.filter((p) => p.code === code);
      const landCover = landCoverByCode(code);
      const stock = poolStock(pieces);
      const sink_tC = sinkOf(pieces);
      return {
        class: landCover?.key ?? poolRows.get(code)?.lulc_name ?? `class_${code}`,
        code,
        name_zh: landCover?.zh ?? poolRows.get(code)?.lulc_name ?? `地类 ${code}`,
        name_en: landCover?.en ?? poolRows.get(code)?.lulc_name ?? `class ${code}`,
        area_ha: allocation.class_area_ha.get(code)!,
        covered_area_ha: sumPrecise(pieces.filter((p) => p.route !== 'remainder').map((p) => p.area_ha)),
        stock_tC: stock,
        stock_tCO2e: stock.total * CO2E_PER_C,
        sink_tC_per_yr: sink_tC,
        sink_tCO2e_per_yr: sink_tC * CO2E_PER_C,
      };
    });
}

/** Pools of the parcel: the sums over its classes, t C. */
export function parcelPools(classes: readonly ClassResult[]): PoolStock {
  return {
    above: sumPrecise(classes.map((x) => x.stock_tC.above)),
    below: sumPrecise(classes.map((x) => x.stock_tC.below)),
    soil: sumPrecise(classes.map((x) => x.stock_tC.soil)),
    dead: sumPrecise(classes.map((x) => x.stock_tC.dead)),
    total: sumPrecise(classes.map((x) => x.stock_tC.total)),
  };
}

/**
 * One result per stand. A stand on route 'class_pools' (shrub, or no volume and no age) has no
 * pieces of its own: it reports the class densities for its share of its class's remainder.
 */
export function composeStands(allocation: ParcelAllocation, tables: Pick<StandCarbonTables, 'class_routing'>, parcel_area_ha: number): StandResult[] {
  const groupOf = classGroupOf(tables);
  return allocation.stands.map((stand) => {
    const pieces = allocation.pieces.filter((p) => p.route === 'stand' && p.item_id === stand.record.id);
    const areaByClass = new Map<number, number>();
    for (const p of pieces) areaByClass.set(p.code, (areaByClass.get(p.code) ?? 0) + p.area_ha);
    let counted_ha = sumPrecise(pieces.map((p) => p.area_ha));
    let stock = poolStock(pieces);
    let sink_tC = sinkOf(pieces);
    if (stand.route === 'class_pools') {
      const code = coverableClasses(stand, groupOf).find((c) => allocation.class_area_ha.has(c));
      const remainder = code === undefined ? undefined : allocation.pieces.find((p) => p.route === 'remainder' && p.code === code);
      counted_ha = remainder ? Math.min(stand.record.area_ha, remainder.area_ha) : 0;
      const share = remainder ? [{ ...remainder, area_ha: counted_ha }] : [];
      stock = poolStock(share);
      sink_tC = sinkOf(share);
      if (code !== undefined && counted_ha > 0) areaByClass.set(code, counted_ha);
    }
    return {
      id: stand.record.id,
      species_group: stand.record.species_group,
      forest_type: stand.record.forest_type,
      route: stand.route,
      area_ha: stand.record.area_ha,
      counted_area_ha: counted_ha,
      share_of_stand: stand.record.share,
      share_of_parcel: parcel_area_ha > 0 ? counted_ha / parcel_area_ha : 0,
      volume_m3_per_ha: stand.volume_m3_per_ha,
      stock_tC: stock,
      stock_tCO2e: stock.total * CO2E_PER_C,
      sink_tCO2e_per_yr: sink_tC * CO2E_PER_C,
      classes: [...areaByClass].map(([code, area_ha]) => ({ code, area_ha })),
    };
  });
}
