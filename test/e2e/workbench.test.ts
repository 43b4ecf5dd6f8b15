/**
 * The map workbench in a real browser (Debian Chromium, WebGL on SwiftShader) against the real
 * API with the demo county: no console errors and no request leaving localhost, layer toggles
 * change the picture, a parcel drawn by mouse gets the API's carbon figures, uploads (file
 * picker, drag-and-drop, GCJ-02 CSV, a broken file), a stand's carbon per ha, the workbench
 * switcher, language switch, report and exports. Screenshots of each step go to test/screenshots/.
 * Without a browser the whole file skips (test/setup/server.ts says why; under CI it fails instead).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import area from '@turf/area';
import type { Browser, Page } from 'playwright-core';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { gcj02ToWgs84 } from '../../layers/geo/gcj02.ts';
import { STANDS } from '../fixtures/import/expected.ts';
import { useBrowser, mapIdle, mapShot, pixelDiff, shot, unexpectedErrors, waitForMapChange, VIEWPORT, type Watched } from './browser.ts';

const baseUrl = inject('baseUrl');
const chromium = inject('chromium');
const fixture = (name: string) => resolve('test/fixtures/web', name);
/** The importer's fixtures (test/fixtures/import/make-fixtures.ts writes them from expected.ts). */
const importFixture = (name: string) => resolve('test/fixtures/import', name);
/** Species group names of layers/carbon/stand.ts plus bamboo and shrub, as the zh UI shows them. */
const ZH_SPECIES = /杉木|马尾松|湿地松|柏木|栎类|硬阔类|软阔类|针叶混|阔叶混|针阔混|毛竹|灌木/;

interface CatalogLayer { id: string; title_zh: string; title_en: string; kind: string; bounds: number[] | null }

let browser: Browser;
let w: Watched;
let page: Page;
let catalog: CatalogLayer[] = [];

async function parcelCount(): Promise<number> {
  return page.locator('[data-testid=parcel-item]').count();
}

interface StoredParcel { name: string; geometry: GeoJSON.Polygon | GeoJSON.MultiPolygon; properties: Record<string, unknown> }

/** Upload one file with the file picker; returns the parcels it added (names, WGS-84 geometry, attributes). */
async function uploadWithPicker(path: string, expectedCount: number): Promise<StoredParcel[]> {
  const before = await parcelCount();
  await page.setInputFiles('[data-testid=file-input]', path);
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid=parcel-item]').length === n, before + expectedCount, { timeout: 30_000 });
  expect(await page.getAttribute('[data-testid=upload-status]', 'class')).not.toContain('error');
  const names = (await page.locator('[data-testid=parcel-item] .pname').allTextContents()).slice(before);
  const stored = await page.evaluate((from) => window.__tantu!.state.get().parcels.slice(from)
    .map(({ name, geometry, properties }) => ({ name, geometry, properties })), before) as StoredParcel[];
  // The list shows "地块 <name>" with the name as the tooltip.
  expect(names).toEqual(stored.map((p) => `地块 ${p.name}`));
  expect((await page.locator('[data-testid=parcel-item] .pname').evaluateAll((els) => els.map((e) => (e as HTMLElement).title))).slice(before)).toEqual(stored.map((p) => p.name));
  return stored;
}

/** Mean of a polygon's outer-ring vertices (without the closing one), lon/lat. */
function ringCentre(g: GeoJSON.Polygon | GeoJSON.MultiPolygon): [number, number] {
  const ring = (g.type === 'Polygon' ? g.coordinates[0] : g.coordinates[0][0]).slice(0, -1);
  return [ring.reduce((s, p) => s + p[0], 0) / ring.length, ring.reduce((s, p) => s + p[1], 0) / ring.length];
}

/** Distance between two lon/lat points, m (equirectangular; fine for metres apart). */
function metres(a: [number, number], b: [number, number]): number {
  const k = Math.PI / 180;
  const dx = (a[0] - b[0]) * k * Math.cos(((a[1] + b[1]) / 2) * k) * 6371008.8;
  const dy = (a[1] - b[1]) * k * 6371008.8;
  return Math.hypot(dx, dy);
}

