/** The layer catalog as the API answers it: each layer with data, its bounds, legend, source and tile URLs. */
import type { Sql } from 'postgres';
import type { CatalogEntry } from '../schemas/platform.ts';
import { listLayers, vectorLayerFrom, type LayerDefinition } from '../store/catalog.ts';

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
