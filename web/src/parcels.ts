/**
 * Parcels: drawn with terra-draw (MapLibre adapter) or uploaded. Single polygons without holes
 * live in terra-draw (vertex editing); multipolygons and polygons with holes are kept as they are
 * and drawn by deck.gl. Areas in the UI are turf's spherical areas (ha, with 亩 = ha × 15).
 */
import area from '@turf/area';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { TerraDraw, TerraDrawPolygonMode, TerraDrawSelectMode } from 'terra-draw';
import { TerraDrawMapLibreGLAdapter } from 'terra-draw-maplibre-gl-adapter';
import type { CarbonResult, Scenario } from './api.ts';

export type ParcelGeometry = GeoJSON.Polygon | GeoJSON.MultiPolygon;

export interface Parcel {
  id: string;
  name: string;
  geometry: ParcelGeometry;
  origin: 'drawn' | 'upload';
  /** True when the geometry lives in terra-draw (editable vertices). */
  editable: boolean;
  properties: Record<string, unknown>;
  result?: CarbonResult;
  /** JSON of the scenario the result was computed for. */
  resultKey?: string;
  error?: { status: number; message: string };
}

export function areaHa(g: ParcelGeometry): number {
  return area({ type: 'Feature', geometry: g, properties: {} }) / 1e4;
}

const STORAGE_KEY = 'tantu.parcels.v1';

type Listener = () => void;

export class ParcelStore {
  parcels = new Map<string, Parcel>();
  selected: string | null = null;
  draw!: TerraDraw;
  private listeners = new Set<Listener>();
  private selectListeners = new Set<(id: string | null) => void>();
  private geometryListeners = new Set<(id: string) => void>();
  private counter = 0;
  /** Area (ha) of the polygon being drawn, for the live readout. */
  drawingAreaHa: number | null = null;
  /** performance.now() of the last finished drawing (to ignore the closing click elsewhere). */
  lastDrawFinish = -Infinity;

  constructor(private map: MapLibreMap) {}

  start(): void {
    const adapter = new TerraDrawMapLibreGLAdapter({ map: this.map, coordinatePrecision: 9 });
    const polygonStyle = {
      fillColor: '#ff7f00', fillOpacity: 0.18, outlineColor: '#d35400', outlineWidth: 2.5,
      closingPointColor: '#ffffff', closingPointOutlineColor: '#d35400', closingPointWidth: 5, closingPointOutlineWidth: 2,
    } as const;
    this.draw = new TerraDraw({
      adapter,
      modes: [
        new TerraDrawPolygonMode({ styles: polygonStyle as never }),
        new TerraDrawSelectMode({
          flags: {
            polygon: {
              feature: {
                draggable: true,
                coordinates: { midpoints: true, draggable: true, deletable: true },
              },
            },
          },
          keyEvents: { deselect: 'Escape', delete: 'Delete', rotate: null, scale: null },
          styles: {
            selectedPolygonColor: '#ffb000', selectedPolygonFillOpacity: 0.25, selectedPolygonOutlineColor: '#b35900',
            selectedPolygonOutlineWidth: 3, selectionPointColor: '#ffffff', selectionPointOutlineColor: '#b35900',
            selectionPointWidth: 5, selectionPointOutlineWidth: 2, midPointColor: '#b35900', midPointWidth: 3,
          } as never,
        }),
      ],
    });
    this.draw.start();
    this.draw.setMode('select');

    this.draw.on('change', (ids, type) => {
      if (type === 'delete') {
        let changed = false;
        for (const id of ids) if (this.parcels.delete(String(id))) changed = true;
        if (this.selected && !this.parcels.has(this.selected)) this.setSelected(null);
        if (changed) this.changed();
        return;
      }
      for (const id of ids) {
        const f = this.draw.getSnapshotFeature(id);
        if (!f || f.geometry.type !== 'Polygon') continue;
        if (f.properties.currentlyDrawing) {
          const ring = f.geometry.coordinates[0];
          this.drawingAreaHa = ring.length >= 4 ? areaHa(f.geometry) : null;
          this.emit();
          continue;
        }
        const p = this.parcels.get(String(id));
        if (p) {
          p.geometry = f.geometry as GeoJSON.Polygon;
          this.emit();
        }
      }
    });
    this.draw.on('finish', (id, ctx) => {
      const f = this.draw.getSnapshotFeature(id);
      if (!f || f.geometry.type !== 'Polygon') return;
      const key = String(id);
      if (ctx.action === 'draw') {
        this.drawingAreaHa = null;
        this.lastDrawFinish = performance.now();
        this.counter++;
        this.parcels.set(key, {
          id: key, name: `${this.counter}`, geometry: f.geometry as GeoJSON.Polygon, origin: 'drawn', editable: true, properties: {},
        });
        this.draw.setMode('select');
        this.draw.selectFeature(id);
        this.setSelected(key);
        this.changed();
      } else {
        const p = this.parcels.get(key);
        if (!p) return;
        p.geometry = f.geometry as GeoJSON.Polygon;
        this.invalidate(p);
        this.changed();
        for (const l of this.geometryListeners) l(key);
      }
    });
    this.draw.on('select', (id) => this.setSelected(String(id)));
    this.draw.on('deselect', () => {
      // Deselecting in terra-draw (click on empty map) clears the selection unless a static parcel took it.
      if (this.selected && this.parcels.get(this.selected)?.editable) this.setSelected(null);
    });
  }

