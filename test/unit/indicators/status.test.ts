import { describe, expect, it } from 'vitest';
import { enclosingRegions, gapOf, judge, pathValue, pickTarget, statusOf, targetScope, type Target } from '../../../layers/indicators/status.ts';

let nextId = 1;
const target = (t: Partial<Target>): Target => ({
  id: nextId++, region_id: '330000', region_level: 'province', place_zh: '浙江省', place_en: 'Zhejiang', indicator: 'forest_coverage_pct', comparison: 'at_least',
  value: 61.5, unit: '%', year: 2025, baseline_value: null, baseline_year: null, document_zh: '规划', document_en: 'Plan', source: 'test', note: null, ...t,
});

describe('enclosing regions', () => {
  it('adds the city and province a 6-digit county code names after the table\'s parents', () => {
    // Anji township 330523101: parents in the table 330523 (county) and 330500 (city, not a row); then 330000
    expect(enclosingRegions('330523101', ['330523', '330500'])).toEqual(['330523', '330500', '330000']);
    expect(enclosingRegions('330523', ['330500'])).toEqual(['330500', '330000']);
    expect(enclosingRegions('330523', [])).toEqual(['330500', '330000']);
    expect(enclosingRegions('demo-t1', ['demo-county'])).toEqual(['demo-county']);
  });
});

describe('scope', () => {
  const enc = ['330500', '330000'];
  it('own for the region\'s own target, reference for an enclosing city or province, none for another city', () => {
    expect(targetScope('330523', enc, { region_id: '330523' })).toBe('own');
    expect(targetScope('330523', enc, { region_id: '330500' })).toBe('reference');
    expect(targetScope('330523', enc, { region_id: '330000' })).toBe('reference');
    expect(targetScope('330523', enc, { region_id: '330100' })).toBeNull(); // Hangzhou's target is not Anji's
  });

  it('picks an own target before a city\'s, the city before the province, and the next target year', () => {
    const prov = target({ region_id: '330000', value: 61.5 });
    const city = target({ region_id: '330500', value: 68 });
    const hz = target({ region_id: '330100', value: 65.33 });
    expect(pickTarget('330523', enc, [prov, hz], 2026)).toMatchObject({ id: prov.id, scope: 'reference' });
    expect(pickTarget('330523', enc, [prov, city, hz], 2026)).toMatchObject({ id: city.id, scope: 'reference' });
    const own = target({ region_id: '330523', value: 71 });
    expect(pickTarget('330523', enc, [prov, city, own], 2026)).toMatchObject({ id: own.id, scope: 'own' });
    expect(pickTarget('330523', enc, [hz], 2026)).toBeNull();
    // two years of one plan: in 2024 the 2025 target, in 2026 the 2030 one; after both, the latest
    const pv25 = target({ region_id: '330500', value: 3600, year: 2025 }), pv30 = target({ region_id: '330500', value: 5000, year: 2030 });
    expect(pickTarget('330523', enc, [pv30, pv25], 2024)!.id).toBe(pv25.id);
    expect(pickTarget('330523', enc, [pv25, pv30], 2026)!.id).toBe(pv30.id);
    expect(pickTarget('330523', enc, [pv25, pv30], 2031)!.id).toBe(pv30.id);
    // a standing target (no year) after one still ahead, before one past
    const standing = target({ region_id: '330500', value: 100, year: null });
    expect(pickTarget('330523', enc, [standing, pv30], 2026)!.id).toBe(pv30.id);
    expect(pickTarget('330523', enc, [pv25, standing], 2026)!.id).toBe(standing.id);
  });
});

describe('status and gap', () => {
  // Quzhou forest coverage 69.63 % (2020) → 70 % (2025): the path is 69.63 + 0.074 per year
  const quzhou = target({ value: 70, year: 2025, baseline_value: 69.63, baseline_year: 2020 });

  it('gap = value − target', () => {
    expect(gapOf(69.7, quzhou)).toBeCloseTo(-0.3, 12);
    expect(gapOf(null, quzhou)).toBeNull();
    expect(gapOf(70, null)).toBeNull();
  });

  it('path value on the straight line from the baseline', () => {
    expect(pathValue(quzhou, 2023)).toBeCloseTo(69.63 + (0.37 * 3) / 5, 12); // 69.852
    expect(pathValue(target({}), 2023)).toBeNull();
  });

  it('met at or beyond the target; on track ahead of the path before the target year; behind otherwise', () => {
    expect(statusOf(70, quzhou, 2023)).toBe('met');
    expect(statusOf(69.9, quzhou, 2023)).toBe('on track'); // 69.9 ≥ 69.852
    expect(statusOf(69.8, quzhou, 2023)).toBe('behind'); // 69.8 < 69.852
    expect(statusOf(69.9, quzhou, 2025)).toBe('behind'); // the target year has come
    expect(statusOf(61.4, target({ value: 61.5 }), 2024)).toBe('behind'); // no baseline: no path to be on
    expect(statusOf(null, quzhou, 2023)).toBe('no data');
    expect(statusOf(50, null, 2023)).toBe('no target');
    expect(statusOf(9, target({ comparison: 'at_most', value: 10 }), 2030)).toBe('met');
    expect(statusOf(11, target({ comparison: 'at_most', value: 10 }), 2030)).toBe('behind');
  });

  it('a quantity that adds up gets only its share of a reference target, not a gap or a status', () => {
    const huzhou = { ...target({ region_id: '330500', value: 9200, unit: 'chargers' }), scope: 'reference' as const };
    expect(judge(489, huzhou, true, 2026)).toEqual({ gap: null, share_pct: (100 * 489) / 9200, status: 'no target' });
    const own = { ...huzhou, scope: 'own' as const };
    expect(judge(489, own, true, 2026)).toEqual({ gap: 489 - 9200, share_pct: (100 * 489) / 9200, status: 'behind' });
    const pct = { ...target({ value: 61.5 }), scope: 'reference' as const };
    expect(judge(69.65, pct, false, 2026)).toMatchObject({ status: 'met' });
    expect(judge(69.65, pct, false, 2026).gap).toBeCloseTo(8.15, 12);
  });
});
