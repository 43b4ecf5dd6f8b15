/** Attribute popup for a picked map feature (hover shows it, click pins it). */
import type { LayerInfo } from './api.ts';
import { esc } from './carbon.ts';
import { fieldLabel, num, pick, t, valueLabel } from './i18n.ts';

/** A cell: coded values in words (杉木 / Chinese fir), numbers in the locale's format. */
function value(k: string, x: unknown): string {
  const coded = valueLabel(k, x);
  if (coded !== undefined) return coded;
  if (typeof x === 'number') return num(x, Number.isInteger(x) ? 0 : 2);
  if (x === null || x === undefined || x === '') return '–';
  return String(x);
}

export class FeaturePopup {
  pinned = false;
  constructor(private el: HTMLElement) {}

  /** Extra rows (e.g. the stand's carbon density from the API) appended to the pinned popup. */
  extra(html: string): void {
    if (!this.pinned || this.el.hidden) return;
    this.el.querySelector('.popup-extra')?.remove();
    this.el.insertAdjacentHTML('beforeend', `<div class="popup-extra">${html}</div>`);
  }

  show(x: number, y: number, layer: LayerInfo, props: Record<string, unknown>, pin: boolean): void {
    if (this.pinned && !pin) return;
    this.pinned = pin;
    const title = pick(layer as never, 'title');
    const name = props.name_zh || props.name || props.species || props.stand_id || props.id || '';
    const rows = Object.entries(props)
      .filter(([k]) => !k.startsWith('_') && k !== 'layerName')
      .slice(0, 24)
      .map(([k, v]) => `<tr><td>${esc(fieldLabel(k))}</td><td>${esc(value(k, v))}</td></tr>`).join('');
    this.el.innerHTML = `${pin ? '<button class="close" type="button" aria-label="close">×</button>' : ''}
      <h5>${esc(title)}${name ? ` · ${esc(name)}` : ''}</h5>
      ${layer.synthetic ? `<div class="badge">${esc(t('synthetic'))}</div>` : ''}
      <table>${rows}</table>`;
    this.el.hidden = false;
    this.el.dataset.layer = layer.id;
    const parent = this.el.parentElement!.getBoundingClientRect();
    const w = this.el.offsetWidth;
    const h = this.el.offsetHeight;
    this.el.style.left = `${Math.min(Math.max(4, x + 12), parent.width - w - 4)}px`;
    this.el.style.top = `${Math.min(Math.max(4, y + 12), parent.height - h - 4)}px`;
    this.el.querySelector('.close')?.addEventListener('click', () => this.hide(true));
  }

  hide(force = false): void {
    if (this.pinned && !force) return;
    this.pinned = false;
    this.el.hidden = true;
  }
}
