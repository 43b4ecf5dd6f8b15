/**
 * What the parcel analysis tells its reader, in Chinese and English: one function per finding
 * code, next to its text. Per-item findings (one stand, one wetland record) return the code,
 * what the finding says and the item's entry; `Findings` (layers/core/findings.ts) reports them
 * once per code with the count, the total area and the ids.
 */
import type { EligibilityReason } from './accounting.ts';
import { GROWTH_FALLBACK_GROUP } from './growth.ts';
import type { InventoryStand, InventoryWetland } from './inventory.ts';
import type { StandCarbonTables, StandNote } from './stand-carbon.ts';
import { finding, type Finding, type FindingItem, type FindingKind } from '../core/findings.ts';

/** A per-item finding: its code, what it says, and the item's entry in it. */
export interface ItemFinding {
  code: string;
  kind: FindingKind;
  item: FindingItem;
}

const aboutStands = (zh: string, en: string): FindingKind => ({ zh, en, noun_zh: '个小班', noun_en: ['stand', 'stands'] });
const aboutWetlands = (zh: string, en: string): FindingKind => ({ zh, en, noun_zh: '处湿地', noun_en: ['wetland record', 'wetland records'] });

// ------------------------------------------------------------------------ stands and wetlands

/**
 * The finding a stand note (stand-carbon.ts) gives, and the stand's entry in it.
 * @param site_class the site class the stand grows on (after defaults), or null
 */
export function standNoteFinding(note: StandNote, stand: InventoryStand, site_class: number | null, tables: Pick<StandCarbonTables, 'bamboo' | 'ipcc'>): ItemFinding {
  const id = stand.id;
  const quoted = `'${stand.species_group}'`;
  switch (note) {
    case 'bamboo_fallback': {
      const fallback = tables.bamboo.fallback_biomass_tC_per_ha.value;
      return {
        code: note,
        kind: aboutStands(`竹林小班缺少立竹密度或平均胸径,采用林分水平缺省碳密度 ${fallback} t C/ha`, `bamboo stands without culm density or mean DBH use the stand-level default of ${fallback} t C/ha`),
        item: { id },
      };
    }
    case 'stand_no_volume_or_age':
      return { code: note, kind: aboutStands('小班既无蓄积量也无林龄,按地类缺省碳库计算', 'stands with neither stock volume nor age use the land-cover class pools'), item: { id } };
    case 'stand_species_fallback':
      return {
        code: note,
        kind: aboutStands(`树种组不在参数表中,采用 IPCC 缺省值 (CF ${tables.ipcc.cf})`, `species groups not in the stand table use IPCC defaults (CF ${tables.ipcc.cf})`),
        item: { id, zh: quoted, en: quoted },
      };
    case 'site_class_default':
      return { code: note, kind: aboutStands(`小班无地位级,按 ${site_class} 级计算生长`, `stands without a site class grow on site class ${site_class}`), item: { id } };
    case 'site_class_nearest':
      return {
        code: note,
        kind: aboutStands('地位级无生长曲线,采用最接近的地位级 (给定→采用)', 'no growth curve for the given site class: the nearest class is used (given→used)'),
        item: { id, zh: `${stand.site_class}→${site_class}`, en: `${stand.site_class}→${site_class}` },
      };
    case 'stand_volume_from_age':
      return {
        code: note,
        kind: aboutStands('小班无蓄积量,按林龄由生长曲线估算', 'stands without stock volume: volume estimated from age on the growth curve'),
        item: { id, zh: `${stand.age_yr} 年`, en: `${stand.age_yr} yr` },
      };
    case 'stand_growth_fallback':
      return {
        code: note,
        kind: aboutStands(`树种组无生长曲线,借用 ${GROWTH_FALLBACK_GROUP}`, `species groups without a growth curve use ${GROWTH_FALLBACK_GROUP}'s`),
        item: { id, zh: quoted, en: quoted },
      };
  }
}

/** Part of a stand found no land cover of its kind. */
export function standExcessArea(stand: InventoryStand, excess_ha: number): ItemFinding {
  return {
    code: 'stand_excess_area',
    kind: aboutStands('小班面积未落在相应地类上,未计入', 'stand area that does not lie on land cover of its kind is not counted'),
    item: { id: stand.id, area_ha: excess_ha },
  };
}

/** A wetland record whose type is not in the wetland table. */
export function wetlandTypeUnknown(wetland: InventoryWetland, known_types: readonly string[]): ItemFinding {
  const known = known_types.join(', ');
  return {
    code: 'wetland_type_unknown',
    kind: aboutWetlands(`湿地类型未知,未按湿地计算 (可选: ${known})`, `wetland records of unknown type are not counted as wetland (known: ${known})`),
    item: { id: wetland.id, zh: `'${wetland.wetland_type}'`, en: `'${wetland.wetland_type}'` },
  };
}

/** Part of a wetland record found no water or marsh land cover. */
export function wetlandExcessArea(wetland: InventoryWetland, excess_ha: number): ItemFinding {
  return {
    code: 'wetland_excess_area',
    kind: aboutWetlands('湿地面积未落在水域/沼泽地类上,未计入', 'wetland area that does not lie on water/marsh land cover is not counted'),
    item: { id: wetland.id, area_ha: excess_ha },
  };
}

// --------------------------------------------------------------------------------- the parcel

export function openWaterUnmatched(area_ha: number): Finding {
  return finding('open_water_unmatched', `${area_ha.toFixed(4)} 公顷水域没有湿地类型记录,未计埋藏碳汇`, `${area_ha.toFixed(4)} ha of open water has no wetland record: no burial sink counted`);
}

export function unclassifiedArea(area_ha: number): Finding {
  return finding(
    'unclassified_area',
    `${area_ha.toFixed(4)} 公顷没有地类数据(栅格无数据或边缘),未计碳`,
    `${area_ha.toFixed(4)} ha of the parcel has no land-cover class (raster nodata or edge) and carries no carbon`,
  );
}

export function landcoverExceedsParcel(classified_ha: number, parcel_ha: number): Finding {
  return finding(
    'landcover_exceeds_parcel',
    `地类面积合计 ${classified_ha.toFixed(4)} 公顷大于地块面积 ${parcel_ha.toFixed(4)} 公顷`,
    `land-cover class areas sum to ${classified_ha.toFixed(4)} ha, more than the parcel area ${parcel_ha.toFixed(4)} ha`,
  );
}

/** A methodology's eligibility reason (accounting.ts), under `eligibility.<code>`. */
export function eligibilityFinding(reason: EligibilityReason): Finding {
  return finding(`eligibility.${reason.code}`, reason.zh, reason.en);
}

export function plantingDefault(site_class: number): Finding {
  return finding('planting_default', `未指定造林树种,按杉木 ${site_class} 级地位生长曲线估算`, `no planting given: Chinese fir on site class ${site_class} assumed`);
}

export function baselineDefault(baseline_sink_fraction: number, methodology_id: string): Finding {
  return finding(
    'baseline_default',
    `基线碳汇采用缺省比例 ${baseline_sink_fraction}(${methodology_id}),应以项目设计文件的基线替换`,
    `baseline removals use the default fraction ${baseline_sink_fraction} of project removals (${methodology_id}); replace with the project design document's baseline`,
  );
}

/** @param names the parameters used that are flagged unverified, e.g. 'stand.chinese_fir' */
export function unverifiedParameters(names: readonly string[]): Finding {
  return finding(
    'unverified_parameters',
    `结果使用了尚未核对原始文献的缺省参数:${names.join(', ')}`,
    `results use default parameters not yet checked against the original documents: ${names.join(', ')}`,
  );
}
