import { describe, expect, it } from 'vitest';
import { DEFAULT_RULE_SETS, TECHNOLOGIES } from '../../../layers/siting/rules.ts';
import { CRITERIA, WEIGHT_PRESETS, defaultWeights } from '../../../layers/siting/criteria.ts';
import { SITING_LAYER_IDS } from '../../../layers/siting/layers.ts';
import { checkRule } from '../../../layers/siting/masks.ts';
import { checkRescale } from '../../../layers/siting/rescale.ts';
import { landCoverByKey } from '../../../layers/landcover/classes.ts';

describe('default rule sets', () => {
  it('one per technology; every rule is valid, on a known layer, with a source', () => {
    for (const t of TECHNOLOGIES) {
      const set = DEFAULT_RULE_SETS[t];
      expect(set.technology).toBe(t);
      for (const r of set.rules) {
        expect(() => checkRule(r, SITING_LAYER_IDS)).not.toThrow();
        expect(r.source.length).toBeGreaterThan(10);
        expect(typeof r.unverified).toBe('boolean');
      }
      expect(new Set(set.rules.map((r) => r.id)).size).toBe(set.rules.length);
    }
  });
  it('follow the 2023 rules: ground PV excludes basic farmland, cropland, arbor and bamboo forest; forest PV only on shrub', () => {
    const g = DEFAULT_RULE_SETS.pv_ground.rules;
    expect(g.find((r) => r.layer === 'basic_farmland')?.exclude_values).toEqual([1]);
    const lcExcluded = g.filter((r) => r.layer === 'landcover').flatMap((r) => r.exclude_values ?? []);
    for (const key of ['cropland', 'broadleaf_forest', 'chinese_fir_forest', 'moso_bamboo']) expect(lcExcluded).toContain(landCoverByKey(key)!.code);
    expect(DEFAULT_RULE_SETS.pv_forest.rules.find((r) => r.id === 'shrub_only')?.include_values).toEqual([landCoverByKey('shrub')!.code]);
    expect(DEFAULT_RULE_SETS.pv_fishery.rules.find((r) => r.layer === 'water_body')?.include_values).toEqual([1]);
  });
  it('wind setbacks: 1.1 tip heights from roads and lines, 3 from dwellings', () => {
    const w = DEFAULT_RULE_SETS.wind.rules;
    expect(w.find((r) => r.layer === 'dist_road_m')?.setback_tip_heights).toBe(1.1);
    expect(w.find((r) => r.layer === 'dist_power_line_m')?.setback_tip_heights).toBe(1.1);
    expect(w.find((r) => r.layer === 'dist_settlement_m')?.setback_tip_heights).toBe(3);
  });
  it('criteria rescalings are valid and presets name only known criteria', () => {
    for (const fam of ['pv', 'wind'] as const) {
      for (const c of CRITERIA[fam]) {
        expect(() => checkRescale(c.rescale, c.id)).not.toThrow();
        expect(SITING_LAYER_IDS.has(c.layer)).toBe(true);
      }
      const ids = new Set(CRITERIA[fam].map((c) => c.id));
      for (const p of WEIGHT_PRESETS[fam]) for (const k of Object.keys(p.weights)) expect(ids.has(k)).toBe(true);
      const w = defaultWeights(fam);
      expect(w.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    }
    // the published Chinese solar-farm set: radiation is the largest weight
    const pub = WEIGHT_PRESETS.pv.find((p) => p.id === 'published_cn_solar_farm')!;
    expect(pub.weights.solar).toBe(0.12);
    expect(pub.unverified).toBe(true);
  });
});
