/**
 * importFile: one file → one target table (or one raster layer), in ONE transaction.
 *
 *   read (format module, source CRS) → fields (map/set/values, ids) → reproject to EPSG:4326 →
 *   insertFeatures + a row in `imports`, all or nothing.
 *
 * Formats by extension: .geojson/.json, .zip (zipped shapefile), .shp (with sibling files),
 * .kml, .kmz, .csv/.tsv/.txt, .osm.pbf (roads with --preset osm: osm-pbf.ts), .tif/.tiff (raster
 * targets only). Every failure is an ImportError naming the file, the feature/row and the problem,
 * with a hint.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, extname, join, resolve } from 'node:path';
import type { Sql } from 'postgres';
import { sqlOf, type DbLike } from '../../api/store/connect.ts';
import { getRaster, registerRaster, upsertLayer } from '../../api/store/catalog.ts';
import { checkFeatures, FeatureError, insertFeatures, isVectorTarget, VECTOR_TARGETS, type VectorTarget } from '../../api/store/vectors.ts';
import { osmRoadFeatures, osmRoads } from '../../layers/charging/osm-roads.ts';
import { ImportError, ParseError } from './errors.ts';
import { readCsv } from './csv.ts';
import { slug, toTargetFeatures } from './fields.ts';
import { decodeJsonText, readGeoJson } from './geojson.ts';
import { readOsmPbf } from './osm-pbf.ts';
import { readKml, readKmz } from './kml.ts';
import { readGeoTiffInfo } from './raster.ts';
import { guessProjectedCrs, positions, reprojectFeatures, resolveCrs, type SourceCrs } from './reproject.ts';
import { readShapefileParts, readZippedShapefile, type ShapefileParts } from './shapefile.ts';
import type { SourceData } from './source.ts';

export { ImportError } from './errors.ts';

export type ImportPhase = 'read' | 'reproject' | 'insert' | 'done';

export interface ImportProgress {
  phase: ImportPhase;
  /** Features (or bytes for 'read') done so far and in total. */
  done: number;
  total: number;
}

export interface ImportOptions {
  /** Path of the input file. */
  file: string;
  /** Target: a vector target (regions, stands, wetlands, protected_areas, roads, places, stations, substations, power_lines) or `raster:<layer-id>`. */
  as: string;
  /** Source CRS: an EPSG code ('EPSG:4549', '4549') or 'gcj02'. Default: what the file declares, else EPSG:4326. */
  crs?: string;
  /** Attribute text encoding (e.g. 'gbk', 'utf-8'); overrides .cpg and detection. */
  encoding?: string;
  /** targetField → sourceColumn; for CSV also lon=/lat=/wkt= to name the coordinate columns. */
  map?: Record<string, string>;
  /** targetField → constant value for every feature. */
  set?: Record<string, string>;
  /** targetField → (source value → target value), e.g. { species_group: { 黄山松: 'masson_pine' } }. */
  values?: Record<string, Record<string, string>>;
  /** 'osm': an OpenStreetMap extract of roads (layers/charging/osm-roads.ts): tags to class, speed, direction; ways split at shared nodes. */
  preset?: 'osm';
  /** Raster only: unit of the cell values (e.g. 'tC_per_ha'). */
  unit?: string;
  /** Raster only: catalog title (zh and en); default the layer id. */
  title?: string;
  /** Data folder; rasters are copied to `<dataDir>/rasters/imported/`. */
  dataDir: string;
  onProgress?: (p: ImportProgress) => void;
}

export interface ImportResult {
  /** imports.id of the recorded import. */
  importId: number;
  target: string;
  file: string;
  /** 'EPSG:nnnn' or 'gcj02'. */
  sourceCrs: string;
  featureCount: number;
  /** Ids written (vector imports). */
  ids: string[];
  /** How the CRS, encoding and fields were decided. */
  notes: string[];
  warnings: string[];
  /** Raster imports: where the file was copied and its bounds [w, s, e, n] in EPSG:4326. */
  rasterPath?: string;
  bounds?: [number, number, number, number];
}

