/**
 * The policy indicator workbench in a real browser against the real API and the demo county: the
 * table shows the API's values; picking a township redraws the choropleth and the chart over its
 * villages with the API's values; the brief prints on one A4 page; in English the panel and the
 * brief have no Han characters but the regions' own names (user data). One page load.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { useBrowser, mapIdle, pdfPageCount, pdfText, shot, unexpectedErrors, type Watched } from './browser.ts';

const baseUrl = inject('baseUrl');
const chromium = inject('chromium');
const ADMIN = { authorization: `Bearer ${process.env.TANTU_ADMIN_TOKEN ?? 'e2e-admin-token'}`, 'content-type': 'application/json' };
const HAN = /\p{Script=Han}/u;
const ARTIFACTS = resolve('test/e2e/artifacts');

let browser: Browser;
let w: Watched;
let page: Page;

type Layer = { id: string; props: { data: { properties: { id: string; value: number | null } }[] } };
const deckLayers = (p: Page) => p.evaluate(() => (window.__tantu!.overlay as unknown as { _props: { layers: (Layer | null)[] } })._props.layers
  .filter((l) => l?.id.startsWith('indicators-')).map((l) => ({ id: l!.id, ids: (l!.props.data ?? []).map((f) => f.properties?.id), values: (l!.props.data ?? []).map((f) => f.properties?.value ?? null) })));

describe.skipIf(!chromium)('policy indicator workbench', () => {
  useBrowser(chromium!, (s) => ({ browser, w, page } = s));

  it('shows the county, then a township: map and chart follow; the brief prints on one page; English has no Han but names', { timeout: 600_000 }, async () => {
    await page.goto(`${baseUrl}/#wb=indicators`);
    await page.waitForSelector('[data-testid=indicators-panel]');
    // the first answer gathers land cover, carbon, charging coverage and the siting layers
    await page.waitForSelector('[data-testid=ind-result][data-region="330523"]', { timeout: 400_000 });
    const county = await (await fetch(`${baseUrl}/api/indicators?region=330523&children=1`)).json();
    const rows = page.locator('[data-testid=ind-table] tbody tr');
    expect(await rows.count()).toBe(17);
    const forest = county.indicators.find((x: { id: string }) => x.id === 'forest_coverage_pct');
    expect(Number(await page.getAttribute('[data-testid=ind-table] tr[data-indicator=forest_coverage_pct]', 'data-value'))).toBeCloseTo(forest.value, 9);
    expect(await page.getAttribute('[data-testid=ind-table] tr[data-indicator=forest_coverage_pct]', 'data-status')).toBe(forest.status);
    expect(await page.textContent('[data-testid=ind-narrative]')).toBe(county.narrative_zh);
    // the choropleth and the chart: the 15 townships
    let layers = await deckLayers(page);
    expect(layers.find((l) => l.id === 'indicators-choropleth')!.ids).toHaveLength(15);
    expect(await page.locator('[data-testid=ind-chart] g[data-region]').count()).toBe(15);

    // pick a township: its villages on the map and the chart, with the API's values
    const township = county.children[1];
    const answer = page.waitForResponse((r) => r.url().includes(`/api/indicators?region=${township.region_id}`), { timeout: 200_000 });
    await page.selectOption('[data-testid=ind-township]', township.region_id);
    const body = await (await answer).json();
    await page.waitForSelector(`[data-testid=ind-result][data-region="${township.region_id}"]`, { timeout: 60_000 });
    const villages = body.children.map((c: { region_id: string }) => c.region_id);
    expect(villages.length).toBeGreaterThan(1);
    layers = await deckLayers(page);
    const choro = layers.find((l) => l.id === 'indicators-choropleth')!;
    expect(choro.ids).toEqual(villages);
    expect(choro.values).toEqual(body.children.map((c: { values: Record<string, number | null> }) => c.values.forest_coverage_pct));
    const bars = await page.locator('[data-testid=ind-chart] g[data-region]').evaluateAll((gs) => gs.map((g) => [g.getAttribute('data-region'), g.getAttribute('data-value')]));
    expect(bars).toEqual(body.children.map((c: { region_id: string; values: Record<string, number | null> }) => [c.region_id, String(c.values.forest_coverage_pct ?? '')]));
    // another indicator on the map: the chart follows
    await page.selectOption('[data-testid=ind-shown]', 'carbon_stock_tC');
    expect(await page.locator('[data-testid=ind-chart] g[data-region]').first().getAttribute('data-value')).toBe(String(body.children[0].values.carbon_stock_tC));
    await mapIdle(page, 120_000);
    await shot(page, '41-indicators-township');

    // the brief: one A4 page
    await page.click('[data-testid=ind-brief-open]');
    await page.waitForSelector('[data-testid=ind-brief-table]');
    await page.emulateMedia({ media: 'print' });
    const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
    mkdirSync(ARTIFACTS, { recursive: true });
    writeFileSync(resolve(ARTIFACTS, 'indicators-brief.pdf'), pdf);
    await page.screenshot({ path: resolve(ARTIFACTS, 'indicators-brief-print.png'), fullPage: true });
    await page.emulateMedia({ media: 'screen' });
    expect(pdfPageCount(pdf)).toBe(1);
    expect(pdfText(pdf)).toContain(body.name_zh);

    // English: no Han characters except the regions' own names
    const names = (await (await fetch(`${baseUrl}/api/regions`)).json()).features.map((f: { properties: { name_zh: string } }) => f.properties.name_zh) as string[];
    await page.click('[data-testid=lang-toggle]');
    await page.waitForSelector('[data-testid=ind-brief-table]');
    const strip = (s: string) => names.sort((a, b) => b.length - a.length).reduce((acc, n) => acc.split(n).join(''), s);
    const panel = strip((await page.textContent('[data-testid=indicators-panel]'))!);
    const brief = strip((await page.textContent('[data-testid=ind-brief]'))!);
    expect(panel.match(HAN), panel.slice(0, 300)).toBeNull();
    expect(brief.match(HAN), brief.slice(0, 300)).toBeNull();
    expect(await page.textContent('[data-testid=ind-narrative]')).toBe(body.narrative_en);
    await shot(page, '42-indicators-brief-en');
    await page.click('[data-testid=ind-brief-close]');
    await page.click('[data-testid=lang-toggle]');
    expect(unexpectedErrors(w)).toEqual([]);
  });

  it('a forestry bureau user adds a local target in the panel: the indicator is judged against it as the region\'s own', { timeout: 300_000 }, async () => {
    const region = await page.getAttribute('[data-testid=ind-result]', 'data-region');
    // anonymous: how to get the right to add one
    await page.waitForSelector('[data-testid=ind-target-login]', { state: 'attached' });
    const user = `bureau-${Math.random().toString(36).slice(2, 7)}`;
    const made = await fetch(`${baseUrl}/api/auth/users`, { method: 'POST', headers: ADMIN, body: JSON.stringify({ username: user, password: 'e2e password 123', roles: ['bureau'] }) });
    expect(made.status, await made.clone().text()).toBe(201);
    // the browser's session cookie, as the cooperative tab's login sets it
    expect((await page.request.post(`${baseUrl}/api/auth/login`, { data: { username: user, password: 'e2e password 123' } })).status()).toBe(200);
    await page.selectOption('[data-testid=ind-shown]', 'wetland_rate_pct'); // draws the panel again
    await page.click('[data-testid=ind-add-target] summary');
    await page.selectOption('[data-testid=ind-target-indicator]', 'wetland_rate_pct');
    await page.fill('[data-testid=ind-target-value]', '8');
    await page.fill('[data-testid=ind-target-year]', '2030');
    await page.fill('[data-testid=ind-target-document-zh]', '本地湿地保护规划(e2e)');
    await page.fill('[data-testid=ind-target-document-en]', 'Local wetland plan (e2e)');
    await page.fill('[data-testid=ind-target-source]', 'e2e test, clause 1');
    const saved = page.waitForResponse((r) => r.url().endsWith('/api/indicators/targets') && r.request().method() === 'POST');
    await page.click('[data-testid=ind-target-save]');
    const res = await saved;
    expect(res.status(), await res.text()).toBe(201);
    const { id } = await res.json();
    try {
      await page.waitForSelector('[data-testid=ind-notice]');
      // the indicators asked again after the save: the table is the new answer once the panel is no longer busy
      await page.waitForSelector('[data-testid=ind-busy]', { state: 'detached' });
      await page.waitForSelector(`[data-testid=ind-result][data-region="${region}"]`);
      const api = await (await fetch(`${baseUrl}/api/indicators?region=${region}`)).json();
      const wet = api.indicators.find((x: { id: string }) => x.id === 'wetland_rate_pct');
      expect(wet.target).toMatchObject({ value: 8, year: 2030, document: '本地湿地保护规划(e2e)', scope: 'own' });
      const row = '[data-testid=ind-table] tr[data-indicator=wetland_rate_pct]';
      expect(await page.getAttribute(row, 'data-status')).toBe(wet.status);
      expect(wet.status).toBe(wet.value >= 8 ? 'met' : 'behind');
      expect(await page.textContent(row)).toContain('本地湿地保护规划(e2e)');
      expect(unexpectedErrors(w)).toEqual([]);
    } finally {
      await fetch(`${baseUrl}/api/indicators/targets/${id}`, { method: 'DELETE', headers: ADMIN });
    }
  });
});
