/**
 * The rule set of the suitability panel: pick one, copy it into an editable draft, edit each
 * rule's parameters (ranges, value lists, buffer in metres, wind setbacks, on/off) and the set's
 * min_area, contiguity and capacity density, with each rule's unit, legal source and unverified
 * flag in view. Every edit calls `change()` (the panel recomputes the county layer with the
 * draft); a logged-in user (the session of the cooperative tab's login) saves the draft by name
 * (PUT /api/siting/rules/{name} with the session's CSRF token), anonymous users are told where to
 * log in. Strings are zh-CN first, English complete (the table `L` below).
 */
import { LANDCOVER_CLASSES } from '../../../../layers/landcover/classes.ts';
import { WATER_BODY_CODES } from '../../../../layers/siting/layers.ts';
import { getJson } from '../../api.ts';
import { h } from '../../dom.ts';
import { areaText, lang, num } from '../../i18n.ts';
import type { SitingRules } from './suitability-api.ts';

type RuleSetOut = SitingRules['rule_sets'][number];
type RuleOut = RuleSetOut['rules'][number];
type Range = [number | null, number | null];
type Technology = RuleSetOut['technology'];

/** One rule of a draft: the rule as it will be sent, whether it is on, and whether the user changed it. */
export interface DraftRule { rule: RuleOut; enabled: boolean; edited: boolean; original: RuleOut }

/** An editable copy of a rule set. */
export interface RuleDraft {
  from: string;
  technology: Technology;
  label_zh: string;
  label_en: string;
  rules: DraftRule[];
  min_area_ha: number;
  contiguity: 'queen' | 'rook';
  density_mw_per_km2: number;
}

const L = {
  copy: ['复制并编辑', 'Copy and edit'],
  discard: ['放弃修改', 'Discard edits'],
  draft_of: ['未保存的副本：', 'Unsaved copy of '],
  edited: ['已修改', 'edited'],
  from: ['下限', 'from'],
  to: ['上限', 'to'],
  open_end: ['空 = 不限', 'empty = open'],
  exclude_range: ['排除范围', 'Exclude range'],
  include_range: ['保留范围', 'Keep range'],
  force_include_range: ['强制纳入范围', 'Force-include range'],
  exclude_values: ['排除类别', 'Exclude classes'],
  include_values: ['仅保留类别', 'Keep only classes'],
  force_include_values: ['强制纳入类别', 'Force-include classes'],
  include_weights: ['按类别纳入权重', 'Inclusion weights by class'],
  setback: ['退距（叶尖高度倍数）', 'Setback (× tip height)'],
  buffer: ['缓冲距离', 'Buffer'],
  codes_hint: ['逗号分隔的代码', 'codes, comma-separated'],
  source: ['依据', 'Source'],
  unverified: ['未核实', 'unverified'],
  unverified_title: ['未核实：参考资料未给出或为 tantu 自定值', 'Unverified: not in the reference, or chosen by tantu'],
  min_area: ['最小连片面积', 'Minimum contiguous area'],
  contiguity: ['连通方式', 'Contiguity'],
  queen: ['八邻域', 'queen (8 neighbours)'],
  rook: ['四邻域', 'rook (4 neighbours)'],
  density: ['装机密度', 'Capacity density'],
  save_name: ['保存名称', 'Name to save as'],
  save: ['按名称保存', 'Save by name'],
  saving: ['正在保存…', 'Saving…'],
  saved: ['已保存：', 'Saved: '],
  login: ['登录后(在“两山合作社”页)可按名称保存规则集；未登录也可编辑并在地图上查看效果。', 'Log in (on the Cooperative tab) to save the rule set by name; without a login you can still edit it and see the map.'],
  bad_number: ['请输入数字', 'Enter a number'],
  bad_range: ['下限不得大于上限', 'The lower end may not exceed the upper end'],
  bad_codes: ['请输入以逗号分隔的整数代码', 'Enter integer codes separated by commas'],
  name_rule: ['名称：1–100 个字母、数字、空格或 _ . -，不能以 default: 开头', 'Name: 1–100 letters, digits, spaces or _ . -, not starting with default:'],
  user_edit: ['用户修改', 'edited by user'],
  original: ['原依据', 'original source'],
  session_error: ['无法读取登录状态', 'Could not read the login state'],
  saved_by: ['保存者：', 'Saved by '],
  delete: ['删除此规则集', 'Delete this rule set'],
  delete_confirm: ['确定删除规则集？已算出的情景不受影响：', 'Delete the rule set? Scenarios already computed keep working: '],
  deleting: ['正在删除…', 'Deleting…'],
} as const satisfies Record<string, readonly [string, string]>;
const tr = (k: keyof typeof L) => (lang() === 'en' ? L[k][1] : L[k][0]);
const lbl = (o: { zh: string; en: string }) => (lang() === 'en' ? o.en : o.zh);

