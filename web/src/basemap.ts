/**
 * The offline basemap: a MapLibre style built in code from tantu's own tiles — hillshade
 * (PNG raster tiles), water, roads and boundaries (MVT, source-layer = layer id). No glyphs,
 * no sprites, no external URL: labels are drawn by deck.gl (see layers.ts).
 */
import type { ExpressionSpecification, StyleSpecification, LayerSpecification, SourceSpecification } from 'maplibre-gl';
import type { LayerInfo } from './api.ts';

/** Catalog layers drawn by the basemap style rather than by deck.gl. */
export const BASEMAP_LAYER_IDS = ['hillshade', 'water', 'rivers', 'roads', 'boundaries'] as const;

/** The style layer id under which deck.gl data layers are inserted (above hillshade/water, below roads). */
export const DATA_ANCHOR = 'tantu-data-anchor';
/** Deck layers that must sit above everything (labels, parcels) use no beforeId. */

/** Absolute URL of a tile template; URL() percent-encodes the {z}/{x}/{y} placeholders, so undo that. */
function absolute(url: string): string {
  return new URL(url, location.href).href.replace(/%7B/gi, '{').replace(/%7D/gi, '}');
}

function source(l: LayerInfo): SourceSpecification {
  const common = {
    tiles: [absolute(l.tiles)],
    minzoom: l.minzoom,
    maxzoom: Math.min(l.maxzoom, 16),
    ...(l.bounds ? { bounds: l.bounds } : {}),
    // Attributions are shown by the map's attribution control, in the interface's language (map.ts).
  };
  return l.kind === 'raster' ? { type: 'raster', tileSize: 256, ...common } : { type: 'vector', ...common };
}

/** Road width factor by class: the legend says "width by road class". */
const ROAD_WIDTH: ExpressionSpecification = ['match', ['get', 'road_class'], 'expressway', 1.8, 'national', 1.5, 'provincial', 1.3, 'county', 1.1, 'urban', 1, 0.8];

/** Build the style from the catalog (layers without data are left out). */
export function buildBasemapStyle(catalog: LayerInfo[]): StyleSpecification {
  const byId = new Map(catalog.map((l) => [l.id, l]));
  const sources: Record<string, SourceSpecification> = {};
  const below: LayerSpecification[] = [{ id: 'background', type: 'background', paint: { 'background-color': '#f2efe6' } }];
  const above: LayerSpecification[] = [];

  const hs = byId.get('hillshade');
  if (hs && hs.kind === 'raster') {
    sources.hillshade = source(hs);
    below.push({ id: 'hillshade', type: 'raster', source: 'hillshade', paint: { 'raster-opacity': 0.55, 'raster-fade-duration': 0 } });
  }
  for (const id of ['water', 'rivers'] as const) {
    const l = byId.get(id);
    if (!l || l.kind !== 'vector') continue;
    sources[id] = source(l);
    below.push({ id: `${id}-fill`, type: 'fill', source: id, 'source-layer': id, filter: ['==', ['geometry-type'], 'Polygon'], paint: { 'fill-color': '#a9cfe8' } });
    below.push({ id: `${id}-line`, type: 'line', source: id, 'source-layer': id, filter: ['==', ['geometry-type'], 'LineString'], paint: { 'line-color': '#7fb3d9', 'line-width': 1.2 } });
  }
  // deck.gl data layers go here (interleaved), see DATA_ANCHOR.
  const roads = byId.get('roads');
  if (roads && roads.kind === 'vector') {
    sources.roads = source(roads);
    above.push({
      id: 'roads-casing', type: 'line', source: 'roads', 'source-layer': 'roads',
      layout: { 'line-cap': 'round', 'line-join': 'round' },
      paint: { 'line-color': '#9a8f80', 'line-width': ['interpolate', ['linear'], ['zoom'], 8, ['*', 1.2, ROAD_WIDTH], 14, ['*', 5, ROAD_WIDTH]] },
    });
    above.push({
      id: 'roads', type: 'line', source: 'roads', 'source-layer': 'roads',
      layout: { 'line-cap': 'round', 'line-join': 'round' },
      paint: { 'line-color': '#fffaf0', 'line-width': ['interpolate', ['linear'], ['zoom'], 8, ['*', 0.5, ROAD_WIDTH], 14, ['*', 3.5, ROAD_WIDTH]] },
    });
  }
  const bnd = byId.get('boundaries');
  if (bnd && bnd.kind === 'vector') {
    sources.boundaries = source(bnd);
    above.push({
      id: 'boundaries', type: 'line', source: 'boundaries', 'source-layer': 'boundaries',
      paint: {
        'line-color': '#4a4a5a',
        'line-opacity': 0.8,
        'line-width': ['match', ['get', 'level'], 'province', 2.5, 'city', 2.2, 'county', 2, 'township', 1, 0.6],
        'line-dasharray': [3, 2],
      },
    });
  }
  return {
    version: 8,
    name: 'tantu offline basemap',
    sources,
    // An invisible anchor: deck.gl layers are inserted just before it.
    layers: [...below, { id: DATA_ANCHOR, type: 'background', layout: { visibility: 'none' }, paint: {} }, ...above],
  };
}

/** Style layer ids that belong to a catalog layer (for the layer panel's toggle and opacity). */
export function basemapStyleLayers(id: string): { id: string; opacityProp: string }[] {
  switch (id) {
    case 'hillshade': return [{ id: 'hillshade', opacityProp: 'raster-opacity' }];
    case 'water':
    case 'rivers': return [{ id: `${id}-fill`, opacityProp: 'fill-opacity' }, { id: `${id}-line`, opacityProp: 'line-opacity' }];
    case 'roads': return [{ id: 'roads-casing', opacityProp: 'line-opacity' }, { id: 'roads', opacityProp: 'line-opacity' }];
    case 'boundaries': return [{ id: 'boundaries', opacityProp: 'line-opacity' }];
    default: return [];
  }
}
