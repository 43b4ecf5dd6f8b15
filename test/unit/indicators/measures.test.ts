import { describe, expect, it } from 'vitest';
import type { Grid } from '../../../layers/raster/grid.ts';
import {
  creditsInRegion, forestCoveragePct, publicChargersByClass, usableAreasM2, forestStockM3, potentialMw, publicChargers, ratioPct, totalFromDensity, townshipsWithChargersPct, wetlandProtectionPct, wetlandRatePct,
} from '../../../layers/indicators/measures.ts';
import { FOREST_CLASS_CODES, INDICATORS, INDICATOR_IDS } from '../../../layers/indicators/definitions.ts';

describe('indicator definitions', () => {
  it('lists every stable id once, each with a definition and a source in both languages', () => {
    expect(INDICATORS.map((d) => d.id)).toEqual([...INDICATOR_IDS]);
    for (const d of INDICATORS) {
      expect(d.definition.zh.length).toBeGreaterThan(10);
      expect(d.definition.en).not.toMatch(/\p{Script=Han}/u);
      expect(d.source.en).not.toMatch(/\p{Script=Han}/u);
      expect(d.name_en).not.toMatch(/\p{Script=Han}/u);
    }
  });

  it('counts arbor (1–4), bamboo (5) and shrub (6) as forest and says so', () => {
    expect(FOREST_CLASS_CODES).toEqual([1, 2, 3, 4, 5, 6]);
    const def = INDICATORS.find((d) => d.id === 'forest_coverage_pct')!.definition;
    expect(def.zh).toContain('5 毛竹林');
    expect(def.en).toContain('6 Shrubland');
    expect(def.en).toContain('1 Broadleaf forest');
    expect(def.en).not.toContain('7 Tea');
  });
});

describe('forest coverage', () => {
  it('divides the forest classes by the land area: a 100 ha region with 40 ha broadleaf, 20 ha bamboo, 5 ha shrub, 10 ha tea, 25 ha cropland is 65 %', () => {
    const areas = new Map([[1, 40], [5, 20], [6, 5], [7, 10], [8, 25]]);
    const r = forestCoveragePct(areas, 100);
    expect(r.numerator).toBeCloseTo(65, 12);
    expect(r.value_pct).toBeCloseTo(65, 12);
  });

  it('is null (not 0) without land area', () => {
    expect(forestCoveragePct(new Map([[1, 3]]), 0).value_pct).toBeNull();
    expect(ratioPct(0, 0)).toEqual({ value_pct: null, numerator: 0, denominator: 0 });
  });
});

describe('forest stock', () => {
  it('sums volume × area over arbor stands only and lists those without volume', () => {
    const r = forestStockM3([
      { id: 'a', forest_type: 'arbor', volume_m3_per_ha: 120, area_ha: 2.5 }, // 300 m³
      { id: 'b', forest_type: 'arbor', volume_m3_per_ha: 80, area_ha: 0.25 }, // 20 m³
      { id: 'c', forest_type: 'bamboo', volume_m3_per_ha: 999, area_ha: 10 }, // not stock volume
      { id: 'd', forest_type: 'arbor', volume_m3_per_ha: null, area_ha: 1 },
    ]);
    expect(r.value_m3).toBeCloseTo(320, 12);
    expect(r.arbor_area_ha).toBeCloseTo(3.75, 12);
    expect(r.missing.map((s) => s.id)).toEqual(['d']);
  });
});

describe('wetlands', () => {
  it('rate = wetland / land; protection = wetland in the red line / wetland', () => {
    expect(wetlandRatePct(8, 200).value_pct).toBeCloseTo(4, 12);
    expect(wetlandProtectionPct(6, 8).value_pct).toBeCloseTo(75, 12);
    expect(wetlandProtectionPct(0, 0).value_pct).toBeNull();
  });
});