const VECTOR_FORMATS: Record<string, string> = {
  '.geojson': 'geojson', '.json': 'geojson', '.zip': 'shapefile', '.shp': 'shapefile', '.kml': 'kml', '.kmz': 'kmz',
  '.csv': 'csv', '.tsv': 'csv', '.txt': 'csv', '.pbf': 'osm-pbf',
};

const CRS_HINT = 'use an EPSG code tantu supports (4326, 4490, 3857, 326zz/327zz UTM, 4491–4554 CGCS2000 Gauss–Krüger) or gcj02 for coordinates copied from Chinese web maps';

/** Import one file. Throws ImportError; on any error nothing is written. */
export async function importFile(db: DbLike, opts: ImportOptions): Promise<ImportResult> {
  const name = basename(opts.file);
  const fail = (problem: string, hint: string, where?: string): never => {
    throw new ImportError(name, problem, hint, where);
  };
  const rasterMatch = /^raster:(.*)$/.exec(opts.as);
  if (!rasterMatch && !isVectorTarget(opts.as)) {
    fail(`unknown target "${opts.as}"`, `use --as with one of ${Object.keys(VECTOR_TARGETS).join(', ')}, or raster:<layer-id>`);
  }
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(opts.file));
  } catch (e) {
    return fail(`cannot read the file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`, 'check the path and that the file is readable');
  }
  opts.onProgress?.({ phase: 'read', done: bytes.length, total: bytes.length });
  try {
    if (rasterMatch) return await importRaster(sqlOf(db), opts, name, bytes, rasterMatch[1]);
    return await importVector(sqlOf(db), opts, name, bytes, opts.as as VectorTarget);
  } catch (e) {
    if (e instanceof ParseError) throw new ImportError(name, e.problem, e.hint, e.where);
    throw e;
  }
}

async function readVectorSource(opts: ImportOptions, format: string, bytes: Uint8Array, csvColumns: { lon?: string; lat?: string; wkt?: string }): Promise<SourceData & { prjMissing?: boolean }> {
  switch (format) {
    case 'geojson':
      return readGeoJson(decodeJsonText(bytes));
    case 'kml':
      return readKml(new TextDecoder().decode(bytes));
    case 'kmz':
      return readKmz(bytes);
    case 'csv':
      return readCsv(bytes, { encoding: opts.encoding, lonColumn: csvColumns.lon, latColumn: csvColumns.lat, wktColumn: csvColumns.wkt });
    case 'osm-pbf':
      return readOsmPbf(bytes);
    default: {
      if (extname(opts.file).toLowerCase() === '.zip') return readZippedShapefile(bytes, { encoding: opts.encoding });
      // A bare .shp: read its siblings from the same folder.
      const stem = opts.file.slice(0, -4);
      const parts: ShapefileParts = { name: basename(stem), shp: bytes };
      for (const ext of ['dbf', 'prj', 'cpg', 'shx'] as const) {
        for (const cand of [`${stem}.${ext}`, `${stem}.${ext.toUpperCase()}`]) {
          if (existsSync(cand)) {
            parts[ext] = new Uint8Array(await readFile(cand));
            break;
          }
        }
      }
      const data = await readShapefileParts(parts, { encoding: opts.encoding });
      return { ...data, prjMissing: !parts.prj };
    }
  }
}

