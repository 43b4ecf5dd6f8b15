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
  /** Host names (without port) the server answers to (TANTU_ALLOWED_HOSTS, comma-separated): DNS rebinding fails. */
  allowedHosts: string[];
  /** Believe X-Forwarded-For/-Host/-Proto (TANTU_TRUST_PROXY=1): only behind a proxy that sets them. */
  trustProxy: boolean;
  /** Failed authentications per client address per minute before 429 (TANTU_AUTH_FAILURES_PER_MIN). */
  authFailuresPerMin: number;
  /** Parcel analyses running at once (TANTU_ANALYSIS_CONCURRENCY, default 2); the rest wait their turn. */
  analysisConcurrency: number;
  /** Analyses waiting beyond which new ones get 503 with Retry-After (TANTU_ANALYSIS_QUEUE, default 200). */
  analysisQueue: number;
  /** Memory for rendered tiles, MB (TANTU_TILE_CACHE_MB); they are also kept under <dataDir>/tile-cache. 0 = no tile cache. */
  tileCacheMb: number;
  /** Highest zoom of the vector layers' tiles drawn into the cache after start (TANTU_TILE_SEED_ZOOM, default 14; -1 = none) … */
  tileSeedZoom: number;
  /** … and of the raster layers' (TANTU_TILE_SEED_RASTER_ZOOM, default 12; -1 = none). */
  tileSeedRasterZoom: number;
  /** Most tiles the start-up seeding asks for (TANTU_TILE_SEED_MAX, default 30,000): whole zoom levels within it. */
  tileSeedMax: number;
  /** First administrator created on start when there are no users yet (TANTU_FIRST_ADMIN_USER / TANTU_FIRST_ADMIN_PASSWORD). */
  firstAdminUser?: string;
  firstAdminPassword?: string;
  /** Browser session lifetime, hours (TANTU_SESSION_HOURS, default 12). */
  sessionHours: number;
  /** Wrong passwords in a row before an account is locked (TANTU_LOGIN_MAX_FAILURES, default 5) … */
  loginMaxFailures: number;
  /** … for this many minutes (TANTU_LOGIN_LOCK_MINUTES, default 15). */
  loginLockMinutes: number;
  /** Mark the session cookie Secure (TANTU_SECURE_COOKIES=1; also when the request came over https). */
  secureCookies: boolean;
}

/** The names a laptop server answers to: localhost, the loopback addresses and the bind host. */
const LOCAL_HOSTS = ['localhost', '127.0.0.1', '[::1]'];

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    port: Number(env.PORT ?? 8787),
    dataDir: resolve(env.TANTU_DATA_DIR ?? 'data'),
    databaseUrl: env.DATABASE_URL || undefined,
    loadDemo: env.TANTU_DEMO !== '0',
    maxParcelKm2: Number(env.TANTU_MAX_PARCEL_KM2 ?? 2500),
    maxBodyMb: Number(env.TANTU_MAX_BODY_MB ?? 20),
    adminToken: env.TANTU_ADMIN_TOKEN || undefined,
    allowedHosts: env.TANTU_ALLOWED_HOSTS
      ? env.TANTU_ALLOWED_HOSTS.split(',').map((h) => h.trim().toLowerCase()).filter(Boolean)
      : [...new Set([...LOCAL_HOSTS, ...(env.HOST ? [env.HOST.includes(':') && !env.HOST.startsWith('[') ? `[${env.HOST}]` : env.HOST.toLowerCase()] : [])])],
    trustProxy: env.TANTU_TRUST_PROXY === '1',
    authFailuresPerMin: Number(env.TANTU_AUTH_FAILURES_PER_MIN ?? 10),
    analysisConcurrency: Math.max(1, Number(env.TANTU_ANALYSIS_CONCURRENCY ?? 2) || 2),
    analysisQueue: Math.max(0, Number(env.TANTU_ANALYSIS_QUEUE ?? 200) || 0),
    tileCacheMb: Number(env.TANTU_TILE_CACHE_MB ?? 64),
    tileSeedZoom: Number(env.TANTU_TILE_SEED_ZOOM ?? 14),
    tileSeedRasterZoom: Number(env.TANTU_TILE_SEED_RASTER_ZOOM ?? 12),
    tileSeedMax: Number(env.TANTU_TILE_SEED_MAX ?? 30_000),
    firstAdminUser: env.TANTU_FIRST_ADMIN_USER || undefined,
    firstAdminPassword: env.TANTU_FIRST_ADMIN_PASSWORD || undefined,
    sessionHours: Number(env.TANTU_SESSION_HOURS ?? 12),
    loginMaxFailures: Number(env.TANTU_LOGIN_MAX_FAILURES ?? 5),
    loginLockMinutes: Number(env.TANTU_LOGIN_LOCK_MINUTES ?? 15),
    secureCookies: env.TANTU_SECURE_COOKIES === '1',
  };
}
