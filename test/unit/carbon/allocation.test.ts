import { describe, it, expect } from 'vitest';
import { allocateByPreference, allocateParcel } from '../../../layers/carbon/allocation.ts';
import type { InventoryStand, ParcelInventory } from '../../../layers/carbon/inventory.ts';
import { DEFAULT_CARBON_TABLES } from '../../../layers/carbon/parcel.ts';
import { UNIT_FACTORS } from '../../../layers/carbon/stand-carbon.ts';

describe('allocateByPreference', () => {
  it('serves each preference level pro rata, then moves the rest to the next level (hand-checked)', () => {
    // level 0: A (4 ha) and B (2 ha) both want class 1 (3 ha): served 3/6 = ½ → A 2, B 1
    // level 1: A's remaining 2 ha go to class 2 (10 ha); B has no second choice
    const capacity = new Map([[1, 3], [2, 10]]);
    const taken = allocateByPreference(
      [
        { key: 0, amount: 4, preference: [1, 2] },
        { key: 1, amount: 2, preference: [1] },
      ],
      capacity,
    );
    expect([...taken.get(0)!]).toEqual([[1, 2], [2, 2]]);
    expect([...taken.get(1)!]).toEqual([[1, 1]]);
    expect([...capacity]).toEqual([[1, 0], [2, 8]]);
  });

  it('does not depend on the order of the demands', () => {
    const run = (order: number[]) => {
      const demands = [
        { key: 0, amount: 4, preference: [1, 2] },
        { key: 1, amount: 2, preference: [2, 1] },
        { key: 2, amount: 5, preference: [1] },
      ];
      const taken = allocateByPreference(order.map((i) => demands[i]!), new Map([[1, 6], [2, 3]]));
      return [0, 1, 2].map((k) => Object.fromEntries(taken.get(k)!));
    };
    // level 0: class 1 wanted 4 + 5 = 9 of 6 → ⅔: key 0 → 8/3, key 2 → 10/3; class 2: key 1 takes 2 of 3
    // level 1: key 0's 4/3 ha want class 2 (1 ha left) → 1; key 1 is done
    const expected = [{ 1: 8 / 3, 2: 1 }, { 2: 2 }, { 1: 10 / 3 }];
    for (const order of [[0, 1, 2], [2, 1, 0], [1, 2, 0]]) {
      const got = run(order);
      for (let k = 0; k < 3; k++) for (const [code, a] of Object.entries(expected[k]!)) expect(got[k]![Number(code)]).toBeCloseTo(a, 12);
    }
  });
});

describe('allocateParcel', () => {
  const stand = (id: string, species_group: string, area_ha: number): InventoryStand => ({
    id, species_group, forest_type: 'arbor', origin: null, age_yr: 20, site_class: 2, volume_m3_per_ha: 80,
    culm_density_per_ha: null, mean_dbh_cm: null, area_ha, share: 1,
  });
  // 9 ha: fir forest (class 2) 6 ha, open water (class 10) 3 ha.
  // The fir stand takes 5 ha of class 2 first; the oak stand finds no broadleaf class (1) or
  // mixed class (4), takes the 1 ha of class 2 left and 3 of its 4 ha are not counted.
  // The lake record covers 2 ha of water; 1 ha of water stays unmatched.
  const inventory: ParcelInventory = {
    area_ha: 9,
    landcover: [{ code: 2, area_ha: 6 }, { code: 10, area_ha: 3 }, { code: 0, area_ha: 0.5 }],
    stands: [stand('fir1', 'chinese_fir', 5), stand('oak1', 'oak', 4)],
    wetlands: [{ id: 'lake1', wetland_type: 'lake', area_ha: 2 }],
  };

  it('gives one land piece per class and route, and the findings of the deterministic run', () => {
    const a = allocateParcel(inventory, DEFAULT_CARBON_TABLES, UNIT_FACTORS);
    expect([...a.class_area_ha]).toEqual([[2, 6], [10, 3]]); // nodata (0) left out
    expect(a.pieces.map((p) => [p.route, p.code, p.item_id, p.area_ha])).toEqual([
      ['stand', 2, 'fir1', 5],
      ['stand', 2, 'oak1', 1],
      ['wetland', 10, 'lake1', 2],
      ['remainder', 10, null, 1],
    ]);
    const wetland = DEFAULT_CARBON_TABLES.wetland.lake!;
    expect(a.pieces[2]!.sink_tC_per_ha_yr).toBe(wetland.burial_tC_per_ha_yr.value);
    expect(a.pieces[2]!.gain_tC_per_ha(10)).toBeCloseTo(10 * wetland.burial_tC_per_ha_yr.value, 12);
    expect(a.findings.map((f) => f.code)).toEqual(['stand_excess_area', 'open_water_unmatched']);
    expect(a.findings[0]!.en).toBe('stand area that does not lie on land cover of its kind is not counted: 1 stand, 3.0000 ha in all (oak1 3.0000 ha)');
    expect(a.findings[1]!.en).toBe('1.0000 ha of open water has no wetland record: no burial sink counted');
  });

  it('collects no findings in Monte Carlo runs (factors other than UNIT_FACTORS)', () => {
    expect(allocateParcel(inventory, DEFAULT_CARBON_TABLES, { 'pools.soil': 1.2 }).findings).toEqual([]);
  });
});