const RANGE_KEYS = ['exclude_range', 'include_range', 'force_include_range'] as const;
const VALUE_KEYS = ['exclude_values', 'include_values', 'force_include_values'] as const;
const NAME_RE = /^[\p{L}\p{N}_. -]{1,100}$/u;

const WATER_NAMES: Record<number, { zh: string; en: string }> = {
  [WATER_BODY_CODES.pond]: { zh: '坑塘', en: 'pond' }, [WATER_BODY_CODES.lake]: { zh: '湖泊', en: 'lake' },
  [WATER_BODY_CODES.reservoir]: { zh: '水库', en: 'reservoir' }, [WATER_BODY_CODES.river]: { zh: '河流', en: 'river' },
  [WATER_BODY_CODES.marsh]: { zh: '沼泽', en: 'marsh' },
};

/** The name of a class code on a class layer (land cover, water body type, 0/1 flags), or the code. */
function className(layer: string, code: number, unit = ''): string {
  if (unit === 'flag') return code === 1 ? (lang() === 'en' ? 'inside' : '区内') : code === 0 ? (lang() === 'en' ? 'outside' : '区外') : String(code);
  if (layer === 'landcover') { const c = LANDCOVER_CLASSES.find((x) => x.code === code); return c ? lbl(c) : String(code); }
  if (layer === 'water_body') { const c = WATER_NAMES[code]; return c ? lbl(c) : String(code); }
  return String(code);
}

const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

/** A draft copy of a rule set. */
export function draftOf(set: RuleSetOut): RuleDraft {
  return {
    from: set.name, technology: set.technology, label_zh: set.label_zh, label_en: set.label_en,
    rules: set.rules.map((r) => ({ rule: clone(r), enabled: true, edited: false, original: clone(r) })),
    min_area_ha: set.min_area_ha, contiguity: set.contiguity, density_mw_per_km2: set.density_mw_per_km2,
  };
}

/** The request body of a draft (PUT /api/siting/rules/{name}, or `rules` of a suitability request): enabled rules only. */
export function draftBody(d: RuleDraft) {
  return {
    technology: d.technology, label_zh: d.label_zh, label_en: d.label_en,
    rules: d.rules.filter((r) => r.enabled).map((r) => r.rule),
    min_area_ha: d.min_area_ha, contiguity: d.contiguity, density_mw_per_km2: d.density_mw_per_km2,
  };
}

/**
 * After an edit: labels say what the rule now does (ranges are re-labelled from the layer's name
 * and the new range; others get an "edited" mark), the source keeps the original legal source
 * behind "edited by user", and the rule is unverified — the user's number is no legal rule.
 */
