/** English names of the demo county's features: generic terms translated, proper names in one-word pinyin. */
import { describe, expect, it } from 'vitest';
import { englishName, pinyinWord } from '../../../data-pipeline/demo/names-en.ts';

describe('englishName', () => {
  it.each([
    ['递铺停车场充电站2号', 'Dipu Car Park Charging Station No. 2'],
    ['安吉服务区（北区）充电站', 'Anji Service Area (north) Charging Station'],
    ['孝丰220kV变电站（示意）', 'Xiaofeng 220 kV Substation (schematic)'],
    ['G25 长深高速（示意）', 'G25 Changshen Expressway (schematic)'],
    ['G235（示意）', 'G235 (schematic)'],
    ['互通匝道', 'Interchange Ramp'],
    ['西苕溪', 'Xitiaoxi River'],
    ['赋石水库', 'Fushi Reservoir'],
    ['天子湖（示意）', 'Tianzi Lake (schematic)'],
    ['长乐社区', 'Changle Community'],
    ['上舍村', 'Shangshe Village'],
    ['梅溪镇', 'Meixi Town'],
    ['递铺（安吉县城）', 'Dipu (Anji County Seat)'],
    ['生态保护红线（示意）', 'Ecological Protection Red Line (schematic)'],
  ])('%s → %s', (zh, en) => expect(englishName(zh)).toBe(en));

  it('writes a place name as one word with a capital (GB/T 16159), reading polyphonic characters in context', () => {
    expect(pinyinWord('递铺')).toBe('Dipu');
    expect(pinyinWord('长乐')).toBe('Changle'); // 长 read cháng here, not zhǎng
  });
});
