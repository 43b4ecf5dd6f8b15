/**
 * The EV charging workbench (充电设施): coverage per person on the road graph against the plan
 * targets, isochrones, uncovered population, new-site suggestions and what-if stations.
 */
import type { Workbench } from '../../shell/registry.ts';
import { mountChargingPanel } from './panel.ts';

export function chargingWorkbench(): Workbench {
  return {
    id: 'charging',
    title: { zh: '充电设施', en: 'EV charging' },
    mount: (container, ctx) => mountChargingPanel(container, ctx),
  };
}
