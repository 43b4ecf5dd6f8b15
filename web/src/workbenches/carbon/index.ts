/**
 * The carbon workbench (碳汇): parcels (draw, upload, list, exports), scenario, the selected
 * parcel's analysis, the stand popup's carbon density and the printable report.
 */
import { h } from '../../dom.ts';
import { t } from '../../i18n.ts';
import type { Workbench, WorkbenchContext } from '../../shell/registry.ts';
import { createAnalyses, type Analyses } from './analysis.ts';
import { mountCarbonPanel } from './carbon-panel.ts';
import { mountParcelList } from './parcel-list.ts';
import { renderReport } from './report.ts';
import { mountScenario } from './scenario.ts';
import { standCarbonOnClick } from './stand-popup.ts';
import { mountUpload } from './upload-panel.ts';

export function carbonWorkbench(): Workbench {
  // One set of analyses for the panel and the report (requests in flight survive a tab switch).
  let shared: Analyses | undefined;
  const analyses = (ctx: WorkbenchContext) => (shared ??= createAnalyses(ctx.store));
  return {
    id: 'carbon',
    title: { zh: '碳汇', en: 'Carbon' },
    mount(container, ctx) {
      const upload = mountUpload(ctx);
      const title = h('h2');
      const carbon = h('section', { id: 'carbon-section' }, title);
      const translate = () => { title.textContent = t('carbon'); };
      translate();
      const off = [
        upload.unmount,
        mountParcelList(container, ctx, upload, analyses(ctx)),
        mountScenario(carbon, ctx.store),
        mountCarbonPanel(carbon, ctx.store, analyses(ctx)),
        standCarbonOnClick(ctx.map),
        ctx.store.subscribe(translate, ['lang']),
      ];
      container.append(carbon);
      return () => off.forEach((f) => f());
    },
    report: (container, ctx, route) => renderReport(container, ctx, analyses(ctx), route),
  };
}
