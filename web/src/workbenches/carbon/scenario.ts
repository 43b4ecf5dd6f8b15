/** Scenario controls: price scenario, methodology, crediting period, discount rate (store.scenario). The API's defaults show as placeholders. */
import type { CarbonResult, Scenario } from '../../api.ts';
import { h } from '../../dom.ts';
import { pick, t } from '../../i18n.ts';
import { selectedParcel, type AppState, type AppStore } from '../../state.ts';

interface Methodology { id: string; name_zh?: string; name_en?: string; crediting_years?: { min?: number; max?: number } }

/** Limits of the fields (the discount rate's: a rate below 0 or above 30 %/yr is not a planning rate). */
export const DISCOUNT_RATE_LIMITS_PCT = { min: 0, max: 30 } as const;
export const CREDITING_YEARS_LIMITS = { min: 1, max: 100 } as const;

/**
 * Why a field's text is not an acceptable value, or null when it is (empty = the API's default).
 * @param range the allowed [min, max]; `integer`: whole numbers only
 */
export function fieldProblem(text: string, range: { min: number; max: number }, integer: boolean): { key: 'carbon_invalid_number' | 'carbon_out_of_range' | 'carbon_not_integer'; vars: Record<string, string | number> } | null {
  if (text.trim() === '') return null;
  const n = Number(text);
  if (!Number.isFinite(n)) return { key: 'carbon_invalid_number', vars: { value: text } };
  if (n < range.min || n > range.max) return { key: 'carbon_out_of_range', vars: { value: text, min: range.min, max: range.max } };
  if (integer && !Number.isInteger(n)) return { key: 'carbon_not_integer', vars: { value: text } };
  return null;
}

/** What the last result says about the scenario's defaults and the methodologies on offer. */
function defaultsOf(r: CarbonResult | undefined): { methodologies: Methodology[]; creditingYears?: number; discountRatePct?: number; methodologyId?: string } {
  const params = r?.params as { tables?: { methodologies?: Record<string, Methodology> }; scenario?: { crediting_years?: number } } | undefined;
  return {
    methodologies: Object.values(params?.tables?.methodologies ?? {}),
    creditingYears: params?.scenario?.crediting_years,
    discountRatePct: r?.value?.discount_rate_pct,
    methodologyId: r?.params?.methodology?.id,
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
  /** A field's last refused text and why (kept over a re-render, e.g. a language switch). */
  const refused: Record<string, { text: string; problem: NonNullable<ReturnType<typeof fieldProblem>> } | undefined> = {};
  const errorLine = h('div', { class: 'field-error', 'data-testid': 'scenario-error', role: 'alert', hidden: true });
  const showErrors = () => {
    const lines = Object.entries(refused).filter(([, x]) => x).map(([k, x]) => `${t(k === 'crediting' ? 'crediting_years' : 'discount_rate')}: ${t(x!.problem.key, x!.problem.vars)}`);
    errorLine.hidden = !lines.length;
    errorLine.textContent = lines.join(' · ');
    crediting?.classList.toggle('invalid', Boolean(refused.crediting));
    discount?.classList.toggle('invalid', Boolean(refused.discount));
  };
  /** Check a field: a refused value is shown with its reason and does not reach the scenario. */
  const check = (name: 'crediting' | 'discount', input: HTMLInputElement, range: { min: number; max: number }, integer: boolean): boolean => {
    const problem = input.validity.badInput ? { key: 'carbon_invalid_number' as const, vars: { value: '' } } : fieldProblem(input.value, range, integer);
    refused[name] = problem ? { text: input.value, problem } : undefined;
    input.setCustomValidity(problem ? t(problem.key, problem.vars) : '');
    showErrors();
    return !problem;
  };
  const creditingRange = (s: AppState) => {
    const m = methodologies.find((x) => x.id === (s.scenario.methodology ?? defaultsOf(selectedParcel(s)?.result).methodologyId));
    return { min: m?.crediting_years?.min ?? CREDITING_YEARS_LIMITS.min, max: m?.crediting_years?.max ?? CREDITING_YEARS_LIMITS.max };
  };
  const render = (s: AppState) => {
    const sc = s.scenario;
    const price = sc.price_scenario ?? 'central';
    const cr = creditingRange(s);
    crediting = h('input', {
      id: 'crediting-years', 'data-testid': 'crediting-years', type: 'number', min: cr.min, max: cr.max, step: 1, value: refused.crediting?.text ?? sc.crediting_years ?? '',
      onchange: () => {
        if (!check('crediting', crediting, creditingRange(store.get()), true)) return;
        setScenario({ crediting_years: numberOf(crediting) });
      },
    });
    discount = h('input', {
      id: 'discount-rate', 'data-testid': 'discount-rate', type: 'number', min: DISCOUNT_RATE_LIMITS_PCT.min, max: DISCOUNT_RATE_LIMITS_PCT.max, step: 0.5, placeholder: '%', value: refused.discount?.text ?? sc.discount_rate_pct ?? '',
      onchange: () => {
        if (!check('discount', discount, DISCOUNT_RATE_LIMITS_PCT, false)) return;
        setScenario({ discount_rate_pct: numberOf(discount) });
      },
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
      errorLine,
    );
    showErrors();
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
