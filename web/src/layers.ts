/**
 * deck.gl data layers from the catalog: MVTLayer for vector tiles, TileLayer + BitmapLayer for
 * PNG raster tiles, TextLayer labels (characterSet 'auto', a system CJK font: no glyph server).
 * Everything loads from our own origin; loaders.gl workers are off (they would come from a CDN).
 */
import type { Layer, PickingInfo, Color } from '@deck.gl/core';
import { BitmapLayer, TextLayer } from '@deck.gl/layers';
import { MVTLayer, TileLayer } from '@deck.gl/geo-layers';
import { parse } from '@loaders.gl/core';
import { MVTLoader } from '@loaders.gl/mvt';
import type { LayerInfo } from './api.ts';
import { lang } from './i18n.ts';
import type { LayerState } from './state.ts';

/** loaders.gl options: parse on the main thread (default workers load from unpkg.com). */
const LOAD_OPTIONS = { core: { worker: false }, worker: false } as Record<string, unknown>;

export function parseColor(css: string | undefined, fallback: Color = [80, 80, 80, 255]): Color {
  if (!css) return fallback;
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(css.trim());
  if (hex) {
    let h = hex[1];
    if (h.length === 3) h = h.split('').map((c) => c + c).join('');
    return [parseInt(h.slice(0, 2), 16), parseInt(h.slice(2, 4), 16), parseInt(h.slice(4, 6), 16), 255];
  }
  const rgba = /^rgba?\(([^)]+)\)$/i.exec(css.trim());
  if (rgba) {
    const [r, g, b, a = '1'] = rgba[1].split(',').map((s) => s.trim());
    return [Number(r), Number(g), Number(b), Math.round(Number(a) * 255)];
  }
  return fallback;
}

/** Absolute URL of a tile template; URL() percent-encodes the {z}/{x}/{y} placeholders, so undo that. */
function absolute(url: string): string {
  return new URL(url, location.href).href.replace(/%7B/gi, '{').replace(/%7D/gi, '}');
}

function isAbort(e: unknown): boolean {
  return (e as Error)?.name === 'AbortError';
}

/** Fetch one MVT tile; 204 (empty) and empty bodies are no data. */
async function fetchMvt(url: string, { loadOptions, signal }: { loadOptions?: unknown; signal?: AbortSignal }): Promise<unknown> {
  try {
    const res = await fetch(url, { signal });
    if (res.status === 204 || res.status === 404) return null;
    if (!res.ok) throw new Error(`tile ${url}: HTTP ${res.status}`);
    const buf = await res.arrayBuffer();
    if (buf.byteLength === 0) return null;
    return await parse(buf, MVTLoader, { ...(loadOptions as object), ...LOAD_OPTIONS } as never);
  } catch (e) {
    if (isAbort(e)) return null;
    throw e;
  }
}

/** Fetch one PNG tile as an ImageBitmap; 204 means transparent (no data). */
async function fetchPng(url: string, signal?: AbortSignal): Promise<ImageBitmap | null> {
  try {
    const res = await fetch(url, { signal });
    if (res.status === 204 || res.status === 404) return null;
    if (!res.ok) throw new Error(`tile ${url}: HTTP ${res.status}`);
    const blob = await res.blob();
    if (blob.size === 0) return null;
    return await createImageBitmap(blob);
  } catch (e) {
    if (isAbort(e)) return null;
    throw e;
  }
}


export interface DeckLayerOptions {
  onHover?: (info: PickingInfo, layer: LayerInfo) => void;
  onClick?: (info: PickingInfo, layer: LayerInfo) => void;
  labelFont: string;
  /** Style layer to insert before (the basemap's data anchor), if the style has it. */
  beforeId?: string;
}

const POINT_LAYERS = new Set(['places', 'charging_stations', 'substations']);

