/** Raster paths in the catalog are relative to the data folder: tell the shared raster store where it is. */
import { rasterStore } from '../store/rasters.ts';

export function useRasterDir(dataDir: string): void {
  rasterStore.setBaseDir(dataDir);
}
