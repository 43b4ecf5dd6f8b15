/**
 * The parcel inventory the carbon analysis takes (pure data gathered by the API: PostGIS areas,
 * raster class areas, intersected stands and wetland records) and its input checks.
 */
import { ModelInputError } from '../core/errors.ts';

/** A stand (小班) intersected with the parcel; `area_ha` is the intersected part, share = intersected / stand area. */
export interface InventoryStand {
  id: string;
  species_group: string;
  forest_type: 'arbor' | 'bamboo' | 'shrub';
  origin: string | null;
  age_yr: number | null;
  site_class: number | null;
  volume_m3_per_ha: number | null;
  culm_density_per_ha: number | null;
  mean_dbh_cm: number | null;
  area_ha: number;
  share: number;
}

/** A wetland record intersected with the parcel, ha. */
export interface InventoryWetland {
  id: string;
  wetland_type: string;
  area_ha: number;
}

export interface ParcelInventory {
  /** Ellipsoidal parcel area, ha. */
  area_ha: number;
  /** Land-cover raster class areas inside the parcel, ha. */
  landcover: { code: number; area_ha: number }[];
  /** Stands intersected with the parcel. */
  stands: InventoryStand[];
  /** Wetland records intersected with the parcel. */
  wetlands: InventoryWetland[];
}

/** Thrown for malformed input (inventory or scenario); `problems` lists every one (for a 422 problem+json). */
export class CarbonInputError extends ModelInputError {
  readonly problems: string[];
  constructor(problems: string[]) {
    super({
      code: 'invalid_input', title: 'Invalid analysis input', detail: problems.join('; '), message: `invalid carbon analysis input: ${problems.join('; ')}`,
      // The problems name fields and values (e.g. "stands[3].share must be in (0, 1]"), which read the same in both languages.
      zh: { title: '分析输入无效', detail: `输入有误：${problems.join('；')}` },
    });
    this.name = 'CarbonInputError';
    this.problems = problems;
  }
}

const FOREST_TYPES: readonly string[] = ['arbor', 'bamboo', 'shrub'];

/**
 * Check the shape and ranges of an inventory: areas and optional stand figures finite and ≥ 0,
 * class codes and site classes integers, stand shares in (0, 1].
 * @throws CarbonInputError listing every problem found
 */
export function checkInventory(inventory: ParcelInventory): void {
  const problems: string[] = [];
  const nonNegative = (v: unknown, name: string) => {
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) problems.push(`${name} must be a finite number ≥ 0, got ${String(v)}`);
  };
  nonNegative(inventory.area_ha, 'area_ha');
  if (!Array.isArray(inventory.landcover)) problems.push('landcover must be an array');
  else inventory.landcover.forEach((l, i) => {
    if (!Number.isInteger(l.code)) problems.push(`landcover[${i}].code must be an integer, got ${String(l.code)}`);
    nonNegative(l.area_ha, `landcover[${i}].area_ha`);
  });
  if (!Array.isArray(inventory.stands)) problems.push('stands must be an array');
  else inventory.stands.forEach((s, i) => {
    nonNegative(s.area_ha, `stands[${i}].area_ha`);
    if (!FOREST_TYPES.includes(s.forest_type)) problems.push(`stands[${i}].forest_type must be arbor, bamboo or shrub, got ${String(s.forest_type)}`);
    for (const k of ['age_yr', 'volume_m3_per_ha', 'culm_density_per_ha', 'mean_dbh_cm'] as const) {
      if (s[k] !== null && s[k] !== undefined) nonNegative(s[k], `stands[${i}].${k}`);
    }
    if (s.site_class !== null && s.site_class !== undefined && !Number.isInteger(s.site_class)) problems.push(`stands[${i}].site_class must be an integer or null`);
    if (!(s.share > 0 && s.share <= 1 + 1e-9)) problems.push(`stands[${i}].share must be in (0, 1], got ${String(s.share)}`);
  });
  if (!Array.isArray(inventory.wetlands)) problems.push('wetlands must be an array');
  else inventory.wetlands.forEach((x, i) => nonNegative(x.area_ha, `wetlands[${i}].area_ha`));
  if (problems.length) throw new CarbonInputError(problems);
}
