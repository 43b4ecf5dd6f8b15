/** The selected parcel's carbon analysis: empty, loading, error (with retry) or the result sections. */
import { h } from '../../dom.ts';
import { areaText, t } from '../../i18n.ts';
import { scenarioKey } from '../../parcels.ts';
import { hashOf } from '../../persist.ts';
import { selectedParcel, type AppState, type AppStore } from '../../state.ts';
import { parcelAreaHa, type Analyses } from './analysis.ts';
import { resultSections } from './results.ts';

export function mountCarbonPanel(container: HTMLElement, store: AppStore, analyses: Analyses): () => void {
  const el = h('div', { id: 'carbon-panel', 'data-testid': 'carbon-panel', 'data-state': 'empty' });
  container.append(el);
  let reportLink: HTMLAnchorElement | undefined;
  const render = (s: AppState) => {
    reportLink = undefined;
    const p = selectedParcel(s);
    if (!p) {
      el.dataset.state = 'empty';
      el.replaceChildren(h('p', { class: 'muted' }, t('select_parcel')));
      return;
    }
    reportLink = h('a', { href: hashOf(s, { name: 'report', parcel: p.id }), 'data-testid': 'report-link' }, t('report'));
    const head = h('div', { class: 'carbon-head' }, h('strong', null, `${t('parcel')} ${p.name}`), ` · ${parcelAreaHa(p).analysed ? '' : '≈ '}${areaText(parcelAreaHa(p).ha)} `, reportLink);
    const current = p.result && p.resultKey === scenarioKey(s.scenario) ? p.result : undefined;
    if (p.error && !s.analysing.includes(p.id)) {
      el.dataset.state = 'error';
      const title = p.error.status === 404 || p.error.status === 0 ? t('analysis_unavailable') : t('analysis_failed');
      el.replaceChildren(head,
        h('div', { class: 'error-box', 'data-testid': 'carbon-error' }, h('strong', null, title), h('br'), p.error.message),
        h('button', { type: 'button', 'data-testid': 'carbon-retry', onclick: () => void analyses.run(p, true) }, t('retry')));
    } else if (!current || s.analysing.includes(p.id)) {
      el.dataset.state = 'loading';
      el.replaceChildren(head, h('p', { class: 'loading' }, t('analysing')));
    } else {
      el.dataset.state = 'ready';
      el.replaceChildren(head, resultSections(current));
      if (!performance.getEntriesByName('tantu-first-carbon').length) performance.mark('tantu-first-carbon');
    }
  };
  // The selected parcel is analysed as soon as it lacks a result for the scenario.
  const analyseSelected = (s: AppState) => {
    const p = selectedParcel(s);
    if (p && !analyses.settledOrRunning(p)) void analyses.run(p);
  };
  // The report link carries the view and layers: follow them without rebuilding the panel.
  // A problem answer is in the language of its request: ask again in the new one (4xx answers are fast).
  const reask = (s: AppState) => {
    const p = selectedParcel(s);
    if (p?.error && p.error.lang !== s.lang && p.error.status >= 400 && p.error.status < 500 && !s.analysing.includes(p.id)) void analyses.run(p, true);
  };
  const relink = (s: AppState) => { if (reportLink && s.selected) reportLink.href = hashOf(s, { name: 'report', parcel: s.selected }); };
  render(store.get());
  analyseSelected(store.get());
  const off = [
    store.subscribe(render, ['parcels', 'selected', 'analysing', 'scenario', 'lang']),
    store.subscribe(relink, ['view', 'layers', 'workbench']),
    store.subscribe(analyseSelected, ['parcels', 'selected', 'scenario']),
    store.subscribe(reask, ['lang', 'selected']),
  ];
  return () => off.forEach((f) => f());
}
