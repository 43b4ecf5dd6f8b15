/** The demo county's default seed and where its rasters go (kept apart so start-up can read them without loading the generator). */
import { join } from 'node:path';

/** Default seed of the demo county. */
export const DEMO_SEED = 20240523;

/** Folder of the demo rasters in a data folder. */
export const demoDir = (dataDir: string) => join(dataDir, 'rasters', 'demo');
