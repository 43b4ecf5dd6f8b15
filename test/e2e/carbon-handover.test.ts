/**
 * What the carbon workbench hands over, in a real browser against the real API: exports whose
 * every number equals the API's answer for the parcel (CSV, GeoJSON, XLSX), delete-all with
 * confirmation and undo, field validation, warnings grouped by kind, the language switch (no Han
 * characters left in English but user data), the printed report (≤ 4 A4 pages, the methodology's
 * full name), map labels that do not overlap, and the page at 1,024×768 and 390×844.
 * Screenshots and the PDF go to test/e2e/artifacts/ (git-ignored).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { useBrowser, mapIdle, pdfPageCount, pdfText, unexpectedErrors, type Watched } from './browser.ts';


const baseUrl = inject('baseUrl');
const chromium = inject('chromium');
export const ARTIFACTS = resolve('test/e2e/artifacts');

let browser: Browser;
let w: Watched;
let page: Page;

async function save(p: Page, name: string, fullPage = false): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  // A software GPU under load takes long for a frame with the county's stands: a generous timeout.
  await p.screenshot({ path: resolve(ARTIFACTS, `${name}.png`), fullPage, timeout: 240_000 });
}

interface ApiAnswer { area_ha: number; [k: string]: unknown }

async function apiCarbon(geometry: unknown, scenario: Record<string, unknown> = {}): Promise<ApiAnswer> {
  const res = await fetch(`${baseUrl}/api/analysis/carbon`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ geometry, scenario }) });
  expect(res.status).toBe(200);
  return res.json() as Promise<ApiAnswer>;
}

/** The value at a dot path of the API's answer. */
function at(o: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((x, k) => (x && typeof x === 'object' ? (x as Record<string, unknown>)[k] : undefined), o);
}

