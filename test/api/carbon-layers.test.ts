/**
 * `buildCarbonLayers` (data-pipeline/build/carbon-layers.ts) on the demo county in the real
 * database: the stand route over a pure Chinese-fir stand (hand-checked from its stock volume and
 * cross-checked with the parcel analysis), a bamboo stand, cropland = the pools table, the pools
 * adding up to the total, and the catalog listing the new layers with bounds, units and legends.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { MultiPolygon } from 'geojson';
import { testApp, testDatabase } from '../setup/app.ts';
import { CARBON_LAYER_IDS, buildCarbonLayers, type CarbonLayersResult } from '../../data-pipeline/build/carbon-layers.ts';
import { catalog } from '../../api/services/catalog.ts';
import { zonalClassAreas, zonalStats } from '../../api/services/zonal.ts';
import { getRaster, syncCatalog } from '../../api/store/catalog.ts';
import { RasterStore } from '../../api/store/rasters.ts';
import { TANTU_POOLS, rowStoragePerHa } from '../../layers/carbon/pools.ts';
import { analyseParcelCarbon, type ParcelInventory } from '../../layers/carbon/parcel.ts';
import { bambooStandCarbon } from '../../layers/carbon/bamboo.ts';
import { classDefaultPerHa, standPerHa } from '../../layers/carbon/stand-carbon.ts';

const db = testDatabase();
let built: CarbonLayersResult;

beforeAll(async () => {
  built = await buildCarbonLayers(db, inject('dataDir'));
  await syncCatalog(db.sql);
});
afterAll(() => db.close());

const relClose = (a: number, b: number, rel: number) => Math.abs(a - b) <= rel * Math.max(1, Math.abs(b));

/** A stands row: the parcel inventory's stand fields (whole stand: no share) and its geometry. */
interface Stand extends Omit<ParcelInventory['stands'][number], 'share'> {
  geom: MultiPolygon;
  /**
   * The stand shrunk by 45 m (more than a 30 m pixel's diagonal): every pixel it touches lies wholly
   * inside the stand, so no neighbour's value is mixed into the pixels averaged over it. (Demo stands
   * are Voronoi polygons, not pixel-aligned: edge pixels are area-weighted mixtures of the stands
   * sharing them.)
   */
  inset: MultiPolygon;
}

/** The first stand (by id) of a species whose pixels are all of one land-cover class, with an inset of ≥ 10 pixels. */
async function pureStand(species: string, code: number): Promise<Stand> {
  const rows = await db.sql<(Omit<Stand, 'geom' | 'inset'> & { geojson: string; inset: string | null })[]>`
    SELECT id, species_group, forest_type, origin, age_yr, site_class, volume_m3_per_ha, culm_density_per_ha, mean_dbh_cm,
           ST_Area(geom::geography) / 1e4 AS area_ha, ST_AsGeoJSON(geom) AS geojson,
           ST_AsGeoJSON(ST_Multi(ST_Buffer(geom::geography, -45)::geometry)) AS inset
      FROM stands WHERE species_group = ${species} ORDER BY id LIMIT 200`;
  for (const { geojson, inset, ...s } of rows) {
    if (!inset) continue;
    const geom = JSON.parse(geojson) as MultiPolygon;
    const lc = await zonalClassAreas(db.sql, 'landcover', geom);
    const classes = [...lc.areaByClassM2].filter(([, a]) => a > 1e-6 * lc.coveredAreaM2);
    if (classes.length !== 1 || classes[0]![0] !== code || lc.nodataAreaM2 !== 0) continue;
    const shrunk = JSON.parse(inset) as MultiPolygon;
    if (!shrunk.coordinates?.length) continue;
    const inner = await zonalClassAreas(db.sql, 'landcover', shrunk);
    if (inner.countedPixels >= 10) return { ...s, geom, inset: shrunk };
  }
  throw new Error(`no pure ${species} stand on class ${code} among the first 200`);
}