function decideCrs(opts: ImportOptions, format: string, data: SourceData & { prjMissing?: boolean }, notes: string[], warnings: string[]): SourceCrs {
  if (opts.crs) {
    const c = resolveCrs(opts.crs);
    if (!c) throw new ParseError(`unknown CRS "${opts.crs}"`, CRS_HINT);
    notes.push(`CRS ${c.code} from --crs`);
    if (data.crs && resolveCrs(data.crs)?.code !== c.code) warnings.push(`--crs ${c.code} overrides the file's own CRS (${data.crsNote ?? data.crs})`);
    return c;
  }
  if (data.crsUnsupported) {
    throw new ParseError(`unknown CRS: ${data.crsUnsupported}`, `reproject the data to EPSG:4326 or a CGCS2000 Gauss–Krüger zone, or say which CRS to use with --crs (${CRS_HINT})`);
  }
  if (data.crs) {
    const c = resolveCrs(data.crs);
    if (!c) throw new ParseError(`unknown CRS "${data.crs}" (${data.crsNote ?? 'declared by the file'})`, `reproject the data or override with --crs (${CRS_HINT})`);
    notes.push(`CRS ${c.code} (${data.crsNote ?? 'declared by the file'})`);
    return c;
  }
  // Nothing declared: lon/lat if the numbers look like it, else stop with a guess.
  const first = data.features.find((f) => f.geometry)?.geometry;
  const p = first ? positions(first).next().value : undefined;
  if (p && (Math.abs(p[0]) > 180 || Math.abs(p[1]) > 90)) {
    throw new ParseError(`no CRS is declared and the coordinates (${p[0]}, ${p[1]}) are not lon/lat`, guessProjectedCrs(p[0], p[1]));
  }
  if (format === 'shapefile' && data.prjMissing) warnings.push('the shapefile has no .prj: assumed WGS 84 lon/lat (pass --crs if that is wrong)');
  notes.push('CRS EPSG:4326 (default: lon/lat; pass --crs gcj02 for coordinates copied from Amap/Tencent/Baidu-converted maps)');
  return { kind: 'epsg', code: 'EPSG:4326', geographic: true };
}