function markEdited(d: DraftRule, layers: SitingRules['layers']): void {
  d.edited = true;
  const r = d.rule, o = d.original;
  const layer = layers.find((l) => l.id === r.layer);
  const key = RANGE_KEYS.find((k) => r[k] !== undefined);
  const buf = r.buffer_m ? { zh: `（缓冲 ${num(r.buffer_m, 0)} 米）`, en: ` (buffer ${num(r.buffer_m, 0)} m)` } : { zh: '', en: '' };
  if (key && layer) {
    const kind = key === 'exclude_range' ? { zh: '', en: '' } : key === 'include_range' ? { zh: '仅保留', en: 'Keep only ' } : { zh: '强制纳入', en: 'Force-include ' };
    r.label_zh = `${kind.zh}${layer.zh} ${rangeTextIn('zh', r[key] as Range, layer.unit)}${buf.zh}`;
    r.label_en = `${kind.en}${layer.en} ${rangeTextIn('en', r[key] as Range, layer.unit)}${buf.en}`;
  } else if (r.setback_tip_heights !== undefined && layer) {
    r.label_zh = `${layer.zh} < ${num(r.setback_tip_heights, 2)} 倍叶尖高度${buf.zh}`;
    r.label_en = `Within ${num(r.setback_tip_heights, 2)} × tip height of ${layer.en.replace(/^Distance to /, '').toLowerCase()}${buf.en}`;
  } else {
    r.label_zh = `${o.label_zh}（已修改）${buf.zh}`;
    r.label_en = `${o.label_en} (edited)${buf.en}`;
  }
  r.source = `用户修改 / edited by user — 原依据 / original source: ${o.source}`;
  r.unverified = true;
}

function rangeTextIn(l: 'zh' | 'en', r: Range, unit: string): string {
  const u = unit === '°' ? '°' : ` ${unit}`;
  const f = (v: number) => String(Math.round(v * 100) / 100);
  if (r[0] !== null && r[1] !== null) return `${f(r[0])}–${f(r[1])}${u}`;
  if (r[0] !== null) return `≥ ${f(r[0])}${u}`;
  if (r[1] !== null) return `≤ ${f(r[1])}${u}`;
  return l === 'en' ? 'any value' : '任意值';
}

/** A number field: empty → null when `allowEmpty`, else an error; NaN is refused. */
function numberValue(input: HTMLInputElement, allowEmpty: boolean): number | null | undefined {
  const v = input.value.trim();
  if (v === '') return allowEmpty ? null : undefined;
  const n = Number(v);
  return Number.isFinite(n) ? n : undefined;
}

export interface RulesSectionOptions {
  rules: SitingRules;
  technology: Technology;
  /** The selected rule set's name. */
  selected: string;
  draft: RuleDraft | null;
  /** Pick another rule set (the draft is dropped). */
  select(name: string): void;
  /** Make a draft copy of the selected set (with rule `off` switched off). */
  copy(off?: string): void;
  /** Drop the draft. */
  discard(): void;
  /** The draft changed: recompute. */
  change(): void;
  /** Saved under `name`: reload the catalog and select it. */
  saved(name: string): void;
  /** The selected saved set was deleted: reload the catalog and select the default. */
  deleted(): void;
}

interface Session { identity: { id: string; roles: string[] } | null; csrf_token: string | null }

