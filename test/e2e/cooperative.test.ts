/**
 * The cooperative workbench in a real browser against the real API: an operator pools three
 * parcels from the map into a project under contracts, a verifier approves the monitoring report,
 * the operator issues the credits and lists them, a buyer buys part, the operator pays the sale
 * out and the village's payout statement prints. Users and parties are made through the API by
 * the administrator token (TANTU_ADMIN_TOKEN of the e2e server; default 'e2e-admin-token').
 */
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { useBrowser, mapIdle, shot, unexpectedErrors, type Watched } from './browser.ts';

const baseUrl = inject('baseUrl');
const chromium = inject('chromium');
const ADMIN = { authorization: `Bearer ${process.env.TANTU_ADMIN_TOKEN ?? 'e2e-admin-token'}`, 'content-type': 'application/json' };
const u = Math.random().toString(36).slice(2, 7);

let browser: Browser;
let w: Watched;
let page: Page;

async function admin(path: string, body: unknown) {
  const res = await fetch(`${baseUrl}${path}`, { method: 'POST', headers: ADMIN, body: JSON.stringify(body) });
  const json = await res.json();
  if (res.status !== 201) throw new Error(`${path}: ${res.status} ${JSON.stringify(json)} — is the e2e server started with TANTU_ADMIN_TOKEN=e2e-admin-token?`);
  return json;
}

async function login(name: string) {
  if (await page.isVisible('[data-testid=coop-logout]')) {
    await page.click('[data-testid=coop-logout]');
    await page.waitForSelector('[data-testid=coop-login]');
  }
  await page.fill('[data-testid=coop-username]', name);
  await page.fill('[data-testid=coop-password]', 'e2e password 123');
  await page.click('[data-testid=coop-login]');
  await page.waitForSelector('[data-testid=coop-whoami]');
}

