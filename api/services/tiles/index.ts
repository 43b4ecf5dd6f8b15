/**
 * Tiles of catalog layers: vector (MVT) and raster (PNG) tiles and TileJSON 3.0 documents.
 * Layer definitions and raster records are memoised for a few seconds, so a map asking for
 * dozens of tiles does not look the layer up each time.
 */
import type { Sql } from 'postgres';
import type { Backend } from '../../store/connect.ts';
import { getLayer, getRaster, listLayers, vectorLayerFrom, type LayerDefinition, type RasterRecord } from '../../store/catalog.ts';
import { rasterStore, type RasterStore } from '../../store/rasters.ts';
import type { TileCache } from './cache.ts';
import { encodePng, renderRasterTile } from './raster.ts';
import { boxesIntersect, tileBounds4326, type TileCoord } from './tile-math.ts';
import { fieldType, tableColumns, vectorTile } from './vector.ts';

export { tileCoordError, tileAt, tileBounds4326, tileBounds3857, MAX_TILE_ZOOM, type TileCoord } from './tile-math.ts';
export { vectorTile, mvtSql } from './vector.ts';
export { renderRasterTile, encodePng, tileFootprint } from './raster.ts';
export { TileCache } from './cache.ts';

export interface TileSource {
  layer: LayerDefinition;
  /** For raster layers. */
  raster?: RasterRecord;
  /** [west, south, east, north] degrees, or null for a layer without features. */
  bounds: [number, number, number, number] | null;
  /** What the layer's tiles depend on (its definition and data): a new version, new tiles. */
  version: string;
}

export interface TileContext {
  sql: Sql;
  backend: Backend;
  /** Raster store; relative raster paths resolve against its base directory. */
  store?: RasterStore;
  /** Rendered tiles kept by layer version; without it every tile is drawn. */
  cache?: TileCache;
}

const TTL_MS = 5000;
const sources = new Map<string, { at: number; value: Promise<TileSource | undefined> }>();

/**
 * The data a vector layer's tiles depend on: the latest import (id and time, so a recreated database
 * whose ids start again from 1 still differs). Every import, of any table, is a new version.
 */
async function importsVersion(sql: Sql): Promise<string> {
  const [row] = await sql<{ id: string; at: Date }[]>`SELECT id::text id, imported_at at FROM imports ORDER BY imports.id DESC LIMIT 1`;
  return row ? `${row.id}@${row.at.toISOString()}` : 'none';
}

/** A layer with what it takes to draw it, or undefined when the catalog has no such layer. */
export function tileSource(sql: Sql, id: string, store: RasterStore = rasterStore): Promise<TileSource | undefined> {
  const now = Date.now();
  const hit = sources.get(id);
  if (hit && now - hit.at < TTL_MS) return hit.value;
  const value = (async (): Promise<TileSource | undefined> => {
    const layer = await getLayer(sql, id);
    if (!layer) return undefined;
    const definition = JSON.stringify(layer);
    if (layer.kind === 'raster') {
      const raster = layer.raster_id ? await getRaster(sql, layer.raster_id) : undefined;
      if (!raster) throw new Error(`raster layer ${id} has no registered raster ${layer.raster_id}`);
      const version = `${definition}|${JSON.stringify(raster)}|${await store.fileVersion(raster.path)}`;
      return { layer, raster, bounds: raster.bounds, version };
    }
    const rows = await sql.unsafe<{ w: number | null; s: number; e: number; n: number }[]>(
      `SELECT ST_XMin(x) w, ST_YMin(x) s, ST_XMax(x) e, ST_YMax(x) n FROM (SELECT ST_Extent(geom) x FROM ${vectorLayerFrom(layer)}) q`);
    const b = rows[0];
    return { layer, bounds: b && b.w !== null ? [Number(b.w), Number(b.s), Number(b.e), Number(b.n)] : null, version: `${definition}|${await importsVersion(sql)}` };
  })();
  value.catch(() => sources.delete(id));
  sources.set(id, { at: now, value });
  return value;
}

/** Forget memoised layer lookups (after an import changed the catalog). */
export function forgetTileSources(): void {
  sources.clear();
}

/** Ids of the layers in the catalog, for error messages. */
export async function knownLayerIds(sql: Sql): Promise<string[]> {
  return (await listLayers(sql)).map((l) => l.id);
}

export type TileFormat = 'mvt' | 'png';

export const formatOf = (kind: LayerDefinition['kind']): TileFormat => (kind === 'vector' ? 'mvt' : 'png');

/** The tile's bytes, or null when the tile is empty or outside the layer's data; from the cache when it has them. */
export async function renderTile(ctx: TileContext, src: TileSource, t: TileCoord): Promise<Uint8Array | null> {
  if (!src.bounds || !boxesIntersect(tileBounds4326(t, 1 / 16), src.bounds)) return null;
  if (!ctx.cache) return drawTile(ctx, src, t);
  return ctx.cache.tile({ layer: src.layer.id, version: src.version, ...t, ext: formatOf(src.layer.kind) }, () => drawTile(ctx, src, t));
}

async function drawTile(ctx: TileContext, src: TileSource, t: TileCoord): Promise<Uint8Array | null> {
  const { layer } = src;
  if (layer.kind === 'vector') {
    // Below the layer's minimum zoom a tile would hold far too many features to be useful.
    if (t.z < (layer.min_zoom ?? 0)) return null;
    return vectorTile(ctx.sql, ctx.backend, layer, t);
  }
  const rgba = await renderRasterTile(ctx.store ?? rasterStore, layer.legend, src.raster!, t);
  return rgba ? encodePng(rgba) : null;
}

/** TileJSON 3.0.0 (https://github.com/mapbox/tilejson-spec/tree/master/3.0.0) of a layer; `origin` makes the tile URL absolute. */
export async function tileJson(sql: Sql, src: TileSource, origin: string): Promise<Record<string, unknown>> {
  const { layer } = src;
  const ext = formatOf(layer.kind);
  const minzoom = layer.min_zoom ?? 0;
  const maxzoom = layer.max_zoom ?? 16;
  const bounds = src.bounds ?? [-180, -85.05112878, 180, 85.05112878];
  const doc: Record<string, unknown> = {
    tilejson: '3.0.0',
    name: layer.id,
    description: `${layer.title_zh} ${layer.title_en}`,
    version: '1.0.0',
    attribution: layer.attribution ?? layer.source,
    scheme: 'xyz',
    tiles: [`${origin}/tiles/${encodeURIComponent(layer.id)}/{z}/{x}/{y}.${ext}`],
    minzoom,
    maxzoom,
    bounds,
    center: [(bounds[0] + bounds[2]) / 2, (bounds[1] + bounds[3]) / 2, Math.min(maxzoom, Math.max(minzoom, 10))],
  };
  if (layer.kind === 'vector') {
    const { attributes } = await tableColumns(sql, layer.source_table!);
    doc.vector_layers = [{
      id: layer.id,
      description: layer.title_en,
      minzoom,
      maxzoom,
      fields: Object.fromEntries(attributes.map((c) => [c.name, fieldType(c.type)])),
    }];
  }
  return doc;
}