/**
 * The carbon panel of the parcel an upload selected ends ready (the API's area shown) or, for a 4xx
 * answer (e.g. outside the demo county: 422), in its error state with the API's problem title.
 */
async function expectCarbonOutcome(name: string): Promise<'ready' | 'error'> {
  await page.waitForFunction((n) => document.querySelector('[data-testid=carbon-panel] .carbon-head strong')?.textContent?.includes(n), name, { timeout: 30_000 });
  const state = await page.waitForSelector('[data-testid=carbon-panel][data-state=ready], [data-testid=carbon-panel][data-state=error]', { timeout: 180_000 })
    .then((el) => el.getAttribute('data-state'));
  const geometry = await page.evaluate(() => {
    const { parcels, selected } = window.__tantu!.state.get();
    return parcels.find((p) => p.id === selected)?.geometry ?? null;
  });
  expect(geometry).not.toBeNull();
  const res = await fetch(`${baseUrl}/api/analysis/carbon`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ geometry }) });
  const body = await res.json() as { area_ha?: number; title?: string; detail?: string };
  if (state === 'ready') {
    expect(res.status).toBe(200);
    const shown = Number(await page.getAttribute('[data-testid=carbon-panel] [data-testid=total-area]', 'data-value'));
    expect(Math.abs(shown - body.area_ha!)).toBeLessThanOrEqual(1e-9 * Math.max(1, body.area_ha!));
    return 'ready';
  }
  expect(res.status).toBeGreaterThanOrEqual(400);
  expect(res.status).toBeLessThan(500);
  const box = (await page.textContent('[data-testid=carbon-error]'))!;
  expect(box).toContain('碳汇分析失败');
  expect(box).toContain(body.title!);
  expect(await page.locator('[data-testid=carbon-retry]').isVisible()).toBe(true);
  return 'error';
}

