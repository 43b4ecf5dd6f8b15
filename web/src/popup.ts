/** Attribute popup for a picked map feature (hover shows it, click pins it). */
import type { LayerInfo } from './api.ts';
import { esc } from './carbon.ts';
import { lang, num, pick, t } from './i18n.ts';

const FIELD_LABELS: Record<string, [string, string]> = {
  species: ['树种', 'Species'], dominant_species: ['优势树种', 'Dominant species'], species_zh: ['树种', 'Species'],
  forest_type: ['森林类型', 'Forest type'], origin: ['起源', 'Origin'], age: ['林龄', 'Age'], age_yr: ['林龄 (年)', 'Age (yr)'],
  age_class: ['龄组', 'Age class'], volume_m3_per_ha: ['单位蓄积 (m³/ha)', 'Volume (m³/ha)'], volume_m3: ['蓄积 (m³)', 'Volume (m³)'],
  stock_tC: ['碳储量 (t C)', 'Carbon stock (t C)'], stock_tC_per_ha: ['碳密度 (t C/ha)', 'Carbon density (t C/ha)'],
  area_ha: ['面积 (公顷)', 'Area (ha)'], canopy_closure: ['郁闭度', 'Canopy closure'], density_per_ha: ['密度 (株/ha)', 'Density (trees/ha)'],
  site_class: ['立地等级', 'Site class'], stand_id: ['小班号', 'Stand id'], id: ['编号', 'Id'], name_zh: ['名称', 'Name (zh)'],
  name_en: ['英文名', 'Name (en)'], level: ['级别', 'Level'], kind: ['类型', 'Kind'], source: ['来源', 'Source'],
  township: ['乡镇', 'Township'], village: ['村', 'Village'], owner: ['权属', 'Ownership'], ownership: ['权属', 'Ownership'],
  height_m: ['平均树高 (m)', 'Mean height (m)'], dbh_cm: ['平均胸径 (cm)', 'Mean DBH (cm)'], wetland_type: ['湿地类型', 'Wetland type'],
  capacity_kw: ['容量 (kW)', 'Capacity (kW)'], voltage_kv: ['电压 (kV)', 'Voltage (kV)'], population: ['人口', 'Population'],
};

function label(k: string): string {
  const l = FIELD_LABELS[k];
  return l ? (lang() === 'en' ? l[1] : l[0]) : k;
}

function value(x: unknown): string {
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
      .map(([k, v]) => `<tr><td>${esc(label(k))}</td><td>${esc(value(v))}</td></tr>`).join('');
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
