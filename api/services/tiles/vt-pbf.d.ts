declare module 'vt-pbf' {
  /** Encode geojson-vt tiles (layer name → tile) as one Mapbox Vector Tile. */
  export function fromGeojsonVt(layers: Record<string, { features: unknown[] }>, options?: { version?: number; extent?: number }): Uint8Array;
  const vtpbf: { fromGeojsonVt: typeof fromGeojsonVt };
  export default vtpbf;
}
