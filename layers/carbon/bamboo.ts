/**
 * Moso bamboo (毛竹, Phyllostachys edulis / pubescens) carbon.
 *
 * Culm allometry attributed to Zhou Guomo (2006, 周国模 毛竹林生态系统中碳储量、固定及其分配与分布的研究,
 * Zhejiang University PhD thesis), as used in the bamboo-management methodology
 * (carbon.md §4, coefficients [unverified]):
 *
 *     M(D, A) = a · D^b · (c·A / (d + A))^e + f         (kg dry matter per culm)
 *     a = 747.787, b = 2.771, c = 0.148, d = 0.028, e = 5.555, f = 3.772
 *
 * D = DBH (cm), A = age in 度 (1 度 ≈ 2 years). D = 10 cm gives 13.08, 13.82, 14.08, 14.21 kg
 * for A = 1, 2, 3, 4 (carbon.md: "about 13–14 kg").
 *
 *     stand biomass carbon = N · Σ_A share_A · M(D, A) / 1000 · (1 + R) · CF     (t C/ha)
 *
 * N culm density (culms/ha). Using the mean DBH in a convex function underestimates the mean
 * culm mass slightly (Jensen's inequality): a conservative bias.
 *
 * When only the area is known, a stand-level fallback density (t C/ha) is used. The managed
 * sink is a steady-state flow: net stand gain (Xu et al. 2017: Zhejiang above-ground culm carbon
 * gain net of harvest ≈ 0.54 t C/ha/yr, 2009–2014) plus the share of harvested carbon that stays
 * in long-lived products (default 0: products are not credited).
 */
import type { Sourced, SourcedValue } from '../core/sourced.ts';

export const BAMBOO_SPECIES = 'moso_bamboo';

export interface BambooAllometry extends Sourced {
  a: number;
  b: number;
  c: number;
  d: number;
  e: number;
  f: number;
}

export interface BambooParams {
  species: string;
  allometry: BambooAllometry;
  /** Below-ground (rhizome + root) : above-ground biomass ratio. */
  root_shoot: SourcedValue;
  /** Carbon fraction of dry matter, t C / t dm. */
  cf: SourcedValue;
  /** Age structure used when only the mean DBH is known: shares by age in 度 (sum 1). */
  age_distribution_du: { readonly rows: readonly { age_du: number; share: number }[] } & Sourced;
  /** Stand biomass carbon (above + below) when only the area is known, t C/ha. */
  fallback_biomass_tC_per_ha: SourcedValue;
  /** Net carbon gain of managed stands after harvest, t C/ha/yr. */
  managed_net_gain_tC_per_ha_yr: SourcedValue;
  /** Carbon removed by selective cutting of older culms, t C/ha/yr. */
  harvest_yield_tC_per_ha_yr: SourcedValue;
  /** Fraction of harvested carbon credited as long-lived products (0–1). */
  product_retention_fraction: SourcedValue;
  /** Minimum bamboo stand area in the methodologies, ha (1 亩). */
  min_stand_area_ha: SourcedValue;
}

export const BAMBOO_PARAMS: BambooParams = {
  species: BAMBOO_SPECIES,
  allometry: {
    a: 747.787,
    b: 2.771,
    c: 0.148,
    d: 0.028,
    e: 5.555,
    f: 3.772,
    source: 'Zhou Guomo (2006) culm allometry as used in the bamboo-management methodology; carbon.md §4 [unverified coefficients]',
    unverified: true,
  },
  root_shoot: {
    value: 0.5,
    unit: 'ratio',
    range: [0.3, 0.8],
    source: 'tantu choice: ratio of the bounds of the Yuen et al. 2017 ranges (below-ground 8–64 / above-ground 16–128 t C/ha); not a measured moso value',
    unverified: true,
  },
  cf: {
    value: 0.5,
    unit: 't C / t dm',
    range: [0.47, 0.52],
    source: 'tantu choice: 0.5, the value commonly used for moso bamboo in Chinese literature (IPCC default 0.47 as lower bound); not checked',
    unverified: true,
  },
  age_distribution_du: {
    rows: [
      { age_du: 1, share: 1 / 3 },
      { age_du: 2, share: 1 / 3 },
      { age_du: 3, share: 1 / 3 },
    ],
    source: 'tantu assumption: equal shares of 1–3 度 culms (1–6 years) in a selectively cut stand; replace with the plot age structure',
    unverified: true,
  },
  fallback_biomass_tC_per_ha: {
    value: 70,
    unit: 't C/ha',
    range: [35, 85],
    source:
      'lower end of the 70–85 t C/ha mean stand biomass carbon for the northern/middle subtropics (Wang et al., J. Trop. For. Sci.; carbon.md §4); range down to 35 t C/ha, the low end for the southern subtropics in the same study; conservative choice',
    unverified: true,
  },
  managed_net_gain_tC_per_ha_yr: {
    value: 0.54,
    unit: 't C/ha/yr',
    range: [0.3, 0.94],
    source:
      'Xu et al. 2017, Forests 8:371: Zhejiang above-ground culm carbon gain net of harvest 2009–2014 ≈ 0.54 t C/ha/yr (0.42 Tg C/yr over 0.78 Mha); carbon.md §4. Range: tantu, up to 0.94 t C/ha/yr reported for Zhejiang plots 2004–2014',
    unverified: false,
  },
  harvest_yield_tC_per_ha_yr: {
    value: 6.74,
    unit: 't C/ha/yr',
    source: 'annual yield under selective cutting of a southern China moso stand (40.45 t C/ha in biomass); carbon.md §4',
    unverified: false,
  },
  product_retention_fraction: {
    value: 0,
    unit: 'fraction',
    source: 'tantu convention: harvested bamboo products are not credited (conservative); set > 0 only with a product-pool method',
    unverified: false,
  },
  min_stand_area_ha: {
    value: 1 / 15,
    unit: 'ha',
    source: 'bamboo stand definition in the methodologies: ≥ 1 亩, canopy ≥ 0.20, culms ≥ 2 m and DBH ≥ 2 cm; carbon.md §4',
    unverified: false,
  },
};

