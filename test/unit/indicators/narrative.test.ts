import { describe, expect, it } from 'vitest';
import { formatNumber, narrative, type NarrativeIndicator } from '../../../layers/indicators/narrative.ts';

const HAN = /\p{Script=Han}/u;
const zj = { value: 61.5, year: 2025, document_zh: '浙江省应对气候变化“十四五”规划', document_en: 'Zhejiang 14th Five-Year climate plan', place_zh: '浙江省', place_en: 'Zhejiang', scope: 'reference' as const };
const ind = (x: Partial<NarrativeIndicator>): NarrativeIndicator => ({
  id: 'forest_coverage_pct', name_zh: '森林覆盖率', name_en: 'Forest coverage', value: null, unit: '%', target: null, gap: null, share_pct: null, status: 'no data', ...x,
});

describe('narrative', () => {
  it('met: says above the target by the gap in percentage points, and whose target it is', () => {
    const n = narrative({ name_zh: '安吉县', name_en: 'Anji County', indicators: [ind({ value: 69.65, target: zj, gap: 8.15, status: 'met' })] });
    expect(n.zh).toBe('安吉县森林覆盖率为 69.65%，高于浙江省 2025 年目标 61.50%（浙江省应对气候变化“十四五”规划，仅作参考） 8.15 个百分点。');
    expect(n.en).toBe('Forest coverage of Anji County is 69.65%, 8.15 percentage points above the Zhejiang 2025 target of 61.50% (Zhejiang 14th Five-Year climate plan; a reference, not the region\'s own).');
  });

  it('behind: says below and not yet met; an own target is not called a reference', () => {
    const own = { ...zj, place_zh: '安吉县', place_en: 'Anji County', document_zh: '安吉县林业发展规划', document_en: 'Anji forestry plan', scope: 'own' as const, value: 72 };
    const n = narrative({ name_zh: '安吉县', name_en: 'Anji County', indicators: [ind({ value: 69.65, target: own, gap: 69.65 - 72, status: 'behind' })] });
    expect(n.zh).toBe('安吉县森林覆盖率为 69.65%，低于安吉县 2025 年目标 72.00%（安吉县林业发展规划） 2.35 个百分点，尚未达到。');
    expect(n.en).toBe('Forest coverage of Anji County is 69.65%, 2.35 percentage points below the Anji County 2025 target of 72.00% (Anji forestry plan), not yet met.');
  });

  it('missing data: lists what has no data (not what does not apply), writes nothing else about it, and names townships without a charger', () => {
    const n = narrative({
      name_zh: '安吉县', name_en: 'Anji County',
      indicators: [ind({}), ind({ id: 'public_chargers', name_zh: '公共充电桩数', name_en: 'Public chargers', unit: 'chargers' }),
        ind({ id: 'townships_with_chargers_pct', name_zh: '乡镇充电设施覆盖率', name_en: 'Townships with public chargers', not_applicable: true })],
      townships_without_chargers: [{ name_zh: '山川乡', name_en: 'ShanChuan Township' }, { name_zh: '上墅乡', name_en: 'ShangShu Township' }],
    });
    expect(n.zh).toBe('2 个乡镇尚未实现充电桩全覆盖（山川乡、上墅乡）。暂无数据：森林覆盖率、公共充电桩数。');
    expect(n.en).toBe('2 townships have no public charger yet (ShanChuan Township, ShangShu Township). No data yet for: Forest coverage, Public chargers.');
  });

  it('a quantity against a reference total is given as its share; carbon is stated; English has no Han characters', () => {
    const huzhou = { value: 9200, year: 2025, document_zh: '湖州市国家碳达峰试点实施方案（2024）', document_en: 'Huzhou national carbon-peak pilot plan (2024)', place_zh: '湖州市', place_en: 'Huzhou', scope: 'reference' as const };
    const n = narrative({
      name_zh: '安吉县', name_en: 'Anji County',
      indicators: [
        ind({ id: 'public_chargers', name_zh: '公共充电桩数', name_en: 'Public chargers', unit: 'chargers', value: 489, target: huzhou, share_pct: (100 * 489) / 9200, status: 'no target' }),
        ind({ id: 'carbon_stock_tC', name_zh: '碳储量', name_en: 'Carbon stock', unit: 't C', value: 19590868.2, status: 'no target' }),
        ind({ id: 'carbon_sink_tCO2e_per_yr', name_zh: '年碳汇量', name_en: 'Annual carbon sink', unit: 't CO2e/yr', value: 446509.9, status: 'no target' }),
      ],
    });
    expect(n.zh).toBe('安吉县公共充电桩数为 489 个，相当于湖州市 2025 年目标 9,200 个（湖州市国家碳达峰试点实施方案（2024），仅作参考）的 5.32%。安吉县碳储量 19,590,868 吨碳，年碳汇 446,510 吨 CO2e/年。');
    expect(n.en).toBe('Public chargers of Anji County is 489 chargers, 5.32% of the Huzhou 2025 target of 9,200 chargers (Huzhou national carbon-peak pilot plan (2024); a reference, not the region\'s own). Carbon stock of Anji County is 19,590,868 t C, the annual sink 446,510 t CO2e/yr.');
    expect(n.en).not.toMatch(HAN);
  });

  it('formats with the unit\'s decimals', () => {
    expect(formatNumber(5266.084, 'MW')).toBe('5,266.1');
    expect(formatNumber(7011203.25, 'm³')).toBe('7,011,203');
    expect(formatNumber(8.1525, '%')).toBe('8.15');
  });
});
