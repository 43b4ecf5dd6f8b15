/**
 * Which carbon route covers which hectare of a parcel (steps 1–4 of the routing rule in
 * parcel.ts): land-cover class areas are the frame; stands claim land of their kind and wetland
 * records claim water and marsh, by preference level and order-independently; the rest of each
 * class is "remainder" with the class's default pools. The result is a list of land pieces, each
 * one class's area under one route with its per-ha pools and sink.
 */
import { standExcessArea, standNoteFinding, wetlandExcessArea, wetlandTypeUnknown, openWaterUnmatched, type ItemFinding } from './findings.ts';
import type { InventoryStand, ParcelInventory } from './inventory.ts';
import { MissingLucodeError, indexPools, type PoolRow } from './pools.ts';
import {
  UNIT_FACTORS,
  classDefaultPerHa,
  factorOf,
  standPerHa,
  type CarbonFactors,
  type ClassGroup,
  type ClassPerHa,
  type StandCarbonTables,
  type StandRoute,
} from './stand-carbon.ts';
import { Findings, type Finding } from '../core/findings.ts';
import { sumPrecise } from '../core/units.ts';
import { LANDCOVER_NODATA } from '../landcover/classes.ts';

/** Order in which arbor stands of a species group take forest land-cover classes. */
export const STAND_CLASS_PREFERENCE: Readonly<Record<string, readonly number[]>> = {
  chinese_fir: [2, 4, 3, 1],
  masson_pine: [3, 4, 2, 1],
  slash_pine: [3, 4, 2, 1],
  cypress: [4, 2, 3, 1],
  mixed_conifer: [4, 2, 3, 1],
  oak: [1, 4, 2, 3],
  hard_broadleaf: [1, 4, 2, 3],
  soft_broadleaf: [1, 4, 2, 3],
  mixed_broadleaf: [1, 4, 2, 3],
  mixed_conifer_broadleaf: [4, 1, 2, 3],
};
/** Forest classes of an arbor species group not in STAND_CLASS_PREFERENCE. */
const ARBOR_DEFAULT_PREFERENCE: readonly number[] = [4, 1, 2, 3];
const BAMBOO_CLASSES: readonly number[] = [5];
const SHRUB_CLASSES: readonly number[] = [6];
const MARSH_FIRST: readonly number[] = [9, 10];
const OPEN_WATER_FIRST: readonly number[] = [10, 9];

/** The tables the allocation reads. */
export interface AllocationTables extends StandCarbonTables {
  stand_class_preference: Readonly<Record<string, readonly number[]>>;
}

/** One land-cover class's area under one route, with its per-ha pools and sink. */
export interface LandPiece {
  route: 'stand' | 'wetland' | 'remainder';
  /** Land-cover class. */
  code: number;
  /** Id of the stand / wetland record, null for remainder land. */
  item_id: string | null;
  area_ha: number;
  above_tC_per_ha: number;
  below_tC_per_ha: number;
  soil_tC_per_ha: number;
  dead_tC_per_ha: number;
  sink_tC_per_ha_yr: number;
  /** Biomass (or buried carbon) gained after t years, t C/ha (0 at t = 0). */
  gain_tC_per_ha: (years: number) => number;
}

/** A stand of the inventory with its per-ha carbon (stand-carbon.ts) and the classes it may cover. */
export interface StandOnParcel {
  /** The inventory record. */
  record: InventoryStand;
  route: StandRoute;
  volume_m3_per_ha: number | null;
  above_tC_per_ha: number;
  below_tC_per_ha: number;
  sink_tC_per_ha_yr: number;
  gain_tC_per_ha: (years: number) => number;
  /** Land-cover classes the stand takes, most preferred first. */
  class_preference: readonly number[];
}

export interface ParcelAllocation {
  pieces: LandPiece[];
  /** Land-cover class areas inside the parcel (code 0 / nodata left out), ha. */
  class_area_ha: Map<number, number>;
  stands: StandOnParcel[];
  /** Findings about stands, wetland records and unmatched open water (the deterministic run only). */
  findings: Finding[];
}

/**
 * Order-independent allocation of demands to capacities by preference level: at each level all
 * demands claim their class at once, pro rata when the class is too small. `capacity` is consumed.
 * @returns by demand key, the area taken from each class
 */
