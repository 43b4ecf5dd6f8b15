/**
 * The PV & wind workbench in a real browser against the real API and the demo county: pick a point
 * on the map, get the PV yield (the panel shows the API's numbers for that request; monthly bars,
 * loss waterfall and horizon drawn), switch to wind, and read it in English. Screenshots go to
 * test/screenshots/.
 */
import type { Browser, Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { useBrowser, mapIdle, shot, unexpectedErrors, type Watched } from './browser.ts';

const baseUrl = inject('baseUrl');
const chromium = inject('chromium');

let browser: Browser;
let w: Watched;
let page: Page;

/** Answer of `path` for a POST the page made, fetched again from the test with the same body (deterministic models). */
async function sameRequestFromTest(path: string, body: string): Promise<Record<string, any>> {
  const res = await fetch(`${baseUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  expect(res.status).toBe(200);
  return res.json() as Promise<Record<string, any>>;
}

describe.skipIf(!chromium)('PV & wind workbench', () => {
  useBrowser(chromium!, (s) => ({ browser, w, page } = s));

  it('a point picked on the map gets the PV yield the API gives for it, with its charts', { timeout: 180_000 }, async () => {
    await page.goto(`${baseUrl}/#wb=siting`);
    await mapIdle(page);
    await page.waitForSelector('[data-testid=siting-panel]');
    expect(await page.textContent('[data-testid=siting-no-site]')).toContain('尚未选择站址');
    expect(await page.isDisabled('[data-testid=siting-run]')).toBe(true);
    await page.click('[data-testid=siting-pick]');
    const box = (await page.locator('#map canvas').first().boundingBox())!;
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await page.waitForSelector('[data-testid=siting-site]');
    await page.fill('[data-testid=pv-kw]', '500');
    await page.dispatchEvent('[data-testid=pv-kw]', 'change');
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/analysis/pv') && r.request().method() === 'POST', { timeout: 120_000 }),
      page.click('[data-testid=siting-run]'),
    ]);
    expect(response.status()).toBe(200);
    const sent = JSON.parse(response.request().postData()!);
    expect(sent.system.kw_dc).toBe(500);
    await page.waitForSelector('[data-testid=pv-result]', { timeout: 120_000 });
    const api = await sameRequestFromTest('/api/analysis/pv', response.request().postData()!);
    const shown = Number(await page.getAttribute('[data-testid=pv-annual]', 'data-value'));
    expect(shown).toBeCloseTo(api.energy.annual_kwh, 6);
    expect(Number(await page.getAttribute('[data-testid=pv-specific]', 'data-value'))).toBeCloseTo(api.energy.specific_yield_kwh_per_kwp, 6);
    // A real Zhejiang yield: about 900–1,300 kWh/kWp.
    expect(api.energy.specific_yield_kwh_per_kwp).toBeGreaterThan(800);
    expect(api.energy.specific_yield_kwh_per_kwp).toBeLessThan(1400);
    const bars = await page.locator('[data-testid=pv-result] svg[aria-label="逐月发电量"] rect.bar').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-value'))));
    expect(bars).toHaveLength(12);
    bars.forEach((kwh, i) => expect(kwh).toBeCloseTo(api.energy.monthly_kwh[i], 6));
    expect(await page.locator('[data-testid=pv-result] svg[aria-label="损失瀑布图"] rect').count()).toBeGreaterThan(4);
    expect(await page.locator('[data-testid=pv-result] svg[aria-label="地平线高度角"] polygon').count()).toBe(1);
    await shot(page, '20-siting-pv');
  });

  it('the same point gets a wind yield; the panel reads in English after the switch', { timeout: 180_000 }, async () => {
    await page.click('[data-testid=siting-mode-wind]');
    await page.waitForSelector('[data-testid=wind-turbine] option', { state: 'attached' });
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/analysis/wind') && r.request().method() === 'POST', { timeout: 120_000 }),
      page.click('[data-testid=siting-run]'),
    ]);
    expect(response.status()).toBe(200);
    await page.waitForSelector('[data-testid=wind-result]');
    const api = await sameRequestFromTest('/api/analysis/wind', response.request().postData()!);
    expect(Number(await page.getAttribute('[data-testid=wind-net]', 'data-value'))).toBeCloseTo(api.energy.net_kwh, 6);
    expect(Number(await page.getAttribute('[data-testid=wind-cf]', 'data-value'))).toBeCloseTo(api.energy.capacity_factor_pct, 9);
    await page.click('#lang-toggle');
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    const text = await page.textContent('[data-testid=siting-panel]');
    expect(text).toContain('Net annual energy');
    // No Chinese left in the panel, except the weather station's own name (user data).
    expect(text!.replace(/安吉[^·)]*/g, '')).not.toMatch(/\p{Script=Han}/u);
    await shot(page, '21-siting-wind-en');
    await page.click('#lang-toggle');
  });

  it('made no unexpected console error and no request outside localhost', () => {
    expect(unexpectedErrors(w)).toEqual([]);
    expect(w.external).toEqual([]);
  });
});
