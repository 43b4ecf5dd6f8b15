/**
 * Stand-level (小班) tree biomass carbon from stock volume — the route used by Chinese
 * forestry methodologies and the provincial GHG inventory:
 *
 *     B_above = V · SVD · BEF                 (t dry matter/ha)
 *     B_below = B_above · R                   (t dry matter/ha)
 *     C_tree  = V · SVD · BEF · (1 + R) · CF  (t C/ha)
 *
 * V stock volume (m³/ha), SVD basic wood density (t dry matter/m³), BEF biomass expansion
 * factor (stem → above-ground, dimensionless), R root:shoot ratio, CF carbon fraction of dry
 * matter (t C / t dm).
 *
 * References: 省级温室气体清单编制指南 (2011) as reproduced in the AR-CM-001 appendix
 * (carbon.md §3, [unverified]); IPCC 2006 Guidelines Vol.4 Ch.4 (CF 0.47; R 0.20/0.24 for
 * subtropical humid forest, threshold 125 t dm/ha above-ground). The current national
 * standard GB/T 43648-2024 should replace the table when a user has its values: pass your own
 * table as `params`.
 */
import type { Sourced } from '../core/sourced.ts';
import { CO2E_PER_C } from '../core/units.ts';

export const STAND_SPECIES_GROUPS = [
  'chinese_fir',
  'masson_pine',
  'slash_pine',
  'cypress',
  'oak',
  'hard_broadleaf',
  'soft_broadleaf',
  'mixed_conifer',
  'mixed_broadleaf',
  'mixed_conifer_broadleaf',
] as const;
export type StandSpeciesGroup = (typeof STAND_SPECIES_GROUPS)[number];

export interface StandParams extends Sourced {
  name_zh: string;
  name_en: string;
  /** Basic wood density, t dry matter per m³ of stem volume. */
  svd_t_per_m3: number;
  /** Biomass expansion factor, stem → above-ground biomass (dimensionless). */
  bef: number;
  /** Root:shoot ratio, below-ground / above-ground biomass (dimensionless). */
  root_shoot: number;
  /** Carbon fraction of dry matter, t C / t dm. */
  cf: number;
}

const GHG_GUIDE =
  '省级温室气体清单编制指南 (试行, 2011) defaults as reproduced in the AR-CM-001 appendix; carbon.md §3 [unverified]';

/** The default species-group table (carbon.md §3). Override by passing your own table. */
export const STAND_PARAMS: Readonly<Record<string, StandParams>> = {
  chinese_fir: { name_zh: '杉木', name_en: 'Chinese fir', svd_t_per_m3: 0.307, bef: 1.634, root_shoot: 0.246, cf: 0.52, source: GHG_GUIDE, unverified: true },
  masson_pine: { name_zh: '马尾松', name_en: 'Masson pine', svd_t_per_m3: 0.38, bef: 1.472, root_shoot: 0.187, cf: 0.46, source: GHG_GUIDE, unverified: true },
  slash_pine: { name_zh: '湿地松', name_en: 'Slash pine', svd_t_per_m3: 0.424, bef: 1.614, root_shoot: 0.264, cf: 0.511, source: GHG_GUIDE, unverified: true },
  cypress: { name_zh: '柏木', name_en: 'Cypress', svd_t_per_m3: 0.478, bef: 1.732, root_shoot: 0.22, cf: 0.51, source: GHG_GUIDE, unverified: true },
  oak: { name_zh: '栎类', name_en: 'Oaks', svd_t_per_m3: 0.676, bef: 1.355, root_shoot: 0.292, cf: 0.5, source: GHG_GUIDE, unverified: true },
  hard_broadleaf: { name_zh: '硬阔类', name_en: 'Hard broadleaf (e.g. Schima)', svd_t_per_m3: 0.598, bef: 1.674, root_shoot: 0.261, cf: 0.483, source: GHG_GUIDE, unverified: true },
  soft_broadleaf: { name_zh: '软阔类', name_en: 'Soft broadleaf', svd_t_per_m3: 0.443, bef: 1.586, root_shoot: 0.289, cf: 0.485, source: GHG_GUIDE, unverified: true },
  mixed_conifer: { name_zh: '针叶混', name_en: 'Mixed conifer', svd_t_per_m3: 0.405, bef: 1.587, root_shoot: 0.267, cf: 0.51, source: GHG_GUIDE, unverified: true },
  mixed_broadleaf: { name_zh: '阔叶混', name_en: 'Mixed broadleaf', svd_t_per_m3: 0.482, bef: 1.514, root_shoot: 0.262, cf: 0.49, source: GHG_GUIDE, unverified: true },
  mixed_conifer_broadleaf: { name_zh: '针阔混', name_en: 'Mixed conifer-broadleaf', svd_t_per_m3: 0.486, bef: 1.656, root_shoot: 0.248, cf: 0.498, source: GHG_GUIDE, unverified: true },
};

export interface IpccFallback extends Sourced {
  /** Carbon fraction of dry matter, t C / t dm. */
  cf: number;
  /** Root:shoot ratio when above-ground biomass < threshold. */
  root_shoot_low: number;
  /** Root:shoot ratio when above-ground biomass ≥ threshold. */
  root_shoot_high: number;
  /** Above-ground biomass threshold, t dm/ha. */
  threshold_t_dm_per_ha: number;
  /** SVD and BEF have no single IPCC default per group: tantu borrows this group's values. */
  svd_bef_from_group: StandSpeciesGroup;
}

/**
 * IPCC 2006 Vol.4 Ch.4 fallback for species groups not in the table (subtropical humid
 * forest). SVD·BEF are borrowed from the mixed conifer-broadleaf row (tantu choice).
 */
