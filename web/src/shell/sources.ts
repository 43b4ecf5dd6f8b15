/**
 * Layer sources and attributions in the interface's language. The catalog stores them as the
 * importers and the demo generator wrote them (English); the known phrases are put into Chinese
 * here, anything else (an imported file's own provenance) is shown as it is.
 */
import { lang } from '../i18n.ts';

/** [English pattern, Chinese replacement] — applied in order. */
const PHRASES: [RegExp, string][] = [
  [/synthetic demo county/g, '合成演示县'],
  [/synthetic demo \(seed (\d+)\)/g, '合成演示数据(随机种子 $1)'],
  [/synthetic demo/g, '合成演示数据'],
  [/carbon layers \(tantu-carbon ([^:]+): TANTU_POOLS \+ stand\/bamboo\/wetland routes, (\d+) stands, (\d+) wetlands\)/g, '碳汇图层(tantu-carbon $1:TANTU_POOLS 碳库表 + 小班/竹林/湿地算法,$2 个小班,$3 处湿地)'],
  [/outline: /g, '县界:'],
  [/, data from AMap\/NBS/g, ',数据来自高德地图/国家统计局'],
  [/data from /g, '数据来自 '],
  [/; /g, ';'],
];

/** A catalog source or attribution string, in Chinese when the interface is (known phrases only). */
export function sourceText(s: string | null | undefined): string {
  if (!s) return '';
  if (lang() === 'en') return s;
  return PHRASES.reduce((x, [re, zh]) => x.replace(re, zh), s);
}

/** A layer unit in the interface's language ('people/cell' → '人/格', '/yr' → '/年'; SI symbols stay). */
export function unitText(u: string | null | undefined): string {
  if (!u) return '';
  if (lang() === 'en') return u;
  return u.replace(/people\/cell/g, '人/格网').replace(/\/yr\b/g, '/年').replace(/CO2e/g, 'CO₂e');
}
