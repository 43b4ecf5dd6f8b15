/**
 * The PV and wind workbench (光伏与风电): the yield of a point or a parcel. Siting suitability
 * (exclusions, criteria, candidate zones) joins it in its own panel.
 */
import type { Workbench } from '../../shell/registry.ts';
import { mountYieldPanel } from './yield-panel.ts';

export function sitingWorkbench(): Workbench {
  return {
    id: 'siting',
    title: { zh: '光伏与风电', en: 'PV & wind' },
    mount: (container, ctx) => mountYieldPanel(container, ctx),
  };
}
