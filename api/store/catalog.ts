/** The layer catalog and raster registry in PostGIS. */
import type { Sql, TransactionSql } from 'postgres';
import { LAYER_DEFINITIONS } from './layer-definitions.ts';

export type LegendEntry = { value: number | string; color: string; label_zh: string; label_en: string };
export type Legend =
  | { type: 'classes'; classes: LegendEntry[] }
  | { type: 'ramp'; unit: string; stops: { value: number; color: string }[] }
  | { type: 'style'; color: string; width?: number; fill?: string }
  | { type: 'hillshade' };

export interface LayerDefinition {
  id: string;
  title_zh: string;
  title_en: string;
  kind: 'vector' | 'raster';
  unit: string | null;
  legend: Legend;
  source: string;
  attribution: string | null;
  source_table?: string | null;
  source_filter?: string | null;
  raster_id?: string | null;
  min_zoom?: number;
  max_zoom?: number;
  sort?: number;
}

export interface RasterRecord {
  layer_id: string;
  path: string;
  crs: string;
  width: number;
  height: number;
  /** GDAL order: x0, pixel width, 0, y0, 0, pixel height (negative for north-up). */
  geotransform: number[];
  nodata: number | null;
  unit: string | null;
  source: string;
  /** [west, south, east, north] in EPSG:4326. */
  bounds: [number, number, number, number];
}

type Tx = Sql | TransactionSql;

export async function upsertLayer(sql: Tx, l: LayerDefinition): Promise<void> {
  await sql`
    INSERT INTO layers (id, title_zh, title_en, kind, unit, legend, source, attribution,
                        source_table, source_filter, raster_id, min_zoom, max_zoom, sort)
    VALUES (${l.id}, ${l.title_zh}, ${l.title_en}, ${l.kind}, ${l.unit}, ${sql.json(l.legend as never)}, ${l.source},
            ${l.attribution}, ${l.source_table ?? null}, ${l.source_filter ?? null}, ${l.raster_id ?? null},
            ${l.min_zoom ?? 0}, ${l.max_zoom ?? 16}, ${l.sort ?? 100})
    ON CONFLICT (id) DO UPDATE SET title_zh = EXCLUDED.title_zh, title_en = EXCLUDED.title_en, kind = EXCLUDED.kind,
      unit = EXCLUDED.unit, legend = EXCLUDED.legend, source = EXCLUDED.source, attribution = EXCLUDED.attribution,
      source_table = EXCLUDED.source_table, source_filter = EXCLUDED.source_filter, raster_id = EXCLUDED.raster_id,
      min_zoom = EXCLUDED.min_zoom, max_zoom = EXCLUDED.max_zoom, sort = EXCLUDED.sort`;
}

export async function registerRaster(sql: Tx, r: RasterRecord): Promise<void> {
  const [w, s, e, n] = r.bounds;
  await sql`
    INSERT INTO rasters (layer_id, path, crs, width, height, geotransform, nodata, unit, source, bounds)
    VALUES (${r.layer_id}, ${r.path}, ${r.crs}, ${r.width}, ${r.height}, ${r.geotransform}, ${r.nodata}, ${r.unit},
            ${r.source}, ST_MakeEnvelope(${w}, ${s}, ${e}, ${n}, 4326))
    ON CONFLICT (layer_id) DO UPDATE SET path = EXCLUDED.path, crs = EXCLUDED.crs, width = EXCLUDED.width,
      height = EXCLUDED.height, geotransform = EXCLUDED.geotransform, nodata = EXCLUDED.nodata, unit = EXCLUDED.unit,
      source = EXCLUDED.source, bounds = EXCLUDED.bounds`;
}

export async function getRaster(sql: Tx, layerId: string): Promise<RasterRecord | undefined> {
  const rows = await sql<(Omit<RasterRecord, 'bounds'> & { w: number; s: number; e: number; n: number })[]>`
    SELECT layer_id, path, crs, width, height, geotransform, nodata, unit, source,
           ST_XMin(bounds) w, ST_YMin(bounds) s, ST_XMax(bounds) e, ST_YMax(bounds) n
      FROM rasters WHERE layer_id = ${layerId}`;
  if (!rows.length) return undefined;
  const { w, s, e, n, ...rest } = rows[0];
  return { ...rest, bounds: [w, s, e, n] };
}

export async function listLayers(sql: Tx): Promise<LayerDefinition[]> {
  return sql<LayerDefinition[]>`SELECT * FROM layers ORDER BY sort, id`;
}

export async function getLayer(sql: Tx, id: string): Promise<LayerDefinition | undefined> {
  const rows = await sql<LayerDefinition[]>`SELECT * FROM layers WHERE id = ${id}`;
  return rows[0];
}

/** SQL text selecting the features of a vector layer (its table plus optional filter). */
export function vectorLayerFrom(layer: Pick<LayerDefinition, 'source_table' | 'source_filter'>): string {
  if (!layer.source_table || !/^[a-z_]+$/.test(layer.source_table)) throw new Error(`layer has no valid source table`);
  return layer.source_filter ? `${layer.source_table} WHERE ${layer.source_filter}` : layer.source_table;
}

/**
 * Write every default layer whose data exists into the catalog, with the source taken from
 * the data (e.g. "synthetic demo (seed 42)" or the imported file). Idempotent; run at start.
 */
export async function syncCatalog(sql: Sql): Promise<number> {
  let n = 0;
  for (const def of LAYER_DEFINITIONS) {
    const rows = def.kind === 'raster'
      ? await sql<{ source: string }[]>`SELECT source FROM rasters WHERE layer_id = ${def.raster_id!}`
      : await sql.unsafe<{ source: string }[]>(`SELECT string_agg(DISTINCT source, '; ') AS source FROM ${vectorLayerFrom(def)} HAVING count(*) > 0`);
    if (!rows.length || !rows[0].source) continue;
    const source = rows[0].source;
    const attribution = source.startsWith('synthetic demo')
      ? 'tantu synthetic demo county; outline: Vonng/adcode (CC BY 4.0), data from AMap/NBS'
      : source;
    await upsertLayer(sql, { ...def, source, attribution });
    n++;
  }
  return n;
}
