/**
 * Parcels on the map: drawn with terra-draw (MapLibre adapter) or uploaded. Single polygons
 * without holes live in terra-draw (vertex editing); multipolygons and polygons with holes are
 * kept as they are and drawn by deck.gl. The parcels themselves are in the store (state.ts);
 * this keeps terra-draw and the store in step. Areas in the UI are turf's spherical areas (ha,
 * with 亩 = ha × 15).
 */
import area from '@turf/area';
import { GeoJsonLayer } from '@deck.gl/layers';
import type { PickingInfo } from '@deck.gl/core';
import { TerraDraw, TerraDrawPolygonMode, TerraDrawSelectMode } from 'terra-draw';
import { TerraDrawMapLibreGLAdapter } from 'terra-draw-maplibre-gl-adapter';
import type { Scenario } from './api.ts';
import type { MapShell } from './map.ts';
import { patchParcel, type AppStore, type Parcel, type ParcelGeometry } from './state.ts';

export function areaHa(g: ParcelGeometry): number {
  return area({ type: 'Feature', geometry: g, properties: {} }) / 1e4;
}

/** Identity of a scenario: a result computed for one key is shown only while the scenario has that key. */
export function scenarioKey(s: Scenario): string {
  return JSON.stringify([s.price_scenario ?? 'central', s.discount_rate_pct ?? null, s.crediting_years ?? null, s.methodology ?? null]);
}

/** A parcel to add: uploaded, or restored from the last session (with its result). */
export type NewParcel = Pick<Parcel, 'name' | 'geometry'> & Partial<Pick<Parcel, 'id' | 'properties' | 'origin' | 'result' | 'resultKey'>>;

const POLYGON_STYLE = {
  fillColor: '#ff7f00', fillOpacity: 0.18, outlineColor: '#d35400', outlineWidth: 2.5,
  closingPointColor: '#ffffff', closingPointOutlineColor: '#d35400', closingPointWidth: 5, closingPointOutlineWidth: 2,
} as const;
const SELECT_STYLE = {
  selectedPolygonColor: '#ffb000', selectedPolygonFillOpacity: 0.25, selectedPolygonOutlineColor: '#b35900',
  selectedPolygonOutlineWidth: 3, selectionPointColor: '#ffffff', selectionPointOutlineColor: '#b35900',
  selectionPointWidth: 5, selectionPointOutlineWidth: 2, midPointColor: '#b35900', midPointWidth: 3,
} as const;

export class ParcelEditor {
  private draw!: TerraDraw;
  private counter = 0;

  constructor(private store: AppStore, private shell: MapShell) {}

  /** Start terra-draw (after the map's 'load') and draw the static parcels with deck.gl. */
  start(): void {
    this.draw = new TerraDraw({
      adapter: new TerraDrawMapLibreGLAdapter({ map: this.shell.map, coordinatePrecision: 9 }),
      modes: [
        new TerraDrawPolygonMode({ styles: POLYGON_STYLE as never }),
        new TerraDrawSelectMode({
          flags: { polygon: { feature: { draggable: true, coordinates: { midpoints: true, draggable: true, deletable: true } } } },
          keyEvents: { deselect: 'Escape', delete: 'Delete', rotate: null, scale: null },
          styles: SELECT_STYLE as never,
        }),
      ],
    });
    this.draw.start();
    this.draw.setMode('select');
    this.draw.on('change', (ids, type) => {
      if (type === 'delete') {
        const gone = new Set(ids.map(String));
        this.store.update((s) => ({
          parcels: s.parcels.filter((p) => !gone.has(p.id)),
          selected: s.selected && gone.has(s.selected) ? null : s.selected,
        }));
        return;
      }
      for (const id of ids) {
        const f = this.draw.getSnapshotFeature(id);
        if (!f || f.geometry.type !== 'Polygon') continue;
        if (f.properties.currentlyDrawing) {
          const ring = f.geometry.coordinates[0];
          this.setDrawing({ areaHa: ring.length >= 4 ? areaHa(f.geometry as GeoJSON.Polygon) : null });
        } else if (this.parcel(String(id))) {
          patchParcel(this.store, String(id), { geometry: f.geometry as GeoJSON.Polygon });
        }
      }
    });
    this.draw.on('finish', (id, ctx) => {
      const f = this.draw.getSnapshotFeature(id);
      if (!f || f.geometry.type !== 'Polygon') return;
      const key = String(id);
      if (ctx.action === 'draw') {
        this.counter++;
        const parcel: Parcel = { id: key, name: `${this.counter}`, geometry: f.geometry as GeoJSON.Polygon, origin: 'drawn', editable: true, properties: {} };
        this.draw.setMode('select');
        this.draw.selectFeature(id);
        this.store.update((s) => ({ parcels: [...s.parcels, parcel], selected: key, drawing: { active: false, areaHa: null, finishedAt: performance.now() } }));
      } else if (this.parcel(key)) {
        // An edited geometry: its result no longer holds.
        patchParcel(this.store, key, { geometry: f.geometry as GeoJSON.Polygon, result: undefined, resultKey: undefined, error: undefined });
      }
    });
    this.draw.on('select', (id) => this.store.set({ selected: String(id) }));
    this.draw.on('deselect', () => {
      // Deselecting in terra-draw (click on empty map) clears the selection unless a static parcel took it.
      const s = this.store.get();
      if (s.selected && this.parcel(s.selected)?.editable) this.store.set({ selected: null });
    });
    this.store.subscribe((s) => this.shell.setLayers('parcels', [this.staticLayer(s.parcels, s.selected)]), ['parcels', 'selected']);
  }

