/** The layer panel: toggle, opacity, legend in the layer's units, "synthetic demo" badge. */
import type { Legend, LayerInfo } from '../api.ts';
import { h, replace } from '../dom.ts';
import { lang, num, pick, t } from '../i18n.ts';
import type { MapShell } from '../map.ts';
import type { AppState, AppStore, LayerState } from '../state.ts';

export function legend(l: Legend, unit: string | null): HTMLElement | null {
  switch (l.type) {
    case 'classes':
      return h('ul', { class: 'legend-classes' }, l.classes.map((c) => h('li', null, h('span', { class: 'swatch', style: `background:${c.color}` }), lang() === 'en' ? c.label_en : c.label_zh)));
    case 'ramp': {
      const stops = l.stops;
      const min = stops[0]?.value ?? 0;
      const max = stops[stops.length - 1]?.value ?? 1;
      const at = (v: number) => `${(((v - min) / (max - min || 1)) * 100).toFixed(1)}%`;
      return h('div', { class: 'legend-ramp' },
        h('div', { class: 'ramp', style: `background:linear-gradient(to right, ${stops.map((s) => `${s.color} ${at(s.value)}`).join(', ')})` }),
        h('div', { class: 'ramp-ticks' }, stops.map((s) => h('span', { style: `left:${at(s.value)}` }, num(s.value, Number.isInteger(s.value) ? 0 : 1)))),
        h('div', { class: 'ramp-unit' }, l.unit ?? unit ?? ''));
    }
    case 'style':
      return h('div', { class: 'legend-style' }, h('span', { class: 'swatch', style: `background:${l.fill ?? 'transparent'};border:${Math.max(1, l.width ?? 1)}px solid ${l.color}` }));
    case 'hillshade':
      return h('div', { class: 'legend-ramp' }, h('div', { class: 'ramp', style: 'background:linear-gradient(to right,#222,#fff)' }));
    default:
      return null;
  }
}

function row(store: AppStore, l: LayerInfo, st: LayerState): HTMLElement {
  const setLayer = (patch: Partial<LayerState>) => store.update((s) => ({ layers: { ...s.layers, [l.id]: { ...s.layers[l.id], ...patch } } }));
  const body = h('div', { class: 'layer-body', hidden: !st.visible },
    h('label', { class: 'opacity' }, t('opacity'), ' ',
      h('input', {
        type: 'range', min: 0, max: 100, step: 5, value: String(Math.round(st.opacity * 100)), 'data-testid': `layer-opacity-${l.id}`,
        oninput: (e: Event) => setLayer({ opacity: Number((e.target as HTMLInputElement).value) / 100 }),
      })),
    legend(l.legend, l.unit),
    l.minzoom > 0 ? h('div', { class: 'muted small' }, t('zoom_in_to_see', { z: l.minzoom })) : null,
    h('div', { class: 'muted small', title: l.attribution ?? '' }, `${t('source')}: ${l.source}`));
  return h('li', { class: 'layer', 'data-layer': l.id },
    h('label', { class: 'layer-head' },
      h('input', {
        type: 'checkbox', 'data-testid': `layer-toggle-${l.id}`, checked: st.visible,
        onchange: (e: Event) => {
          const visible = (e.target as HTMLInputElement).checked;
          body.hidden = !visible;
          setLayer({ visible });
        },
      }),
      h('span', { class: 'layer-title' }, pick(l as never, 'title')),
      l.synthetic ? h('span', { class: 'badge', title: t('synthetic_tip') }, t('synthetic')) : null),
    body);
}

/** Render the panel into `el` from the store; it is rebuilt when the catalog or the language changes (not on every slider move). */
export function mountLayerPanel(el: HTMLElement, store: AppStore, shell: MapShell): void {
  const render = (s: AppState) => {
    if (!s.catalog.length) {
      el.replaceChildren(h('p', { class: s.catalogError ? 'error-box' : 'muted' }, s.catalogError ? `${t('no_layers')}: ${s.catalogError}` : t('no_layers')));
      return;
    }
    const data = s.catalog.filter((l) => !shell.isBasemap(l));
    const base = s.catalog.filter((l) => shell.isBasemap(l));
    replace(el,
      h('h3', null, t('data_layers')), h('ul', { class: 'layers' }, data.map((l) => row(store, l, s.layers[l.id]))),
      base.length ? [h('h3', null, t('basemap')), h('ul', { class: 'layers' }, base.map((l) => row(store, l, s.layers[l.id])))] : null,
    );
  };
  render(store.get());
  store.subscribe(render, ['catalog', 'catalogError', 'lang']);
}
