/**
 * The layers tantu knows how to show. A layer is listed in the catalog once its data
 * exists (rows in its table, or a registered raster); its `source` is then taken from the data.
 */
import { LANDCOVER_CLASSES } from '../../layers/landcover/classes.ts';
import type { LayerDefinition } from './catalog.ts';

type Definition = Omit<LayerDefinition, 'source' | 'attribution'>;

const ramp = (unit: string, stops: [number, string][]) =>
  ({ type: 'ramp', unit, stops: stops.map(([value, color]) => ({ value, color })) }) as const;

export const LAYER_DEFINITIONS: Definition[] = [
  { id: 'hillshade', title_zh: '地形晕渲', title_en: 'Hillshade', kind: 'raster', unit: null, legend: { type: 'hillshade' }, raster_id: 'dem', sort: 1 },
  { id: 'dem', title_zh: '高程', title_en: 'Elevation (DEM)', kind: 'raster', unit: 'm', raster_id: 'dem', sort: 2,
    legend: ramp('m', [[0, '#1a9850'], [200, '#91cf60'], [500, '#d9ef8b'], [900, '#fee08b'], [1200, '#d8b365'], [1600, '#ffffff']]) },
  { id: 'landcover', title_zh: '土地覆盖', title_en: 'Land cover', kind: 'raster', unit: null, raster_id: 'landcover', sort: 10,
    legend: { type: 'classes', classes: LANDCOVER_CLASSES.map((c) => ({ value: c.code, color: c.color, label_zh: c.zh, label_en: c.en })) } },
  // Built by `npm run tantu -- build carbon` (data-pipeline/build/carbon-layers.ts): land-cover pools,
  // replaced by the stand route on stands and the wetland route on wetlands. Per-pool rasters
  // (carbon_density_above/below/soil/dead) are registered for zonal sums but not listed here.
  { id: 'carbon_density', title_zh: '碳密度', title_en: 'Carbon density', kind: 'raster', unit: 't C/ha', raster_id: 'carbon_density', sort: 11,
    legend: ramp('t C/ha', [[0, '#ffffe5'], [50, '#d9f0a3'], [90, '#78c679'], [130, '#238443'], [180, '#004529']]) },
  { id: 'carbon_sink', title_zh: '年碳汇量', title_en: 'Annual carbon sink', kind: 'raster', unit: 't CO2e/ha/yr', raster_id: 'carbon_sink', sort: 12,
    legend: ramp('t CO2e/ha/yr', [[0, '#f7fcf0'], [1, '#ccebc5'], [2.5, '#7bccc4'], [5, '#2b8cbe'], [10, '#084081']]) },
  { id: 'stands', title_zh: '森林小班', title_en: 'Forest stands', kind: 'vector', unit: null, source_table: 'stands', source_filter: "forest_type <> 'bamboo'", min_zoom: 9, sort: 20,
    legend: { type: 'style', color: '#1b7837', fill: 'rgba(27,120,55,0.35)', width: 1 } },
  { id: 'bamboo', title_zh: '毛竹林小班', title_en: 'Bamboo stands', kind: 'vector', unit: null, source_table: 'stands', source_filter: "forest_type = 'bamboo'", min_zoom: 9, sort: 21,
    legend: { type: 'style', color: '#66a61e', fill: 'rgba(166,217,106,0.45)', width: 1 } },
  { id: 'wetlands', title_zh: '湿地', title_en: 'Wetlands', kind: 'vector', unit: null, source_table: 'wetlands', sort: 22,
    legend: { type: 'style', color: '#2166ac', fill: 'rgba(102,194,165,0.5)', width: 1 } },
  { id: 'ghi', title_zh: '年总辐射', title_en: 'Global horizontal irradiation', kind: 'raster', unit: 'kWh/m²/yr', raster_id: 'ghi', sort: 30,
    legend: ramp('kWh/m²/yr', [[1100, '#4575b4'], [1175, '#91bfdb'], [1225, '#fee090'], [1275, '#fc8d59'], [1350, '#d73027']]) },
  { id: 'wind100', title_zh: '100米年均风速', title_en: 'Mean wind speed at 100 m', kind: 'raster', unit: 'm/s', raster_id: 'wind100', sort: 31,
    legend: ramp('m/s', [[3, '#f7fbff'], [4.5, '#c6dbef'], [5.5, '#6baed6'], [6.5, '#2171b5'], [8, '#08306b']]) },
  { id: 'population', title_zh: '人口分布', title_en: 'Population', kind: 'raster', unit: 'people/cell', raster_id: 'population', sort: 40,
    legend: ramp('people/cell', [[0, 'rgba(255,255,204,0)'], [5, '#ffeda0'], [50, '#feb24c'], [200, '#f03b20'], [1000, '#800026']]) },
  { id: 'roads', title_zh: '道路', title_en: 'Roads', kind: 'vector', unit: null, source_table: 'roads', sort: 50,
    legend: { type: 'style', color: '#555555', width: 1.5 } },
  { id: 'charging_stations', title_zh: '公共充电站', title_en: 'Public charging stations', kind: 'vector', unit: null, source_table: 'charging_stations', sort: 51,
    legend: { type: 'style', color: '#7b3294', width: 6 } },
  { id: 'substations', title_zh: '变电站', title_en: 'Substations', kind: 'vector', unit: null, source_table: 'substations', sort: 52,
    legend: { type: 'style', color: '#e66101', width: 6 } },
  { id: 'power_lines', title_zh: '输电线路', title_en: 'Power lines', kind: 'vector', unit: null, source_table: 'power_lines', sort: 53,
    legend: { type: 'style', color: '#fdb863', width: 1.5 } },
  { id: 'eco_redline', title_zh: '生态保护红线', title_en: 'Ecological protection red line', kind: 'vector', unit: null, source_table: 'protected_areas', source_filter: "kind = 'eco_redline'", sort: 60,
    legend: { type: 'style', color: '#d7191c', fill: 'rgba(215,25,28,0.15)', width: 1.5 } },
  { id: 'basic_farmland', title_zh: '永久基本农田', title_en: 'Permanent basic farmland', kind: 'vector', unit: null, source_table: 'protected_areas', source_filter: "kind = 'basic_farmland'", sort: 61,
    legend: { type: 'style', color: '#b8860b', fill: 'rgba(254,224,139,0.4)', width: 1 } },
  { id: 'boundaries', title_zh: '行政区划', title_en: 'Administrative boundaries', kind: 'vector', unit: null, source_table: 'regions', sort: 70,
    legend: { type: 'style', color: '#333333', width: 1.5 } },
  { id: 'places', title_zh: '居民点', title_en: 'Places', kind: 'vector', unit: null, source_table: 'places', sort: 71,
    legend: { type: 'style', color: '#222222', width: 4 } },
];
