import type { Feature } from 'geojson';
import { describe, expect, it } from 'vitest';
import { ParseError } from '../../../data-pipeline/import/errors.ts';
import { normaliseGeometry, slug, toTargetFeatures } from '../../../data-pipeline/import/fields.ts';

const sq: Feature['geometry'] = { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 0]]] };
const feat = (properties: Record<string, unknown>, geometry: Feature['geometry'] = sq): Feature => ({ type: 'Feature', properties, geometry });
const labels = ['record 1', 'record 2', 'record 3'];

function parseError(fn: () => unknown): ParseError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ParseError) return e;
    throw e;
  }
  throw new Error('expected a ParseError');
}

describe('field mapping', () => {
  it('maps Chinese columns with --map and Chinese species names to keys', () => {
    const { features } = toTargetFeatures('stands', [feat({ 小班: 'a', 树种: '杉木', 每公顷蓄积: '120.5', 林龄: 12 })], labels, {
      map: { id: '小班', species_group: '树种', volume_m3_per_ha: '每公顷蓄积' },
      idPrefix: 'stands-x',
    });
    expect(features[0].properties).toMatchObject({ id: 'a', species_group: 'chinese_fir', volume_m3_per_ha: 120.5, age_yr: 12, forest_type: 'arbor' });
  });

  it('knows the species groups by their Chinese names', () => {
    const names = { 马尾松: 'masson_pine', 湿地松: 'slash_pine', 柏木: 'cypress', 栎类: 'oak', 硬阔类: 'hard_broadleaf', 软阔类: 'soft_broadleaf', 针叶混: 'mixed_conifer', 阔叶混: 'mixed_broadleaf', 针阔混: 'mixed_conifer_broadleaf', 毛竹: 'moso_bamboo' };
    const input = Object.keys(names).map((n) => feat({ 树种: n }));
    const { features } = toTargetFeatures('stands', input, [], { idPrefix: 's' });
    expect(features.map((f) => f.properties?.species_group)).toEqual(Object.values(names));
    expect(features.at(-1)?.properties?.forest_type).toBe('bamboo');
  });

  it('generates ids <target>-<file>-<n> when the file has none', () => {
    const r = toTargetFeatures('wetlands', [feat({ 湿地类型: '河流' }), feat({ 湿地类型: '水库' })], labels, { idPrefix: 'wetlands-西溪' });
    expect(r.features.map((f) => f.properties?.id)).toEqual(['wetlands-西溪-1', 'wetlands-西溪-2']);
    expect(r.features.map((f) => f.properties?.wetland_type)).toEqual(['river', 'reservoir']);
    expect(r.generatedIds).toBe(2);
  });

  it('applies --set constants and --value maps', () => {
    const r = toTargetFeatures('stands', [feat({ 树种: '黄山松' })], labels, {
      set: { origin: 'natural' },
      values: { species_group: { 黄山松: 'masson_pine' } },
      idPrefix: 's',
    });
    expect(r.features[0].properties).toMatchObject({ species_group: 'masson_pine', origin: 'natural' });
  });

  it('says which species is unknown and how to map it', () => {
    const e = parseError(() => toTargetFeatures('stands', [feat({ 树种: '杉木' }), feat({ 树种: '黄山松' })], labels, { idPrefix: 's' }));
    expect(e.where).toBe('record 2');
    expect(e.problem).toMatch(/黄山松/);
    expect(e.hint).toMatch(/--value species_group:黄山松=/);
  });

  it('reports a mapped column that does not exist, listing the columns', () => {
    const e = parseError(() => toTargetFeatures('stands', [feat({ 树种: '杉木' })], labels, { map: { volume_m3_per_ha: '蓄积' }, idPrefix: 's' }, ['树种']));
    expect(e.problem).toBe('column "蓄积" (mapped to volume_m3_per_ha) is not in the file');
    expect(e.hint).toMatch(/树种/);
  });

  it('reports a required field no column maps to, and an empty required value by feature', () => {
    const none = parseError(() => toTargetFeatures('stations', [feat({ 名称: 'x', 功率: '60' })], labels, { idPrefix: 's' }, ['名称', '功率']));
    expect(none.problem).toMatch(/missing required field "chargers"/);
    expect(none.hint).toMatch(/--map chargers=/);
    const empty = parseError(() => toTargetFeatures('stations', [feat({ 桩数: '2', 功率: '60' }), feat({ 桩数: '', 功率: '60' })], labels, { idPrefix: 's' }));
    expect(empty.where).toBe('record 2');
    expect(empty.problem).toMatch(/missing required field "chargers" \(column "桩数" is empty\)/);
  });

  it('rejects non-numbers and non-integers in numeric fields, and unknown --map targets', () => {
    expect(parseError(() => toTargetFeatures('stations', [feat({ chargers: '2.5', power_kw: '60' })], labels, { idPrefix: 's' })).problem).toMatch(/not a whole number/);
    expect(parseError(() => toTargetFeatures('stations', [feat({ chargers: '2', power_kw: 'sixty' })], labels, { idPrefix: 's' })).problem).toMatch(/not a number/);
    expect(parseError(() => toTargetFeatures('stations', [feat({})], labels, { map: { colour: 'x' }, idPrefix: 's' })).problem).toMatch(/"colour" is not a field of stations/);
  });

  it('rejects duplicate ids naming both features', () => {
    const e = parseError(() => toTargetFeatures('wetlands', [feat({ id: 'w', wetland_type: 'lake' }), feat({ id: 'w', wetland_type: 'lake' })], labels, { idPrefix: 'w' }));
    expect(e.where).toBe('record 2');
    expect(e.problem).toMatch(/first by record 1/);
  });

  it('normalises single-part multi geometries and drops Z', () => {
    expect(normaliseGeometry({ type: 'MultiLineString', coordinates: [[[0, 0, 5], [1, 1, 5]]] }, 'LineString')).toEqual({ type: 'LineString', coordinates: [[0, 0], [1, 1]] });
    expect(normaliseGeometry({ type: 'MultiPoint', coordinates: [[1, 2]] }, 'Point')).toEqual({ type: 'Point', coordinates: [1, 2] });
    const gc = normaliseGeometry({ type: 'GeometryCollection', geometries: [sq!, sq!] }, 'MultiPolygon');
    expect(gc?.type).toBe('MultiPolygon');
  });

  it('slugs file names, keeping Chinese', () => {
    expect(slug('安吉 小班 2024')).toBe('安吉-小班-2024');
    expect(slug('Stands_GBK')).toBe('stands-gbk');
  });
});

describe('schema defaults', () => {
  it('fills site_kind=public and oneway=0 when the file has no value', () => {
    const pt = { type: 'Point' as const, coordinates: [0, 0] };
    const r = toTargetFeatures('stations', [feat({ chargers: 2, power_kw: 60 }, pt)], labels, { idPrefix: 's' });
    expect(r.features[0].properties?.site_kind).toBe('public');
  });
});