describe.skipIf(!chromium)('map workbench', () => {
  useBrowser(chromium!, (s) => ({ browser, w, page } = s), { defaultTimeoutMs: 120_000 });
  beforeAll(async () => {
    catalog = ((await (await fetch(`${baseUrl}/api/layers`)).json()) as { layers: CatalogLayer[] }).layers;
  });

  it('loads the map with the layer catalog, no console errors and no request leaving localhost', { timeout: 400_000 }, async () => {
    await page.goto(`${baseUrl}/`);
    await mapIdle(page, 180_000);
    await page.waitForSelector('[data-testid=layer-panel] li.layer');
    await page.waitForTimeout(1500); // let deck.gl tiles and labels arrive
    await shot(page, '01-loaded');
    expect(await page.locator('[data-testid=layer-panel] li.layer').count()).toBe(catalog.length);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    expect(await page.locator('#left h2').textContent()).toBe('图层');
    // The offline basemap: no glyphs, no sprite, only our own sources.
    const style = await page.evaluate(() => {
      const s = window.__tantu!.map.getStyle();
      return { glyphs: s.glyphs ?? null, sprite: s.sprite ?? null, tiles: Object.values(s.sources).flatMap((x) => (x as { tiles?: string[] }).tiles ?? []) };
    });
    expect(style.glyphs).toBeNull();
    expect(style.sprite).toBeNull();
    for (const url of style.tiles) expect(new URL(url).host).toBe(new URL(baseUrl).host);
    expect(w.consoleErrors).toEqual([]);
    expect(w.external).toEqual([]);
  });

  it('toggling a layer changes the map canvas', { timeout: 600_000 }, async () => {
    const candidates = ['landcover', 'dem', 'ghi', 'wind100', 'stands', 'wetlands'];
    const id = candidates.find((c) => catalog.some((l) => l.id === c));
    if (!id) throw new Error(`no layer to toggle among ${candidates.join(', ')} in the catalog`);
    // A closer view: fewer stand polygons for the software renderer to draw.
    await page.evaluate(() => window.__tantu!.map.jumpTo({ center: [119.47, 30.42], zoom: 12 }));
    await mapIdle(page);
    await page.waitForTimeout(1500);
    const toggle = page.locator(`[data-testid=layer-toggle-${id}]`);
    const wasOn = await toggle.isChecked();
    const before = await mapShot(page);
    await toggle.click();
    expect(await toggle.isChecked()).toBe(!wasOn);
    const { after, diff } = await waitForMapChange(page, before, 0.02, 120_000);
    await shot(page, `02-layer-${id}-${wasOn ? 'off' : 'on'}`);
    expect(diff, `toggling ${id} changed ${(diff * 100).toFixed(2)} % of the map's pixels`).toBeGreaterThan(0.02);
    expect(page.url()).toContain('layers=');
    // Opacity slider: halving it changes the picture again.
    if (!wasOn) {
      await page.locator(`[data-testid=layer-opacity-${id}]`).fill('30');
      const dimmed = await waitForMapChange(page, after, 0.01, 120_000);
      expect(dimmed.diff).toBeGreaterThan(0.01);
      await shot(page, `02-layer-${id}-opacity-30`);
    }
    await toggle.click();
    const back = await waitForMapChange(page, after, 0.02, 120_000);
    expect(pixelDiff(before, back.after)).toBeLessThan(0.02);
  });

  it('a parcel drawn by mouse clicks gets a carbon panel with the API totals for the same geometry', { timeout: 240_000 }, async () => {
    await page.evaluate(() => window.__tantu!.map.jumpTo({ center: [119.47, 30.42], zoom: 14 }));
    await mapIdle(page);
    const box = (await page.locator('#map').boundingBox())!;
    const at = (fx: number, fy: number) => [box.x + box.width * fx, box.y + box.height * fy] as const;
    const before = await parcelCount();
    const request = page.waitForRequest((r) => r.url().endsWith('/api/analysis/carbon') && r.method() === 'POST', { timeout: 30_000 });
    await page.click('[data-testid=draw-polygon]');
    for (const [fx, fy] of [[0.4, 0.4], [0.6, 0.38], [0.62, 0.6], [0.42, 0.62]]) {
      await page.mouse.click(...at(fx, fy));
      await page.waitForTimeout(150);
    }
    await shot(page, '03-drawing');
    await page.mouse.click(...at(0.4, 0.4)); // close on the first vertex
    expect(await parcelCount()).toBe(before + 1);
    const req = await request;
    const res = (await req.response())!;
    await page.waitForSelector('[data-testid=carbon-panel][data-state=ready], [data-testid=carbon-panel][data-state=error]', { timeout: 120_000 });
    await shot(page, '04-carbon-panel');
    // The analysis endpoint must answer: a 404 here is a failure, not a skip.
    expect(res.status(), `POST /api/analysis/carbon answered ${res.status()}`).toBe(200);
    expect(await page.getAttribute('[data-testid=carbon-panel]', 'data-state')).toBe('ready');
    const body = req.postDataJSON() as { geometry: GeoJSON.Polygon };
    expect(body.geometry.type).toBe('Polygon');
    // The API's own answer for the same request body.
    const api = await (await fetch(`${baseUrl}/api/analysis/carbon`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: req.postData()! })).json();
    const shown = async (testid: string) => Number(await page.getAttribute(`[data-testid=carbon-panel] [data-testid=${testid}]`, 'data-value'));
    const close = (a: number, b: number) => expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(b)));
    close(await shown('total-area'), api.area_ha);
    close(await shown('total-stock-tco2e'), api.total.stock_tCO2e);
    close(await shown('total-sink'), api.total.sink_tCO2e_per_yr);
    const stockTC = typeof api.total.stock_tC === 'number' ? api.total.stock_tC : api.total.stock_tC.total;
    close(await shown('total-stock-tc'), stockTC);
    if (api.value) close(await shown('npv'), api.value.npv_cny);
    // The chart and the per-vintage table are there.
    expect(await page.locator('[data-testid=carbon-panel] svg.chart').count()).toBe(1);
    expect(await page.locator('[data-testid=vintage-table] tbody tr').count()).toBe(api.projection.length);
    // The stands table speaks Chinese: headers and species groups from the i18n dictionary.
    if (api.stands?.length) {
      const heads = await page.locator('[data-testid=carbon-panel] [data-testid=stands-table] th').allTextContents();
      expect(heads).toContain('树种组');
      expect(heads).not.toContain('species_group');
      const cells = await page.locator('[data-testid=carbon-panel] [data-testid=stands-table] tbody td:nth-child(2)').allTextContents();
      for (const c of cells) expect(c).toMatch(ZH_SPECIES);
    }
    // UI area (turf, spherical) agrees with the API's area within 1 %.
    const uiHa = Number(await page.locator('[data-testid=parcel-area]').last().getAttribute('data-ha'));
    expect(Math.abs(uiHa - api.area_ha) / api.area_ha).toBeLessThan(0.01);
    // Changing the price scenario asks again and shows the new value.
    const again = page.waitForResponse((r) => r.url().endsWith('/api/analysis/carbon') && r.request().method() === 'POST');
    await page.selectOption('[data-testid=price-scenario]', 'high');
    expect((await again).request().postDataJSON().scenario.price_scenario).toBe('high');
    await page.waitForSelector('[data-testid=carbon-panel][data-state=ready]');
    await shot(page, '05-carbon-high-price');

    // Clicking a stand outside the parcel pins its attribute popup with the carbon per ha of
    // GET /api/stands/{id}/carbon — not a parcel analysis of the stand.
    const analyses: string[] = [];
    const countAnalyses = (r: import('playwright-core').Request) => { if (r.url().endsWith('/api/analysis/carbon')) analyses.push(r.url()); };
    page.on('request', countAnalyses);
    const standRequest = page.waitForRequest((r) => /\/api\/stands\/[^/]+\/carbon$/.test(r.url()) && r.method() === 'GET', { timeout: 15_000 });
    await page.mouse.click(...at(0.85, 0.2));
    await page.waitForSelector('[data-testid=feature-popup]:not([hidden]) .close', { timeout: 15_000 }); // pinned
    const layer = await page.getAttribute('[data-testid=feature-popup]', 'data-layer');
    expect(['stands', 'bamboo']).toContain(layer);
    const standReq = await standRequest;
    expect((await standReq.response())!.status()).toBe(200);
    await page.waitForSelector('[data-testid=feature-popup] [data-testid=stand-stock]', { timeout: 60_000 });
    const stand = await (await fetch(standReq.url())).json() as { id: string; per_ha: { stock_tC: number; stock_tCO2e: number; sink_tCO2e_per_yr: number } };
    const zh = (x: number, digits: number) => x.toLocaleString('zh-CN', { minimumFractionDigits: digits, maximumFractionDigits: digits });
    expect(await page.textContent('[data-testid=stand-stock]')).toBe(`${zh(stand.per_ha.stock_tC, 1)} t C/ha · ${zh(stand.per_ha.stock_tCO2e, 1)} t CO₂e/ha`);
    expect(await page.textContent('[data-testid=stand-sink]')).toBe(`${zh(stand.per_ha.sink_tCO2e_per_yr, 2)} t CO₂e/ha/年`);
    // t CO₂e = t C × 44/12.
    expect(Math.abs(stand.per_ha.stock_tCO2e - stand.per_ha.stock_tC * 44 / 12)).toBeLessThan(1e-6 * Math.max(1, stand.per_ha.stock_tCO2e));
    page.off('request', countAnalyses);
    expect(analyses).toEqual([]);
    // Attribute names and coded values in Chinese, not the database's column names and keys.
    const popupText = (await page.textContent('[data-testid=feature-popup]'))!;
    expect(popupText).toContain('树种组');
    expect(popupText).toMatch(ZH_SPECIES);
    expect(popupText).toMatch(/乔木林|竹林|灌木林/);
    expect(popupText).not.toMatch(/species_group|forest_type|\b(natural|planted|arbor)\b/);
    await shot(page, '05b-stand-popup');
  });

  it('uploads a GeoJSON fixture with the file picker', async () => {
    const before = await parcelCount();
    await page.setInputFiles('[data-testid=file-input]', fixture('parcels.geojson'));
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid=parcel-item]').length === n, before + 2);
    expect(await page.getAttribute('[data-testid=upload-status]', 'class')).not.toContain('error');
    const fc = JSON.parse(readFileSync(fixture('parcels.geojson'), 'utf8')) as GeoJSON.FeatureCollection;
    const expected = fc.features.map((f) => area(f) / 1e4);
    // The list shows the drawn area until a parcel is analysed, then the API's area of the analysed geometry (one area everywhere).
    const shown = (await page.locator('[data-testid=parcel-area]').evaluateAll((els) => els.map((e) => ({ ha: Number((e as HTMLElement).dataset.ha), analysed: (e as HTMLElement).dataset.analysed === '1' })))).slice(before);
    shown.forEach(({ ha, analysed }, i) => expect(Math.abs(ha - expected[i]) / expected[i]).toBeLessThan(analysed ? 0.01 : 1e-6));
    const names = await page.locator('[data-testid=parcel-item] .pname').allTextContents();
    expect(names.slice(before).join('|')).toContain('竹林地块A');
    await mapIdle(page);
    await shot(page, '06-uploaded-geojson');
  });

  it('uploads by drag-and-drop (bare geometry) and converts a GCJ-02 CSV', async () => {
    const before = await parcelCount();
    const text = readFileSync(fixture('bare-polygon.geojson'), 'utf8');
    await page.evaluate((content) => {
      const dt = new DataTransfer();
      dt.items.add(new File([content], 'bare-polygon.geojson', { type: 'application/geo+json' }));
      const target = document.getElementById('map')!;
      target.dispatchEvent(new DragEvent('dragenter', { dataTransfer: dt, bubbles: true }));
      target.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    }, text);
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid=parcel-item]').length === n, before + 1);

    await page.selectOption('[data-testid=crs-select]', 'gcj02');
    await page.setInputFiles('[data-testid=file-input]', fixture('gcj02-vertices.csv'));
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid=parcel-item]').length === n, before + 2);
    const first = await page.evaluate(() => {
      const ps = window.__tantu!.state.get().parcels;
      const g = ps[ps.length - 1].geometry as GeoJSON.Polygon;
      return g.coordinates[0][0];
    });
    const [lon, lat] = gcj02ToWgs84(119.56, 30.56);
    expect(first[0]).toBeCloseTo(lon, 6);
    expect(first[1]).toBeCloseTo(lat, 6);
    await page.selectOption('[data-testid=crs-select]', 'auto');

    // A broken file: a clear error, no parcel added.
    await page.setInputFiles('[data-testid=file-input]', fixture('broken.geojson'));
    await page.waitForSelector('[data-testid=upload-status].error');
    expect(await page.textContent('[data-testid=upload-status]')).toContain('broken.geojson');
    expect(await parcelCount()).toBe(before + 2);
    await shot(page, '07-upload-dnd-gcj02-error');
  });

  it('uploads a KML and a KMZ with the file picker: Chinese placemark names and attributes, WGS-84 positions', { timeout: 240_000 }, async () => {
    const kml = await uploadWithPicker(importFixture('wetlands.kml'), 2);
    expect(kml.map((p) => p.name)).toEqual(['西苕溪湿地', '赋石水库']);
    expect(kml.map((p) => p.properties['湿地类型'])).toEqual(['河流', '水库']);
    // make-fixtures.ts: squares of ±0.004° around the placemark positions.
    const kmlCentres: [number, number][] = [[119.7, 30.65], [119.56, 30.56]];
    kml.forEach((p, i) => expect(metres(ringCentre(p.geometry), kmlCentres[i])).toBeLessThan(0.5));
    await mapIdle(page);
    const kmlState = await expectCarbonOutcome('西苕溪湿地');
    await shot(page, `07b-upload-kml-${kmlState}`);

    const kmz = await uploadWithPicker(importFixture('wetlands-kmz.kmz'), 2);
    expect(kmz.map((p) => p.name)).toEqual(['老石坎水库', '南湖湿地']);
    expect(kmz.map((p) => p.properties['类型'])).toEqual(['水库', '沼泽']);
    const kmzCentres: [number, number][] = [[119.52, 30.5], [119.69, 30.66]];
    kmz.forEach((p, i) => expect(metres(ringCentre(p.geometry), kmzCentres[i])).toBeLessThan(0.5));
    await mapIdle(page);
    const kmzState = await expectCarbonOutcome('老石坎水库');
    await shot(page, `07c-upload-kmz-${kmzState}`);
  });

  it('uploads a zipped Shapefile in EPSG:4549 with GBK attributes: reprojected onto the expected places, Chinese text intact', { timeout: 240_000 }, async () => {
    await page.selectOption('[data-testid=crs-select]', 'auto'); // the .prj decides
    const shp = await uploadWithPicker(importFixture('stands-gbk.zip'), STANDS.length);
    // The name comes from the GBK column 小班号; the other GBK columns and values decode to Chinese.
    expect(shp.map((p) => p.name)).toEqual(STANDS.map((s) => s.id));
    shp.forEach((p, i) => {
      const s = STANDS[i];
      expect(p.properties['树种']).toBe(s.species);
      expect(p.properties['起源']).toBe(s.origin);
      expect(p.properties['村名']).toBe(s.village);
      expect(p.properties['林龄']).toBe(s.age);
      expect(p.properties['每公顷蓄积']).toBe(s.volume);
      expect(JSON.stringify(p.properties)).not.toContain('\uFFFD');
      // 200 m × 200 m GK squares around expected.ts's centres: within a few metres after proj4.
      expect(metres(ringCentre(p.geometry), [s.lon, s.lat])).toBeLessThan(3);
      expect(Math.abs(area({ type: 'Feature', geometry: p.geometry, properties: {} }) / 1e4 - 4)).toBeLessThan(0.02);
    });
    // The list shows the parcels' areas (≈ 4 ha each).
    const shownHa = (await page.locator('[data-testid=parcel-area]').evaluateAll((els) => els.map((e) => Number((e as HTMLElement).dataset.ha)))).slice(-STANDS.length);
    for (const ha of shownHa) expect(Math.abs(ha - 4)).toBeLessThan(0.02);
    await mapIdle(page);
    const state = await expectCarbonOutcome(STANDS[0].id);
    await shot(page, `07d-upload-shapefile-gbk-${state}`);
  });

  it('the workbench switcher shows only registered workbenches and keeps the active one in the URL hash', { timeout: 600_000 }, async () => {
    const p2 = await browser.newPage({ viewport: VIEWPORT });
    p2.setDefaultTimeout(180_000);
    // A link to a workbench that is not registered (yet) falls back to the first registered one.
    await p2.goto(`${baseUrl}/#wb=test-late`);
    await mapIdle(p2, 180_000);
    const tabs = () => p2.locator('[data-testid=workbench-tabs] [role=tab]').allTextContents();
    expect(await tabs()).toEqual(['碳汇', '光伏与风电', '充电设施', '两山合作社', '政策指标']);
    expect(await p2.getAttribute('[data-testid=workbench-tab-carbon]', 'aria-selected')).toBe('true');
    await p2.waitForFunction(() => /(^#|&)wb=carbon(&|$)/.test(location.hash));
    expect(await p2.locator('[data-testid=workbench-panel] [data-testid=carbon-panel]').count()).toBe(1);
    // A workbench registered later gets its tab: one outside WORKBENCH_ORDER after the known ones.
    await p2.evaluate(() => window.__tantu!.registerWorkbench({
      id: 'test-late', title: { zh: '后注册', en: 'Late' },
      mount(container) {
        const el = document.createElement('p');
        el.dataset.testid = 'test-late-panel';
        el.textContent = 'test-late';
        container.append(el);
        return () => { document.body.dataset.testLateUnmounted = '1'; };
      },
    }));
    expect(await tabs()).toEqual(['碳汇', '光伏与风电', '充电设施', '两山合作社', '政策指标', '后注册']);
    // Switching mounts it in place of the carbon panels, and the hash names it.
    await p2.click('[data-testid=workbench-tab-test-late]');
    await p2.waitForFunction(() => /(^#|&)wb=test-late(&|$)/.test(location.hash));
    expect(await p2.getAttribute('[data-testid=workbench-tab-test-late]', 'aria-selected')).toBe('true');
    expect(await p2.textContent('[data-testid=workbench-panel] [data-testid=test-late-panel]')).toBe('test-late');
    expect(await p2.locator('[data-testid=carbon-panel]').count()).toBe(0);
    await shot(p2, '08a-workbench-switcher');
    // Back on carbon: the other workbench was unmounted and the carbon panels return.
    await p2.click('[data-testid=workbench-tab-carbon]');
    await p2.waitForFunction(() => /(^#|&)wb=carbon(&|$)/.test(location.hash));
    expect(await p2.locator('[data-testid=workbench-panel] [data-testid=carbon-panel]').count()).toBe(1);
    expect(await p2.locator('[data-testid=test-late-panel]').count()).toBe(0);
    expect(await p2.evaluate(() => document.body.dataset.testLateUnmounted)).toBe('1');
    await p2.close();
  });

  it('switches the language to English and back, and keeps it in the URL', { timeout: 600_000 }, async () => {
    await page.click('[data-testid=lang-toggle]');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    expect(await page.locator('#left h2').textContent()).toBe('Layers');
    const titles = await page.locator('[data-testid=layer-panel] .layer-title').allTextContents();
    for (const l of catalog) expect(titles).toContain(l.title_en);
    expect(await page.locator('[data-testid=parcel-item] .parea').first().textContent()).toMatch(/ha \(.* mu\)/);
    await page.waitForFunction(() => location.hash.includes('lang=en'));
    await shot(page, '08-english');
    // A shared link keeps view, layers and language.
    const link = page.url();
    const p2 = await browser.newPage({ viewport: VIEWPORT });
    p2.setDefaultTimeout(180_000);
    await p2.goto(link);
    await mapIdle(p2, 180_000);
    expect(await p2.evaluate(() => document.documentElement.lang)).toBe('en');
    const z = await p2.evaluate(() => window.__tantu!.map.getZoom());
    expect(z).toBeCloseTo(await page.evaluate(() => window.__tantu!.map.getZoom()), 1);
    await p2.close();
    await page.click('[data-testid=lang-toggle]');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    expect(await page.locator('#left h2').textContent()).toBe('图层');
  });

  it('shows a printable report with a map snapshot, and exports GeoJSON and CSV', { timeout: 400_000 }, async () => {
    const n = await parcelCount();
    // Parcels not analysed yet are analysed before the file is written.
    const [dl] = await Promise.all([page.waitForEvent('download', { timeout: 240_000 }), page.click('[data-testid=export-geojson]')]);
    const exported = JSON.parse(readFileSync((await dl.path())!, 'utf8')) as GeoJSON.FeatureCollection;
    expect(exported.features.length).toBe(n);
    expect(exported.features.every((f) => typeof f.properties?.area_mu === 'number')).toBe(true);
    const [dl2] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=export-csv]')]);
    const csv = readFileSync((await dl2.path())!, 'utf8').replace(/^\uFEFF/, '').trim().split(/\r?\n/);
    expect(csv.length).toBe(n + 2); // header, one row per parcel, the total row
    expect(csv[0]).toContain('area_mu');
    expect(csv[n + 1].startsWith('total,')).toBe(true);

    await page.evaluate(() => { location.hash = 'report'; });
    await page.waitForSelector('[data-testid=report][data-state]', { timeout: 30_000 });
    await page.waitForSelector('[data-testid=report][data-state=ready]', { timeout: 180_000 });
    const snapshot = await page.getAttribute('[data-testid=report-snapshot]', 'src');
    expect(snapshot?.startsWith('data:image/png;base64,')).toBe(true);
    expect(snapshot!.length).toBeGreaterThan(5000);
    expect(await page.locator('[data-testid=report-parcels] tbody tr').count()).toBe(n);
    await shot(page, '09-report');
    await page.emulateMedia({ media: 'print' });
    await shot(page, '10-report-print');
    await page.emulateMedia({ media: 'screen' });
    await page.click('[data-testid=back-to-map]');
    await page.waitForSelector('#workbench', { state: 'visible' });
  });

  it('made no console error and no request outside localhost during the session', () => {
    if (w.problems.length) console.log('[e2e] API problem answers during the session:', w.problems);
    expect(w.problems.filter((p) => p.status >= 500)).toEqual([]);
    expect(unexpectedErrors(w)).toEqual([]);
    expect(w.external).toEqual([]);
  });
});