/** The rule-set section of the panel. */
export function rulesSection(o: RulesSectionOptions): HTMLElement {
  const sets = o.rules.rule_sets.filter((r) => r.technology === o.technology);
  const sel = h('select', { 'data-testid': 'suit-ruleset', onchange: () => o.select(sel.value) },
    sets.map((r) => h('option', { value: r.name }, `${lbl({ zh: r.label_zh, en: r.label_en })}${r.saved ? ` · ${r.name}` : ''}`)));
  sel.value = o.selected;
  const set = sets.find((r) => r.name === o.selected) ?? null;
  const d = o.draft;
  const head = h('div', { class: 'row' }, sel,
    d ? h('button', { 'data-testid': 'suit-rules-discard', onclick: () => o.discard() }, tr('discard'))
      : h('button', { 'data-testid': 'suit-rules-copy', disabled: !set, onclick: () => o.copy() }, tr('copy')));
  const section = h('div', { 'data-testid': 'suit-rules' }, h('h3', null, lang() === 'en' ? 'Exclusion rules' : '排除规则'), head);
  if (d) {
    section.append(h('p', { class: 'small muted', 'data-testid': 'suit-draft' }, `${tr('draft_of')}${lbl({ zh: set?.label_zh ?? d.label_zh, en: set?.label_en ?? d.label_en })}`));
    section.append(h('ul', { class: 'rules editing' }, d.rules.map((r) => editableRule(r, o))));
    section.append(setFields(d, o));
    section.append(saveArea(d, o));
  } else if (set) {
    section.append(h('ul', { class: 'rules' }, set.rules.map((r) => h('li', { title: r.source, 'data-rule': r.id },
      h('label', null, h('input', { type: 'checkbox', checked: true, 'data-testid': `suit-rule-${r.id}`, onchange: () => o.copy(r.id) }), ` ${lbl({ zh: r.label_zh, en: r.label_en })}`),
      r.unverified ? h('span', { class: 'unverified', title: tr('unverified_title') }, ' *') : null,
      h('div', { class: 'small muted rule-source' }, r.source)))));
    section.append(h('p', { class: 'small muted' }, `${tr('min_area')}: ${areaText(set.min_area_ha)} (${tr(set.contiguity)}) · ${num(set.density_mw_per_km2, 0)} MW/km²`));
    if (set.saved) section.append(deleteArea(set, o));
  }
  return section;
}

/** A saved set: who saved it, and a delete button for them or an administrator. */
function deleteArea(set: RuleSetOut, o: RulesSectionOptions): HTMLElement {
  const box = h('div', { class: 'rule-save', 'data-testid': 'suit-rules-delete-area' },
    h('p', { class: 'small muted' }, `${tr('saved_by')}${set.updated_by ?? ''} · ${set.updated_at?.slice(0, 16) ?? ''}`));
  void getJson<Session>('/api/auth/session').then((s) => {
    const id = s.identity;
    if (!id || (id.id !== set.updated_by && !id.roles.includes('admin'))) return;
    const message = h('p', { class: 'small', 'data-testid': 'suit-rules-delete-message' });
    const button = h('button', { 'data-testid': 'suit-rules-delete', onclick: () => {
      if (!window.confirm(`${tr('delete_confirm')}${set.name}`)) return;
      button.disabled = true;
      message.className = 'small loading';
      message.textContent = tr('deleting');
      getJson<void>(`/api/siting/rules/${encodeURIComponent(set.name)}`, {
        method: 'DELETE', headers: { accept: 'application/json, application/problem+json', ...(s.csrf_token ? { 'x-csrf-token': s.csrf_token } : {}) },
      }).then(() => o.deleted(), (err: Error) => { button.disabled = false; message.className = 'small bad'; message.textContent = err.message; });
    } }, tr('delete'));
    box.append(button, message);
  }, () => box.append(h('p', { class: 'small bad' }, tr('session_error'))));
  return box;
}