export function dataLayer(l: LayerInfo, st: LayerState, opts: DeckLayerOptions): Layer | null {
  if (!st.visible) return null;
  const url = absolute(l.tiles);
  const common = {
    id: `data-${l.id}`,
    opacity: st.opacity,
    minZoom: l.minzoom,
    maxZoom: Math.min(l.maxzoom, 16),
    extent: l.bounds ?? undefined,
    beforeId: opts.beforeId,
  };
  if (l.kind === 'raster') {
    return new TileLayer<ImageBitmap | null>({
      ...common,
      data: url,
      tileSize: 256,
      getTileData: ({ url: u, signal }) => (u ? fetchPng(u, signal) : null),
      renderSubLayers: (props) => {
        if (!props.data) return null;
        const [[w, s], [e, n]] = props.tile.boundingBox;
        return new BitmapLayer({ id: `${props.id}-bitmap`, image: props.data, bounds: [w, s, e, n], opacity: props.opacity });
      },
    });
  }
  const legend = l.legend.type === 'style' ? l.legend : { color: '#555555', fill: undefined, width: 1 };
  const line = parseColor(legend.color);
  const fill = parseColor(legend.fill ?? legend.color, [0, 0, 0, 0]);
  const isPoint = POINT_LAYERS.has(l.id);
  if (l.id === 'places') {
    common.minZoom = Math.max(common.minZoom, 11);
    // deck.gl #8695: with an extent, a TileLayer below its minZoom loads minZoom tiles over the whole extent
    // and keeps updating (a redraw every frame); without it, nothing loads until the map reaches minZoom.
    common.extent = undefined;
  }
  const nameKey = lang() === 'en' ? 'name_en' : 'name_zh';
  return new MVTLayer({
    ...common,
    data: url,
    binary: false,
    loadOptions: LOAD_OPTIONS,
    fetch: fetchMvt as never,
    pickable: true,
    autoHighlight: true,
    highlightColor: [255, 200, 0, 140],
    filled: Boolean(legend.fill) || isPoint,
    stroked: true,
    getFillColor: isPoint ? line : fill,
    getLineColor: isPoint ? [255, 255, 255, 255] : line,
    lineWidthUnits: 'pixels',
    getLineWidth: isPoint ? 1 : legend.width ?? 1,
    pointRadiusUnits: 'pixels',
    // Charging stations by their number of chargers (area ∝ chargers); other points fixed.
    getPointRadius: l.id === 'charging_stations'
      ? (f: { properties: Record<string, unknown> }) => 3 + 1.6 * Math.sqrt(Math.max(1, Number(f.properties.chargers) || 1))
      : isPoint ? Math.max(3, (legend.width ?? 4) / 1.5) : 3,
    // Place names are drawn by the label placement (shell/label-placement.ts), which keeps them apart.
    pointType: 'circle',
    getText: (f: { properties: Record<string, unknown> }) => String(f.properties[nameKey] ?? f.properties.name_zh ?? f.properties.name ?? ''),
    getTextSize: 12,
    getTextColor: [30, 30, 30, 255],
    getTextPixelOffset: [0, -12],
    textCharacterSet: 'auto',
    textFontFamily: opts.labelFont,
    textFontSettings: { sdf: true },
    textOutlineWidth: 3,
    textOutlineColor: [255, 255, 255, 230],
    updateTriggers: { getText: nameKey },
    onHover: (info: PickingInfo) => opts.onHover?.(info, l),
    onClick: (info: PickingInfo) => opts.onClick?.(info, l),
  } as never);
}

export interface Label { position: [number, number]; text: string; size: number }

/** Township (and county) labels from /api/regions: deck.gl TextLayer, CJK via the system font. */
export function labelLayer(labels: Label[], font: string): Layer {
  return new TextLayer<Label>({
    id: 'labels-regions',
    data: labels,
    characterSet: 'auto',
    fontFamily: font,
    fontSettings: { sdf: true },
    getPosition: (d) => d.position,
    getText: (d) => d.text,
    getSize: (d) => d.size,
    getColor: [40, 40, 60, 255],
    outlineWidth: 4,
    outlineColor: [255, 255, 255, 220],
    fontWeight: 600,
    billboard: true,
    updateTriggers: { getText: labels.map((d) => d.text).join('|') },
  });
}