  private invalidate(p: Parcel): void {
    p.result = undefined;
    p.resultKey = undefined;
    p.error = undefined;
  }

  startDrawing(): void {
    this.draw.setMode('polygon');
  }

  stopDrawing(): void {
    this.drawingAreaHa = null;
    this.draw.setMode('select');
    this.emit();
  }

  get drawing(): boolean {
    return this.draw?.getMode() === 'polygon';
  }

  /** Add parcels (uploaded); returns their ids. */
  add(items: { id?: string; name: string; geometry: ParcelGeometry; properties?: Record<string, unknown> }[], origin: Parcel['origin'] = 'upload'): string[] {
    const ids: string[] = [];
    for (const it of items) {
      let id: string | null = null;
      let editable = false;
      if (it.geometry.type === 'Polygon' && it.geometry.coordinates.length === 1) {
        const feature = { type: 'Feature' as const, geometry: it.geometry, properties: { mode: 'polygon' } };
        let [v] = it.id && !this.draw.hasFeature(it.id) ? this.draw.addFeatures([{ ...feature, id: it.id }]) : [undefined];
        if (!v?.valid) [v] = this.draw.addFeatures([feature]);
        if (v?.valid) {
          id = String(v.id);
          editable = true;
        }
      }
      if (!id) id = it.id && !this.parcels.has(it.id) ? it.id : `static-${Date.now().toString(36)}-${ids.length}`;
      this.counter++;
      this.parcels.set(id, { id, name: it.name, geometry: it.geometry, origin, editable, properties: it.properties ?? {} });
      ids.push(id);
    }
    this.changed();
    return ids;
  }

  remove(id: string): void {
    const p = this.parcels.get(id);
    if (!p) return;
    if (p.editable && this.draw.hasFeature(id)) {
      if (this.selected === id) this.draw.deselectFeature(id);
      this.draw.removeFeatures([id]);
    }
    this.parcels.delete(id);
    if (this.selected === id) this.setSelected(null);
    this.changed();
  }

  clear(): void {
    for (const id of [...this.parcels.keys()]) this.remove(id);
  }

  rename(id: string, name: string): void {
    const p = this.parcels.get(id);
    if (p) { p.name = name; this.changed(); }
  }

  select(id: string | null): void {
    if (id === this.selected) return;
    const prev = this.selected ? this.parcels.get(this.selected) : undefined;
    if (prev?.editable && this.draw.hasFeature(prev.id)) {
      try { this.draw.deselectFeature(prev.id); } catch { /* not selected in terra-draw */ }
    }
    const p = id ? this.parcels.get(id) : undefined;
    if (p?.editable) {
      if (this.drawing) this.draw.setMode('select');
      this.draw.selectFeature(p.id);
    }
    this.setSelected(id);
  }

  private setSelected(id: string | null): void {
    if (this.selected === id) return;
    this.selected = id;
    for (const l of this.selectListeners) l(id);
    this.emit();
  }

  onChange(f: Listener): void { this.listeners.add(f); }
  onSelect(f: (id: string | null) => void): void { this.selectListeners.add(f); }
  onGeometryEdited(f: (id: string) => void): void { this.geometryListeners.add(f); }

  /** Set an analysis result (or error) and notify. */
  setResult(id: string, key: string, result: CarbonResult | undefined, error?: Parcel['error']): void {
    const p = this.parcels.get(id);
    if (!p) return;
    p.result = result;
    p.resultKey = result ? key : undefined;
    p.error = error;
    this.changed();
  }

  list(): Parcel[] {
    return [...this.parcels.values()];
  }

  private emit(): void {
    for (const l of this.listeners) l();
  }

  private changed(): void {
    this.save();
    this.emit();
  }

  /** Parcels and results survive a reload (e.g. opening #report directly). */
  save(): void {
    try {
      const data = this.list().map(({ id, name, geometry, origin, properties, result, resultKey }) => ({ id, name, geometry, origin, properties, result, resultKey }));
      localStorage.setItem(STORAGE_KEY, JSON.stringify(data));
    } catch { /* storage full or disabled */ }
  }

  restore(): void {
    let data: Parcel[] = [];
    try {
      data = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? '[]');
    } catch { return; }
    if (!Array.isArray(data) || !data.length) return;
    const ids = this.add(data.map((d) => ({ id: d.id, name: d.name, geometry: d.geometry, properties: d.properties })), 'upload');
    ids.forEach((id, i) => {
      const p = this.parcels.get(id)!;
      p.origin = data[i].origin ?? 'upload';
      p.result = data[i].result;
      p.resultKey = data[i].resultKey;
    });
    this.emit();
  }
}

export function scenarioKey(s: Scenario): string {
  return JSON.stringify([s.price_scenario ?? 'central', s.discount_rate_pct ?? null, s.crediting_years ?? null, s.methodology ?? null]);
}