export function allocateByPreference(
  demands: readonly { key: number; amount: number; preference: readonly number[] }[],
  capacity: Map<number, number>,
): Map<number, Map<number, number>> {
  const remaining = demands.map((d) => d.amount);
  const taken = new Map<number, Map<number, number>>(demands.map((d) => [d.key, new Map()]));
  const levels = Math.max(0, ...demands.map((d) => d.preference.length));
  for (let level = 0; level < levels; level++) {
    const claimantsByCode = new Map<number, number[]>();
    demands.forEach((d, i) => {
      const code = d.preference[level];
      if (code === undefined || remaining[i]! <= 0) return;
      (claimantsByCode.get(code) ?? claimantsByCode.set(code, []).get(code)!).push(i);
    });
    for (const [code, claimants] of claimantsByCode) {
      const available = capacity.get(code) ?? 0;
      if (available <= 0) continue;
      const wanted = sumPrecise(claimants.map((i) => remaining[i]!));
      const servedFraction = Math.min(1, available / wanted);
      for (const i of claimants) {
        const area = remaining[i]! * servedFraction;
        taken.get(demands[i]!.key)!.set(code, area);
        remaining[i] = remaining[i]! - area;
      }
      capacity.set(code, wanted * servedFraction >= available ? 0 : available - wanted * servedFraction);
    }
  }
  return taken;
}

/**
 * Class areas of the inventory, summed per code; nodata and empty entries left out.
 * @throws MissingLucodeError naming the classes absent from the pools table
 */
function classAreas(inventory: ParcelInventory, pools: ReadonlyMap<number, PoolRow>): Map<number, number> {
  const class_area_ha = new Map<number, number>();
  const missing: number[] = [];
  for (const l of inventory.landcover) {
    if (l.code === LANDCOVER_NODATA || l.area_ha === 0) continue;
    if (!pools.has(l.code)) missing.push(l.code);
    class_area_ha.set(l.code, (class_area_ha.get(l.code) ?? 0) + l.area_ha);
  }
  if (missing.length) throw new MissingLucodeError(missing);
  return class_area_ha;
}

/** Land-cover classes (lucodes) a stand may lie on, most preferred first. */
export function standClassPreference(
  stand: Pick<InventoryStand, 'forest_type' | 'species_group'>,
  tables: Pick<AllocationTables, 'stand_class_preference'>,
): readonly number[] {
  if (stand.forest_type === 'shrub') return SHRUB_CLASSES;
  if (stand.forest_type === 'bamboo') return BAMBOO_CLASSES;
  return tables.stand_class_preference[stand.species_group] ?? ARBOR_DEFAULT_PREFERENCE;
}

/**
 * The classes a stand may actually cover: an arbor stand only forest classes (a preference table
 * given by a user may name others), bamboo and shrub stands their own class.
 */
export function coverableClasses(stand: StandOnParcel, groupOf: (code: number) => ClassGroup): readonly number[] {
  return stand.record.forest_type === 'arbor' ? stand.class_preference.filter((code) => groupOf(code) === 'forest') : stand.class_preference;
}

/** Land-cover group of a class by the tables' class routing ('other' when not routed). */
export function classGroupOf(tables: Pick<StandCarbonTables, 'class_routing'>): (code: number) => ClassGroup {
  const routing = new Map(tables.class_routing.map((r) => [r.code, r]));
  return (code) => routing.get(code)?.group ?? 'other';
}

/**
 * Allocate the parcel's land to stands, wetland records and class remainder.
 * @param factors Monte Carlo multipliers; findings are collected only for UNIT_FACTORS (the deterministic run)
 * @throws MissingLucodeError for classes absent from the pools table
 */
