/**
 * The carbon workbench reads the API's per-item findings back into kind, count, area and ids
 * (web/src/workbenches/carbon/warnings.ts): checked against the text the model's own `Findings`
 * class writes, in both languages, so a change of that wording fails here and not in front of a user.
 */
import { describe, expect, it } from 'vitest';
import { Findings } from '../../../layers/core/findings.ts';
import { parseFinding, SLIVER_HA } from '../../../web/src/workbenches/carbon/warnings.ts';

const kind = { zh: '小班面积未落在相应地类上,未计入', en: 'stand area that does not lie on land cover of its kind is not counted', noun_zh: '个小班', noun_en: ['stand', 'stands'] as const };

describe('parseFinding', () => {
  it('reads count, total area and items (id, area, detail) in zh and en', () => {
    const f = new Findings();
    f.add('stand_excess_area', kind, { id: 'S-001', area_ha: 0.00012 });
    f.add('stand_excess_area', kind, { id: 'S-002', area_ha: 1.5 });
    const [x] = f.list();
    for (const language of ['zh-CN', 'en'] as const) {
      const p = parseFinding(language === 'en' ? x.en : x.zh, language)!;
      expect(p.kind).toBe(language === 'en' ? kind.en : kind.zh);
      expect(p.count).toBe(2);
      expect(p.total_ha).toBeCloseTo(1.5001, 4);
      expect(p.items.map((i) => i.id)).toEqual(['S-001', 'S-002']);
      expect(p.items[0].area_ha).toBeLessThan(SLIVER_HA);
      expect(p.items[1].area_ha).toBe(1.5);
      expect(p.more).toBe(false);
    }
  });

  it('knows when more items were left off, and reads details without an area', () => {
    const f = new Findings();
    const k = { ...kind, zh: '树种组不在参数表中,采用 IPCC 缺省值 (CF 0.47)', en: 'species groups not in the stand table use IPCC defaults (CF 0.47)' };
    for (let i = 0; i < 14; i++) f.add('stand_species_fallback', k, { id: `S-${i}`, zh: "'teak'", en: "'teak'" });
    const [x] = f.list();
    const en = parseFinding(x.en, 'en')!;
    expect(en).toMatchObject({ kind: k.en, count: 14, more: true, total_ha: undefined });
    expect(en.items).toHaveLength(10);
    expect(en.items[0]).toEqual({ id: 'S-0', area_ha: undefined, detail: "'teak'" });
    const zh = parseFinding(x.zh, 'zh-CN')!;
    expect(zh).toMatchObject({ kind: k.zh, count: 14, more: true });
  });

  it('leaves a parcel-level finding alone', () => {
    expect(parseFinding('6.6 % of the parcel lies outside the data extent; only the part inside was analysed.', 'en')).toBeNull();
  });
});
