/**
 * Adding a region's own target (POST /api/indicators/targets): for a logged-in forestry bureau user
 * or administrator (the session of the cooperative tab's login); others see how to get there.
 * The unit is the indicator's own (the server sets it); the place is the region shown.
 */
import { h } from '../../dom.ts';
import { localName, t } from '../../i18n.ts';
import { fetchSession, saveTarget, type Indicators } from './api.ts';
import { indicatorName, unitText } from './format.ts';

const WRITERS = ['bureau', 'admin'];

/**
 * The form for the answer's region, filled in asynchronously once the session is known.
 * `onSaved` gets the new target's id (the panel then reloads the indicators).
 */
export function targetSection(a: Indicators, onSaved: (id: number) => void): HTMLElement {
  const box = h('details', { class: 'ind-add-target', 'data-testid': 'ind-add-target' }, h('summary', null, t('ind_add_target')));
  // asked at each drawing: a login on the cooperative tab counts as soon as this panel draws again
  void fetchSession().catch(() => null).then((s) => {
    const roles = s?.identity?.roles ?? [];
    if (!roles.some((r) => WRITERS.includes(r))) { box.append(h('p', { class: 'small muted', 'data-testid': 'ind-target-login' }, t('ind_add_target_login'))); return; }
    box.append(form(a, s!.csrf_token, onSaved));
  });
  return box;
}

function form(a: Indicators, csrf: string | null, onSaved: (id: number) => void): HTMLElement {
  const field = (label: string, el: HTMLElement) => h('label', { class: 'field' }, h('span', null, label), el);
  const indicator = h('select', { 'data-testid': 'ind-target-indicator' }, a.indicators.map((x) => h('option', { value: x.id }, `${indicatorName(x)} (${unitText(x.unit)})`)));
  const comparison = h('select', { 'data-testid': 'ind-target-comparison' }, h('option', { value: 'at_least' }, t('ind_at_least')), h('option', { value: 'at_most' }, t('ind_at_most')));
  const value = h('input', { type: 'number', min: '0', step: 'any', required: true, 'data-testid': 'ind-target-value' });
  const year = h('input', { type: 'number', min: '1990', max: '2200', step: '1', 'data-testid': 'ind-target-year' });
  const docZh = h('input', { required: true, maxlength: '300', 'data-testid': 'ind-target-document-zh' });
  const docEn = h('input', { maxlength: '300', 'data-testid': 'ind-target-document-en' });
  const source = h('input', { required: true, maxlength: '500', 'data-testid': 'ind-target-source' });
  const message = h('p', { class: 'small', 'data-testid': 'ind-target-message' });
  const el = h('form', {
    onsubmit: (e: Event) => {
      e.preventDefault();
      message.className = 'small';
      message.textContent = '';
      saveTarget({
        region_id: a.region_id, region_level: a.level as 'county' | 'township' | 'village', place_zh: a.name_zh, place_en: a.name_en || a.name_zh,
        indicator: indicator.value as never, comparison: comparison.value as 'at_least' | 'at_most', value: Number(value.value),
        year: year.value ? Number(year.value) : null, baseline_value: null, baseline_year: null,
        document_zh: docZh.value.trim(), document_en: docEn.value.trim(), source: source.value.trim(), note: null,
      }, csrf).then((r) => onSaved(r.id),
        (err: Error) => { message.className = 'small bad'; message.textContent = err.message; });
    },
  },
  h('p', { class: 'small muted' }, t('ind_target_for', { region: localName(a) })),
  field(t('ind_indicator'), indicator), field(t('ind_target_comparison'), comparison), field(t('ind_target_value'), value), field(t('ind_target_year'), year),
  field(t('ind_target_document_zh'), docZh), field(t('ind_target_document_en'), docEn), field(t('ind_target_source'), source),
  h('button', { type: 'submit', class: 'primary', 'data-testid': 'ind-target-save' }, t('ind_target_save')), message);
  return el;
}
