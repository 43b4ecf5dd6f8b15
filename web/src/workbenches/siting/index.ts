/**
 * The PV and wind workbench (光伏与风电): the yield of a point or a parcel, and below it the
 * siting suitability (exclusion rules, criteria and weights, the county layer, zones, parcel potential).
 */
import type { Workbench } from '../../shell/registry.ts';
import { mountYieldPanel } from './yield-panel.ts';
import { mountSuitabilityPanel } from './suitability-panel.ts';

export function sitingWorkbench(): Workbench {
  return {
    id: 'siting',
    title: { zh: '光伏与风电', en: 'PV & wind' },
    mount: (container, ctx) => {
      const offYield = mountYieldPanel(container, ctx);
      const offSuitability = mountSuitabilityPanel(container, ctx);
      return () => { offSuitability(); offYield(); };
    },
  };
}