function editableRule(d: DraftRule, o: RulesSectionOptions): HTMLElement {
  const r = d.rule;
  const layer = o.rules.layers.find((l) => l.id === r.layer);
  const unit = layer?.unit ?? '';
  const msg = h('span', { class: 'bad small', 'data-testid': `suit-rule-${r.id}-error` });
  const fail = (text: string) => { msg.textContent = text; };
  const done = () => { msg.textContent = ''; markEdited(d, o.rules.layers); o.change(); };
  const fields: HTMLElement[] = [];
  for (const key of RANGE_KEYS) {
    const range = r[key] as Range | undefined;
    if (!range) continue;
    const mk = (end: 0 | 1) => {
      const input = h('input', { type: 'number', step: 'any', class: 'num', value: range[end] === null ? '' : String(range[end]), placeholder: tr('open_end'), 'data-testid': `suit-rule-${r.id}-${key}-${end ? 'max' : 'min'}`,
        onchange: () => {
          const v = numberValue(input, true);
          if (v === undefined) return fail(tr('bad_number'));
          const next: Range = [...(r[key] as Range)] as Range;
          next[end] = v;
          if (next[0] !== null && next[1] !== null && next[0] > next[1]) return fail(tr('bad_range'));
          (r as Record<string, unknown>)[key] = next;
          done();
        } });
      return input;
    };
    fields.push(h('div', { class: 'rule-field' }, h('span', null, `${tr(key)} (${unit})`), h('span', { class: 'small muted' }, tr('from')), mk(0), h('span', { class: 'small muted' }, tr('to')), mk(1)));
  }
  for (const key of VALUE_KEYS) {
    const values = r[key] as number[] | undefined;
    if (!values) continue;
    const input = h('input', { type: 'text', value: values.join(', '), title: tr('codes_hint'), 'data-testid': `suit-rule-${r.id}-${key}`,
      onchange: () => {
        const parts = input.value.split(/[,，\s]+/).filter(Boolean);
        const codes = parts.map(Number);
        if (!parts.length || codes.some((c) => !Number.isInteger(c))) return fail(tr('bad_codes'));
        (r as Record<string, unknown>)[key] = codes;
        done();
      } });
    fields.push(h('div', { class: 'rule-field' }, h('span', null, tr(key)), input,
      h('span', { class: 'small muted' }, values.map((c) => `${c} = ${className(r.layer, c, unit)}`).join('、'))));
  }
  if (r.include_weights) {
    fields.push(h('div', { class: 'rule-field' }, h('span', null, tr('include_weights')),
      h('span', { class: 'small' }, Object.entries(r.include_weights).map(([c, w]) => `${className(r.layer, Number(c), unit)} ${num(w, 2)}`).join('、'))));
  }
  if (r.setback_tip_heights !== undefined) {
    const input = h('input', { type: 'number', min: '0', max: '20', step: 'any', class: 'num', value: String(r.setback_tip_heights), 'data-testid': `suit-rule-${r.id}-setback`,
      onchange: () => {
        const v = numberValue(input, false);
        if (v === undefined || v === null || v < 0 || v > 20) return fail(tr('bad_number'));
        r.setback_tip_heights = v;
        done();
      } });
    fields.push(h('div', { class: 'rule-field' }, h('span', null, tr('setback')), input, h('span', { class: 'small muted' }, '×')));
  }
  const buffer = h('input', { type: 'number', min: '0', max: '50000', step: '10', class: 'num', value: r.buffer_m === undefined ? '' : String(r.buffer_m), placeholder: '0', 'data-testid': `suit-rule-${r.id}-buffer`,
    onchange: () => {
      const v = numberValue(buffer, true);
      if (v === undefined || (v !== null && (v < 0 || v > 50_000))) return fail(tr('bad_number'));
      if (v === null || v === 0) delete r.buffer_m; else r.buffer_m = v;
      done();
    } });
  fields.push(h('div', { class: 'rule-field' }, h('span', null, tr('buffer')), buffer, h('span', { class: 'small muted' }, 'm')));
  const box = h('input', { type: 'checkbox', checked: d.enabled, 'data-testid': `suit-rule-${r.id}`, onchange: () => { d.enabled = box.checked; o.change(); } });
  return h('li', { 'data-rule': r.id, class: d.enabled ? null : 'off' },
    h('label', null, box, ` ${lbl({ zh: r.label_zh, en: r.label_en })}`),
    r.unverified ? h('span', { class: 'unverified', title: tr('unverified_title'), 'data-testid': `suit-rule-${r.id}-unverified` }, ` * ${tr('unverified')}`) : null,
    d.edited ? h('span', { class: 'small muted' }, ` · ${tr('edited')}`) : null,
    h('div', { class: 'rule-fields' }, fields, msg),
    h('div', { class: 'small muted rule-source' }, `${tr('source')}: ${r.source}`));
}

