/**
 * Importers against a real PostGIS: GBK shapefile in a GK zone, GCJ-02 CSV, KML/KMZ,
 * bare GeoJSON, GK and UTM GeoTIFFs; bad files leave every table as it was.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectTo } from '../../api/store/connect.ts';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { runImport } from '../../data-pipeline/commands/import.ts';
import { ImportError, importFile, type ImportOptions } from '../../data-pipeline/import/index.ts';
import { GK_RASTER, STANDS, STATIONS, UTM_RASTER } from '../fixtures/import/expected.ts';
import { FIXTURES } from '../unit/import/helpers.ts';

const sql = connectTo(inject('databaseUrl'), { max: 1, onnotice: () => {} });
const dataDir = mkdtempSync(join(tmpdir(), 'tantu-import-test-'));
const FIXTURE_FILES = readdirSync(FIXTURES).filter((f) => !f.endsWith('.ts'));
const SOURCES = FIXTURE_FILES.map((f) => `import:${f}`);
const TABLES = ['regions', 'stands', 'wetlands', 'protected_areas', 'roads', 'places', 'charging_stations', 'substations', 'power_lines', 'rasters', 'layers', 'imports'];

async function cleanUp() {
  for (const t of TABLES.slice(0, 9)) await sql.unsafe(`DELETE FROM ${t} WHERE source = ANY($1)`, [SOURCES]);
  await sql`DELETE FROM layers WHERE id LIKE 'test-import-%'`;
  await sql`DELETE FROM rasters WHERE layer_id LIKE 'test-import-%'`;
  await sql`DELETE FROM imports WHERE file_name = ANY(${FIXTURE_FILES}) OR target LIKE 'raster:test-import-%'`;
}

async function counts(): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of TABLES) out[t] = Number((await sql.unsafe(`SELECT count(*)::int AS n FROM ${t}`))[0].n);
  return out;
}

const run = (file: string, as: string, more: Partial<ImportOptions> = {}) =>
  importFile(sql, { file: join(FIXTURES, file), as, dataDir, ...more });

/** Import that must fail: returns the ImportError, and checks that no table changed. */
async function failing(file: string, as: string, more: Partial<ImportOptions> = {}): Promise<ImportError> {
  const before = await counts();
  const err = await run(file, as, more).then(
    () => {
      throw new Error(`${file} imported but should have failed`);
    },
    (e) => e,
  );
  expect(err).toBeInstanceOf(ImportError);
  expect(await counts()).toEqual(before);
  return err as ImportError;
}

