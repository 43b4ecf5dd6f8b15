/**
 * The EV charging workbench in a real browser against the real API and the demo county: the KPIs
 * show the API's coverage, the township table and the layers are there, a station added on the
 * map raises coverage by what the what-if endpoint says, site suggestions list their gains, the
 * CSV export carries a BOM, and the panel reads in English. Screenshots go to test/screenshots/.
 */
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { useBrowser, mapIdle, shot, unexpectedErrors, type Watched } from './browser.ts';

const baseUrl = inject('baseUrl');
const chromium = inject('chromium');

let browser: Browser;
let w: Watched;
let page: Page;

describe.skipIf(!chromium)('EV charging workbench', () => {
  useBrowser(chromium!, (s) => ({ browser, w, page } = s));

  it('shows the API’s coverage against the plan targets, per township, with isochrones and uncovered people', { timeout: 420_000 }, async () => {
    await page.goto(`${baseUrl}/#wb=charging`);
    await page.waitForSelector('[data-testid=charging-panel]');
    // the first answer builds the road graph and snaps every population cell (seconds on the embedded database)
    await page.waitForSelector('[data-testid=chg-total]', { timeout: 300_000 });
    await mapIdle(page, 120_000);
    const api = await (await fetch(`${baseUrl}/api/charging/coverage?peak=false`)).json();
    expect(Number(await page.getAttribute('[data-testid=chg-total]', 'data-value'))).toBeCloseTo(api.coverage_pct, 6);
    expect(Number(await page.getAttribute('[data-testid=chg-urban]', 'data-value'))).toBeCloseTo(api.urban.coverage_pct, 6);
    expect(Number(await page.getAttribute('[data-testid=chg-townships]', 'data-value'))).toBe(api.checks.township_chargers.passing);
    expect(await page.locator('[data-testid=chg-townships-table] tbody tr').count()).toBe(15);
    expect(await page.textContent('[data-testid=chg-iso-pop]')).toMatch(/≤ 30 min/);
    expect(await page.textContent('[data-testid=charging-panel]')).toContain('城镇 5 分钟充电圈');
    const layers = await page.evaluate(() => (window.__tantu!.overlay as unknown as { _props: { layers: ({ id: string } | null)[] } })._props.layers.filter(Boolean).map((l) => l!.id));
    expect(layers).toContain('charging-isochrones');
    expect(layers).toContain('charging-uncovered');
    await shot(page, '30-charging-coverage');
  });

  it('a station added on the map changes coverage by what the what-if endpoint says', { timeout: 180_000 }, async () => {
    await page.waitForSelector('[data-testid=chg-busy]', { state: 'detached', timeout: 120_000 });
    await shot(page, '30b-charging-before-add');
    await page.click('[data-testid=chg-add]');
    const box = (await page.locator('#map canvas').first().boundingBox())!;
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/charging/what-if') && r.request().method() === 'POST', { timeout: 120_000 }),
      page.mouse.click(box.x + box.width * 0.3, box.y + box.height * 0.6),
    ]);
    expect(response.status()).toBe(200);
    const body = await response.json();
    await page.waitForSelector('[data-testid=chg-whatif-delta]');
    expect(Number(await page.getAttribute('[data-testid=chg-whatif-delta]', 'data-value'))).toBeCloseTo(body.delta_covered_population, 6);
    expect(body.delta_covered_population).toBeGreaterThanOrEqual(0);
    const sent = JSON.parse(response.request().postData()!);
    expect(sent.add).toHaveLength(1);
    await page.click('[data-testid=chg-whatif-reset]');
    expect(await page.locator('[data-testid=chg-whatif]').count()).toBe(0);
  });

  it('suggests sites with their gains, exports a CSV with a BOM, and reads in English', { timeout: 400_000 }, async () => {
    await page.fill('[data-testid=chg-p]', '3');
    await page.dispatchEvent('[data-testid=chg-p]', 'change');
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/charging/sites'), { timeout: 200_000 }),
      page.click('[data-testid=chg-suggest]'),
    ]);
    expect(response.status()).toBe(200);
    const sites = await response.json();
    await page.waitForSelector('[data-testid=chg-sites-table]', { timeout: 120_000 });
    const gains = await page.locator('[data-testid=chg-sites-table] tbody tr').evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-gain'))));
    expect(gains).toEqual(sites.sites.map((s: { gain_population: number }) => s.gain_population));
    expect(gains).toHaveLength(3);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=chg-export-csv]')]);
    const text = readFileSync((await download.path())!, 'utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text.split('\r\n').filter(Boolean)).toHaveLength(1 + 1 + 15);
    await page.click('#lang-toggle');
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    expect(await page.textContent('[data-testid=charging-panel]')).toContain('Urban 5-minute circle');
    // townships by their English names, as the map labels them
    const names = await page.locator('[data-testid=chg-townships-table] tbody tr td:first-child').allTextContents();
    const api = await (await fetch(`${baseUrl}/api/charging/coverage?peak=false`)).json();
    expect(names).toEqual(api.children.map((x: { name_en: string | null; name_zh: string }) => x.name_en ?? x.name_zh));
    expect(names.join(' ').match(/\p{Script=Han}/u)).toBeNull();
    await shot(page, '31-charging-sites-en');
    await page.click('#lang-toggle');
    expect(unexpectedErrors(w)).toEqual([]);
  });
});
