/** The parcel list: draw, select, report, delete; exports; the drawing/editing hint over the map. */
import { byId, h } from '../../dom.ts';
import { areaText, t } from '../../i18n.ts';
import { areaHa } from '../../parcels.ts';
import { hashOf } from '../../persist.ts';
import { selectedParcel, type AppState } from '../../state.ts';
import type { WorkbenchContext } from '../../shell/registry.ts';
import { download, parcelsCsv, parcelsGeoJson } from './export.ts';

export function mountParcelList(container: HTMLElement, { store, parcels, map }: WorkbenchContext, upload: { controls: Node; notes: Node }): () => void {
  const drawBtn = h('button', {
    id: 'draw-btn', type: 'button', 'data-testid': 'draw-polygon',
    onclick: () => {
      if (store.get().drawing.active) parcels.stopDrawing();
      else {
        map.popup.hide(true);
        parcels.startDrawing();
      }
    },
  });
  const list = h('ul', { id: 'parcel-list', 'data-testid': 'parcel-list' });
  const actions = h('div', { class: 'toolbar', id: 'parcel-actions' });
  const title = h('h2');
  container.append(h('section', { id: 'parcels-section' }, title, h('div', { class: 'toolbar' }, drawBtn, upload.controls), upload.notes, list, actions));
  const hint = byId('draw-hint');

  const render = (s: AppState) => {
    title.textContent = t('parcels');
    drawBtn.textContent = t('draw_polygon');
    drawBtn.classList.toggle('active', s.drawing.active);
    list.replaceChildren(...(s.parcels.length ? s.parcels.map((p) => {
      const ha = areaHa(p.geometry);
      return h('li', {
        'data-id': p.id, 'data-testid': 'parcel-item', class: p.id === s.selected ? 'selected' : null,
        onclick: () => { parcels.select(p.id); map.fitTo([p.geometry]); },
      },
      h('span', { class: 'pname', title: p.name }, `${t('parcel')} ${p.name}`),
      h('span', { class: 'parea', 'data-testid': 'parcel-area', 'data-ha': ha }, areaText(ha)),
      h('button', { type: 'button', title: t('report'), onclick: (e: Event) => { e.stopPropagation(); location.hash = hashOf(store.get(), { name: 'report', parcel: p.id }); } }, t('report')),
      h('button', { type: 'button', 'data-testid': 'parcel-delete', title: t('delete'), onclick: (e: Event) => { e.stopPropagation(); parcels.remove(p.id); } }, '×'));
    }) : [h('li', { class: 'muted small' }, t('no_parcels'))]));
    const editing = selectedParcel(s);
    if (s.drawing.active) {
      hint.hidden = false;
      hint.textContent = `${t('finish_hint')}${s.drawing.areaHa ? ` · ${areaText(s.drawing.areaHa)}` : ''}`;
    } else if (editing?.editable) {
      hint.hidden = false;
      hint.textContent = `${t('edit_hint')} · ${areaText(areaHa(editing.geometry))}`;
    } else {
      hint.hidden = true;
    }
  };
  const renderActions = () => actions.replaceChildren(
    h('button', { id: 'export-geojson', type: 'button', 'data-testid': 'export-geojson', onclick: () => download('tantu-parcels.geojson', JSON.stringify(parcelsGeoJson(store.get().parcels), null, 1), 'application/geo+json') }, t('export_geojson')),
    h('button', { id: 'export-csv', type: 'button', 'data-testid': 'export-csv', onclick: () => download('tantu-parcels.csv', parcelsCsv(store.get().parcels), 'text/csv;charset=utf-8') }, t('export_csv')),
    h('button', { id: 'delete-all', type: 'button', onclick: () => parcels.clear() }, t('delete_all')));
  render(store.get());
  renderActions();
  const off = [store.subscribe(render, ['parcels', 'selected', 'drawing', 'lang']), store.subscribe(renderActions, ['lang'])];
  return () => {
    off.forEach((f) => f());
    hint.hidden = true;
  };
}
