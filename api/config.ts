/** Runtime configuration from the environment, with defaults for a laptop. */
import { resolve } from 'node:path';

export interface Config {
  port: number;
  dataDir: string;
  databaseUrl?: string;
  /** Load the demo county into an empty database on start (TANTU_DEMO=0 turns it off). */
  loadDemo: boolean;
  /** Largest parcel an analysis accepts, km² (TANTU_MAX_PARCEL_KM2). */
  maxParcelKm2: number;
  /** Largest request body, MB (TANTU_MAX_BODY_MB). */
  maxBodyMb: number;
  /** Bearer token that may change parameter tables (TANTU_ADMIN_TOKEN); unset = nobody may. */
  adminToken?: string;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    port: Number(env.PORT ?? 8787),
    dataDir: resolve(env.TANTU_DATA_DIR ?? 'data'),
    databaseUrl: env.DATABASE_URL || undefined,
    loadDemo: env.TANTU_DEMO !== '0',
    maxParcelKm2: Number(env.TANTU_MAX_PARCEL_KM2 ?? 2500),
    maxBodyMb: Number(env.TANTU_MAX_BODY_MB ?? 20),
    adminToken: env.TANTU_ADMIN_TOKEN || undefined,
  };
}