describe('carbon totals from density rasters', () => {
  it('Σ f·area(m²)·density(t/ha) / 10,000 × scale', () => {
    // two 30 m pixels (900 m²) at 50 and 100 t C/ha, the second half covered: 900·50 + 450·100 = 90,000 → 9 t C
    expect(totalFromDensity(900 * 50 + 450 * 100)).toBeCloseTo(9, 12);
    expect(totalFromDensity(900 * 50 + 450 * 100, 1.002)).toBeCloseTo(9.018, 12);
  });
});

describe('charging', () => {
  it('townships with chargers: 3 of 4 with a station is 75 %', () => {
    const r = townshipsWithChargersPct([2, 0, 1, 5]);
    expect([r.numerator, r.denominator, r.value_pct]).toEqual([3, 4, 75]);
    expect(townshipsWithChargersPct([]).value_pct).toBeNull();
  });

  it('public chargers: Σ chargers of public and service-area stations, private ones out', () => {
    expect(publicChargers([{ chargers: 8, site_kind: 'public' }, { chargers: 12, site_kind: 'service_area' }, { chargers: 40, site_kind: 'private' }])).toBe(20);
  });

  it('public chargers urban / rural by the station\'s cell', () => {
    expect(publicChargersByClass([
      { chargers: 8, site_kind: 'public', urban: true }, { chargers: 12, site_kind: 'service_area', urban: false },
      { chargers: 5, site_kind: 'public', urban: false }, { chargers: 40, site_kind: 'private', urban: true },
    ])).toEqual({ urban: 8, rural: 17 });
  });
});

describe('potential', () => {
  it('usable area: Σ covered fraction × inclusion weight × cell area over the study area', () => {
    // 4 × 2 cells of 10 m; the polygon covers columns 0–1 and half of column 2 in both rows
    const grid: Grid = { width: 4, height: 2, geotransform: [0, 10, 0, 20, 0, -10], crs: 'EPSG:4549' };
    const polygon = { type: 'Polygon' as const, coordinates: [[[0, 0], [25, 0], [25, 20], [0, 20], [0, 0]]] };
    const pv = Uint8Array.from([255, 128, 255, 0, 255, 255, 0, 255]);
    const all = new Uint8Array(8).fill(255);
    const domain = Uint8Array.from([1, 1, 1, 1, 0, 1, 1, 1]); // row 1, column 0 is outside the study area
    const r = usableAreasM2(grid, polygon, [pv, all], domain);
    // pv: row 0: 1 + 128/255 + 0.5 · 1; row 1: (outside) + 1 + 0.5 · 0 → (2.5 + 128/255) cells of 100 m²
    expect(r.usable_m2[0]).toBeCloseTo((2.5 + 128 / 255) * 100, 9);
    // all included: row 0 2.5 cells, row 1 1.5 (column 0 outside)
    expect(r.usable_m2[1]).toBeCloseTo(400, 9);
    expect(r.covered_m2).toBeCloseTo(500, 9);
  });

  it('usable km² × MW/km²: 2.5 km² of PV at 36 MW/km² is 90 MW', () => {
    expect(potentialMw(2.5, 36)).toBeCloseTo(90, 12);
  });
});

describe('credits in a region', () => {
  it('shares each project\'s tonnes by the pooled area inside, and reports parcels without geometry', () => {
    const r = creditsInRegion([
      // 30 mu of 40 inside (20 whole + half of 20): 1000 × 30/40 = 750 issued, 200 × 0.75 = 150 retired
      { project_id: 1, issued_t: 1000, retired_t: 200, parcels: [{ area_mu: 20, inside_fraction: 1 }, { area_mu: 20, inside_fraction: 0.5 }] },
      // outside: nothing; 10 mu without geometry cannot be placed
      { project_id: 2, issued_t: 500, retired_t: 0, parcels: [{ area_mu: 40, inside_fraction: 0 }, { area_mu: 10, inside_fraction: null }] },
    ]);
    expect(r.issued_t).toBeCloseTo(750, 12);
    expect(r.retired_t).toBeCloseTo(150, 12);
    expect(r.unplaced_mu).toBe(10);
  });
});
