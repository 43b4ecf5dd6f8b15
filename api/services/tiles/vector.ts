/**
 * Vector tiles (Mapbox Vector Tile 2.1, extent 4096, buffer 64) of a catalog layer.
 * Server backend: ST_AsMVT/ST_AsMVTGeom in PostGIS. Embedded backend (PGlite's PostGIS has no
 * protobuf): features clipped and simplified in EPSG:3857 by PostGIS, encoded in Node with
 * geojson-vt + vt-pbf. Both give one layer named after the catalog layer id, with every
 * non-geometry column of the source table as attributes (nulls omitted).
 */
import GeoJSONVT from 'geojson-vt';
import vtpbf from 'vt-pbf';
import type { Sql } from 'postgres';
import type { Backend } from '../../store/connect.ts';
import { vectorLayerFrom, type LayerDefinition } from '../../store/catalog.ts';
import { tileBounds3857, tileBounds4326, type TileCoord } from './tile-math.ts';

export const MVT_EXTENT = 4096;
export const MVT_BUFFER = 64;

export interface Column {
  name: string;
  /** PostgreSQL type name, e.g. 'text', 'integer', 'double precision'. */
  type: string;
}

export interface TableColumns {
  geometry: string;
  attributes: Column[];
}

const columnCache = new Map<string, Promise<TableColumns>>();

/** The geometry column and the other columns of a table (cached for the process: schemas change only by migration). */
export function tableColumns(sql: Sql, table: string): Promise<TableColumns> {
  let p = columnCache.get(table);
  if (!p) {
    p = (async () => {
      const rows = await sql<{ name: string; type: string }[]>`
        SELECT a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type
          FROM pg_attribute a
         WHERE a.attrelid = to_regclass(${table}) AND a.attnum > 0 AND NOT a.attisdropped
         ORDER BY a.attnum`;
      if (!rows.length) throw new Error(`table ${table} does not exist`);
      const geoms = rows.filter((r) => /^(geometry|geography)\b/.test(r.type));
      if (!geoms.length) throw new Error(`table ${table} has no geometry column`);
      return { geometry: geoms[0].name, attributes: rows.filter((r) => !geoms.includes(r)).map((r) => ({ name: r.name, type: r.type })) };
    })();
    p.catch(() => columnCache.delete(table));
    columnCache.set(table, p);
  }
  return p;
}

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** TileJSON field type of a PostgreSQL column type. */
export function fieldType(pgType: string): 'Number' | 'Boolean' | 'String' {
  if (pgType === 'boolean') return 'Boolean';
  if (/^(smallint|integer|bigint|real|double precision)$/.test(pgType)) return 'Number';
  return 'String';
}

/** The SQL statement ST_AsMVT runs for a tile (parameters $1 z, $2 x, $3 y, $4 layer name). Exported for benchmarks. */
export async function mvtSql(sql: Sql, layer: LayerDefinition): Promise<string> {
  const { geometry, attributes } = await tableColumns(sql, layer.source_table!);
  const g = ident(geometry);
  const cols = attributes.map((c) => `t.${ident(c.name)}`).join(', ');
  return `
    SELECT ST_AsMVT(q, $4::text, ${MVT_EXTENT}, 'mvt_geom_') AS mvt FROM (
      SELECT ST_AsMVTGeom(ST_Transform(t.${g}, 3857), ST_TileEnvelope($1::int, $2::int, $3::int), ${MVT_EXTENT}, ${MVT_BUFFER}, true) AS mvt_geom_
             ${cols ? ', ' + cols : ''}
        FROM (SELECT * FROM ${vectorLayerFrom(layer)}) t
       WHERE t.${g} && ST_Transform(ST_TileEnvelope($1::int, $2::int, $3::int, margin => ${MVT_BUFFER / MVT_EXTENT}), 4326)
    ) q WHERE q.mvt_geom_ IS NOT NULL`;
}