function setFields(d: RuleDraft, o: RulesSectionOptions): HTMLElement {
  const msg = h('span', { class: 'bad small' });
  const minArea = h('input', { type: 'number', min: '0', max: '100000', step: 'any', class: 'num', value: String(d.min_area_ha), 'data-testid': 'suit-rules-min-area',
    onchange: () => { const v = numberValue(minArea, false); if (v === undefined || v === null || v < 0 || v > 100_000) { msg.textContent = tr('bad_number'); return; } msg.textContent = ''; d.min_area_ha = v; o.change(); } });
  const contiguity = h('select', { 'data-testid': 'suit-rules-contiguity', onchange: () => { d.contiguity = contiguity.value as 'queen' | 'rook'; o.change(); } },
    h('option', { value: 'queen' }, tr('queen')), h('option', { value: 'rook' }, tr('rook')));
  contiguity.value = d.contiguity;
  const density = h('input', { type: 'number', min: '0.1', max: '300', step: 'any', class: 'num', value: String(d.density_mw_per_km2), 'data-testid': 'suit-rules-density',
    onchange: () => { const v = numberValue(density, false); if (v === undefined || v === null || v <= 0 || v > 300) { msg.textContent = tr('bad_number'); return; } msg.textContent = ''; d.density_mw_per_km2 = v; o.change(); } });
  return h('div', { class: 'rule-fields set' },
    h('div', { class: 'rule-field' }, h('span', null, tr('min_area')), minArea, h('span', { class: 'small muted' }, lang() === 'en' ? `ha (${num(d.min_area_ha * 15, 1)} mu)` : `公顷（${num(d.min_area_ha * 15, 1)} 亩）`)),
    h('div', { class: 'rule-field' }, h('span', null, tr('contiguity')), contiguity),
    h('div', { class: 'rule-field' }, h('span', null, tr('density')), density, h('span', { class: 'small muted' }, 'MW/km²')),
    msg);
}

function saveArea(d: RuleDraft, o: RulesSectionOptions): HTMLElement {
  const box = h('div', { class: 'rule-save', 'data-testid': 'suit-rules-save-area' });
  // asked at each drawing: a login on the cooperative tab counts as soon as this panel draws again
  void getJson<Session>('/api/auth/session').then((s) => {
    if (!s.identity) { box.append(h('p', { class: 'small muted', 'data-testid': 'suit-rules-login' }, tr('login'))); return; }
    box.append(saveForm(d, o, s.csrf_token));
  }, () => box.append(h('p', { class: 'small bad' }, tr('session_error'))));
  return box;
}

function saveForm(d: RuleDraft, o: RulesSectionOptions, csrf: string | null): HTMLElement {
  const suggested = d.from.startsWith('default:') ? `${d.from.slice('default:'.length)}-edited` : d.from;
  const name = h('input', { type: 'text', maxlength: '100', value: suggested, 'data-testid': 'suit-rules-name' });
  const message = h('p', { class: 'small', 'data-testid': 'suit-rules-message' });
  const button = h('button', { type: 'submit', class: 'primary', 'data-testid': 'suit-rules-save' }, tr('save'));
  return h('form', {
    onsubmit: (e: Event) => {
      e.preventDefault();
      const n = name.value.trim();
      if (!NAME_RE.test(n) || n.startsWith('default:')) { message.className = 'small bad'; message.textContent = tr('name_rule'); return; }
      message.className = 'small loading';
      message.textContent = tr('saving');
      button.disabled = true;
      getJson<RuleSetOut>(`/api/siting/rules/${encodeURIComponent(n)}`, {
        method: 'PUT', body: JSON.stringify(draftBody(d)),
        headers: { 'content-type': 'application/json', accept: 'application/json, application/problem+json', ...(csrf ? { 'x-csrf-token': csrf } : {}) },
      }).then(() => { message.className = 'small'; message.textContent = `${tr('saved')}${n}`; o.saved(n); },
        (err: Error) => { button.disabled = false; message.className = 'small bad'; message.textContent = err.message; });
    },
  }, h('label', { class: 'field' }, h('span', null, tr('save_name')), name), button, message);
}
