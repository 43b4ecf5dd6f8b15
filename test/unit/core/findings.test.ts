import { describe, it, expect } from 'vitest';
import { Findings, MAX_LISTED_ITEMS, finding, onePerCode, type FindingKind } from '../../../layers/core/findings.ts';

const STAND: FindingKind = { zh: '小班面积未计入', en: 'stand area not counted', noun_zh: '个小班', noun_en: ['stand', 'stands'] };
const WETLAND: FindingKind = { zh: '湿地类型未知', en: 'unknown wetland type', noun_zh: '处湿地', noun_en: ['wetland record', 'wetland records'] };

describe('Findings: one finding per code with count, total area and ids', () => {
  it('counts items, sums their areas and lists ids with area and detail; codes keep first-seen order', () => {
    const f = new Findings();
    f.add('stand_excess_area', STAND, { id: 's1', area_ha: 1.5 });
    f.add('wetland_type_unknown', WETLAND, { id: 'w1', zh: "'bog'", en: "'bog'" });
    f.add('stand_excess_area', STAND, { id: 's2', area_ha: 2.25 });
    f.add('stand_excess_area', STAND, { id: 's3', area_ha: 0.125 });
    expect(f.list()).toEqual([
      {
        code: 'stand_excess_area',
        zh: '小班面积未计入:3 个小班,共 3.8750 公顷(s1 1.5000 公顷、s2 2.2500 公顷、s3 0.1250 公顷)',
        en: 'stand area not counted: 3 stands, 3.8750 ha in all (s1 1.5000 ha, s2 2.2500 ha, s3 0.1250 ha)',
      },
      // no item has an area: no total; one item: singular noun
      { code: 'wetland_type_unknown', zh: "湿地类型未知:1 处湿地(w1 'bog')", en: "unknown wetland type: 1 wetland record (w1 'bog')" },
    ]);
  });

  it(`names the first ${MAX_LISTED_ITEMS} items and counts the rest; the total covers all of them`, () => {
    const f = new Findings();
    for (let i = 1; i <= 12; i++) f.add('stand_excess_area', STAND, { id: `s${i}`, area_ha: 1 });
    const [only] = f.list();
    expect(only!.en).toBe(
      'stand area not counted: 12 stands, 12.0000 ha in all (s1 1.0000 ha, s2 1.0000 ha, s3 1.0000 ha, s4 1.0000 ha, s5 1.0000 ha, ' +
        's6 1.0000 ha, s7 1.0000 ha, s8 1.0000 ha, s9 1.0000 ha, s10 1.0000 ha, and 2 more)',
    );
    expect(only!.zh.endsWith('s10 1.0000 公顷 等)')).toBe(true);
    expect(only!.zh.startsWith('小班面积未计入:12 个小班,共 12.0000 公顷(')).toBe(true);
  });

  it('is empty without items', () => {
    expect(new Findings().list()).toEqual([]);
  });
});

describe('onePerCode', () => {
  it('drops repeats of the same text and joins different texts of one code, in first-seen order', () => {
    expect(
      onePerCode([
        finding('a', '甲', 'A'),
        finding('b', '乙', 'B'),
        finding('a', '甲', 'A'),
        finding('b', '丙', 'C'),
      ]),
    ).toEqual([finding('a', '甲', 'A'), { code: 'b', zh: '乙;丙', en: 'B; C' }]);
  });
});