export const IPCC_FALLBACK: IpccFallback = {
  cf: 0.47,
  root_shoot_low: 0.2,
  root_shoot_high: 0.24,
  threshold_t_dm_per_ha: 125,
  svd_bef_from_group: 'mixed_conifer_broadleaf',
  source:
    'IPCC 2006 Guidelines Vol.4 Ch.4: CF 0.47 (Table 4.3), R 0.20 / 0.24 below / above 125 t dm/ha for subtropical humid forest (Table 4.4), as quoted in carbon.md §3; SVD and BEF borrowed from the mixed conifer-broadleaf row (tantu choice)',
  unverified: false,
};

export interface StandBiomass {
  /** Above-ground dry matter, t dm/ha. */
  above_t_dm_per_ha: number;
  /** Below-ground dry matter, t dm/ha. */
  below_t_dm_per_ha: number;
  /** Above + below dry matter, t dm/ha. */
  total_t_dm_per_ha: number;
  /** Above-ground carbon, t C/ha. */
  above_tC_per_ha: number;
  /** Below-ground carbon, t C/ha. */
  below_tC_per_ha: number;
  /** Tree carbon C_tree, t C/ha. */
  total_tC_per_ha: number;
  /** Tree carbon as CO2 equivalent, t CO2e/ha. */
  total_tCO2e_per_ha: number;
  /** Which parameters were used. */
  route: 'species_table' | 'ipcc_fallback';
  params: { svd_t_per_m3: number; bef: number; root_shoot: number; cf: number };
}

/** IPCC root:shoot ratio for an above-ground biomass (t dm/ha). */
export function ipccRootShoot(above_t_dm_per_ha: number, fallback: IpccFallback = IPCC_FALLBACK): number {
  return above_t_dm_per_ha < fallback.threshold_t_dm_per_ha ? fallback.root_shoot_low : fallback.root_shoot_high;
}

/** Biomass and carbon from explicit parameters (t dm/ha, t C/ha). */
export function biomassFromParams(
  volume_m3_per_ha: number,
  p: { svd_t_per_m3: number; bef: number; root_shoot: number; cf: number },
  route: StandBiomass['route'] = 'species_table',
): StandBiomass {
  if (!Number.isFinite(volume_m3_per_ha) || volume_m3_per_ha < 0) {
    throw new RangeError(`stock volume must be a finite number ≥ 0 m³/ha, got ${volume_m3_per_ha}`);
  }
  const above = volume_m3_per_ha * p.svd_t_per_m3 * p.bef;
  const below = above * p.root_shoot;
  const aboveC = above * p.cf;
  const belowC = below * p.cf;
  const totalC = aboveC + belowC;
  return {
    above_t_dm_per_ha: above,
    below_t_dm_per_ha: below,
    total_t_dm_per_ha: above + below,
    above_tC_per_ha: aboveC,
    below_tC_per_ha: belowC,
    total_tC_per_ha: totalC,
    total_tCO2e_per_ha: totalC * CO2E_PER_C,
    route,
    params: { svd_t_per_m3: p.svd_t_per_m3, bef: p.bef, root_shoot: p.root_shoot, cf: p.cf },
  };
}

/** Resolve the parameters for a species group: its table row, or the IPCC fallback. */
export function resolveStandParams(
  species_group: string,
  params: Readonly<Record<string, StandParams>> = STAND_PARAMS,
  fallback: IpccFallback = IPCC_FALLBACK,
): { row: StandParams | null; route: StandBiomass['route'] } {
  const row = Object.prototype.hasOwnProperty.call(params, species_group) ? params[species_group]! : null;
  if (row) return { row, route: 'species_table' };
  if (!params[fallback.svd_bef_from_group]) {
    throw new Error(`IPCC fallback needs the '${fallback.svd_bef_from_group}' row for SVD and BEF`);
  }
  return { row: null, route: 'ipcc_fallback' };
}

/**
 * Tree biomass carbon of a stand, t C/ha, from stock volume V (m³/ha).
 * Unknown species groups use the IPCC fallback (CF 0.47, R by the 125 t dm/ha threshold).
 *
 * Worked check (carbon.md §3): Chinese fir, V = 100 → 62.5 t dm/ha, 32.5 t C/ha, 119.2 t CO2e/ha.
 */
export function standBiomass(
  volume_m3_per_ha: number,
  species_group: string,
  params: Readonly<Record<string, StandParams>> = STAND_PARAMS,
  fallback: IpccFallback = IPCC_FALLBACK,
): StandBiomass {
  const { row, route } = resolveStandParams(species_group, params, fallback);
  if (row) return biomassFromParams(volume_m3_per_ha, row, route);
  const donor = params[fallback.svd_bef_from_group]!;
  const above = volume_m3_per_ha * donor.svd_t_per_m3 * donor.bef;
  return biomassFromParams(
    volume_m3_per_ha,
    { svd_t_per_m3: donor.svd_t_per_m3, bef: donor.bef, root_shoot: ipccRootShoot(above, fallback), cf: fallback.cf },
    'ipcc_fallback',
  );
}

/**
 * Carbon of a stand from above-ground biomass only (IPCC route): C = B_above · (1 + R) · CF.
 * @param above_t_dm_per_ha above-ground dry matter, t dm/ha
 * @returns tree carbon, t C/ha
 */
export function carbonFromAboveBiomass(above_t_dm_per_ha: number, fallback: IpccFallback = IPCC_FALLBACK): number {
  return above_t_dm_per_ha * (1 + ipccRootShoot(above_t_dm_per_ha, fallback)) * fallback.cf;
}