async function importVector(sql: Sql, opts: ImportOptions, name: string, bytes: Uint8Array, target: VectorTarget): Promise<ImportResult> {
  const ext = extname(name).toLowerCase();
  const format = VECTOR_FORMATS[ext];
  if (!format) {
    throw new ParseError(
      ext === '.tif' || ext === '.tiff' ? `a GeoTIFF cannot be imported as ${target}` : `unsupported file type "${ext || '(none)'}"`,
      ext === '.tif' || ext === '.tiff' ? 'import rasters with --as raster:<layer-id>' : 'use GeoJSON, a zipped shapefile (.zip), KML/KMZ, CSV, or an OpenStreetMap .osm.pbf (--as roads --preset osm)',
    );
  }
  if (format === 'osm-pbf' && (opts.preset !== 'osm' || target !== 'roads')) {
    throw new ParseError('an .osm.pbf file is read only as OSM roads', 'use --as roads --preset osm');
  }
  const notes: string[] = [];
  const { lon, lat, wkt, ...fieldMap } = opts.map ?? {};
  if (format !== 'csv' && (lon || lat || wkt)) throw new ParseError('--map lon=/lat=/wkt= only applies to CSV files', 'leave them out for this file type');
  const data = await readVectorSource(opts, format, bytes, { lon, lat, wkt });
  const warnings = [...data.warnings];
  if (opts.preset === 'osm') {
    if (target !== 'roads') throw new ParseError(`--preset osm reads roads, not ${target}`, 'use --as roads with --preset osm');
    const osm = osmRoads(data.features);
    if (!osm.roads.length) throw new ParseError('no drivable OSM road in the file', `ways need a highway tag such as motorway, trunk, primary … residential (left out: ${Object.entries(osm.skipped).map(([k, n]) => `${k} ×${n}`).join(', ') || 'none'})`);
    notes.push(`OSM preset: ${data.features.length} way(s) → ${osm.roads.length} road line(s) split at shared nodes`);
    const left = Object.entries(osm.skipped).map(([k, n]) => `${k} ×${n}`);
    if (left.length) notes.push(`left out: ${left.join(', ')}`);
    if (osm.unreadable_maxspeed) warnings.push(`${osm.unreadable_maxspeed} way(s) with a maxspeed tantu cannot read got their class's speed`);
    data.features = osmRoadFeatures(osm.roads);
    data.labels = osm.roads.map((r) => r.id);
    data.columns = ['id', 'road_class', 'speed_kmh', 'oneway', 'name_zh', 'name_en'];
  }
  if (data.encoding) notes.push(`attributes decoded as ${data.encoding}`);
  if (data.features.length === 0) throw new ParseError('the file holds no features', 'check that the right file/layer was exported');
  const crs = decideCrs(opts, format, data, notes, warnings);
  if (crs.code === 'EPSG:4490') notes.push('CGCS2000 (EPSG:4490) is treated as WGS 84: they differ by centimetres');

  const mapped = toTargetFeatures(target, data.features, data.labels, {
    map: fieldMap,
    set: opts.set,
    values: opts.values,
    idPrefix: `${target}-${slug(basename(name, extname(name)))}`,
  }, data.columns);
  const used = Object.entries(mapped.columns).filter(([, c]) => c !== undefined).map(([f, c]) => `${f}←${c}`);
  if (used.length) notes.push(`fields: ${used.join(', ')}`);
  if (mapped.generatedIds) notes.push(`${mapped.generatedIds} ids generated as ${target}-${slug(basename(name, extname(name)))}-<n>`);
  if (mapped.derivedForestType) notes.push(`forest_type derived from species_group for ${mapped.derivedForestType} stands (moso_bamboo → bamboo, others → arbor)`);
  try {
    checkFeatures(target, mapped.features);
  } catch (e) {
    if (e instanceof FeatureError) {
      throw new ParseError(e.problem, geometryHint(target, e.problem), data.labels[e.index] ?? `feature ${e.index + 1}`);
    }
    throw e;
  }

  opts.onProgress?.({ phase: 'reproject', done: 0, total: mapped.features.length });
  const { features, bad } = reprojectFeatures(mapped.features, crs);
  if (bad) {
    throw new ParseError(
      `coordinates (${bad.x}, ${bad.y}) are not valid in ${crs.code}`,
      crs.kind === 'epsg' && crs.geographic ? guessProjectedCrs(bad.x, bad.y) : `check the CRS: pass the right one with --crs (${CRS_HINT})`,
      data.labels[bad.index] ?? `feature ${bad.index + 1}`,
    );
  }
  opts.onProgress?.({ phase: 'reproject', done: features.length, total: features.length });

  const source = `import:${name}`;
  let importId = 0;
  try {
    importId = await sql.begin(async (tx) => {
      opts.onProgress?.({ phase: 'insert', done: 0, total: features.length });
      await insertFeatures(tx, target, features, source);
      const [row] = await tx<{ id: string }[]>`
        INSERT INTO imports (target, file_name, source_crs, feature_count)
        VALUES (${target}, ${name}, ${crs.code}, ${features.length}) RETURNING id`;
      return Number(row.id);
    });
  } catch (e) {
    if (e instanceof FeatureError) {
      throw new ParseError(e.problem, geometryHint(target, e.problem), data.labels[e.index] ?? `feature ${e.index + 1}`);
    }
    const pg = e as { code?: string; detail?: string; message?: string };
    if (pg.code === '23505') {
      throw new ParseError(
        `an id is already in ${VECTOR_TARGETS[target].table} (${pg.detail ?? pg.message})`,
        'ids must be new: this file (or one with the same ids) was imported before — delete those rows first, or import without the id column to get generated ids',
      );
    }
    if (pg.code === '23502' || pg.code === '23514' || pg.code === '22P02' || pg.code === '22003') {
      throw new ParseError(`the database refused a value (${pg.message})`, 'check the mapped columns and their values');
    }
    throw e;
  }
  opts.onProgress?.({ phase: 'done', done: features.length, total: features.length });
  return {
    importId,
    target,
    file: name,
    sourceCrs: crs.code,
    featureCount: features.length,
    ids: features.map((f) => String(f.properties?.id)),
    notes,
    warnings,
  };
}

