/** The indicator CSV (web/src/workbenches/indicators/export.ts): a BOM, one full row per indicator, then each child's value and status; cells quoted where needed. */
import { describe, expect, it } from 'vitest';
import { indicatorsCsv } from '../../../web/src/workbenches/indicators/export.ts';
import type { Indicators } from '../../../api/schemas/indicators.ts';

const answer = {
  region_id: '330523', name_zh: '安吉县', name_en: 'Anji County', level: 'county', parent_id: '330500', area_ha: 100, area_mu: 1500, as_of_year: 2026,
  indicators: [{
    id: 'forest_coverage_pct', name_zh: '森林覆盖率', name_en: 'Forest coverage', value: 65, unit: '%', numerator: 65, denominator: 100, basis_unit: 'ha', additive: false,
    definition: { zh: '定义', en: 'Definition, with a comma' }, source: { zh: '来源', en: 'Source "landcover"' },
    target: { id: 4, value: 61.5, unit: '%', year: 2025, comparison: 'at_least', baseline_value: 61.2, baseline_year: 2020, document: '浙江省规划', document_en: 'Zhejiang plan', region_id: '330000', place_zh: '浙江省', place_en: 'Zhejiang', scope: 'reference', source: 'seed', note: null },
    gap: 3.5, share_of_target_pct: 105.69, status: 'met', findings: [],
  }],
  children: [{ region_id: '330523001', name_zh: '递铺街道', name_en: 'Dipu Subdistrict', level: 'township', values: { forest_coverage_pct: 59.9 }, status: { forest_coverage_pct: 'behind' } }],
  narrative_zh: '', narrative_en: '', findings: [], inputs: { fingerprint: 'f', siting_data_version: null, tantu_version: '0' },
} satisfies Indicators;

describe('indicator CSV', () => {
  it('starts with a BOM, has a header, the region\'s row in full and the child\'s value and status', () => {
    const csv = indicatorsCsv(answer);
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const lines = csv.slice(1).split('\r\n');
    expect(lines).toHaveLength(4); // header, region, child, and the empty string after the last CRLF
    expect(lines[3]).toBe('');
    expect(lines[0].split(',')[0]).toBe('region_id');
    expect(lines[1]).toBe('330523,安吉县,forest_coverage_pct,森林覆盖率,Forest coverage,65,%,met,3.5,105.69,61.5,2025,浙江省,reference,浙江省规划,Zhejiang plan,seed,65,100,ha,定义,"Definition, with a comma",来源,"Source ""landcover""",2026');
    expect(lines[2]).toBe('330523001,递铺街道,forest_coverage_pct,森林覆盖率,Forest coverage,59.9,%,behind,,,,,,,,,,,,,,,,,2026');
    expect(lines[0].split(',')).toHaveLength(lines[2].split(',').length);
  });
});
