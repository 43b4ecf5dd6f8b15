/** The layer catalog: which layers have data, where they came from, where their tiles are. */
import type { Sql } from 'postgres';
import { listLayers, upsertLayer, type LayerDefinition } from '../stores/catalog.ts';
import { DEFAULT_LAYERS } from './default-layers.ts';

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
  for (const def of DEFAULT_LAYERS) {
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

export interface CatalogEntry {
  id: string;
  title_zh: string;
  title_en: string;
  kind: 'vector' | 'raster';
  unit: string | null;
  legend: LayerDefinition['legend'];
  bounds: [number, number, number, number] | null;
  minzoom: number;
  maxzoom: number;
  tiles: string;
  tilejson: string;
  source: string;
  synthetic: boolean;
  attribution: string | null;
}

async function layerBounds(sql: Sql, l: LayerDefinition): Promise<[number, number, number, number] | null> {
  const rows = l.kind === 'raster'
    ? await sql`SELECT ST_XMin(bounds) w, ST_YMin(bounds) s, ST_XMax(bounds) e, ST_YMax(bounds) n FROM rasters WHERE layer_id = ${l.raster_id!}`
    : await sql.unsafe(`SELECT ST_XMin(x) w, ST_YMin(x) s, ST_XMax(x) e, ST_YMax(x) n FROM (SELECT ST_Extent(geom) x FROM ${vectorLayerFrom(l)}) q`);
  const b = rows[0];
  return b && b.w !== null ? [Number(b.w), Number(b.s), Number(b.e), Number(b.n)] : null;
}

export async function catalog(sql: Sql): Promise<CatalogEntry[]> {
  const layers = await listLayers(sql);
  const out: CatalogEntry[] = [];
  for (const l of layers) {
    const ext = l.kind === 'vector' ? 'mvt' : 'png';
    out.push({
      id: l.id,
      title_zh: l.title_zh,
      title_en: l.title_en,
      kind: l.kind,
      unit: l.unit,
      legend: l.legend,
      bounds: await layerBounds(sql, l),
      minzoom: l.min_zoom ?? 0,
      maxzoom: l.max_zoom ?? 16,
      tiles: `/tiles/${l.id}/{z}/{x}/{y}.${ext}`,
      tilejson: `/tiles/${l.id}.json`,
      source: l.source,
      synthetic: l.source.startsWith('synthetic demo'),
      attribution: l.attribution,
    });
  }
  return out;
}