function geometryHint(target: VectorTarget, problem: string): string {
  if (/invalid geometry/i.test(problem)) {
    return 'repair the geometry (QGIS: Vector ▸ Geometry Tools ▸ Fix Geometries; PostGIS: ST_MakeValid) or redraw it so edges do not cross';
  }
  if (/geometry is/.test(problem)) {
    return `${target} holds ${VECTOR_TARGETS[target].geometry === 'MultiPolygon' ? 'polygons' : VECTOR_TARGETS[target].geometry === 'Point' ? 'points' : 'lines'}: check --as, or export the right layer`;
  }
  if (/no geometry/.test(problem)) return 'every feature needs a geometry: remove the empty ones or draw them';
  if (/missing required/.test(problem)) return 'map a column to it with --map <field>=<column>, or give a constant with --set <field>=<value>';
  return 'fix the feature and import again';
}

const LAYER_ID = /^[a-z0-9][a-z0-9_.-]{0,62}$/i;

async function importRaster(sql: Sql, opts: ImportOptions, name: string, bytes: Uint8Array, layerId: string): Promise<ImportResult> {
  if (!LAYER_ID.test(layerId)) {
    throw new ParseError(`"${layerId}" is not a valid layer id`, 'use letters, digits, -, _ or . (e.g. --as raster:carbon-2024)');
  }
  const ext = extname(name).toLowerCase();
  if (ext !== '.tif' && ext !== '.tiff') throw new ParseError(`a ${ext || 'file without extension'} cannot be a raster layer`, 'raster imports take GeoTIFF (.tif) files');
  if (opts.crs && resolveCrs(opts.crs)?.kind === 'gcj02') throw new ParseError('--crs gcj02 is not supported for rasters', 'rasters need an EPSG CRS');
  const info = await readGeoTiffInfo(bytes, opts.crs);
  const notes = [`CRS ${info.crs} (${info.crsNote})`, `${info.width}×${info.height} px, ${info.bands} band(s), values ${info.min}…${info.max}`];
  const warnings: string[] = [];
  if (info.crs === 'EPSG:4490') notes.push('CGCS2000 (EPSG:4490) is treated as WGS 84: they differ by centimetres');
  if (info.nodata === null) warnings.push('no GDAL_NODATA tag: every pixel is treated as valid');
  const dir = resolve(opts.dataDir, 'rasters', 'imported');
  await mkdir(dir, { recursive: true });
  const hash = createHash('sha256').update(bytes).digest('hex').slice(0, 10);
  const path = join(dir, `${layerId}-${hash}.tif`);
  const existed = existsSync(path);
  if (!existed) await writeFile(path, bytes);
  const source = `import:${name}`;
  const min = info.min ?? 0;
  const max = info.max ?? 1;
  let importId = 0;
  let previousPath: string | undefined;
  try {
    importId = await sql.begin(async (tx) => {
      previousPath = (await getRaster(tx, layerId))?.path;
      await registerRaster(tx, {
        layer_id: layerId, path, crs: info.crs, width: info.width, height: info.height, geotransform: info.geotransform,
        nodata: info.nodata, unit: opts.unit ?? null, source, bounds: info.bounds,
      });
      await upsertLayer(tx, {
        id: layerId,
        title_zh: opts.title ?? layerId,
        title_en: opts.title ?? layerId,
        kind: 'raster',
        unit: opts.unit ?? null,
        legend: {
          type: 'ramp', unit: opts.unit ?? '',
          stops: [{ value: min, color: '#ffffcc' }, { value: (min + max) / 2, color: '#78c679' }, { value: max, color: '#006837' }],
        },
        source,
        attribution: null,
        raster_id: layerId,
      });
      const [row] = await tx<{ id: string }[]>`
        INSERT INTO imports (target, file_name, source_crs, feature_count)
        VALUES (${`raster:${layerId}`}, ${name}, ${info.crs}, 1) RETURNING id`;
      return Number(row.id);
    });
  } catch (e) {
    if (!existed) await unlink(path).catch(() => {});
    throw e;
  }
  if (previousPath && previousPath !== path && dirname(previousPath) === dir) await unlink(previousPath).catch(() => {});
  opts.onProgress?.({ phase: 'done', done: 1, total: 1 });
  return {
    importId, target: `raster:${layerId}`, file: name, sourceCrs: info.crs, featureCount: 1, ids: [layerId],
    notes, warnings, rasterPath: path, bounds: info.bounds,
  };
}
