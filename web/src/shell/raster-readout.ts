/**
 * The raster readout: the value of every visible raster layer (GHI, wind, carbon density, land
 * cover …) under the pointer, from GET /api/layers/{id}/value, in a small box at the foot of the
 * map. Hover asks after the pointer rests for a moment (older requests are aborted); a click asks at once.
 */
import { fetchRasterValue, type LayerInfo, type RasterValue } from '../api.ts';
import { h, replace } from '../dom.ts';
import { lang, num, pick, t } from '../i18n.ts';
import type { MapShell } from '../map.ts';
import type { AppStore } from '../state.ts';
import { unitText } from './sources.ts';

/** Rasters whose value means nothing to read (shading). */
const NO_READOUT = new Set(['hillshade']);

function digits(v: number): number {
  const a = Math.abs(v);
  return Number.isInteger(v) ? 0 : a >= 100 ? 0 : a >= 10 ? 1 : 2;
}

export function mountRasterReadout(el: HTMLElement, store: AppStore, shell: MapShell): void {
  let ctrl: AbortController | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let last: { layer: LayerInfo; v: RasterValue }[] = [];
  const layers = () => {
    const s = store.get();
    return s.catalog.filter((l) => l.kind === 'raster' && !NO_READOUT.has(l.id) && s.layers[l.id]?.visible);
  };
  const render = () => {
    const shown = last.filter((x) => x.v.value !== null);
    el.hidden = !shown.length;
    replace(el, shown.map(({ layer, v }) => h('div', { 'data-layer': layer.id },
      h('span', { class: 'muted' }, `${pick(layer as never, 'title')}: `),
      v.class ? (lang() === 'en' ? v.class.label_en : v.class.label_zh) : `${num(v.value, digits(v.value!))}${v.unit ? ` ${unitText(v.unit)}` : ''}`)));
  };
  const ask = async (lon: number, lat: number) => {
    ctrl?.abort();
    const c = new AbortController();
    ctrl = c;
    const ls = layers();
    if (!ls.length) { last = []; render(); return; }
    try {
      const values = await Promise.all(ls.map((l) => fetchRasterValue(l.id, lon, lat, c.signal)));
      if (c.signal.aborted) return;
      last = ls.map((layer, i) => ({ layer, v: values[i] }));
      el.dataset.lon = String(lon);
      el.dataset.lat = String(lat);
      render();
    } catch (e) {
      if ((e as Error).name !== 'AbortError') console.warn('[readout]', (e as Error).message);
    }
  };
  shell.map.on('mousemove', (e) => {
    clearTimeout(timer);
    timer = setTimeout(() => void ask(e.lngLat.lng, e.lngLat.lat), 180);
  });
  shell.map.on('click', (e) => { clearTimeout(timer); void ask(e.lngLat.lng, e.lngLat.lat); });
  shell.map.on('mouseout', () => { clearTimeout(timer); ctrl?.abort(); last = []; render(); });
  el.title = t('carbon_readout_tip');
  store.subscribe(() => { el.title = t('carbon_readout_tip'); render(); }, ['lang']);
  store.subscribe(() => { last = last.filter((x) => store.get().layers[x.layer.id]?.visible); render(); }, ['layers']);
}
