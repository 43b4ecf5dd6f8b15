/**
 * The URL hash keeps what a shared link must reproduce:
 *   #wb=carbon&map=<zoom>/<lat>/<lon>&layers=<id>,<id>&lang=en   (the map with a workbench)
 *   #report&parcel=<id>&map=…&layers=…                           (report for one parcel; no parcel = all)
 */
import type { Lang } from './i18n.ts';

export interface HashState {
  route: 'map' | 'report';
  /** Active workbench id (shell/registry.ts). */
  workbench?: string;
  view?: { zoom: number; lat: number; lon: number };
  layers?: string[];
  lang?: Lang;
  parcel?: string;
}

export function parseHash(hash: string): HashState {
  const parts = hash.replace(/^#/, '').split('&').filter(Boolean);
  const state: HashState = { route: 'map' };
  for (const part of parts) {
    const eq = part.indexOf('=');
    if (eq < 0) {
      if (part === 'report') state.route = 'report';
      continue;
    }
    const key = part.slice(0, eq);
    const value = decodeURIComponent(part.slice(eq + 1));
    if (key === 'map') {
      const [z, lat, lon] = value.split('/').map(Number);
      if ([z, lat, lon].every(Number.isFinite)) state.view = { zoom: z, lat, lon };
    } else if (key === 'layers') {
      state.layers = value ? value.split(',').filter(Boolean) : [];
    } else if (key === 'lang') {
      state.lang = value === 'en' ? 'en' : 'zh-CN';
    } else if (key === 'parcel') {
      state.parcel = value;
    } else if (key === 'wb') {
      state.workbench = value;
    }
  }
  return state;
}

export function formatHash(s: HashState): string {
  const parts: string[] = [];
  if (s.route === 'report') parts.push('report');
  if (s.parcel) parts.push(`parcel=${encodeURIComponent(s.parcel)}`);
  if (s.workbench) parts.push(`wb=${encodeURIComponent(s.workbench)}`);
  if (s.view) parts.push(`map=${s.view.zoom.toFixed(2)}/${s.view.lat.toFixed(5)}/${s.view.lon.toFixed(5)}`);
  if (s.layers) parts.push(`layers=${s.layers.map(encodeURIComponent).join(',')}`);
  if (s.lang === 'en') parts.push('lang=en');
  return `#${parts.join('&')}`;
}
