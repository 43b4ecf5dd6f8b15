/** The layer panel: toggle, opacity, legend in the layer's units, "synthetic demo" badge. */
import type { Legend, LayerInfo } from '../api.ts';
import { h, replace } from '../dom.ts';
import { lang, num, pick, t } from '../i18n.ts';
import type { MapShell } from '../map.ts';
import type { AppState, AppStore, LayerState } from '../state.ts';
import { sourceText, unitText } from './sources.ts';

/** Layers drawn as lines and as points: their legend is a line or a dot, not a filled box. */
const LINE_LAYERS = new Set(['roads', 'power_lines', 'boundaries', 'rivers']);
const POINT_LAYERS = new Set(['places', 'charging_stations', 'substations']);

/**
 * Where the ramp's stops sit along the bar (0–1): by value, unless the values are so uneven that
 * labels would pile up (population 0/5/50/200/1,000), then evenly (the colours between neighbouring
 * stops still blend as the map blends them).
 */
export function rampPositions(values: number[]): number[] {
  const min = values[0] ?? 0;
  const max = values[values.length - 1] ?? 1;
  const byValue = values.map((v) => (v - min) / (max - min || 1));
  const gaps = byValue.slice(1).map((x, i) => x - byValue[i]);
  return gaps.length && Math.min(...gaps) < 0.08 ? values.map((_, i) => i / Math.max(1, values.length - 1)) : byValue;
}

export function legend(l: Legend, unit: string | null, layerId?: string): HTMLElement | null {
  switch (l.type) {
    case 'classes':
      return h('ul', { class: 'legend-classes' }, l.classes.map((c) => h('li', null, h('span', { class: 'swatch', style: `background:${c.color}` }), lang() === 'en' ? c.label_en : c.label_zh)));
    case 'ramp': {
      const stops = l.stops;
      const pos = rampPositions(stops.map((s) => s.value));
      const at = (i: number) => `${(pos[i] * 100).toFixed(1)}%`;
      return h('div', { class: 'legend-ramp' },
        h('div', { class: 'ramp', style: `background:linear-gradient(to right, ${stops.map((s, i) => `${s.color} ${at(i)}`).join(', ')})` }),
        h('div', { class: 'ramp-ticks' }, stops.map((s, i) => h('span', { style: `left:${at(i)}` }, num(s.value, Number.isInteger(s.value) ? 0 : 1)))),
        h('div', { class: 'ramp-unit' }, unitText(l.unit ?? unit)));
    }
    case 'style': {
      if (layerId === 'roads') return h('div', { class: 'legend-style' }, h('span', { class: 'line-swatch road' }), h('span', { class: 'small muted' }, t('carbon_legend_roads')));
      if (layerId && LINE_LAYERS.has(layerId)) {
        return h('div', { class: 'legend-style' }, h('span', { class: 'line-swatch', style: `border-top:${Math.max(2, l.width ?? 1)}px ${layerId === 'boundaries' ? 'dashed' : 'solid'} ${l.color}` }));
      }
      if (layerId && POINT_LAYERS.has(layerId)) {
        return h('div', { class: 'legend-style' }, h('span', { class: 'dot-swatch', style: `background:${l.color}` }),
          layerId === 'charging_stations' ? h('span', { class: 'small muted' }, t('carbon_legend_chargers')) : null);
      }
      return h('div', { class: 'legend-style' }, h('span', { class: 'swatch', style: `background:${l.fill ?? 'transparent'};border:${Math.max(1, l.width ?? 1)}px solid ${l.color}` }));
    }
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
    legend(l.legend, l.unit, l.id),
    l.minzoom > 0 ? h('div', { class: 'muted small' }, t('zoom_in_to_see', { z: l.minzoom })) : null,
    h('div', { class: 'muted small', title: sourceText(l.attribution) }, `${t('source')}: ${sourceText(l.source)}`));
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
