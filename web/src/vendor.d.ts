/// <reference types="vite/client" />
// Minimal types for the part of `shapefile` (mbostock, 0.6) the web upload uses.
declare module 'shapefile' {
  export function read(
    shp: ArrayBuffer | Uint8Array,
    dbf?: ArrayBuffer | Uint8Array,
    options?: { encoding?: string },
  ): Promise<import('geojson').FeatureCollection>;
}