/** MVT bytes of a layer's tile on a PostGIS server, or null when the tile has no features. */
async function serverTile(sql: Sql, layer: LayerDefinition, t: TileCoord): Promise<Uint8Array | null> {
  const rows = await sql.unsafe<{ mvt: Buffer | null }[]>(await mvtSql(sql, layer), [t.z, t.x, t.y, layer.id]);
  const mvt = rows[0]?.mvt;
  return mvt && mvt.length ? new Uint8Array(mvt.buffer, mvt.byteOffset, mvt.length) : null;
}

/** Types ST_AsMVT encodes as numbers or booleans; everything else it writes as text. */
const NATIVE = /^(boolean|smallint|integer|bigint|real|double precision|text|character varying.*)$/;

/** MVT bytes of a layer's tile encoded in Node (embedded backend), or null when the tile has no features. */
async function nodeTile(sql: Sql, layer: LayerDefinition, t: TileCoord): Promise<Uint8Array | null> {
  const { geometry, attributes } = await tableColumns(sql, layer.source_table!);
  const g = ident(geometry);
  const [minx, miny, maxx, maxy] = tileBounds3857(t);
  const size = maxx - minx;
  const b = (size * MVT_BUFFER) / MVT_EXTENT;
  const [w, s, e, n] = tileBounds4326(t, MVT_BUFFER / MVT_EXTENT);
  // One tile unit (1/4096 of the tile): finer detail is lost when the tile is encoded anyway.
  const tolerance = size / MVT_EXTENT;
  const cols = attributes.map((c) => (NATIVE.test(c.type) ? `t.${ident(c.name)}` : `t.${ident(c.name)}::text AS ${ident(c.name)}`));
  const bigints = attributes.filter((c) => c.type === 'bigint').map((c) => c.name);
  const rows = await sql.unsafe<Record<string, unknown>[]>(`
    SELECT ST_AsGeoJSON(ST_Transform(geom3857, 4326), 8) AS geojson_ ${cols.length ? ', ' + attributes.map((c) => `q.${ident(c.name)}`).join(', ') : ''}
      FROM (
        SELECT ST_SimplifyPreserveTopology(ST_ClipByBox2D(ST_Transform(t.${g}, 3857), ST_MakeEnvelope($5, $6, $7, $8, 3857)), $9) AS geom3857
               ${cols.length ? ', ' + cols.join(', ') : ''}
          FROM (SELECT * FROM ${vectorLayerFrom(layer)}) t
         WHERE t.${g} && ST_MakeEnvelope($1, $2, $3, $4, 4326)
      ) q
     WHERE NOT ST_IsEmpty(q.geom3857)`,
    [w, s, e, n, minx - b, miny - b, maxx + b, maxy + b, tolerance]);
  if (!rows.length) return null;
  const features: GeoJSON.Feature[] = rows.map((r) => {
    const { geojson_, ...props } = r;
    for (const k of bigints) if (typeof props[k] === 'string') props[k] = Number(props[k]);
    return { type: 'Feature', properties: props, geometry: JSON.parse(geojson_ as string) };
  });
  const index = new GeoJSONVT({ type: 'FeatureCollection', features }, {
    maxZoom: t.z, indexMaxZoom: 0, indexMaxPoints: 0, extent: MVT_EXTENT, buffer: MVT_BUFFER, tolerance: 3,
  });
  const tile = index.getTile(t.z, t.x, t.y);
  if (!tile || !tile.features.length) return null;
  return vtpbf.fromGeojsonVt({ [layer.id]: tile }, { version: 2, extent: MVT_EXTENT });
}

/** MVT bytes of a vector layer's tile, or null when no feature touches it. */
export function vectorTile(sql: Sql, backend: Backend, layer: LayerDefinition, t: TileCoord): Promise<Uint8Array | null> {
  return backend === 'server' ? serverTile(sql, layer, t) : nodeTile(sql, layer, t);
}
