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

// Minimal types for `tiny-osmpbf` (tyrasd, 0.1.0): the whole file in, OSM-JSON (Overpass style) out.
declare module 'tiny-osmpbf' {
  export interface OsmElementBase { id: number; tags: Record<string, string> }
  export interface OsmNode extends OsmElementBase { type: 'node'; lat: number; lon: number }
  export interface OsmWay extends OsmElementBase { type: 'way'; nodes: number[] }
  export interface OsmRelation extends OsmElementBase { type: 'relation'; members: { type: string; ref: number; role: string }[] }
  export type OsmElement = OsmNode | OsmWay | OsmRelation;
  export default function tinyosmpbf(input: Uint8Array, handler?: (e: OsmElement) => void): { version: number; generator: string; elements?: OsmElement[] };
}
