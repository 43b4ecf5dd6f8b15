/**
 * The shell around the workbenches: language (store → i18n → page), the top bar, the layer panel,
 * the workbench switcher and the report route.
 */
import './fonts.css';
import { byId } from '../dom.ts';
import { setLang, translateDom } from '../i18n.ts';
import type { AppStore, Route } from '../state.ts';
import { mountLayerPanel } from './layer-panel.ts';
import { mountRasterReadout } from './raster-readout.ts';
import { villageRegions } from './region-names.ts';
import type { WorkbenchContext } from './registry.ts';
import { activeWorkbench, mountSwitcher } from './switcher.ts';

/** i18n follows the store's language. Bind it before anything that renders text subscribes. */
export function bindLanguage(store: AppStore): void {
  setLang(store.get().lang);
  store.subscribe((s) => {
    setLang(s.lang);
    translateDom();
  }, ['lang']);
  translateDom();
}

/** #report: the active workbench's printable report over the page; the map route puts the workbench back. Mount after the map's load. */
export function mountRoute(ctx: WorkbenchContext): void {
  const { store, map } = ctx;
  const report = byId('report');
  let undo: (() => void) | undefined;
  let queue = Promise.resolve();
  const show = async (route: Route) => {
    if (route.name === 'report') {
      const wb = activeWorkbench(store.get());
      document.body.classList.add('report-mode');
      report.hidden = false;
      // Another report (e.g. another parcel's link) replaces the one shown: undo that one first.
      undo?.();
      undo = undefined;
      report.replaceChildren();
      undo = wb?.report ? await wb.report(report, ctx, route) : undefined;
    } else {
      document.body.classList.remove('report-mode');
      report.hidden = true;
      map.map.resize();
      undo?.();
      undo = undefined;
    }
  };
  const enqueue = (route: Route) => { queue = queue.then(() => show(route), (e) => console.error(e)); };
  store.subscribe((s) => enqueue(s.route), ['route']);
  if (store.get().route.name === 'report') enqueue(store.get().route);
}

export function mountShell(ctx: WorkbenchContext): void {
  const { store } = ctx;
  byId('lang-toggle').addEventListener('click', () => store.set({ lang: store.get().lang === 'en' ? 'zh-CN' : 'en' }));
  // On narrow screens the layer panel is a drawer over the map (style.css), opened from the top bar.
  const toggle = byId('layers-toggle');
  toggle.addEventListener('click', () => {
    const open = document.body.classList.toggle('layers-open');
    toggle.setAttribute('aria-expanded', String(open));
    ctx.map.map.resize();
  });
  mountLayerPanel(byId('layer-panel'), store, ctx.map);
  mountRasterReadout(byId('raster-readout'), store, ctx.map);
  // Village names for the stand popup's owner village (fetched once, in the background).
  void villageRegions().catch((e) => console.warn('[regions]', (e as Error).message));
  mountSwitcher(byId('workbench-tabs'), byId('workbench-panel'), ctx);
}
