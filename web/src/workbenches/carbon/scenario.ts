/** Scenario controls: price scenario, methodology, crediting period, discount rate (store.scenario). The API's defaults show as placeholders. */
import type { CarbonResult, Scenario } from '../../api.ts';
import { h } from '../../dom.ts';
import { pick, t } from '../../i18n.ts';
import { selectedParcel, type AppState, type AppStore } from '../../state.ts';

interface Methodology { id: string; name_zh?: string; name_en?: string }

/** What the last result says about the scenario's defaults and the methodologies on offer. */
function defaultsOf(r: CarbonResult | undefined): { methodologies: Methodology[]; creditingYears?: number; discountRatePct?: number } {
  const params = r?.params as { tables?: { methodologies?: Record<string, Methodology> }; scenario?: { crediting_years?: number } } | undefined;
  return {
    methodologies: Object.values(params?.tables?.methodologies ?? {}),
    creditingYears: params?.scenario?.crediting_years,
    discountRatePct: r?.value?.discount_rate_pct,
  };
}

/** A number field's value: a finite number, or undefined for empty (the API's default). */
function numberOf(input: HTMLInputElement): number | undefined {
  const n = Number(input.value);
  return input.value === '' || !Number.isFinite(n) ? undefined : n;
}

export function mountScenario(container: HTMLElement, store: AppStore): () => void {
  const el = h('div', { class: 'scenario' });
  container.append(el);
  let methodologies: Methodology[] = [];
  const setScenario = (patch: Partial<Scenario>) => {
    const next: Scenario = { ...store.get().scenario, ...patch };
    for (const k of Object.keys(patch) as (keyof Scenario)[]) if (next[k] === undefined) delete next[k];
    store.set({ scenario: next });
  };
  let crediting: HTMLInputElement;
  let discount: HTMLInputElement;
  const render = (s: AppState) => {
    const sc = s.scenario;
    const price = sc.price_scenario ?? 'central';
    crediting = h('input', {
      id: 'crediting-years', 'data-testid': 'crediting-years', type: 'number', min: 1, max: 100, step: 1, value: sc.crediting_years ?? '',
      onchange: () => { const n = numberOf(crediting); setScenario({ crediting_years: n === undefined ? undefined : Math.round(n) }); },
    });
    discount = h('input', {
      id: 'discount-rate', 'data-testid': 'discount-rate', type: 'number', min: 0, max: 30, step: 0.5, placeholder: '%', value: sc.discount_rate_pct ?? '',
      onchange: () => setScenario({ discount_rate_pct: numberOf(discount) }),
    });
    el.replaceChildren(
      h('label', null, h('span', null, t('price_scenario')),
        h('select', { id: 'price-scenario', 'data-testid': 'price-scenario', onchange: (e: Event) => setScenario({ price_scenario: (e.target as HTMLSelectElement).value as Scenario['price_scenario'] }) },
          (['low', 'central', 'high'] as const).map((v) => h('option', { value: v, selected: v === price }, t(`price_${v}`))))),
      h('label', null, h('span', null, t('methodology')),
        h('select', { id: 'methodology', 'data-testid': 'methodology', onchange: (e: Event) => setScenario({ methodology: (e.target as HTMLSelectElement).value || undefined }) },
          h('option', { value: '' }, t('default_option')),
          methodologies.map((m) => h('option', { value: m.id, selected: m.id === sc.methodology }, `${m.id} ${pick(m as never, 'name')}`)))),
      h('label', null, h('span', null, t('crediting_years')), crediting, ' ', h('span', null, t('years'))),
      h('label', null, h('span', null, t('discount_rate')), discount, ' %'),
    );
    defaults(s);
  };
  /** Fill the methodology list and the placeholders from the selected parcel's result (the API's defaults). */
  const defaults = (s: AppState) => {
    const d = defaultsOf(selectedParcel(s)?.result);
    if (d.creditingYears) crediting.placeholder = String(d.creditingYears);
    if (d.discountRatePct !== undefined) discount.placeholder = String(d.discountRatePct);
    if (d.methodologies.length && d.methodologies.length !== methodologies.length) {
      methodologies = d.methodologies;
      render(s);
    }
  };
  render(store.get());
  const off = [store.subscribe(render, ['lang']), store.subscribe(defaults, ['parcels', 'selected'])];
  return () => off.forEach((f) => f());
}
