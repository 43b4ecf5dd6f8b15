import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromFile } from 'geotiff';
import * as turf from '@turf/turf';
import type { Feature, LineString, MultiPolygon, Point } from 'geojson';
import { generateDemo, demoChecksums, type DemoResult } from '../../../data-pipeline/demo/generate.ts';
import { richardsVolume } from '../../../data-pipeline/demo/landscape.ts';
import { project } from '../../../data-pipeline/demo/sources.ts';
import type { PolygonXY } from '../../../layers/geo/planar.ts';
import { squareGrid } from '../../../layers/raster/grid.ts';
import { rasterizePolygons } from '../../../layers/raster/rasterize.ts';
import { LANDCOVER_CLASSES, landCoverByKey } from '../../../layers/landcover/classes.ts';

const dir = mkdtempSync(join(tmpdir(), 'tantu-demo-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// coarse settings so the whole county generates in a few seconds
const OPTS = { cellSizeM: 150, standHa: 60 };
let demo: DemoResult;
beforeAll(async () => {
  demo = await generateDemo({ seed: 7, outDir: join(dir, 'a'), ...OPTS });
}, 120_000);

async function readRaster(id: string) {
  const r = demo.rasters.find((x) => x.layer_id === id)!;
  const img = await (await fromFile(r.path)).getImage();
  return { r, img, data: (await img.readRasters())[0] as ArrayLike<number> };
}

const SPECIES_CLASS: Record<string, string> = {
  chinese_fir: 'chinese_fir_forest', masson_pine: 'masson_pine_forest', mixed_conifer_broadleaf: 'mixed_forest',
  mixed_broadleaf: 'broadleaf_forest', hard_broadleaf: 'broadleaf_forest', soft_broadleaf: 'broadleaf_forest',
  moso_bamboo: 'moso_bamboo', shrub: 'shrub',
};

describe('demo county generation', () => {
  it('is deterministic: same seed → same checksums, different seed → different', async () => {
    const small = { cellSizeM: 300, standHa: 120 };
    const a = await generateDemo({ seed: 11, outDir: join(dir, 's1'), ...small });
    const b = await generateDemo({ seed: 11, outDir: join(dir, 's2'), ...small });
    const c = await generateDemo({ seed: 12, outDir: join(dir, 's3'), ...small });
    expect(b.checksums).toEqual(a.checksums);
    expect(demoChecksums(a)).toEqual(a.checksums);
    for (const k of ['dem', 'landcover', 'ghi', 'wind100', 'population', 'weather', 'vectors', 'all']) {
      expect(c.checksums[k], k).not.toBe(a.checksums[k]);
    }
  }, 120_000);

  it('writes readable GeoTIFFs in EPSG:4549 with the registered geotransform and nodata', async () => {
    for (const id of ['dem', 'landcover', 'ghi', 'wind100', 'population']) {
      const { r, img } = await readRaster(id);
      expect(img.getWidth()).toBe(r.width);
      expect(img.getHeight()).toBe(r.height);
      const keys = img.getGeoKeys() as Record<string, number>;
      expect(keys.ProjectedCSTypeGeoKey).toBe(4549);
      const [ox, oy] = img.getOrigin();
      const [rx, ry] = img.getResolution();
      expect([ox, rx, 0, oy, 0, ry]).toEqual(r.geotransform);
      expect(img.getGDALNoData()).toBe(r.nodata);
      const [w, s, e, n] = r.bounds;
      expect(w).toBeGreaterThan(119.1); expect(e).toBeLessThan(120.0);
      expect(s).toBeGreaterThan(30.3); expect(n).toBeLessThan(30.95);
    }
  });

  it('has Anji-like terrain: ~1,500 m in the south-west, a low valley plain at 递铺', async () => {
    const { r, data } = await readRaster('dem');
    let max = -Infinity, min = Infinity, maxAt = 0;
    for (let i = 0; i < data.length; i++) {
      if (data[i] === -9999) continue;
      if (data[i] > max) { max = data[i]; maxAt = i; }
      min = Math.min(min, data[i]);
    }
    expect(max).toBeGreaterThan(1300);
    expect(max).toBeLessThanOrEqual(1600);
    expect(min).toBeGreaterThan(-5);
    expect(min).toBeLessThan(30);
    const [x0, px, , y0, , py] = r.geotransform;
    const mx = x0 + ((maxAt % r.width) + 0.5) * px, my = y0 + (Math.floor(maxAt / r.width) + 0.5) * py;
    const [sx, sy] = project(119.60, 30.60);
    expect(mx).toBeLessThan(sx); // highest point south-west of the county's centre
    expect(my).toBeLessThan(sy);
    const [dx, dy] = project(119.68, 30.63); // 递铺
    const c = Math.floor((dx - x0) / px), rr = Math.floor((dy - y0) / py);
    expect(data[rr * r.width + c]).toBeLessThan(80);
  });

  it('uses every land-cover class, with bamboo and forest dominating', async () => {
    const { data } = await readRaster('landcover');
    const counts = new Map<number, number>();
    for (let i = 0; i < data.length; i++) counts.set(data[i], (counts.get(data[i]) ?? 0) + 1);
    for (const cls of LANDCOVER_CLASSES) expect(counts.get(cls.code) ?? 0, cls.key).toBeGreaterThan(0);
    const inside = data.length - (counts.get(0) ?? 0);
    const forest = [1, 2, 3, 4, 5, 6].reduce((a, k) => a + (counts.get(k) ?? 0), 0);
    expect(forest / inside).toBeGreaterThan(0.5);
    expect((counts.get(5) ?? 0) / inside).toBeGreaterThan(0.15);
  });

  it('keeps GHI in 1,150–1,300 kWh/m² and wind at 100 m higher on ridges than in valleys', async () => {
    const ghi = (await readRaster('ghi')).data;
    const wind = (await readRaster('wind100')).data;
    const dem = (await readRaster('dem')).data;
    let lo = 0, hi = 0, nLo = 0, nHi = 0;
    for (let i = 0; i < ghi.length; i++) {
      if (ghi[i] === -9999) continue;
      expect(ghi[i]).toBeGreaterThanOrEqual(1150);
      expect(ghi[i]).toBeLessThanOrEqual(1300);
      if (dem[i] < 100) { lo += wind[i]; nLo++; }
      if (dem[i] > 900) { hi += wind[i]; nHi++; }
    }
    expect(hi / nHi).toBeGreaterThan(lo / nLo + 1);
  });

  it('stands agree with the land-cover raster and carry consistent attributes', async () => {
    const { r, data } = await readRaster('landcover');
    const g = squareGrid({ width: r.width, height: r.height, x0: r.geotransform[0], y0: r.geotransform[3], cell: r.geotransform[1], crs: r.crs });
    let agree = 0, total = 0;
    const stands = demo.vectors.stands as Feature<MultiPolygon>[];
    expect(stands.length).toBeGreaterThan(1000);
    for (const f of stands) {
      const p = f.properties!;
      const code = landCoverByKey(SPECIES_CLASS[p.species_group])!.code;
      const mask = new Uint8Array(g.width * g.height);
      const polys: PolygonXY[] = f.geometry.coordinates.map((poly) => poly.map((ring) => ring.map(([lon, lat]) => project(lon, lat))));
      rasterizePolygons(g, polys, mask, 1);
      for (let i = 0; i < mask.length; i++) if (mask[i]) { total++; if (data[i] === code) agree++; }
      expect(['arbor', 'bamboo', 'shrub']).toContain(p.forest_type);
      expect(p.owner_village).toMatch(/^330523\d{6}$/);
      if (p.forest_type === 'bamboo') {
        expect(p.species_group).toBe('moso_bamboo');
        expect(p.culm_density_per_ha).toBeGreaterThanOrEqual(2000);
        expect(p.culm_density_per_ha).toBeLessThanOrEqual(4500);
        expect(p.mean_dbh_cm).toBeGreaterThanOrEqual(8);
        expect(p.mean_dbh_cm).toBeLessThanOrEqual(12);
      } else if (p.forest_type === 'arbor') {
        expect([1, 2, 3]).toContain(p.site_class);
        const expected = richardsVolume(p.species_group, p.site_class, p.age_yr);
        expect(Math.abs(p.volume_m3_per_ha - expected)).toBeLessThan(0.45 * expected + 2);
      }
    }
    expect(agree / total).toBeGreaterThan(0.99);
    const groups = new Set(stands.map((f) => f.properties!.species_group));
    for (const s of Object.keys(SPECIES_CLASS)) expect(groups, s).toContain(s);
  });

  it('has the county, 15 townships and 209 villages with unique ids and populations', () => {
    const regions = demo.vectors.regions;
    const by = (l: string) => regions.filter((f) => f.properties!.level === l);
    expect(by('county')).toHaveLength(1);
    expect(by('township')).toHaveLength(15);
    expect(by('village')).toHaveLength(209);
    expect(new Set(regions.map((f) => f.properties!.id)).size).toBe(regions.length);
    for (const v of by('village')) expect(v.properties!.parent_id).toBe(String(v.properties!.id).slice(0, 9));
    const places = demo.vectors.places as Feature<Point>[];
    expect(places.filter((p) => p.properties!.kind === 'county_seat').map((p) => p.properties!.name_zh)[0]).toMatch(/递铺/);
    expect(places.every((p) => p.properties!.population > 0)).toBe(true);
  });

  it('has a connected road network whose expressway meets other roads only at interchanges', () => {
    const roads = demo.vectors.roads as Feature<LineString>[];
    const key = (c: number[]) => `${c[0]},${c[1]}`;
    const parent = new Map<string, string>();
    const find = (a: string): string => { while (parent.get(a) !== a) a = parent.get(a)!; return a; };
    for (const f of roads) {
      const cs = f.geometry.coordinates;
      for (const c of [cs[0], cs[cs.length - 1]]) if (!parent.has(key(c))) parent.set(key(c), key(c));
      const a = find(key(cs[0])), b = find(key(cs[cs.length - 1]));
      if (a !== b) parent.set(a, b);
      expect(f.properties!.speed_kmh).toBeGreaterThan(0);
    }
    const comps = new Set([...parent.keys()].map(find));
    expect(comps.size).toBe(1);
    const classes = new Set(roads.map((f) => f.properties!.road_class));
    for (const c of ['expressway', 'national', 'provincial', 'county', 'township', 'village', 'urban']) expect(classes, c).toContain(c);
    expect(roads.some((f) => f.properties!.oneway === 1)).toBe(true);
    // interior vertices of the expressway are shared with no other road
    const other = new Set<string>();
    for (const f of roads) if (f.properties!.road_class !== 'expressway') for (const c of f.geometry.coordinates) other.add(key(c));
    for (const f of roads) if (f.properties!.road_class === 'expressway') {
      const cs = f.geometry.coordinates;
      for (let i = 1; i < cs.length - 1; i++) expect(other.has(key(cs[i]))).toBe(false);
    }
    expect(demo.vectors.stations.filter((s) => s.properties!.site_kind === 'service_area').length).toBeGreaterThanOrEqual(2);
  });

  it('has roads dense enough to route on: ≥ 1.0 km/km², ≥ 100k directed edges, strongly connected off the expressway', () => {
    const roads = demo.vectors.roads as Feature<LineString>[];
    const key = (c: number[]) => `${c[0]},${c[1]}`;
    let m = 0, directed = 0;
    for (const f of roads) {
      const cs = f.geometry.coordinates;
      for (let i = 1; i < cs.length; i++) m += turf.distance(cs[i - 1], cs[i], { units: 'meters' });
      directed += (cs.length - 1) * (f.properties!.oneway ? 1 : 2);
    }
    const countyKm2 = turf.area(demo.vectors.regions.find((r) => r.properties!.level === 'county')!) / 1e6;
    expect(m / 1000 / countyKm2).toBeGreaterThanOrEqual(1.0);
    expect(directed).toBeGreaterThanOrEqual(100_000);
    // every end point of a non-expressway road reaches every other one and is reached from it,
    // following one-way lines in their direction only
    const local = roads.filter((f) => f.properties!.road_class !== 'expressway');
    const out = new Map<string, string[]>(), inn = new Map<string, string[]>();
    const link = (a: string, b: string) => { (out.get(a) ?? out.set(a, []).get(a)!).push(b); (inn.get(b) ?? inn.set(b, []).get(b)!).push(a); };
    for (const f of local) {
      const cs = f.geometry.coordinates, a = key(cs[0]), b = key(cs[cs.length - 1]);
      link(a, b);
      if (!f.properties!.oneway) link(b, a);
    }
    const reach = (adj: Map<string, string[]>, s: string) => {
      const seen = new Set([s]), st = [s];
      while (st.length) for (const v of adj.get(st.pop()!) ?? []) if (!seen.has(v)) { seen.add(v); st.push(v); }
      return seen.size;
    };
    const nodes = new Set([...out.keys(), ...inn.keys()]);
    const start = [...nodes][0];
    expect(reach(out, start)).toBe(nodes.size);
    expect(reach(inn, start)).toBe(nodes.size);
    expect(local.filter((f) => f.properties!.oneway).length).toBeGreaterThan(50);
    // the expressway is one one-way line per direction, with ramps and service-area roads
    const ex = roads.filter((f) => f.properties!.road_class === 'expressway');
    expect(ex.every((f) => f.properties!.oneway === 1)).toBe(true);
    expect(ex.filter((f) => f.properties!.name_zh === '互通匝道').length % 4).toBe(0);
    expect(ex.filter((f) => f.properties!.name_zh === '互通匝道').length).toBeGreaterThanOrEqual(8);
    expect(ex.filter((f) => /服务区/.test(String(f.properties!.name_zh))).length).toBe(4);
  });

  it('writes a typical-year hourly weather CSV (8,760 rows)', () => {
    const lines = readFileSync(demo.weather.path, 'utf8').trim().split('\n');
    expect(lines[0]).toBe('time,ghi_w_per_m2,dni_w_per_m2,dhi_w_per_m2,temp_c,wind_ms');
    expect(lines).toHaveLength(8761);
    let ghi = 0, temp = 0;
    for (const l of lines.slice(1)) { const v = l.split(',').map(Number); ghi += v[1]; temp += v[4]; }
    expect(ghi / 1000).toBeGreaterThan(1150);
    expect(ghi / 1000).toBeLessThan(1300);
    expect(temp / 8760).toBeGreaterThan(13);
    expect(temp / 8760).toBeLessThan(19);
  });
});
