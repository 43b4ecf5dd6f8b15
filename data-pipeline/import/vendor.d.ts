// Minimal types for the parts of `shapefile` (mbostock, 0.6) the importer uses.
declare module 'shapefile' {
  import type { Geometry, BBox } from 'geojson';
  export interface ShpSource {
    bbox: BBox;
    read(): Promise<{ done: boolean; value: Geometry | null }>;
    cancel(): Promise<void>;
  }
  export function openShp(source: ArrayBuffer | Uint8Array | string): Promise<ShpSource>;
}