export function allocateParcel(inventory: ParcelInventory, tables: AllocationTables, factors: CarbonFactors): ParcelAllocation {
  const report = factors === UNIT_FACTORS;
  const itemFindings = new Findings();
  const note = (f: ItemFinding) => {
    if (report) itemFindings.add(f.code, f.kind, f.item);
  };
  const class_area_ha = classAreas(inventory, indexPools(tables.pools));
  const groupOf = classGroupOf(tables);
  const classDefaults = new Map<number, ClassPerHa>();
  const classPerHa = (code: number): ClassPerHa => classDefaults.get(code) ?? classDefaults.set(code, classDefaultPerHa(code, tables, factors)).get(code)!;

  // stands: per-ha values (stand-carbon.ts) and the classes they take
  const stands: StandOnParcel[] = inventory.stands.map((record) => {
    const perHa = standPerHa(record, tables, factors);
    for (const n of perHa.notes) note(standNoteFinding(n, record, perHa.site_class, tables));
    return {
      record,
      route: perHa.route,
      class_preference: standClassPreference(record, tables),
      volume_m3_per_ha: perHa.volume_m3_per_ha,
      above_tC_per_ha: perHa.above_tC_per_ha,
      below_tC_per_ha: perHa.below_tC_per_ha,
      sink_tC_per_ha_yr: perHa.sink_tC_per_ha_yr,
      gain_tC_per_ha: perHa.gain_tC_per_ha,
    };
  });
  // shrub / class_pools stands still claim their land (for reporting), but keep class pools
  const capacity = new Map(class_area_ha);
  const standLand = allocateByPreference(
    stands.map((stand, i) => ({ key: i, amount: stand.record.area_ha, preference: coverableClasses(stand, groupOf) })),
    capacity,
  );

  // wetland records of a known type claim water and marsh
  const wetlands = inventory.wetlands.filter((wetland) => {
    const known = Object.prototype.hasOwnProperty.call(tables.wetland, wetland.wetland_type);
    if (!known) note(wetlandTypeUnknown(wetland, Object.keys(tables.wetland)));
    return known;
  });
  const wetlandLand = allocateByPreference(
    wetlands.map((wetland, i) => ({ key: i, amount: wetland.area_ha, preference: wetland.wetland_type === 'marsh' ? MARSH_FIRST : OPEN_WATER_FIRST })),
    capacity,
  );

  // land pieces: stands, wetlands, then the remainder of each class
  const pieces: LandPiece[] = [];
  const covered_ha = new Map<number, number>();
  const cover = (code: number, area_ha: number) => covered_ha.set(code, (covered_ha.get(code) ?? 0) + area_ha);
  stands.forEach((stand, i) => {
    let counted_ha = 0;
    for (const [code, area_ha] of standLand.get(i)!) {
      if (area_ha <= 0) continue;
      counted_ha += area_ha;
      if (stand.route === 'class_pools') continue; // the remainder keeps class pools for this land
      cover(code, area_ha);
      const classPools = classPerHa(code); // soil and dead organic matter are the class's
      pieces.push({
        route: 'stand',
        code,
        item_id: stand.record.id,
        area_ha,
        above_tC_per_ha: stand.above_tC_per_ha,
        below_tC_per_ha: stand.below_tC_per_ha,
        soil_tC_per_ha: classPools.soil_tC_per_ha,
        dead_tC_per_ha: classPools.dead_tC_per_ha,
        sink_tC_per_ha_yr: stand.sink_tC_per_ha_yr,
        gain_tC_per_ha: stand.gain_tC_per_ha,
      });
    }
    const excess_ha = stand.record.area_ha - counted_ha;
    if (excess_ha > 1e-9 * Math.max(1, stand.record.area_ha)) note(standExcessArea(stand.record, excess_ha));
  });
  const biomassFactor = factorOf(factors, 'pools.biomass');
  const soilFactor = factorOf(factors, 'pools.soil');
  const deadFactor = factorOf(factors, 'pools.dead');
  wetlands.forEach((wetland, i) => {
    const row = tables.wetland[wetland.wetland_type]!;
    const burial_tC_per_ha_yr = row.burial_tC_per_ha_yr.value * factorOf(factors, 'wetland.burial');
    let counted_ha = 0;
    for (const [code, area_ha] of wetlandLand.get(i)!) {
      if (area_ha <= 0) continue;
      counted_ha += area_ha;
      cover(code, area_ha);
      pieces.push({
        route: 'wetland',
        code,
        item_id: wetland.id,
        area_ha,
        above_tC_per_ha: row.stock.c_above * biomassFactor,
        below_tC_per_ha: row.stock.c_below * biomassFactor,
        soil_tC_per_ha: row.stock.c_soil * soilFactor,
        dead_tC_per_ha: row.stock.c_dead * deadFactor,
        sink_tC_per_ha_yr: burial_tC_per_ha_yr,
        gain_tC_per_ha: (years) => burial_tC_per_ha_yr * years,
      });
    }
    const excess_ha = wetland.area_ha - counted_ha;
    if (excess_ha > 1e-9 * Math.max(1, wetland.area_ha)) note(wetlandExcessArea(wetland, excess_ha));
  });
  const findings = itemFindings.list();
  for (const [code, area_ha] of class_area_ha) {
    const remainder_ha = Math.max(0, area_ha - (covered_ha.get(code) ?? 0));
    if (remainder_ha <= 0) continue;
    if (groupOf(code) === 'water' && report && remainder_ha > 1e-9) findings.push(openWaterUnmatched(remainder_ha));
    const classPools = classPerHa(code);
    pieces.push({
      route: 'remainder',
      code,
      item_id: null,
      area_ha: remainder_ha,
      above_tC_per_ha: classPools.above_tC_per_ha,
      below_tC_per_ha: classPools.below_tC_per_ha,
      soil_tC_per_ha: classPools.soil_tC_per_ha,
      dead_tC_per_ha: classPools.dead_tC_per_ha,
      sink_tC_per_ha_yr: classPools.sink_tC_per_ha_yr,
      gain_tC_per_ha: classPools.gain_tC_per_ha,
    });
  }
  return { pieces, class_area_ha, stands, findings };
}