beforeAll(cleanUp);
afterAll(async () => {
  await cleanUp();
  await sql.end();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('vector imports', () => {
  it('imports the GBK shapefile in EPSG:4549 (CRS from .prj): Chinese names decoded, species mapped, geometry in place', async () => {
    const r = await run('stands-gbk.zip', 'stands', {
      map: { id: '小班号', species_group: '树种', volume_m3_per_ha: '每公顷蓄积', age_yr: '林龄', origin: '起源', owner_village: '村名' },
    });
    expect(r).toMatchObject({ target: 'stands', sourceCrs: 'EPSG:4549', featureCount: 3, ids: STANDS.map((s) => s.id) });
    const rows = await sql<{ id: string; species_group: string; forest_type: string; origin: string; age_yr: number; volume_m3_per_ha: number | null; owner_village: string; d_m: number; area_ha: number }[]>`
      SELECT id, species_group, forest_type, origin, age_yr, volume_m3_per_ha, owner_village,
             ST_Area(geom::geography) / 1e4 AS area_ha,
             ST_Distance(ST_Centroid(geom)::geography, ST_SetSRID(ST_MakePoint(${STANDS[0].lon}, ${STANDS[0].lat}), 4326)::geography) AS d_m
        FROM stands WHERE id = ANY(${STANDS.map((s) => s.id)}) ORDER BY id`;
    expect(rows.map((x) => x.species_group)).toEqual(['chinese_fir', 'masson_pine', 'moso_bamboo']);
    expect(rows.map((x) => x.forest_type)).toEqual(['arbor', 'arbor', 'bamboo']);
    expect(rows.map((x) => x.owner_village)).toEqual(['递铺村', '孝丰村', '天荒坪村']);
    expect(rows[0]).toMatchObject({ origin: 'planted', age_yr: 18, volume_m3_per_ha: 142.5 });
    expect(rows[1].origin).toBe('natural');
    expect(rows[2].volume_m3_per_ha).toBeNull();
    expect(rows[0].d_m).toBeLessThan(1); // the GK square is centred on the stand's lon/lat
    for (const x of rows) expect(x.area_ha).toBeCloseTo(4, 1); // 200 m × 200 m
    const [imp] = await sql`SELECT target, file_name, source_crs, feature_count FROM imports WHERE id = ${r.importId}`;
    expect(imp).toEqual({ target: 'stands', file_name: 'stands-gbk.zip', source_crs: 'EPSG:4549', feature_count: 3 });
  });

  it('refuses to import the same ids twice, leaving the tables unchanged', async () => {
    const err = await failing('stands-gbk.zip', 'stands', { map: { id: '小班号', species_group: '树种' } });
    expect(err.message).toMatch(/^stands-gbk\.zip: an id is already in stands/);
    expect(err.hint).toMatch(/imported before/);
  });

  it('moves GCJ-02 CSV points several hundred metres back to their WGS-84 positions', async () => {
    const r = await run('stations-gcj02.csv', 'stations', {
      crs: 'gcj02',
      map: { id: '编号', name_zh: '名称', chargers: '充电桩数', power_kw: '功率kW', site_kind: '类型' },
    });
    expect(r.sourceCrs).toBe('gcj02');
    const rows = await sql<{ id: string; name_zh: string; chargers: number; power_kw: number; site_kind: string; truth_m: number; raw_m: number }[]>`
      SELECT s.id, s.name_zh, s.chargers, s.power_kw, s.site_kind,
             ST_Distance(s.geom::geography, ST_SetSRID(ST_MakePoint(t.lon, t.lat), 4326)::geography) AS truth_m,
             ST_Distance(s.geom::geography, ST_SetSRID(ST_MakePoint(t.glon, t.glat), 4326)::geography) AS raw_m
        FROM charging_stations s
        JOIN jsonb_to_recordset(${sql.json(STATIONS.map((x) => ({ ...x, glon: 0, glat: 0 })) as never)}::jsonb)
             AS t(id text, lon float8, lat float8, glon float8, glat float8) USING (id)
       ORDER BY s.id`;
    expect(rows).toHaveLength(3);
    expect(rows[0]).toMatchObject({ name_zh: STATIONS[0].name, chargers: 8, power_kw: 480, site_kind: 'public' });
    expect(rows[2].site_kind).toBe('service_area');
    for (const x of rows) expect(x.truth_m).toBeLessThan(0.1);
    // Against the raw (GCJ-02) coordinates as written in the file:
    const raw = await sql<{ d: number }[]>`
      SELECT ST_Distance(s.geom::geography, ST_SetSRID(ST_MakePoint(119.6848823, 30.6275511), 4326)::geography) AS d
        FROM charging_stations s WHERE id = 'test-import-cs-1'`;
    expect(raw[0].d).toBeGreaterThan(300);
    expect(raw[0].d).toBeLessThan(700);
  });

  it('imports KML wetlands (generated ids, names, Chinese types) and a KMZ with --map', async () => {
    const kml = await run('wetlands.kml', 'wetlands');
    expect(kml.ids).toEqual(['wetlands-wetlands-1', 'wetlands-wetlands-2']);
    const kmz = await run('wetlands-kmz.kmz', 'wetlands', { map: { wetland_type: '类型' } });
    const rows = await sql<{ id: string; name_zh: string; wetland_type: string }[]>`
      SELECT id, name_zh, wetland_type FROM wetlands WHERE id = ANY(${[...kml.ids, ...kmz.ids]}) ORDER BY id`;
    expect(rows).toEqual([
      { id: 'wetlands-wetlands-1', name_zh: '西苕溪湿地', wetland_type: 'river' },
      { id: 'wetlands-wetlands-2', name_zh: '赋石水库', wetland_type: 'reservoir' },
      { id: 'wetlands-wetlands-kmz-1', name_zh: '老石坎水库', wetland_type: 'reservoir' },
      { id: 'wetlands-wetlands-kmz-2', name_zh: '南湖湿地', wetland_type: 'marsh' },
    ]);
  });

  it('imports a bare GeoJSON geometry with constants from --set', async () => {
    const r = await run('redline-bare.geojson', 'protected_areas', { set: { kind: 'eco_redline', name_zh: '测试红线' } });
    const [row] = await sql`SELECT kind, name_zh, ST_GeometryType(geom) AS t FROM protected_areas WHERE id = ${r.ids[0]}`;
    expect(row).toEqual({ kind: 'eco_redline', name_zh: '测试红线', t: 'ST_MultiPolygon' });
  });

  it('imports an OSM extract with --preset osm: ways split at shared nodes, classes, speeds and directions from the tags', async () => {
    const lines: string[] = [];
    const r = await runImport([join(FIXTURES, 'osm-roads.geojson'), '--as', 'roads', '--preset', 'osm'], { db: sql, dataDir, log: (m) => lines.push(m) });
    expect(r.featureCount).toBe(6);
    expect(lines.join('\n')).toMatch(/6 way\(s\) → 6 road line\(s\)/);
    expect(lines.join('\n')).toMatch(/left out: highway=footway ×1, no highway tag ×1/);
    const rows = await sql<{ id: string; road_class: string; speed_kmh: number; oneway: number; name_zh: string | null; n: number; x0: number }[]>`
      SELECT id, road_class, speed_kmh, oneway, name_zh, ST_NPoints(geom) n, ST_X(ST_StartPoint(geom)) x0 FROM roads WHERE source = 'import:osm-roads.geojson' ORDER BY id`;
    expect(rows.map((x) => x.id)).toEqual(['osm-101-1', 'osm-101-2', 'osm-102-1', 'osm-102-2', 'osm-103-1', 'osm-105-1']);
    expect(rows[0]).toMatchObject({ road_class: 'provincial', speed_kmh: 60, oneway: 0, name_zh: '省道201', n: 2 });
    expect(rows[4]).toMatchObject({ road_class: 'expressway', speed_kmh: 120, oneway: 1, n: 2 });
    expect(rows[5]).toMatchObject({ road_class: 'township', oneway: 1, x0: 119.64 });
  });

  it('reads the same roads from an .osm.pbf as from the GeoJSON extract of the same ways (--preset osm)', async () => {
    const rowsOf = (source: string) => sql<{ id: string; road_class: string; speed_kmh: number; oneway: number; name_zh: string | null; g: string }[]>`
      SELECT id, road_class, speed_kmh, oneway, name_zh, ST_AsText(geom) g FROM roads WHERE source = ${source} ORDER BY id`;
    let fromJson = await rowsOf('import:osm-roads.geojson');
    if (!fromJson.length) { await run('osm-roads.geojson', 'roads', { preset: 'osm' }); fromJson = await rowsOf('import:osm-roads.geojson'); }
    expect(fromJson).toHaveLength(6);
    // ids must be new: the .pbf gives the same ones (osm-<way>-<part>)
    await sql`DELETE FROM roads WHERE source = 'import:osm-roads.geojson'`;
    const lines: string[] = [];
    const r = await runImport([join(FIXTURES, 'osm-roads.osm.pbf'), '--as', 'roads', '--preset', 'osm'], { db: sql, dataDir, log: (m) => lines.push(m) });
    expect(r.featureCount).toBe(6);
    expect(lines.join('\n')).toMatch(/6 way\(s\) → 6 road line\(s\)/);
    expect(lines.join('\n')).toMatch(/left out: highway=footway ×1, no highway tag ×1/);
    expect(await rowsOf('import:osm-roads.osm.pbf')).toEqual(fromJson);
  });

  it('refuses a truncated, corrupted or foreign .osm.pbf clearly, and one not imported as OSM roads, changing nothing', async () => {
    const good = new Uint8Array(readFileSync(join(FIXTURES, 'osm-roads.osm.pbf')));
    const corrupt = good.slice();
    for (let i = good.length - 60; i < good.length - 20; i++) corrupt[i] ^= 0x5a; // inside the zlib data of the OSMData blob
    const cases: [string, Uint8Array, RegExp, Partial<ImportOptions>][] = [
      ['cut', good.subarray(0, good.length - 40), /cut short/, {}],
      ['tiny', good.subarray(0, 2), /4-byte header length/, {}],
      ['text', new TextEncoder().encode('{"type":"FeatureCollection","features":[]}'), /not an OSM PBF file/, {}],
      ['corrupt', corrupt, /compressed data is damaged/, {}],
      ['stands', good, /read only as OSM roads/, { as: 'stands' }],
      ['nopreset', good, /read only as OSM roads/, { preset: undefined }],
    ];
    for (const [name, bytes, message, more] of cases) {
      const file = join(dataDir, `bad-${name}.osm.pbf`);
      writeFileSync(file, bytes);
      const before = await counts();
      const err = await importFile(sql, { file, as: 'roads', preset: 'osm', dataDir, ...more }).then(() => { throw new Error(`${name} imported but should have failed`); }, (e) => e);
      expect(err, name).toBeInstanceOf(ImportError);
      expect((err as Error).message, name).toMatch(message);
      expect(await counts(), name).toEqual(before);
    }
  });

  it('refuses --preset osm for anything but roads, changing nothing', async () => {
    const err = await failing('osm-roads.geojson', 'stands', { preset: 'osm' });
    expect(err.message).toMatch(/--preset osm reads roads/);
  });

  it('runs through the command: tantu import <file> --as stations --crs gcj02 --map …', async () => {
    const lines: string[] = [];
    const r = await runImport(
      [join(FIXTURES, 'stations-gcj02-gbk.csv'), '--as', 'stations', '--crs', 'gcj02', '--map', 'id=编号', 'chargers=充电桩数', 'power_kw=功率kW', '--value', 'site_kind:服务区=service_area', '--map', 'site_kind=类型'],
      { db: sql, dataDir, log: (m) => lines.push(m) },
    );
    expect(r.featureCount).toBe(3);
    expect(r.notes.join('\n')).toMatch(/site_kind←类型/);
    expect(lines.join('\n')).toMatch(/imported 3 feature\(s\) into stations from gcj02/);
    expect(lines.join('\n')).toMatch(/gb18030/);
    const [row] = await sql`SELECT name_zh FROM charging_stations WHERE id = 'test-import-csg-3'`;
    expect(row.name_zh).toBe('杭长高速安吉服务区');
  });
});

describe('raster imports', () => {
  it('registers the GK GeoTIFF with 4326 bounds matching PostGIS, nodata, unit and a catalog layer', async () => {
    const r = await run('carbon-gk4549.tif', 'raster:test-import-carbon-gk', { unit: 'tC_per_ha', title: '测试碳密度' });
    expect(r.rasterPath).toBeDefined();
    expect(existsSync(r.rasterPath!)).toBe(true);
    expect(r.rasterPath!.startsWith(join(dataDir, 'rasters', 'imported'))).toBe(true);
    const [row] = await sql`
      SELECT crs, width, height, geotransform, nodata, unit,
             ST_XMin(bounds) w, ST_YMin(bounds) s, ST_XMax(bounds) e, ST_YMax(bounds) n
        FROM rasters WHERE layer_id = 'test-import-carbon-gk'`;
    expect(row).toMatchObject({ crs: 'EPSG:4549', width: 20, height: 15, nodata: -9999, unit: 'tC_per_ha' });
    expect(row.geotransform).toEqual([GK_RASTER.x0, 100, 0, GK_RASTER.y0, 0, -100]);
    // Independent check: PostGIS/PROJ transforms the GK rectangle (densified) to lon/lat.
    const x1 = GK_RASTER.x0 + GK_RASTER.width * GK_RASTER.px;
    const y1 = GK_RASTER.y0 - GK_RASTER.height * GK_RASTER.px;
    const [ref] = await sql`
      SELECT ST_XMin(g) w, ST_YMin(g) s, ST_XMax(g) e, ST_YMax(g) n
        FROM (SELECT ST_Transform(ST_Segmentize(ST_MakeEnvelope(${GK_RASTER.x0}, ${y1}, ${x1}, ${GK_RASTER.y0}, 4549), 50), 4326) g) q`;
    for (const k of ['w', 's', 'e', 'n'] as const) expect(Math.abs(row[k] - ref[k])).toBeLessThan(1e-6);
    const [layer] = await sql`SELECT kind, raster_id, unit, title_zh, legend FROM layers WHERE id = 'test-import-carbon-gk'`;
    expect(layer).toMatchObject({ kind: 'raster', raster_id: 'test-import-carbon-gk', unit: 'tC_per_ha', title_zh: '测试碳密度' });
    expect(layer.legend.stops[0].value).toBe(40.5);
    const [imp] = await sql`SELECT target, source_crs FROM imports WHERE id = ${r.importId}`;
    expect(imp).toEqual({ target: 'raster:test-import-carbon-gk', source_crs: 'EPSG:4549' });
  });

  it('registers the UTM GeoTIFF', async () => {
    await run('carbon-utm50n.tif', 'raster:test-import-carbon-utm');
    const [row] = await sql`SELECT crs, ST_XMin(bounds) w, ST_XMax(bounds) e FROM rasters WHERE layer_id = 'test-import-carbon-utm'`;
    const [ref] = await sql`
      SELECT ST_XMin(g) w, ST_XMax(g) e FROM (SELECT ST_Transform(ST_Segmentize(ST_MakeEnvelope(
        ${UTM_RASTER.x0}, ${UTM_RASTER.y0 - UTM_RASTER.height * UTM_RASTER.px}, ${UTM_RASTER.x0 + UTM_RASTER.width * UTM_RASTER.px}, ${UTM_RASTER.y0}, 32650), 50), 4326) g) q`;
    expect(row.crs).toBe('EPSG:32650');
    expect(Math.abs(row.w - ref.w)).toBeLessThan(1e-6);
    expect(Math.abs(row.e - ref.e)).toBeLessThan(1e-6);
  });
});

describe('bad files: a clear message, nothing written', () => {
  it('truncated zip', async () => {
    const e = await failing('bad-truncated.zip', 'stands');
    expect(e.message).toMatch(/^bad-truncated\.zip: not a readable zip archive/);
    expect(e.hint).toMatch(/truncated or damaged/);
  });

  it('CSV without a latitude column', async () => {
    const e = await failing('bad-missing-lat.csv', 'stations');
    expect(e.message).toMatch(/^bad-missing-lat\.csv: no latitude column \(columns are: 编号, 名称, 经度, 充电桩数, 功率kW\)/);
  });

  it('self-intersecting polygon: names the feature and gives PostGIS’s reason; the valid feature before it is not kept', async () => {
    const e = await failing('bad-self-intersecting.geojson', 'stands');
    expect(e.where).toBe('feature 2');
    expect(e.problem).toMatch(/invalid geometry: Self-intersection/);
    expect(e.hint).toMatch(/Fix Geometries|ST_MakeValid/);
    expect((await sql`SELECT count(*)::int n FROM stands WHERE id LIKE 'test-import-bow-%'`)[0].n).toBe(0);
  });

  it('unknown CRS code in a GeoTIFF, leaving no copied file behind', async () => {
    const before = existsSync(join(dataDir, 'rasters', 'imported')) ? readdirSync(join(dataDir, 'rasters', 'imported')).length : 0;
    const e = await failing('bad-unknown-crs.tif', 'raster:test-import-bad');
    expect(e.message).toMatch(/^bad-unknown-crs\.tif: unknown CRS EPSG:2385/);
    const after = existsSync(join(dataDir, 'rasters', 'imported')) ? readdirSync(join(dataDir, 'rasters', 'imported')).length : 0;
    expect(after).toBe(before);
  });

  it('unknown --crs code', async () => {
    const e = await failing('stands-gbk.zip', 'stands', { crs: 'EPSG:9999' });
    expect(e.problem).toBe('unknown CRS "EPSG:9999"');
    expect(e.hint).toMatch(/4491–4554/);
  });

  it('a Point where polygons are needed', async () => {
    const e = await failing('bad-point-for-polygon.geojson', 'wetlands');
    expect(e.message).toMatch(/^bad-point-for-polygon\.geojson: feature 1: geometry is Point, but wetlands needs Polygon or MultiPolygon/);
  });

  it('a missing required field', async () => {
    const e = await failing('stations-gcj02.csv', 'substations', { crs: 'gcj02' });
    expect(e.problem).toMatch(/missing required field "voltage_kv"/);
    expect(e.hint).toMatch(/--map voltage_kv=<column> \(columns: 编号, 名称, 充电桩数, 功率kW, 类型\)/);
  });

  it('an unknown target and a missing file', async () => {
    expect((await failing('stands-gbk.zip', 'forests')).problem).toBe('unknown target "forests"');
    expect((await failing('no-such-file.zip', 'stands')).problem).toMatch(/cannot read the file \(ENOENT\)/);
  });
});
