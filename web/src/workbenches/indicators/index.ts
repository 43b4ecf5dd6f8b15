/**
 * The policy indicator workbench (政策指标, issue 14): a region's indicators against the plans'
 * targets, a choropleth and a bar chart over its child regions, the narrative, a one-page brief
 * and a CSV export.
 */
import type { Workbench } from '../../shell/registry.ts';
import { mountIndicatorsPanel } from './panel.ts';

export function indicatorsWorkbench(): Workbench {
  return {
    id: 'indicators',
    title: { zh: '政策指标', en: 'Policy indicators' },
    mount: (container, ctx) => mountIndicatorsPanel(container, ctx),
  };
}
