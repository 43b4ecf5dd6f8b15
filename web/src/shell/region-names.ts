/**
 * Names of administrative regions by code (GET /api/regions): a stand's owner village shows as
 * "桃城社区" rather than 330523001012. The villages are fetched once, in the background; the map's
 * village labels use the same answer.
 */
import { fetchRegions } from '../api.ts';
import { lang } from '../i18n.ts';

let villages: Promise<GeoJSON.FeatureCollection> | undefined;
const names = new Map<string, { zh: string; en: string | null }>();

/** The village regions (fetched once). */
export function villageRegions(): Promise<GeoJSON.FeatureCollection> {
  villages ??= fetchRegions('village').then((fc) => {
    for (const f of fc.features) {
      const p = f.properties ?? {};
      if (p.id) names.set(String(p.id), { zh: String(p.name_zh ?? p.id), en: p.name_en ? String(p.name_en) : null });
    }
    return fc;
  });
  return villages;
}

/** The region's name in the interface's language (Chinese when it has no English name), or undefined before the names arrive. */
export function regionName(code: unknown): string | undefined {
  const n = names.get(String(code));
  return n ? (lang() === 'en' ? n.en ?? n.zh : n.zh) : undefined;
}
