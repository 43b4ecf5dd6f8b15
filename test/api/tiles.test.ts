/**
 * Tiles against the real database with the demo county: vector tiles (ST_AsMVT on a server,
 * geojson-vt + vt-pbf on the embedded backend), raster PNG tiles, TileJSON, caching headers
 * and errors; and the raster store under them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import { PNG } from 'pngjs';
import { getRaster, type RasterRecord } from '../../api/store/catalog.ts';
import { RasterStore, samplePoints } from '../../api/store/rasters.ts';
import { forgetTileSources, tileAt, tileBounds4326 } from '../../api/services/tiles/index.ts';
import { seedTiles, seedPlan, type SeedLayer } from '../../api/services/tiles/seed.ts';
import { importFile } from '../../data-pipeline/import/index.ts';
import { parseColor } from '../../api/services/tiles/colors.ts';
import { LANDCOVER_CLASSES } from '../../layers/landcover/classes.ts';
import { transformer } from '../../layers/geo/project.ts';
import { testApp } from '../setup/app.ts';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const { app, db } = testApp();
afterAll(() => db.close());

interface Stand { id: string; species_group: string; lon: number; lat: number }
let stand: Stand;
let landcover: RasterRecord;

beforeAll(async () => {
  const rows = await db.sql<Stand[]>`
    SELECT id, species_group, ST_X(p) lon, ST_Y(p) lat
      FROM (SELECT id, species_group, ST_PointOnSurface(geom) p FROM stands WHERE forest_type <> 'bamboo' ORDER BY id LIMIT 1) q`;
  expect(rows.length, 'the demo county has non-bamboo stands').toBe(1);
  stand = rows[0];
  landcover = (await getRaster(db.sql, 'landcover'))!;
  expect(landcover, 'the demo county has a land-cover raster').toBeDefined();
});

const tilePath = (layer: string, t: { z: number; x: number; y: number }, ext: string) => `/tiles/${layer}/${t.z}/${t.x}/${t.y}.${ext}`;

async function decodeMvt(res: Response) {
  return new VectorTile(new PbfReader(new Uint8Array(await res.arrayBuffer())));
}

async function decodePng(res: Response) {
  return PNG.sync.read(Buffer.from(await res.arrayBuffer()));
}

describe('vector tiles', () => {
  it('encode the stand under a point with its attributes, in a layer named after the layer id', async () => {
    const t = tileAt(stand.lon, stand.lat, 14);
    const res = await app.request(tilePath('stands', t, 'mvt'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.mapbox-vector-tile');
    const vt = await decodeMvt(res);
    expect(Object.keys(vt.layers)).toEqual(['stands']);
    const layer = vt.layers.stands;
    expect(layer.extent).toBe(4096);
    const features = Array.from({ length: layer.length }, (_, i) => layer.feature(i));
    const f = features.find((x) => x.properties.id === stand.id);
    expect(f, `stand ${stand.id} is in its tile`).toBeDefined();
    expect(f!.properties.species_group).toBe(stand.species_group);
    expect(f!.properties.forest_type).not.toBe('bamboo');
    expect(f!.type).toBe(3); // polygon
    expect(f!.properties.geom).toBeUndefined();
    // The feature's geometry lies in (or within the buffer of) the tile and round-trips to near the stand.
    const gj = f!.toGeoJSON(t.x, t.y, t.z);
    const [w, s, e, n] = tileBounds4326(t, 64 / 4096 + 1e-6);
    const g = gj.geometry as GeoJSON.Polygon | GeoJSON.MultiPolygon;
    const coords = g.type === 'Polygon' ? g.coordinates.flat() : g.coordinates.flat(2);
    expect(coords.length).toBeGreaterThanOrEqual(4);
    for (const [lon, lat] of coords) {
      expect(lon).toBeGreaterThanOrEqual(w);
      expect(lon).toBeLessThanOrEqual(e);
      expect(lat).toBeGreaterThanOrEqual(s);
      expect(lat).toBeLessThanOrEqual(n);
    }
    // Every feature carries the same attribute columns (nulls omitted).
    for (const x of features) expect(x.properties).toHaveProperty('species_group');
  });

  it('apply the layer filter: bamboo stands are not in the stands layer', async () => {
    const [b] = await db.sql<{ lon: number; lat: number; id: string }[]>`
      SELECT id, ST_X(ST_PointOnSurface(geom)) lon, ST_Y(ST_PointOnSurface(geom)) lat FROM stands WHERE forest_type = 'bamboo' ORDER BY id LIMIT 1`;
    expect(b, 'the demo county has bamboo stands').toBeDefined();
    const t = tileAt(b.lon, b.lat, 14);
    const stands = await app.request(tilePath('stands', t, 'mvt'));
    if (stands.status === 200) {
      const l = (await decodeMvt(stands)).layers.stands;
      for (let i = 0; i < l.length; i++) expect(l.feature(i).properties.forest_type).not.toBe('bamboo');
    }
    const bamboo = await decodeMvt(await app.request(tilePath('bamboo', t, 'mvt')));
    const l = bamboo.layers.bamboo;
    expect(Array.from({ length: l.length }, (_, i) => l.feature(i).properties.id)).toContain(b.id);
  });

  it('answer 204 with no body outside the data and below the layer minimum zoom', async () => {
    const far = await app.request('/tiles/stands/14/0/0.mvt');
    expect(far.status).toBe(204);
    expect((await far.arrayBuffer()).byteLength).toBe(0);
    const low = await app.request(tilePath('stands', tileAt(stand.lon, stand.lat, 5), 'mvt'));
    expect(low.status).toBe(204);
  });
});

describe('raster tiles', () => {
  const palette = new Set(LANDCOVER_CLASSES.map((c) => parseColor(c.color).join(',')));

  it('draw land cover in its exact class colours where there is data', async () => {
    const t = tileAt(stand.lon, stand.lat, 12);
    const res = await app.request(tilePath('landcover', t, 'png'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    const png = await decodePng(res);
    expect([png.width, png.height]).toEqual([256, 256]);
    let opaque = 0;
    for (let i = 0; i < png.data.length; i += 4) {
      if (png.data[i + 3] === 0) continue;
      opaque++;
      expect(palette.has([png.data[i], png.data[i + 1], png.data[i + 2], png.data[i + 3]].join(','))).toBe(true);
    }
    expect(opaque, 'the tile at a stand is not blank').toBeGreaterThan(1000);
  });

  it('show the class of the raster cell under a pixel (nearest neighbour, correct georeferencing)', async () => {
    const z = 15;
    const t = tileAt(stand.lon, stand.lat, z);
    const res = await app.request(tilePath('landcover', t, 'png'));
    // The output pixel holding the stand point, and the raster value at that pixel's centre read from the GeoTIFF.
    const n = 2 ** z;
    const latR = (stand.lat * Math.PI) / 180;
    const px = Math.floor((((stand.lon + 180) / 360) * n - t.x) * 256);
    const py = Math.floor((((1 - Math.log(Math.tan(latR) + 1 / Math.cos(latR)) / Math.PI) / 2) * n - t.y) * 256);
    const lon = ((t.x + (px + 0.5) / 256) / n) * 360 - 180;
    const lat = (Math.atan(Math.sinh(Math.PI * (1 - (2 * (t.y + (py + 0.5) / 256)) / n))) * 180) / Math.PI;
    const [x, y] = transformer('EPSG:4326', landcover.crs).point(lon, lat);
    const [code] = await samplePoints(landcover, [[x, y]]);
    // A stand lies on classified land: the tile has data and that pixel shows the cell's class colour.
    expect(code, 'land cover under the stand').toBeDefined();
    expect(res.status).toBe(200);
    const png = await decodePng(res);
    const i = (py * 256 + px) * 4;
    const want = parseColor(LANDCOVER_CLASSES.find((c) => c.code === code)!.color);
    expect([...png.data.subarray(i, i + 4)]).toEqual(want);
  });

  it('leave pixels outside the raster transparent', async () => {
    const [w] = landcover.bounds;
    // The westernmost stand and the raster's west edge in one tile: data on one side, nothing west of the edge.
    const [west] = await db.sql<{ lon: number; lat: number }[]>`
      SELECT ST_X(p) lon, ST_Y(p) lat FROM (SELECT ST_PointOnSurface(geom) p FROM stands ORDER BY ST_XMin(geom) LIMIT 1) q`;
    const outside = w - 1e-4;
    const z = [12, 11, 10, 9, 8].find((k) => { const a = tileAt(outside, west.lat, k), b = tileAt(west.lon, west.lat, k); return a.x === b.x && a.y === b.y; })!;
    const t = tileAt(outside, west.lat, z);
    const res = await app.request(tilePath('landcover', t, 'png'));
    expect(res.status).toBe(200);
    const png = await decodePng(res);
    const n = 2 ** z;
    const column = (lon: number) => Math.floor((((lon + 180) / 360) * n - t.x) * 256);
    const latR = (west.lat * Math.PI) / 180;
    const row = Math.floor((((1 - Math.log(Math.tan(latR) + 1 / Math.cos(latR)) / Math.PI) / 2) * n - t.y) * 256);
    expect(column(outside), 'a pixel column west of the raster').toBeGreaterThanOrEqual(0);
    expect(png.data[(row * 256 + column(outside)) * 4 + 3], 'alpha west of the raster').toBe(0);
    expect(png.data[(row * 256 + column(west.lon)) * 4 + 3], 'alpha on the stand').toBe(255);
  });

  it('answer 204 for a tile far from the raster', async () => {
    const res = await app.request('/tiles/landcover/10/0/0.png');
    expect(res.status).toBe(204);
    expect((await res.arrayBuffer()).byteLength).toBe(0);
  });

  it('colour the DEM with its ramp and shade it grey for the hillshade', async () => {
    const t = tileAt(stand.lon, stand.lat, 11);
    const dem = await app.request(tilePath('dem', t, 'png'));
    expect(dem.status).toBe(200);
    const shade = await app.request(tilePath('hillshade', t, 'png'));
    expect(shade.status).toBe(200);
    const png = await decodePng(shade);
    const greys = new Set<number>();
    for (let i = 0; i < png.data.length; i += 4) {
      if (png.data[i + 3] === 0) continue;
      expect(png.data[i]).toBe(png.data[i + 1]);
      expect(png.data[i]).toBe(png.data[i + 2]);
      greys.add(png.data[i]);
    }
    expect(greys.size, 'hillshade has relief, not one flat grey').toBeGreaterThan(10);
  });
});

describe('tile caching and errors', () => {
  it('sends an ETag and Cache-Control, and 304 for a matching If-None-Match', async () => {
    const path = tilePath('landcover', tileAt(stand.lon, stand.lat, 13), 'png');
    const first = await app.request(path);
    expect(first.status).toBe(200);
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^"[\w-]+"$/);
    expect(first.headers.get('cache-control')).toMatch(/max-age=\d+/);
    const again = await app.request(path);
    expect(again.headers.get('etag')).toBe(etag);
    const cached = await app.request(path, { headers: { 'if-none-match': etag } });
    expect(cached.status).toBe(304);
    expect((await cached.arrayBuffer()).byteLength).toBe(0);
    expect(cached.headers.get('etag')).toBe(etag);
    const stale = await app.request(path, { headers: { 'if-none-match': '"something-else"' } });
    expect(stale.status).toBe(200);

    const mvt = tilePath('stands', tileAt(stand.lon, stand.lat, 14), 'mvt');
    const v = await app.request(mvt);
    expect((await app.request(mvt, { headers: { 'if-none-match': v.headers.get('etag')! } })).status).toBe(304);
  });

  it('answers an unknown layer with 404 problem+json naming it and listing the known layers', async () => {
    const res = await app.request('/tiles/no_such_layer/10/850/420.mvt');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const body = await res.json();
    expect(body.detail).toContain('no_such_layer');
    expect(body.known_layers).toContain('stands');
    expect(body.detail).toContain('landcover');
    expect((await app.request('/tiles/no_such_layer.json')).status).toBe(404);
  });

  it('answers bad coordinates or the wrong format for the layer with 400', async () => {
    for (const p of ['/tiles/stands/3/8/0.mvt', '/tiles/stands/3/0/-1.mvt', '/tiles/stands/abc/1/1.mvt', '/tiles/stands/99/1/1.mvt',
      '/tiles/stands/10/1/2.png', '/tiles/landcover/10/1/2.mvt', '/tiles/landcover/10/1/2']) {
      const res = await app.request(p);
      expect(res.status, p).toBe(400);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect((await res.json()).detail.length).toBeGreaterThan(10);
    }
  });
});

describe('TileJSON', () => {
  it('describes a vector layer with absolute tile URL, bounds, zooms and vector_layers fields', async () => {
    const res = await app.request('http://127.0.0.1:8787/tiles/stands.json');
    expect(res.status).toBe(200);
    const tj = await res.json();
    expect(tj.tilejson).toBe('3.0.0');
    expect(tj.tiles).toEqual(['http://127.0.0.1:8787/tiles/stands/{z}/{x}/{y}.mvt']);
    expect(tj.bounds).toHaveLength(4);
    expect(tj.bounds[0]).toBeLessThan(stand.lon);
    expect(tj.bounds[2]).toBeGreaterThan(stand.lon);
    expect(tj.minzoom).toBeLessThanOrEqual(tj.maxzoom);
    expect(tj.vector_layers[0].id).toBe('stands');
    expect(tj.vector_layers[0].fields.species_group).toBe('String');
    expect(tj.vector_layers[0].fields.geom).toBeUndefined();
    expect(res.headers.get('etag')).toBeTruthy();
  });

  it('describes a raster layer with a .png URL and the raster bounds', async () => {
    const tj = await (await app.request('/tiles/landcover.json')).json();
    expect(tj.tiles[0]).toMatch(/^http:\/\/localhost(:\d+)?\/tiles\/landcover\/\{z\}\/\{x\}\/\{y\}\.png$/);
    expect(tj.bounds).toEqual(landcover.bounds);
    expect(tj.vector_layers).toBeUndefined();
  });

  it('lists the tile operations in the OpenAPI document', async () => {
    const doc = await (await app.request('/api/openapi.json')).json();
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining([
      '/tiles/{layer}/{z}/{x}/{y}.mvt', '/tiles/{layer}/{z}/{x}/{y}.png', '/tiles/{layer}.json']));
  });
});

describe('tile cache', () => {
  it('serves a tile again unchanged, and an import gives the layer new tiles (invalidation by data version)', async () => {
    // A point of the county far from any charging station: its z14 tile is empty until a station is imported there.
    const [{ lon, lat }] = await db.sql<{ lon: number; lat: number }[]>`
      SELECT ST_X(p) lon, ST_Y(p) lat FROM (
        SELECT ST_PointOnSurface(geom) p FROM regions WHERE level = 'village'
         ORDER BY (SELECT min(ST_Distance(s.geom, regions.geom)) FROM charging_stations s) DESC LIMIT 1) q`;
    const t = tileAt(lon, lat, 14);
    const path = tilePath('charging_stations', t, 'mvt');
    expect((await app.request(path)).status).toBe(204);
    expect((await app.request(path)).status).toBe(204);

    const dir = mkdtempSync(join(tmpdir(), 'tantu-tile-cache-'));
    const file = join(dir, 'one-station.geojson');
    writeFileSync(file, JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature',
      properties: { id: 'test-tile-cache-1', name_zh: '缓存测试站', chargers: 4, power_kw: 120 },
      geometry: { type: 'Point', coordinates: [lon, lat] } }] }));
    try {
      await importFile(db.sql, { file, as: 'stations', dataDir: dir });
      forgetTileSources(); // what the 5 s memo of layer lookups would do on its own
      const res = await app.request(path);
      expect(res.status).toBe(200);
      const tile = await decodeMvt(res);
      const ids = Array.from({ length: tile.layers.charging_stations.length }, (_, i) => tile.layers.charging_stations.feature(i).properties.id);
      expect(ids).toContain('test-tile-cache-1');
    } finally {
      await db.sql`DELETE FROM charging_stations WHERE id = 'test-tile-cache-1'`;
      await db.sql`DELETE FROM imports WHERE file_name = 'one-station.geojson'`;
      rmSync(dir, { recursive: true, force: true });
      forgetTileSources();
    }
    expect((await app.request(path)).status).toBe(204);
  });
});

describe('tile cache seeding', () => {
  it('asks the app for every layer tile up to the zoom, none failing, and they are then on disk', async () => {
    const { layers } = await (await app.request('/api/layers')).json() as { layers: SeedLayer[] };
    const opts = { maxZoom: { vector: 9, raster: 9 }, maxTiles: 10_000 };
    const plan = seedPlan(layers, opts);
    expect(new Set(plan.map((p) => p.path.split('/')[2])), 'every layer with data and minzoom ≤ 9 is in the plan').toEqual(
      new Set(layers.filter((l) => l.bounds && l.minzoom <= 9).map((l) => l.id)));
    const report = await seedTiles((path) => app.request(path), layers, opts);
    expect(report).toMatchObject({ tiles: plan.length, zoom: 9, failed: 0 });
    // The z9 stand tiles over the county were drawn into the disk cache (empty ones as zero bytes).
    const dir = join((await import('vitest')).inject('dataDir'), 'tile-cache', 'stands');
    const { readdirSync } = await import('node:fs');
    const [version] = readdirSync(dir);
    const cached = readdirSync(join(dir, version, '9'), { recursive: true }).filter((f) => String(f).endsWith('.mvt'));
    expect(cached.length).toBe(plan.filter((p) => p.path.startsWith('/tiles/stands/9/')).length);
  });
});

describe('raster store', () => {
  it('reads a window clipped to the image, with nodata, and keeps its cache within the byte bound', async () => {
    const store = new RasterStore({ maxBytes: 300_000, baseDir: (await import('vitest')).inject('dataDir') });
    const w = await store.readWindow(landcover, -10, -10, 100, 50);
    expect([w.x0, w.y0, w.width, w.height]).toEqual([0, 0, 100, 50]);
    expect(w.data.length).toBe(100 * 50);
    expect(w.nodata).toBe(landcover.nodata);
    const cx = Math.floor(landcover.width / 2), cy = Math.floor(landcover.height / 2);
    const centre = await store.readWindow(landcover, cx - 300, cy - 300, cx + 300, cy + 300);
    expect(centre.width * centre.height).toBe(360_000);
    // Same window again: served from cache, identical values.
    const again = await store.readWindow(landcover, cx - 300, cy - 300, cx + 300, cy + 300);
    expect(Buffer.from(again.data.buffer).equals(Buffer.from(centre.data.buffer))).toBe(true);
    const stats = store.cacheStats();
    expect(stats.bytes).toBeLessThanOrEqual(stats.maxBytes + 256 * 256 * 8);
    expect(stats.handles).toBe(1);
    const none = await store.readWindow(landcover, landcover.width + 5, 0, landcover.width + 10, 5);
    expect(none.width * none.height).toBe(0);
    await store.close();
  });
});
