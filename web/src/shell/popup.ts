/** Attribute popup for a picked map feature (hover shows it, click pins it). */
import type { LayerInfo } from '../api.ts';
import { h, replace } from '../dom.ts';
import { fieldLabel, lang, num, pick, t, valueLabel } from '../i18n.ts';
import { regionName } from './region-names.ts';

/** Attributes holding a region code (a stand's owner village). */
const REGION_FIELDS = new Set(['owner_village', 'village', 'village_id', 'township_id']);

/** A cell: region codes by name, coded values in words (杉木 / Chinese fir), numbers in the locale's format. */
function value(k: string, x: unknown): string {
  if (REGION_FIELDS.has(k) && regionName(x)) return `${regionName(x)} (${String(x)})`;
  const coded = valueLabel(k, x);
  if (coded !== undefined) return coded;
  if (typeof x === 'number') return num(x, Number.isInteger(x) ? 0 : 2);
  if (x === null || x === undefined || x === '') return '–';
  return String(x);
}

export class FeaturePopup {
  pinned = false;
  /** Counts the popups shown: a late answer for an earlier feature is not added to a later one. */
  serial = 0;
  constructor(private el: HTMLElement) {}

  /** Extra content (e.g. the stand's carbon density from the API) for the pinned popup number `serial`. */
  extra(serial: number, content: Node): void {
    if (serial !== this.serial || !this.pinned || this.el.hidden) return;
    this.el.querySelector('.popup-extra')?.remove();
    this.el.append(h('div', { class: 'popup-extra' }, content));
  }

  show(x: number, y: number, layer: LayerInfo, props: Record<string, unknown>, pin: boolean): void {
    if (this.pinned && !pin) return;
    this.pinned = pin;
    this.serial++;
    const title = pick(layer as never, 'title');
    const name = (lang() === 'en' && props.name_en) || props.name_zh || props.name || props.species || props.stand_id || props.id || '';
    const rows = Object.entries(props)
      .filter(([k]) => !k.startsWith('_') && k !== 'layerName')
      .slice(0, 24)
      .map(([k, v]) => h('tr', null, h('td', null, fieldLabel(k)), h('td', null, value(k, v))));
    replace(this.el,
      pin ? h('button', { class: 'close', type: 'button', 'aria-label': t('carbon_close'), onclick: () => this.hide(true) }, '×') : null,
      h('h5', null, title, name ? ` · ${String(name)}` : ''),
      layer.synthetic ? h('div', { class: 'badge' }, t('synthetic')) : null,
      h('table', null, rows),
    );
    this.el.hidden = false;
    this.el.dataset.layer = layer.id;
    const parent = this.el.parentElement!.getBoundingClientRect();
    const w = this.el.offsetWidth;
    const hh = this.el.offsetHeight;
    this.el.style.left = `${Math.min(Math.max(4, x + 12), parent.width - w - 4)}px`;
    this.el.style.top = `${Math.min(Math.max(4, y + 12), parent.height - hh - 4)}px`;
  }

  hide(force = false): void {
    if (this.pinned && !force) return;
    this.pinned = false;
    this.el.hidden = true;
  }
}
