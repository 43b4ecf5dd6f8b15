/**
 * English names for the demo county's features, made from their Chinese names: the generic parts
 * (村, 社区, 充电站, 变电站, 服务区, 水库 …) translated from a table, the proper names in Hanyu Pinyin
 * written as one word with a capital (GB/T 16159: 递铺 → Dipu), by pinyin-pro, a maintained converter
 * that reads polyphonic characters in context (长乐 → Changle). So the English interface names every
 * village, station, road and river instead of showing Chinese where the data had no English.
 *
 *   englishName('递铺停车场充电站2号')    → 'Dipu Car Park Charging Station No. 2'
 *   englishName('孝丰220kV变电站（示意）') → 'Xiaofeng 220 kV Substation (schematic)'
 *   englishName('西苕溪')                 → 'Xitiaoxi River'
 */
import { pinyin } from 'pinyin-pro';

/** Generic terms, longest first where one contains another. */
const TERMS: [string, string][] = [
  ['生态保护红线', 'Ecological Protection Red Line'],
  ['永久基本农田', 'Permanent Basic Farmland'],
  ['互通连接线', 'Interchange Link'],
  ['互通匝道', 'Interchange Ramp'],
  ['商业中心', 'Shopping Centre'],
  ['公交场站', 'Bus Depot'],
  ['服务中心', 'Service Centre'],
  ['充电站', 'Charging Station'],
  ['变电站', 'Substation'],
  ['服务区', 'Service Area'],
  ['停车场', 'Car Park'],
  ['县城', 'County Seat'],
  ['水库', 'Reservoir'],
  ['社区', 'Community'],
  ['街道', 'Subdistrict'],
  ['高速', 'Expressway'],
  ['公共', 'Public'],
  ['示意', 'schematic'],
  ['北区', 'north'],
  ['南区', 'south'],
];

/** Suffixes that end a proper name: [Chinese, English, keep the suffix's pinyin in the name]. Rivers keep it (西苕溪 → Xitiaoxi River). */
const SUFFIXES: [string, string, boolean][] = [
  ['村', 'Village', false],
  ['镇', 'Town', false],
  ['乡', 'Township', false],
  ['县', 'County', false],
  ['湖', 'Lake', false],
  ['溪', 'River', true],
  ['港', 'River', true],
  ['江', 'River', true],
  ['河', 'River', true],
];

const HAN = /\p{Script=Han}/u;

/** "di pu" → "Dipu": a place name's pinyin syllables as one word with a capital (GB/T 16159), not "DiPu". */
export function placeWord(syllables: string): string {
  const w = syllables.split(' ').join('');
  return w.charAt(0).toUpperCase() + w.slice(1);
}

/** 递铺 → Dipu: pinyin without tones, one word, first letter capital. */
export function pinyinWord(zh: string): string {
  return placeWord(pinyin(zh, { toneType: 'none', type: 'array', nonZh: 'consecutive' }).join(' '));
}

/** A run of Han characters that is no generic term: a proper name, perhaps with a suffix (村, 溪 …). */
function properName(run: string): string {
  for (const [zh, en, keep] of SUFFIXES) {
    if (run.length > zh.length && run.endsWith(zh)) return `${pinyinWord(keep ? run : run.slice(0, -zh.length))} ${en}`;
  }
  return pinyinWord(run);
}

/** The English name of a demo feature's Chinese name (see the module comment). */
export function englishName(zh: string): string {
  const words: string[] = [];
  let run = '';
  const flush = () => {
    if (run) words.push(properName(run));
    run = '';
  };
  for (let i = 0; i < zh.length; ) {
    const rest = zh.slice(i);
    const term = TERMS.find(([t]) => rest.startsWith(t));
    if (term) {
      flush();
      words.push(term[1]);
      i += term[0].length;
      continue;
    }
    const no = /^(\d+)号/.exec(rest);
    if (no) {
      flush();
      words.push(`No. ${no[1]}`);
      i += no[0].length;
      continue;
    }
    const ch = zh[i]!;
    if (ch === '（' || ch === '(') { flush(); words.push('('); i++; continue; }
    if (ch === '）' || ch === ')') { flush(); words.push(')'); i++; continue; }
    if (HAN.test(ch)) { run += ch; i++; continue; }
    flush();
    const other = /^[^\p{Script=Han}（）()]+/u.exec(rest)![0];
    words.push(other.trim().replace(/(\d)kV/g, '$1 kV'));
    i += other.length;
  }
  flush();
  return words.filter(Boolean).join(' ').replace(/\( /g, '(').replace(/ \)/g, ')').replace(/\s+/g, ' ').trim();
}
