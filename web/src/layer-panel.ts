/** The layer panel: toggle, opacity, legend in the layer's units, "synthetic demo" badge. */
import type { Legend, LayerInfo } from './api.ts';
import { esc } from './carbon.ts';
import { lang, num, pick, t } from './i18n.ts';
import type { LayerState } from './layers.ts';

export interface LayerPanelHandlers {
  onToggle(id: string, visible: boolean): void;
  onOpacity(id: string, opacity: number): void;
}

export function legendHtml(legend: Legend, unit: string | null): string {
  switch (legend.type) {
    case 'classes':
      return `<ul class="legend-classes">${legend.classes.map((c) => `<li><span class="swatch" style="background:${esc(c.color)}"></span>${esc(lang() === 'en' ? c.label_en : c.label_zh)}</li>`).join('')}</ul>`;
    case 'ramp': {
      const stops = legend.stops;
      const min = stops[0]?.value ?? 0;
      const max = stops[stops.length - 1]?.value ?? 1;
      const grad = stops.map((s) => `${s.color} ${(((s.value - min) / (max - min || 1)) * 100).toFixed(1)}%`).join(', ');
      const ticks = stops.map((s) => `<span style="left:${(((s.value - min) / (max - min || 1)) * 100).toFixed(1)}%">${num(s.value, Number.isInteger(s.value) ? 0 : 1)}</span>`).join('');
      return `<div class="legend-ramp"><div class="ramp" style="background:linear-gradient(to right, ${grad})"></div><div class="ramp-ticks">${ticks}</div><div class="ramp-unit">${esc(legend.unit ?? unit ?? '')}</div></div>`;
    }
    case 'style': {
      const fill = legend.fill ?? 'transparent';
      return `<div class="legend-style"><span class="swatch" style="background:${esc(fill)};border:${Math.max(1, legend.width ?? 1)}px solid ${esc(legend.color)}"></span></div>`;
    }
    case 'hillshade':
      return `<div class="legend-ramp"><div class="ramp" style="background:linear-gradient(to right,#222,#fff)"></div></div>`;
    default:
      return '';
  }
}

function row(l: LayerInfo, st: LayerState): string {
  const title = pick(l as never, 'title');
  return `<li class="layer" data-layer="${esc(l.id)}">
    <label class="layer-head">
      <input type="checkbox" data-testid="layer-toggle-${esc(l.id)}" data-id="${esc(l.id)}" ${st.visible ? 'checked' : ''}>
      <span class="layer-title">${esc(title)}</span>
      ${l.synthetic ? `<span class="badge" title="${esc(t('synthetic_tip'))}">${esc(t('synthetic'))}</span>` : ''}
    </label>
    <div class="layer-body"${st.visible ? '' : ' hidden'}>
      <label class="opacity">${esc(t('opacity'))} <input type="range" min="0" max="100" step="5" value="${Math.round(st.opacity * 100)}" data-opacity="${esc(l.id)}" data-testid="layer-opacity-${esc(l.id)}"></label>
      ${legendHtml(l.legend, l.unit)}
      ${l.minzoom > 0 ? `<div class="muted small">${esc(t('zoom_in_to_see', { z: l.minzoom }))}</div>` : ''}
      <div class="muted small" title="${esc(l.attribution ?? '')}">${esc(t('source'))}: ${esc(l.source)}</div>
    </div>
  </li>`;
}

export function renderLayerPanel(el: HTMLElement, data: LayerInfo[], base: LayerInfo[], state: Map<string, LayerState>, h: LayerPanelHandlers): void {
  el.innerHTML = `
    <h3>${esc(t('data_layers'))}</h3><ul class="layers">${data.map((l) => row(l, state.get(l.id)!)).join('')}</ul>
    ${base.length ? `<h3>${esc(t('basemap'))}</h3><ul class="layers">${base.map((l) => row(l, state.get(l.id)!)).join('')}</ul>` : ''}`;
  el.querySelectorAll<HTMLInputElement>('input[type=checkbox][data-id]').forEach((cb) => {
    cb.addEventListener('change', () => {
      const body = cb.closest('li')?.querySelector<HTMLElement>('.layer-body');
      if (body) body.hidden = !cb.checked;
      h.onToggle(cb.dataset.id!, cb.checked);
    });
  });
  el.querySelectorAll<HTMLInputElement>('input[type=range][data-opacity]').forEach((r) => {
    r.addEventListener('input', () => h.onOpacity(r.dataset.opacity!, Number(r.value) / 100));
  });
}