/** Parse a CSV of ours (quoted cells with "" escapes). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { cell += '"'; i++; } else if (c === '"') quoted = false; else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(cell); cell = ''; }
    else if (c === '\n') { row.push(cell.replace(/\r$/, '')); rows.push(row); row = []; cell = ''; }
    else cell += c;
  }
  if (cell || row.length) { row.push(cell); rows.push(row); }
  return rows;
}

const HAN = /[\u3400-\u9fff\uf900-\ufaff]/;

describe.skipIf(!chromium)('carbon hand-over', () => {
  let drawn: { id: string; geometry: GeoJSON.Polygon };
  let columns: { key: string; path?: string }[] = [];

  useBrowser(chromium!, (s) => ({ browser, w, page } = s));
  beforeAll(async () => {
    await page.goto(`${baseUrl}/`);
    await mapIdle(page);
  });

  it('exports CSV, GeoJSON and XLSX whose every number equals the API answer of each parcel, analysing the unanalysed ones first', { timeout: 300_000 }, async () => {
    await page.evaluate(() => window.__tantu!.map.jumpTo({ center: [119.47, 30.42], zoom: 14 }));
    await mapIdle(page);
    const box = (await page.locator('#map').boundingBox())!;
    const at2 = (fx: number, fy: number) => [box.x + box.width * fx, box.y + box.height * fy] as const;
    await page.click('[data-testid=draw-polygon]');
    for (const [fx, fy] of [[0.4, 0.4], [0.6, 0.38], [0.62, 0.6], [0.42, 0.62]]) {
      await page.mouse.click(...at2(fx, fy));
      await page.waitForTimeout(150);
    }
    await page.mouse.click(...at2(0.4, 0.4));
    await page.waitForSelector('[data-testid=carbon-panel][data-state=ready]', { timeout: 120_000 });
    await save(page, '01-drawn-parcel');
    drawn = await page.evaluate(() => {
      const s = window.__tantu!.state.get();
      const p = s.parcels.find((x) => x.id === s.selected)!;
      return { id: p.id, geometry: p.geometry as GeoJSON.Polygon };
    });
    // One area everywhere: the list, the panel head and the KPI show the API's area of the analysed geometry.
    const api = await apiCarbon(drawn.geometry, { price_scenario: 'central' });
    const listHa = Number(await page.getAttribute(`[data-testid=parcel-item][data-id="${drawn.id}"] [data-testid=parcel-area]`, 'data-ha'));
    expect(listHa).toBe(api.area_ha);
    expect(Number(await page.getAttribute('[data-testid=carbon-panel] [data-testid=total-area]', 'data-value'))).toBe(api.area_ha);
    // A second parcel, added without a result: the export analyses it first.
    const second: GeoJSON.Polygon = { type: 'Polygon', coordinates: [[[119.50, 30.45], [119.51, 30.45], [119.51, 30.456], [119.50, 30.456], [119.50, 30.45]]] };
    await page.evaluate((g) => window.__tantu!.store.add([{ name: '第二块', geometry: g }]), second);
    const api2 = await apiCarbon(second, { price_scenario: 'central' });

    const [csvDl] = await Promise.all([page.waitForEvent('download', { timeout: 180_000 }), page.click('[data-testid=export-csv]')]);
    const csvText = readFileSync((await csvDl.path())!, 'utf8');
    expect(csvText.charCodeAt(0)).toBe(0xfeff);
    await page.waitForSelector('[data-testid=parcel-status]:not([hidden])');
    await save(page, '02-exported');
    const rows = parseCsv(csvText.slice(1));
    const header = rows[0];
    expect(rows.length).toBe(1 + 2 + 1); // header, two parcels, total
    const answers = [api, api2];
    const geojson = await (async () => {
      const [dl] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=export-geojson]')]);
      return JSON.parse(readFileSync((await dl.path())!, 'utf8')) as GeoJSON.FeatureCollection & { total: Record<string, unknown>; columns: { key: string; path?: string }[] };
    })();
    columns = geojson.columns;
    const numeric = columns.filter((c) => c.path && typeof at(api, c.path) === 'number');
    expect(numeric.length).toBeGreaterThan(25);
    expect(numeric.map((c) => c.key)).toEqual(expect.arrayContaining(['sink_p5_tCO2e_per_yr', 'sink_p95_tCO2e_per_yr', 'stock_p5_tCO2e', 'creditable_tCO2e', 'npv_cny']));
    // XLSX, read with the same library (SheetJS) the app writes it with.
    const XLSX = await import('@e965/xlsx');
    const [xlDl] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=export-xlsx]')]);
    const wb = XLSX.read(readFileSync((await xlDl.path())!), { type: 'buffer' });
    const sheet = XLSX.utils.sheet_to_json<Record<string, unknown>>(wb.Sheets.parcels, { defval: null });
    expect(sheet.length).toBe(3);
    for (let i = 0; i < 2; i++) {
      const a = answers[i];
      const csvRow = Object.fromEntries(header.map((k, j) => [k, rows[1 + i][j]]));
      const props = geojson.features[i].properties!;
      expect(csvRow.status).toBe('analysed');
      for (const c of numeric) {
        const want = at(a, c.path!) as number;
        expect(Number(csvRow[c.key]), `CSV ${c.key} of parcel ${i + 1}`).toBe(want);
        expect(props[c.key], `GeoJSON ${c.key} of parcel ${i + 1}`).toBe(want);
        expect(sheet[i][c.key], `XLSX ${c.key} of parcel ${i + 1}`).toBe(want);
      }
      // The range columns are the annual sink's, not the stock's (the old export's mistake).
      expect(Number(csvRow.sink_p5_tCO2e_per_yr)).toBe(at(a, 'total.sink_range.p5'));
      expect(Number(csvRow.sink_p5_tCO2e_per_yr)).toBeLessThan(Number(csvRow.sink_tCO2e_per_yr));
      expect(csvRow.methodology_id).toBe(at(a, 'params.methodology.id'));
      expect(csvRow.methodology_version).toBe(at(a, 'params.methodology.version'));
      expect(csvRow.model_version).toBe(a.model_version);
      expect(csvRow.price_scenario).toBe('central');
      expect(Number(csvRow.crediting_years)).toBe(at(a, 'params.scenario.crediting_years'));
      expect(Number.isNaN(Date.parse(csvRow.generated_at))).toBe(false);
      expect(csvRow).toHaveProperty('parameter_overrides');
    }
    // The total row: the sums of the additive columns.
    const total = Object.fromEntries(header.map((k, j) => [k, rows[3][j]]));
    expect(total.id).toBe('total');
    for (const k of ['area_ha', 'stock_tC', 'sink_tCO2e_per_yr', 'creditable_tCO2e', 'npv_cny']) {
      const path = columns.find((c) => c.key === k)!.path!;
      expect(Number(total[k])).toBeCloseTo((at(api, path) as number) + (at(api2, path) as number), 6);
      expect(geojson.total[k]).toBe(Number(total[k]));
      expect(sheet[2][k]).toBe(Number(total[k]));
    }
    expect(total.sink_p5_tCO2e_per_yr).toBe(''); // ranges do not add up
  });

  it('delete-all asks first and can be undone', async () => {
    const n = await page.locator('[data-testid=parcel-item]').count();
    expect(n).toBe(2);
    await page.click('[data-testid=delete-all]');
    expect(await page.locator('[data-testid=parcel-item]').count()).toBe(2);
    await page.waitForSelector('[data-testid=confirm-delete-all]');
    await save(page, '03-delete-all-confirm');
    await page.click('[data-testid=cancel-delete-all]');
    expect(await page.locator('[data-testid=parcel-item]').count()).toBe(2);
    await page.click('[data-testid=delete-all]');
    await page.click('[data-testid=confirm-delete-all]');
    expect(await page.locator('[data-testid=parcel-item]').count()).toBe(0);
    await page.click('[data-testid=undo-delete]');
    expect(await page.locator('[data-testid=parcel-item]').count()).toBe(2);
    const ids = await page.evaluate(() => window.__tantu!.state.get().parcels.map((p) => p.id));
    expect(ids).toContain(drawn.id);
    await page.evaluate((id) => window.__tantu!.store.select(id), drawn.id);
    await page.waitForSelector('[data-testid=carbon-panel][data-state=ready]', { timeout: 60_000 });
  });

  it('switches every string live: no Han characters in English but user data, no stray English in Chinese', { timeout: 120_000 }, async () => {
    // A failed analysis too: its problem text must follow the language.
    const outside: GeoJSON.Polygon = { type: 'Polygon', coordinates: [[[121.0, 29.0], [121.01, 29.0], [121.01, 29.01], [121.0, 29.01], [121.0, 29.0]]] };
    await page.evaluate((g) => { const [id] = window.__tantu!.store.add([{ name: 'outside', geometry: g }]); window.__tantu!.store.select(id); }, outside);
    await page.waitForSelector('[data-testid=carbon-panel][data-state=error]', { timeout: 60_000 });
    // An upload outcome line.
    await page.setInputFiles('[data-testid=file-input]', resolve('test/fixtures/web/broken.geojson'));
    await page.waitForSelector('[data-testid=upload-status].error');
    await page.evaluate((id) => window.__tantu!.store.select(id), drawn.id);
    await page.waitForSelector('[data-testid=carbon-panel][data-state=ready]', { timeout: 60_000 });
    // Every layer on, so every legend is in the panel (their state is put back at the end: drawing them all is slow on a software GPU).
    const layersBefore = await page.evaluate(() => {
      const st = window.__tantu!.state;
      const before = st.get().layers;
      st.set({ layers: Object.fromEntries(Object.entries(before).map(([k, v]) => [k, { ...v, visible: true }])) });
      return before;
    });
    const userData = await page.evaluate(() => window.__tantu!.state.get().parcels.map((p) => p.name));
    /** Visible text and the text of titles/placeholders/labels, element by element. */
    const texts = () => page.evaluate(() => {
      const out: string[] = [];
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const el = n.parentElement!;
        if (!n.textContent?.trim() || el.closest('[hidden], script, style')) continue;
        if (el.closest('[data-testid=lang-toggle]')) continue; // the other language's name, in that language
        // Text marked as another language (parameter sources quoted as written: English notes, Chinese document titles).
        const marked = el.closest('[lang]')?.getAttribute('lang');
        if (marked && marked !== document.documentElement.lang) continue;
        out.push(n.textContent.trim());
      }
      for (const el of document.querySelectorAll('[title], [placeholder], [aria-label], option')) {
        if (el.closest('[hidden]')) continue;
        for (const a of ['title', 'placeholder', 'aria-label']) { const v = el.getAttribute(a); if (v) out.push(v); }
      }
      return out;
    });
    // User data (parcel names; short ones like "1" only as whole words) is allowed in either language.
    const strip = (s: string) => userData.reduce((x, name) => (name.length >= 2 ? x.split(name).join('') : x.replace(new RegExp(`(^|\\s)${name}(\\s|$)`, 'g'), ' ')), s);
    await page.evaluate(() => window.__tantu!.state.set({ lang: 'en' }));
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    await page.waitForSelector('[data-testid=carbon-panel][data-state=ready]', { timeout: 60_000 });
    await page.evaluate((id) => window.__tantu!.store.select(id), (await page.evaluate(() => window.__tantu!.state.get().parcels.find((p) => p.name === 'outside')!.id)));
    await page.waitForFunction(() => document.querySelector('[data-testid=carbon-panel]')?.getAttribute('data-state') === 'error' && !/[\u3400-\u9fff]/.test(document.querySelector('[data-testid=carbon-error]')!.textContent!), null, { timeout: 60_000 });
    await page.evaluate((id) => window.__tantu!.store.select(id), drawn.id);
    await page.waitForSelector('[data-testid=carbon-panel][data-state=ready]', { timeout: 60_000 });
    await save(page, '04-english');
    const en = (await texts()).map(strip).filter((x) => HAN.test(x));
    await page.evaluate(() => window.__tantu!.state.set({ lang: 'zh-CN' }));
    await page.waitForFunction(() => document.documentElement.lang === 'zh-CN');
    await page.waitForSelector('[data-testid=carbon-panel][data-state=ready]', { timeout: 60_000 });
    await save(page, '05-chinese');
    // In Chinese: no English words. Units, acronyms, codes and ids (AR-CM-003-V01, pools.chinese_fir, TANTU_POOLS),
    // file formats and proper names of sources are not words to translate.
    const allowed = /^(tantu|Shapefile|Excel|Weibull|Vonng|zip|json|geojson|kml|kmz|csv|txt|prj|people|cell|yr)$/;
    const zh = (await texts()).map(strip).flatMap((x) => (x.match(/[A-Za-z][A-Za-z0-9₂²³_./-]*/g) ?? [])
      .filter((tok) => /^[A-Za-z][a-z]{2,}$/.test(tok) && !allowed.test(tok)).map((tok) => `${tok} ← ${x.slice(0, 80)}`));
    await page.evaluate((layers) => window.__tantu!.state.set({ layers }), layersBefore);
    expect(en, 'Han characters in the English interface').toEqual([]);
    expect(zh, 'English words in the Chinese interface').toEqual([]);
  });

  it('prints one parcel\'s report on at most 4 A4 pages with the methodology\'s full name, in Chinese and in English', { timeout: 240_000 }, async () => {
    const api = await apiCarbon(drawn.geometry, { price_scenario: 'central' }) as ApiAnswer & { params: { methodology: { id: string; version: string; name_zh: string; name_en: string } } };
    const m = api.params.methodology;
    for (const language of ['zh-CN', 'en'] as const) {
      await page.evaluate((l) => window.__tantu!.state.set({ lang: l }), language);
      await page.evaluate((id) => window.__tantu!.store.select(id), drawn.id);
      await page.waitForSelector('[data-testid=carbon-panel][data-state=ready]', { timeout: 60_000 });
      await page.click('[data-testid=report-link]');
      await page.waitForSelector('[data-testid=report][data-state=ready]', { timeout: 120_000 });
      const shown = await page.textContent('[data-testid=report-methodology]');
      expect(shown).toContain(language === 'en' ? m.name_en : m.name_zh);
      expect(shown).toContain(m.id);
      expect(shown).toContain(m.version);
      const facts = (await page.textContent('[data-testid=report-facts]'))!;
      // Years and seeds are not numbers to format: no thousands separator.
      expect(facts).toContain(String(at(api, 'params.scenario.start_year')));
      expect(facts).toContain(String(at(api, 'total.range.seed')));
      expect(facts).not.toMatch(/默认|default/i);
      const snapshot = await page.getAttribute('[data-testid=report-snapshot]', 'src');
      expect(snapshot!.length).toBeGreaterThan(20_000);
      expect(await page.locator('[data-testid=report-legend] .legend-item').count()).toBeGreaterThan(1);
      await page.emulateMedia({ media: 'print' });
      const tag = language === 'en' ? 'en' : 'zh';
      const pages = page.locator('[data-testid=report] .report-page');
      expect(await pages.count()).toBe(4);
      for (let i = 0; i < 4; i++) await pages.nth(i).screenshot({ path: resolve(ARTIFACTS, `report-${tag}-page-${i + 1}.png`), timeout: 60_000 });
      const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
      writeFileSync(resolve(ARTIFACTS, `report-${tag}.pdf`), pdf);
      await page.emulateMedia({ media: 'screen' });
      const count = pdfPageCount(pdf);
      expect(count, `${tag} report pages`).toBeGreaterThanOrEqual(1);
      expect(count, `${tag} report pages`).toBeLessThanOrEqual(4);
      const text = pdfText(pdf);
      expect(text).toContain(m.id);
      expect(text.replace(/\s+/g, '')).toContain((language === 'en' ? m.name_en : m.name_zh).replace(/\s+/g, ''));
      await page.click('[data-testid=back-to-map]');
      await page.waitForSelector('#workbench', { state: 'visible' });
    }
    await page.evaluate(() => window.__tantu!.state.set({ lang: 'zh-CN' }));
  });

  it('shows the county at the default view with labels that do not overlap, and reads raster values under the pointer', { timeout: 900_000 }, async () => {
    // A wide desktop: at zoom 13 the map must hold enough village labels to test their placement.
    const p2 = await browser.newPage({ viewport: { width: 1400, height: 860 } });
    p2.setDefaultTimeout(180_000);
    await p2.goto(`${baseUrl}/`);
    await mapIdle(p2, 180_000);
    await p2.waitForFunction(() => JSON.parse(document.getElementById('map')!.dataset.labelBoxes ?? '[]').length > 3, null, { timeout: 60_000 });
    await p2.waitForTimeout(1500);
    await save(p2, '06-default-view-labels');
    // The whole county is in view.
    const [w, s, e, n] = (await (await fetch(`${baseUrl}/api/layers`)).json() as { layers: { id: string; bounds: number[] }[] }).layers.find((l) => l.id === 'boundaries')!.bounds;
    const view = await p2.evaluate(() => window.__tantu!.map.getBounds().toArray());
    expect(view[0][0]).toBeLessThanOrEqual(w);
    expect(view[0][1]).toBeLessThanOrEqual(s);
    expect(view[1][0]).toBeGreaterThanOrEqual(e);
    expect(view[1][1]).toBeGreaterThanOrEqual(n);
    const overlapping = (boxes: { text: string; box: number[] }[]) => boxes.flatMap((a, i) => boxes.slice(i + 1)
      .filter((b) => a.box[0] < b.box[0] + b.box[2] && b.box[0] < a.box[0] + a.box[2] && a.box[1] < b.box[1] + b.box[3] && b.box[1] < a.box[1] + a.box[3])
      .map((b) => `${a.text} × ${b.text}`));
    const boxes = JSON.parse((await p2.getAttribute('#map', 'data-label-boxes'))!) as { text: string; box: number[] }[];
    const townships = await (await fetch(`${baseUrl}/api/regions?level=township`)).json() as GeoJSON.FeatureCollection;
    expect(boxes.length).toBeGreaterThan(Math.min(5, townships.features.length - 1));
    expect(overlapping(boxes)).toEqual([]);
    // The boxes are as wide as the text the browser draws in the label font.
    const widths = await p2.evaluate((items) => {
      const c = document.createElement('canvas').getContext('2d')!;
      c.font = `600 13px "Noto Sans SC"`;
      return items.map((x) => c.measureText(x.text).width);
    }, boxes);
    boxes.forEach((b, i) => expect(b.box[2]).toBeGreaterThanOrEqual(widths[i] * 0.8));
    // Village labels at zoom 13: many candidates, still no overlap.
    await p2.evaluate(() => window.__tantu!.map.jumpTo({ center: [119.6, 30.6], zoom: 13 }));
    await p2.waitForFunction(() => JSON.parse(document.getElementById('map')!.dataset.labelBoxes ?? '[]').length > 2, null, { timeout: 60_000 });
    await mapIdle(p2, 180_000);
    await p2.waitForTimeout(1000);
    const z13 = JSON.parse((await p2.getAttribute('#map', 'data-label-boxes'))!) as { text: string; box: number[] }[];
    expect(overlapping(z13)).toEqual([]);
    await save(p2, '07-z13-village-labels');
    // Raster readout: a visible raster's value under the pointer, as the API gives it.
    await p2.evaluate(() => { const st = window.__tantu!.state; st.set({ layers: { ...st.get().layers, ghi: { visible: true, opacity: 1 } } }); });
    const box = (await p2.locator('#map').boundingBox())!;
    await p2.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await p2.mouse.move(box.x + box.width / 2 + 3, box.y + box.height / 2 + 2);
    await p2.waitForSelector('[data-testid=raster-readout]:not([hidden]) [data-layer=ghi]', { timeout: 120_000 });
    const { lon, lat } = await p2.evaluate(() => { const d = document.getElementById('raster-readout')!.dataset; return { lon: Number(d.lon), lat: Number(d.lat) }; });
    const api = await (await fetch(`${baseUrl}/api/layers/ghi/value?lon=${lon.toFixed(6)}&lat=${lat.toFixed(6)}`)).json() as { value: number; unit: string };
    const text = (await p2.textContent('[data-testid=raster-readout] [data-layer=ghi]'))!;
    expect(text).toContain(api.value.toLocaleString('zh-CN', { maximumFractionDigits: 0 }));
    await save(p2, '08-raster-readout');
    await p2.close();
  });

  for (const [width, height] of [[1024, 768], [390, 844]] as const) {
    it(`is usable at ${width}×${height}: the map keeps its room, panels reachable, attribution clear of the scale bar`, { timeout: 900_000 }, async () => {
      const p2 = await browser.newPage({ viewport: { width, height } });
      p2.setDefaultTimeout(180_000); // a fresh page drawing the county's stands on a software GPU under load
      await p2.goto(`${baseUrl}/`);
      await mapIdle(p2, 180_000);
      await p2.waitForTimeout(1000);
      const map = (await p2.locator('#map').boundingBox())!;
      expect(map.width).toBeGreaterThanOrEqual(width >= 1000 ? 600 : width - 2);
      expect(map.height).toBeGreaterThanOrEqual(width >= 1000 ? 600 : 300);
      const scale = await p2.locator('.maplibregl-ctrl-scale').boundingBox();
      const attrib = await p2.locator('.maplibregl-ctrl-attrib').boundingBox();
      if (scale && attrib) {
        const apart = scale.x + scale.width <= attrib.x || attrib.x + attrib.width <= scale.x || scale.y + scale.height <= attrib.y || attrib.y + attrib.height <= scale.y;
        expect(apart, 'attribution over the scale bar').toBe(true);
      }
      // The layer panel opens from the top bar; the draw button and the parcel list are reachable.
      await p2.click('[data-testid=layers-toggle]');
      expect(await p2.locator('#left').isVisible()).toBe(true);
      await save(p2, `09-${width}x${height}-layers-open`);
      await p2.click('[data-testid=layers-toggle]');
      await p2.locator('[data-testid=draw-polygon]').scrollIntoViewIfNeeded();
      expect(await p2.locator('[data-testid=draw-polygon]').isVisible()).toBe(true);
      const sideways = await p2.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(sideways, 'no sideways scroll').toBeLessThanOrEqual(1);
      await save(p2, `09-${width}x${height}`, true);
      await p2.close();
    });
  }

  it('refuses a negative discount rate with the reason shown, and does not send it', async () => {
    const sent: string[] = [];
    const watch = (r: import('playwright-core').Request) => { if (r.url().endsWith('/api/analysis/carbon')) sent.push(r.postData() ?? ''); };
    page.on('request', watch);
    await page.fill('[data-testid=discount-rate]', '-5');
    await page.dispatchEvent('[data-testid=discount-rate]', 'change');
    await page.waitForSelector('[data-testid=scenario-error]:not([hidden])');
    const reason = (await page.textContent('[data-testid=scenario-error]'))!;
    expect(reason).toContain('折现率');
    expect(reason).toMatch(/0.+30/);
    expect(await page.evaluate(() => window.__tantu!.state.get().scenario.discount_rate_pct)).toBeUndefined();
    await save(page, '10-discount-refused');
    await page.fill('[data-testid=discount-rate]', '5');
    await page.dispatchEvent('[data-testid=discount-rate]', 'change');
    await page.waitForSelector('[data-testid=scenario-error]', { state: 'hidden' });
    expect(await page.evaluate(() => window.__tantu!.state.get().scenario.discount_rate_pct)).toBe(5);
    page.off('request', watch);
    expect(sent.some((b) => b.includes('"discount_rate_pct":-5'))).toBe(false);
    await page.waitForSelector('[data-testid=carbon-panel][data-state=ready]', { timeout: 60_000 });
  });

  it('made no console error and no request outside localhost', () => {
    expect(w.problems.filter((p) => p.status >= 500)).toEqual([]);
    expect(unexpectedErrors(w)).toEqual([]);
    expect(w.external).toEqual([]);
  });
});

