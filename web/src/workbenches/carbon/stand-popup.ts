/** A clicked stand (小班) or bamboo stand: its carbon per hectare from GET /api/stands/{id}/carbon, added to the pinned popup. */
import { fetchStandCarbon, type LayerInfo } from '../../api.ts';
import { h } from '../../dom.ts';
import { num, t } from '../../i18n.ts';
import type { MapShell } from '../../map.ts';

const STAND_LAYERS = new Set(['stands', 'bamboo']);

export function standCarbonOnClick(map: MapShell): () => void {
  return map.onFeatureClick(async (layer: LayerInfo, f: GeoJSON.Feature) => {
    const id = f.properties?.id;
    if (!STAND_LAYERS.has(layer.id) || id === undefined || id === null) return;
    const serial = map.popup.serial;
    map.popup.extra(serial, h('p', { class: 'loading small' }, t('analysing')));
    try {
      const { per_ha: d } = await fetchStandCarbon(String(id));
      map.popup.extra(serial, h('table', null,
        h('tr', null, h('td', null, t('stock_density')), h('td', { 'data-testid': 'stand-stock' }, `${num(d.stock_tC, 1)} t C/ha · ${num(d.stock_tCO2e, 1)} t CO₂e/ha`)),
        h('tr', null, h('td', null, t('sink_density')), h('td', { 'data-testid': 'stand-sink' }, `${num(d.sink_tCO2e_per_yr, 2)} t CO₂e/ha${t('per_yr')}`))));
    } catch (e) {
      map.popup.extra(serial, h('p', { class: 'bad small' }, (e as Error).message));
    }
  });
}
