/**
 * Runtime configuration. A deployment may set `window.TANTU_CONFIG = { styleUrl, center, zoom }`
 * in index.html (e.g. an intranet basemap style), or a link may carry `?style=<url>`.
 * Without either, the basemap is built in code from tantu's own tiles (no external request).
 */
export interface TantuConfig {
  /** A MapLibre style URL on the intranet; replaces the built-in offline basemap. */
  styleUrl?: string;
  /** Initial centre [lon, lat] (degrees) when the URL hash has no view. */
  center?: [number, number];
  zoom?: number;
  /** CSS font-family for map labels (must be installed on the client; no web fonts are fetched). */
  labelFont?: string;
}

declare global {
  interface Window { TANTU_CONFIG?: TantuConfig }
}

/** Anji county (安吉县), the demo county. */
const DEFAULT_CENTER: [number, number] = [119.68, 30.63];

export function readConfig(): Required<Omit<TantuConfig, 'styleUrl'>> & { styleUrl?: string } {
  const fromWindow = window.TANTU_CONFIG ?? {};
  const params = new URLSearchParams(location.search);
  return {
    styleUrl: params.get('style') ?? fromWindow.styleUrl,
    center: fromWindow.center ?? DEFAULT_CENTER,
    zoom: fromWindow.zoom ?? 9.5,
    labelFont: fromWindow.labelFont ??
      '"Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "WenQuanYi Micro Hei", "Microsoft YaHei", "PingFang SC", "SimHei", sans-serif',
  };
}
