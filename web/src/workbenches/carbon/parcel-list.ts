/**
 * The parcel list: draw, select, report, delete; exports (every parcel analysed first, with
 * progress); delete-all behind a confirmation, with undo; the drawing/editing hint over the map.
 */
import { byId, h } from '../../dom.ts';
import { areaText, t } from '../../i18n.ts';
import { scenarioKey } from '../../parcels.ts';
import type { NewParcel } from '../../parcels.ts';
import { hashOf } from '../../persist.ts';
import { selectedParcel, type AppState, type Parcel } from '../../state.ts';
import type { WorkbenchContext } from '../../shell/registry.ts';
import { parcelAreaHa, type Analyses } from './analysis.ts';
import { download, parcelsCsv, parcelsGeoJson, parcelsXlsx, type ExportItem } from './export.ts';

type Format = 'csv' | 'geojson' | 'xlsx';

export function mountParcelList(container: HTMLElement, { store, parcels, map }: WorkbenchContext, upload: { controls: Node; notes: Node }, analyses: Analyses): () => void {
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
  const status = h('div', { class: 'status small', 'data-testid': 'parcel-status', hidden: true });
  const title = h('h2');
  container.append(h('section', { id: 'parcels-section' }, title, h('div', { class: 'toolbar' }, drawBtn, upload.controls), upload.notes, list, actions, status));
  const hint = byId('draw-hint');
  /** What the status line says (re-rendered in the current language). */
  let note: { kind: 'export'; done: number; of: number } | { kind: 'exported'; n: number; failed: number; format: Format }
    | { kind: 'confirm'; n: number } | { kind: 'deleted'; n: number; undo: NewParcel[] } | null = null;
  let exporting = false;

  const render = (s: AppState) => {
    title.textContent = t('parcels');
    drawBtn.textContent = t('draw_polygon');
    drawBtn.classList.toggle('active', s.drawing.active);
    list.replaceChildren(...(s.parcels.length ? s.parcels.map((p) => {
      const { ha, analysed } = parcelAreaHa(p);
      return h('li', {
        'data-id': p.id, 'data-testid': 'parcel-item', class: p.id === s.selected ? 'selected' : null,
        onclick: () => { parcels.select(p.id); map.fitTo([p.geometry]); },
      },
      h('span', { class: 'pname', title: p.name }, `${t('parcel')} ${p.name}`),
      h('span', { class: 'parea', 'data-testid': 'parcel-area', 'data-ha': ha, 'data-analysed': analysed ? '1' : '0', title: analysed ? t('carbon_area_analysed') : t('carbon_area_drawn') }, `${analysed ? '' : '≈ '}${areaText(ha)}`),
      h('button', { type: 'button', title: t('report'), onclick: (e: Event) => { e.stopPropagation(); location.hash = hashOf(store.get(), { name: 'report', parcel: p.id }); } }, t('report')),
      h('button', { type: 'button', 'data-testid': 'parcel-delete', title: t('delete'), 'aria-label': t('delete'), onclick: (e: Event) => { e.stopPropagation(); parcels.remove(p.id); } }, '×'));
    }) : [h('li', { class: 'muted small' }, t('no_parcels'))]));
    const editing = selectedParcel(s);
    if (s.drawing.active) {
      hint.hidden = false;
      hint.textContent = `${t('finish_hint')}${s.drawing.areaHa ? ` · ${areaText(s.drawing.areaHa)}` : ''}`;
    } else if (editing?.editable) {
      hint.hidden = false;
      hint.textContent = `${t('edit_hint')} · ${areaText(parcelAreaHa(editing).ha)}`;
    } else {
      hint.hidden = true;
    }
  };

  const renderStatus = () => {
    status.hidden = !note;
    status.classList.remove('error');
    if (!note) { status.replaceChildren(); return; }
    switch (note.kind) {
      case 'export':
        status.replaceChildren(h('span', { class: 'loading' }, t('carbon_export_progress', { done: note.done, of: note.of })));
        break;
      case 'exported':
        status.classList.toggle('error', note.failed > 0);
        status.replaceChildren(note.failed ? t('carbon_exported_failed', { n: note.n, failed: note.failed }) : t('carbon_exported', { n: note.n }));
        break;
      case 'confirm': {
        status.classList.add('error');
        status.replaceChildren(t('carbon_confirm_delete_all', { n: note.n }), ' ',
          h('button', { type: 'button', 'data-testid': 'confirm-delete-all', onclick: deleteAll }, t('carbon_confirm_delete')), ' ',
          h('button', { type: 'button', 'data-testid': 'cancel-delete-all', onclick: () => { note = null; renderStatus(); } }, t('carbon_cancel')));
        break;
      }
      case 'deleted': {
        const undo = note.undo;
        status.replaceChildren(t('carbon_deleted', { n: note.n }), ' ',
          h('button', { type: 'button', 'data-testid': 'undo-delete', onclick: () => { parcels.add(undo); note = null; renderStatus(); } }, t('carbon_undo')));
        break;
      }
    }
  };

  const deleteAll = () => {
    const all = store.get().parcels;
    const undo: NewParcel[] = all.map(({ id, name, geometry, origin, properties, result, resultKey }) => ({ id, name, geometry, origin, properties, result, resultKey }));
    parcels.clear();
    note = { kind: 'deleted', n: undo.length, undo };
    renderStatus();
  };

  /** Analyse every parcel without a current result (a few at a time), then write the file. */
  const exportAs = async (format: Format) => {
    if (exporting) return;
    exporting = true;
    try {
      const key = () => scenarioKey(store.get().scenario);
      const todo = store.get().parcels.filter((p) => !(p.result && p.resultKey === key()));
      let done = 0;
      note = { kind: 'export', done, of: todo.length };
      if (todo.length) renderStatus();
      const queue = [...todo];
      const worker = async () => {
        for (let p = queue.shift(); p; p = queue.shift()) {
          await analyses.run(p).catch(() => undefined);
          done++;
          note = { kind: 'export', done, of: todo.length };
          renderStatus();
        }
      };
      await Promise.all([worker(), worker()]);
      const s = store.get();
      const items: ExportItem[] = s.parcels.map((p: Parcel) => ({ parcel: p, result: p.result && p.resultKey === key() ? p.result : undefined, priceScenario: s.scenario.price_scenario ?? 'central' }));
      const generatedAt = new Date().toISOString();
      if (format === 'csv') download('tantu-parcels.csv', parcelsCsv(items, generatedAt), 'text/csv;charset=utf-8');
      else if (format === 'geojson') download('tantu-parcels.geojson', JSON.stringify(parcelsGeoJson(items, generatedAt), null, 1), 'application/geo+json');
      else download('tantu-parcels.xlsx', await parcelsXlsx(items, generatedAt), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      note = { kind: 'exported', n: items.length, failed: items.filter((x) => !x.result).length, format };
      renderStatus();
    } finally {
      exporting = false;
    }
  };

  const renderActions = () => actions.replaceChildren(
    h('button', { id: 'export-geojson', type: 'button', 'data-testid': 'export-geojson', onclick: () => void exportAs('geojson') }, t('export_geojson')),
    h('button', { id: 'export-csv', type: 'button', 'data-testid': 'export-csv', onclick: () => void exportAs('csv') }, t('export_csv')),
    h('button', { id: 'export-xlsx', type: 'button', 'data-testid': 'export-xlsx', onclick: () => void exportAs('xlsx') }, t('carbon_export_xlsx')),
    h('button', {
      id: 'delete-all', type: 'button', 'data-testid': 'delete-all',
      onclick: () => {
        const n = store.get().parcels.length;
        if (!n) return;
        note = { kind: 'confirm', n };
        renderStatus();
      },
    }, t('delete_all')));
  render(store.get());
  renderActions();
  const off = [
    store.subscribe(render, ['parcels', 'selected', 'drawing', 'lang']),
    store.subscribe(() => { renderActions(); renderStatus(); }, ['lang']),
  ];
  return () => {
    off.forEach((f) => f());
    hint.hidden = true;
  };
}