describe.skipIf(!chromium)('cooperative workbench', () => {
  useBrowser(chromium!, (s) => ({ browser, w, page } = s), { defaultTimeoutMs: 180_000 });

  it('pool three parcels → verify → issue → a buyer buys part → the payout statement prints', { timeout: 1_200_000 }, async () => {
    const coop = await admin('/api/ledger/parties', { kind: 'cooperative', name: `安吉两山合作社 ${u}` });
    const village = await admin('/api/ledger/parties', { kind: 'village', name: `大里村 ${u}` });
    const buyer = await admin('/api/ledger/parties', { kind: 'buyer', name: `杭州某公司 ${u}` });
    for (const [name, roles, party_id] of [[`op-${u}`, ['operator'], coop.id], [`ver-${u}`, ['verifier'], null], [`buy-${u}`, ['buyer'], buyer.id], [`vil-${u}`, ['village'], village.id]] as const) {
      await admin('/api/auth/users', { username: name, password: 'e2e password 123', roles, party_id });
    }
    await page.goto(`${baseUrl}/#wb=cooperative`);
    await mapIdle(page, 180_000);
    await page.waitForSelector('[data-testid=coop-panel]');
    expect(await page.textContent('[data-testid=coop-panel]')).toContain('两山合作社碳汇账本');
    // three parcels on the map, as if drawn
    const features = JSON.parse(readFileSync('test/fixtures/carbon/parcels.geojson', 'utf8')).features as { properties: { name: string }; geometry: unknown }[];
    await page.evaluate((fs) => (window as any).__tantu.store.add(fs.map((f: any) => ({ name: f.properties.name, geometry: f.geometry, origin: 'drawn' }))), features);

    await login(`op-${u}`);
    if (!(await page.isVisible('[data-testid=coop-new-code]'))) await page.click('.coop-new summary');
    await page.fill('[data-testid=coop-new-code]', `E2E${u.toUpperCase()}`);
    await page.fill('[data-testid=coop-new-name]', '竹林碳汇收储 e2e');
    await page.click('[data-testid=coop-new-project]');
    await page.waitForFunction((code) => (document.querySelector('[data-testid=coop-project-select]') as HTMLSelectElement | null)?.selectedOptions[0]?.textContent?.startsWith(code), `E2E${u.toUpperCase()}`);
    await page.waitForSelector('[data-testid=coop-pool]:not([disabled])');
    expect(await page.locator('[data-testid=coop-parcel-check]').count()).toBe(3);
    // the database may hold other villages (the API tests share it in CI): contract with this one
    await page.selectOption('[data-testid=coop-village]', String(village.id));
    await page.click('[data-testid=coop-pool]');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=coop-contracts] tbody tr').length === 3 || document.querySelector('.coop-error'));
    expect(await page.locator('.coop-error').count(), (await page.locator('.coop-error').allTextContents()).join()).toBe(0);
    expect(await page.textContent('[data-testid=coop-contracts]')).toContain('亩');
    await page.click('[data-testid=coop-snapshot]');
    await page.waitForSelector('[data-testid=coop-snapshot-figure]', { timeout: 180_000 });
    await page.fill('[data-testid=coop-claim]', '1200');
    await page.fill('[data-testid=coop-reason]', '样地实测 field plots');
    await page.click('[data-testid=coop-monitor]');
    await page.waitForSelector('[data-testid=coop-monitoring] tbody tr');

    await login(`ver-${u}`);
    await page.click('[data-testid^=coop-approve-]');
    await page.waitForFunction(() => document.querySelector('[data-testid=coop-monitoring]')?.textContent?.includes('approved'));

    await login(`op-${u}`);
    await page.click('[data-testid^=coop-issue-]');
    await page.waitForSelector('[data-testid=coop-blocks] [data-testid^=coop-list-]');
    const blocks = await page.textContent('[data-testid=coop-blocks]');
    expect(blocks).toMatch(new RegExp(`ZJ-TANTU-E2E${u.toUpperCase()}-\\d{4}-1-120`)); // the 10 % buffer
    expect(blocks).toContain('缓冲池');
    const listBtn = page.locator('[data-testid=coop-blocks] [data-testid^=coop-list-]').first();
    const blockId = (await listBtn.getAttribute('data-testid'))!.split('-').pop();
    await page.fill(`[data-testid=coop-qty-${blockId}]`, '1000');
    await listBtn.click();
    await page.waitForSelector('[data-testid=coop-listings] tbody tr');

    await login(`buy-${u}`);
    const buyQty = page.locator('[data-testid^=coop-buy-qty-]').first();
    await buyQty.fill('400');
    await page.click('[data-testid^=coop-buy-]:not([data-testid*=qty])');
    await page.waitForSelector('[data-testid=coop-bought]');
    expect(await page.textContent('[data-testid=coop-bought]')).toContain('29364.00'); // 400 t × 73.41 元

    await login(`op-${u}`);
    await page.click('[data-testid=coop-payout-sale]');
    await page.waitForSelector('[data-testid^=coop-payout-]:not([data-testid*=sale]):not([data-testid*=cycle]):not([data-testid*=purchase]):not([data-testid*=year])');
    await page.evaluate(() => { (window as any).__printed = 0; window.print = () => { (window as any).__printed++; }; });
    await page.selectOption('[data-testid=coop-stmt-party]', String(village.id));
    await page.click('[data-testid=coop-stmt-print]');
    await page.waitForSelector('[data-testid=coop-statement]');
    // 80 % of 29,364.00 元 to the only village: 23,491.20 元
    expect(await page.textContent('[data-testid=coop-statement-total]')).toContain('23491.20');
    expect(await page.evaluate(() => (window as any).__printed)).toBe(1);
    await shot(page, 'cooperative-statement');
    await page.click('[data-testid=coop-sheet-close]');
    await page.click('[data-testid=coop-verify]');
    await page.waitForSelector('[data-testid=coop-message].coop-ok');
    expect(unexpectedErrors(w)).toEqual([]);
  });
});
