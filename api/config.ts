/** Runtime configuration from the environment, with defaults for a laptop. */
import { resolve } from 'node:path';

export interface Config {
  port: number;
  dataDir: string;
  databaseUrl?: string;
  /** Load the demo county into an empty database on start (TANTU_DEMO=0 turns it off). */
  loadDemo: boolean;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    port: Number(env.PORT ?? 8787),
    dataDir: resolve(env.TANTU_DATA_DIR ?? 'data'),
    databaseUrl: env.DATABASE_URL || undefined,
    loadDemo: env.TANTU_DEMO !== '0',
  };
}