  private parcel(id: string): Parcel | undefined {
    return this.store.get().parcels.find((p) => p.id === id);
  }

  private setDrawing(patch: Partial<{ active: boolean; areaHa: number | null }>): void {
    this.store.update((s) => ({ drawing: { ...s.drawing, ...patch } }));
  }

  startDrawing(): void {
    this.draw.setMode('polygon');
    this.setDrawing({ active: true });
  }

  stopDrawing(): void {
    this.draw.setMode('select');
    this.setDrawing({ active: false, areaHa: null });
  }

  /** Add parcels (uploaded or restored); returns their ids. */
  add(items: NewParcel[]): string[] {
    const added: Parcel[] = [];
    const taken = new Set(this.store.get().parcels.map((p) => p.id));
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
      if (!id) id = it.id && !taken.has(it.id) ? it.id : `static-${Date.now().toString(36)}-${added.length}`;
      taken.add(id);
      this.counter++;
      added.push({
        id, name: it.name, geometry: it.geometry, origin: it.origin ?? 'upload', editable, properties: it.properties ?? {},
        result: it.result, resultKey: it.result ? it.resultKey : undefined,
      });
    }
    this.store.update((s) => ({ parcels: [...s.parcels, ...added] }));
    return added.map((p) => p.id);
  }

  remove(id: string): void {
    const p = this.parcel(id);
    if (!p) return;
    if (p.editable && this.draw.hasFeature(id)) {
      if (this.store.get().selected === id) this.draw.deselectFeature(id);
      this.draw.removeFeatures([id]);
    }
    this.store.update((s) => ({ parcels: s.parcels.filter((x) => x.id !== id), selected: s.selected === id ? null : s.selected }));
  }

  clear(): void {
    for (const p of this.store.get().parcels) this.remove(p.id);
  }

  select(id: string | null): void {
    const s = this.store.get();
    if (id === s.selected) return;
    const prev = s.selected ? this.parcel(s.selected) : undefined;
    if (prev?.editable && this.draw.hasFeature(prev.id)) {
      try { this.draw.deselectFeature(prev.id); } catch { /* not selected in terra-draw */ }
    }
    const p = id ? this.parcel(id) : undefined;
    if (p?.editable) {
      if (s.drawing.active) this.stopDrawing();
      this.draw.selectFeature(p.id);
    }
    this.store.set({ selected: id });
  }

  /** Parcels terra-draw cannot hold (multipolygons, holes), drawn by deck.gl; a click selects one. */
  private staticLayer(parcels: Parcel[], selected: string | null): GeoJsonLayer | null {
    const statics = parcels.filter((p) => !p.editable);
    if (!statics.length) return null;
    const isSelected = (f: { properties: { id: string } }) => f.properties.id === selected;
    return new GeoJsonLayer({
      id: 'parcels-static',
      data: { type: 'FeatureCollection', features: statics.map((p) => ({ type: 'Feature', id: p.id, geometry: p.geometry, properties: { id: p.id } })) } as never,
      pickable: true,
      stroked: true,
      filled: true,
      getFillColor: (f: { properties: { id: string } }) => (isSelected(f) ? [255, 176, 0, 90] : [255, 127, 0, 46]),
      getLineColor: (f: { properties: { id: string } }) => (isSelected(f) ? [179, 89, 0, 255] : [211, 84, 0, 255]),
      lineWidthUnits: 'pixels',
      getLineWidth: (f: { properties: { id: string } }) => (isSelected(f) ? 3 : 2),
      updateTriggers: { getFillColor: selected, getLineColor: selected, getLineWidth: selected },
      onClick: (info: PickingInfo) => {
        const id = (info.object as { properties?: { id?: string } })?.properties?.id;
        if (id) this.select(id);
        return true;
      },
    });
  }
}