describe('carbon layers built from land cover, stands and wetlands', () => {
  it('writes and registers every layer on the land-cover grid, burning in stands and wetlands', async () => {
    const lc = (await getRaster(db.sql, 'landcover'))!;
    expect(built.layers).toEqual([...CARBON_LAYER_IDS]);
    for (const id of CARBON_LAYER_IDS) {
      const r = (await getRaster(db.sql, id))!;
      expect(r, id).toBeDefined();
      expect([r.width, r.height, r.crs]).toEqual([lc.width, lc.height, lc.crs]);
      expect(r.geotransform).toEqual(lc.geotransform);
      expect(r.path).toBe(built.files[id]);
      expect(r.source).toMatch(/^synthetic demo/);
    }
    expect((await getRaster(db.sql, 'carbon_density'))!.unit).toBe('t C/ha');
    expect((await getRaster(db.sql, 'carbon_sink'))!.unit).toBe('t CO2e/ha/yr');
    expect(built.stands.read).toBeGreaterThan(100);
    expect(built.stands.burned).toBeGreaterThan(0.9 * built.stands.read);
    expect(built.wetlands.burned).toBeGreaterThan(0);
    expect(built.warnings).toEqual([]);
    // the counted footprint is the land-cover footprint (pixel areas from the projected grid)
    const [{ ha }] = await db.sql<{ ha: number }[]>`SELECT ST_Area(geom::geography) / 1e4 AS ha FROM regions WHERE level = 'county'`;
    expect(relClose(built.totals.counted_area_ha, ha, 0.02)).toBe(true);
  });

  it('gives a pure Chinese-fir stand its stand-route density: V·SVD·BEF·(1+R)·CF + class soil and dead', async () => {
    const s = await pureStand('chinese_fir', 2);
    expect(s.volume_m3_per_ha).not.toBeNull();
    const V = s.volume_m3_per_ha!;
    // hand check with the carbon.md §3 factors for 杉木 and the class-2 row of TANTU_POOLS (soil 63, dead 4)
    const tree = V * 0.307 * 1.634 * (1 + 0.246) * 0.52;
    const expected = tree + 63 + 4;
    const density = await zonalStats(db.sql, 'carbon_density', s.inset);
    expect(density.nodataAreaM2).toBe(0);
    expect(density.mean).toBeCloseTo(expected, 4);
    expect(density.min).toBeCloseTo(expected, 4); // every inner pixel, not just the mean
    expect(density.max).toBeCloseTo(expected, 4);
    const above = await zonalStats(db.sql, 'carbon_density_above', s.inset);
    expect(above.mean).toBeCloseTo(V * 0.307 * 1.634 * 0.52, 4);
    const soil = await zonalStats(db.sql, 'carbon_density_soil', s.inset);
    expect(soil.mean).toBeCloseTo(63, 5);
    // over the whole stand the edge pixels are shared with neighbours; the mean stays near the stand value
    const whole = await zonalStats(db.sql, 'carbon_density', s.geom);
    expect(Math.abs(whole.mean - expected) / expected).toBeLessThan(0.25);

    // the same stand through the parcel analysis (layers/carbon/parcel.ts routing): same stock and sink per ha
    const parcel = analyseParcelCarbon(
      {
        area_ha: s.area_ha,
        landcover: [{ code: 2, area_ha: s.area_ha }],
        stands: [{ ...s, forest_type: 'arbor', area_ha: s.area_ha, share: 1 }],
        wetlands: [],
      },
      { monte_carlo_runs: 2 },
    );
    expect(density.mean).toBeCloseTo(parcel.total.stock_tC / s.area_ha, 4);
    const sink = await zonalStats(db.sql, 'carbon_sink', s.inset);
    expect(sink.mean).toBeGreaterThan(0);
    expect(sink.mean).toBeCloseTo(parcel.total.sink_tCO2e_per_yr / s.area_ha, 4);
  });

  it('gives a bamboo stand its culm-allometry biomass and the managed sink (0.54 t C/ha/yr)', async () => {
    const s = await pureStand('moso_bamboo', 5);
    const c = bambooStandCarbon(s.culm_density_per_ha!, s.mean_dbh_cm!);
    const density = await zonalStats(db.sql, 'carbon_density', s.inset);
    expect(density.mean).toBeCloseTo(c.total_tC_per_ha + 70 + 3, 4);
    // the builder's per-ha values are the shared ones (layers/carbon/stand-carbon.ts)
    const v = standPerHa(s);
    const cls = classDefaultPerHa(5);
    expect(v.route).toBe('bamboo_allometry');
    expect(density.mean).toBeCloseTo(v.above_tC_per_ha + v.below_tC_per_ha + cls.soil_tC_per_ha + cls.dead_tC_per_ha, 4);
    // the managed sink is the same for every bamboo stand and the bamboo class: the whole stand has it
    const sink = await zonalStats(db.sql, 'carbon_sink', s.geom);
    expect(sink.mean).toBeCloseTo((0.54 * 44) / 12, 5);
  });

  it('gives cropland exactly the pools table and no sink; the four pools add up to the total', async () => {
    const store = new RasterStore();
    const read = async (id: string) => {
      const r = (await getRaster(db.sql, id))!;
      return (await store.readWindow(r, 0, 0, r.width, r.height)).data;
    };
    const lc = await read('landcover');
    const total = await read('carbon_density');
    const sink = await read('carbon_sink');
    const pools = await Promise.all(['above', 'below', 'soil', 'dead'].map((p) => read(`carbon_density_${p}`)));
    const crop = TANTU_POOLS.find((r) => r.lucode === 8)!;
    const cropTotal = rowStoragePerHa(crop);
    expect(cropTotal).toBeCloseTo(69.3, 10);
    let cropPx = 0, cropWrong = 0, nodataPx = 0, nodataWrong = 0, worst = 0;
    const want = Math.fround(cropTotal);
    for (let i = 0; i < lc.length; i++) {
      const code = lc[i]!;
      if (code === 0) {
        nodataPx++;
        if (!Number.isNaN(total[i]!) || !Number.isNaN(sink[i]!)) nodataWrong++;
        continue;
      }
      const sum = pools[0]![i]! + pools[1]![i]! + pools[2]![i]! + pools[3]![i]!;
      worst = Math.max(worst, Math.abs(sum - total[i]!) / Math.max(1, total[i]!));
      if (code === 8) {
        cropPx++;
        if (total[i] !== want || sink[i] !== 0) cropWrong++;
      }
    }
    expect(cropPx).toBeGreaterThan(1000);
    expect(cropWrong).toBe(0);
    expect(nodataPx).toBeGreaterThan(0);
    expect(nodataWrong).toBe(0);
    expect(worst).toBeLessThan(1e-6);
  });

  it('is listed in the catalog with bounds, units, zh/en titles and a ramp legend, and tiles render', async () => {
    const layers = await catalog(db.sql);
    const lc = layers.find((l) => l.id === 'landcover')!;
    const density = layers.find((l) => l.id === 'carbon_density')!;
    const sink = layers.find((l) => l.id === 'carbon_sink')!;
    expect(density).toMatchObject({ title_zh: '碳密度', title_en: 'Carbon density', kind: 'raster', unit: 't C/ha', synthetic: true });
    expect(sink).toMatchObject({ title_zh: '年碳汇量', title_en: 'Annual carbon sink', kind: 'raster', unit: 't CO2e/ha/yr', synthetic: true });
    expect(density.bounds).toEqual(lc.bounds);
    expect(sink.bounds).toEqual(lc.bounds);
    expect(density.legend).toMatchObject({ type: 'ramp', unit: 't C/ha' });
    expect(sink.legend).toMatchObject({ type: 'ramp', unit: 't CO2e/ha/yr' });

    const { app } = testApp(db);
    const res = await app.request('/tiles/carbon_density/10/852/420.png');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('image/png');
  });
});