/**
 * Above-ground dry biomass of one moso culm (kg).
 * @param dbh_cm diameter at breast height, cm (> 0)
 * @param age_du age in 度 (1 度 ≈ 2 years, > 0)
 */
export function culmBiomass_kg(dbh_cm: number, age_du: number, al: BambooAllometry = BAMBOO_PARAMS.allometry): number {
  if (!(dbh_cm > 0) || !Number.isFinite(dbh_cm)) throw new RangeError(`DBH must be > 0 cm, got ${dbh_cm}`);
  if (!(age_du > 0) || !Number.isFinite(age_du)) throw new RangeError(`age must be > 0 度, got ${age_du}`);
  return al.a * dbh_cm ** al.b * ((al.c * age_du) / (al.d + age_du)) ** al.e + al.f;
}

export interface BambooStandCarbon {
  above_t_dm_per_ha: number;
  above_tC_per_ha: number;
  below_tC_per_ha: number;
  total_tC_per_ha: number;
  route: 'culm_allometry' | 'stand_fallback';
}

/**
 * Stand biomass carbon from culm density and mean DBH (t C/ha):
 * N · Σ share_A · M(D, A) / 1000 · (1 + R) · CF.
 * @param culm_density_per_ha culms per ha
 * @param mean_dbh_cm mean DBH, cm
 */
export function bambooStandCarbon(culm_density_per_ha: number, mean_dbh_cm: number, p: BambooParams = BAMBOO_PARAMS): BambooStandCarbon {
  if (!(culm_density_per_ha >= 0) || !Number.isFinite(culm_density_per_ha)) {
    throw new RangeError(`culm density must be ≥ 0 per ha, got ${culm_density_per_ha}`);
  }
  const shares = p.age_distribution_du.rows;
  const shareSum = shares.reduce((s, r) => s + r.share, 0);
  if (Math.abs(shareSum - 1) > 1e-9) throw new Error(`bamboo age distribution shares must sum to 1, got ${shareSum}`);
  const meanCulm_kg = shares.reduce((s, r) => s + r.share * culmBiomass_kg(mean_dbh_cm, r.age_du, p.allometry), 0);
  const above_t_dm = (culm_density_per_ha * meanCulm_kg) / 1000;
  const above = above_t_dm * p.cf.value;
  const below = above * p.root_shoot.value;
  return { above_t_dm_per_ha: above_t_dm, above_tC_per_ha: above, below_tC_per_ha: below, total_tC_per_ha: above + below, route: 'culm_allometry' };
}

/** Stand-level fallback when only the area is known (t C/ha), split above/below by R. */
export function bambooFallbackCarbon(p: BambooParams = BAMBOO_PARAMS): BambooStandCarbon {
  const total = p.fallback_biomass_tC_per_ha.value;
  const above = total / (1 + p.root_shoot.value);
  return { above_t_dm_per_ha: above / p.cf.value, above_tC_per_ha: above, below_tC_per_ha: total - above, total_tC_per_ha: total, route: 'stand_fallback' };
}

export interface ManagedBambooSink {
  /** Net change of the standing stock (after harvest), t C/ha/yr. */
  stand_gain_tC_per_ha_yr: number;
  /** Carbon removed by harvest, t C/ha/yr (not a sink by itself). */
  harvest_tC_per_ha_yr: number;
  /** Harvested carbon credited to long-lived products, t C/ha/yr. */
  product_storage_tC_per_ha_yr: number;
  /** Sink = stand gain + product storage, t C/ha/yr. */
  sink_tC_per_ha_yr: number;
}

/**
 * Steady-state sink of a managed (selectively cut) moso stand, t C/ha/yr:
 * sink = net stand gain + harvest · product retention. With the defaults: 0.54 + 6.74·0 = 0.54.
 */
export function managedBambooSink(p: BambooParams = BAMBOO_PARAMS): ManagedBambooSink {
  const gain = p.managed_net_gain_tC_per_ha_yr.value;
  const harvest = p.harvest_yield_tC_per_ha_yr.value;
  const products = harvest * p.product_retention_fraction.value;
  return { stand_gain_tC_per_ha_yr: gain, harvest_tC_per_ha_yr: harvest, product_storage_tC_per_ha_yr: products, sink_tC_per_ha_yr: gain + products };
}
