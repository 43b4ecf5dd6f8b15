/**
 * Siting suitability in a real browser against the real API: show the county layer, click a cell
 * (the readout's S is mask · Σ w x of what it lists), move a weight slider: the layer recolours
 * (a new scenario's tiles) and the clicked cell's S changes exactly as the formula says with the
 * new weights. Then copy the rule set and lower the slope threshold to the clicked cell's slope: the
 * layer recolours and the cell is now excluded by the slope rule; anonymous users are told where to
 * log in, a logged-in user saves the edited set by name and GET /api/siting/rules lists it.
 * Screenshots go to test/screenshots/.
 */
import type { Browser, Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { useBrowser, mapIdle, mapShot, shot, unexpectedErrors, waitForMapChange, type Watched } from './browser.ts';

const baseUrl = inject('baseUrl');
const ADMIN = { authorization: `Bearer ${process.env.TANTU_ADMIN_TOKEN ?? 'e2e-admin-token'}`, 'content-type': 'application/json' };
const chromium = inject('chromium');

let browser: Browser;
let w: Watched;
let page: Page;
/** The cell the first test clicked (an included cell), for the rule-editing test. */
let clicked: { lon: number; lat: number } | null = null;

interface Readout { s: number; mask: number; rows: { id: string; score: number; weight: number }[] }

async function readout(p: Page): Promise<Readout> {
  return p.evaluate(() => {
    const el = document.querySelector('[data-testid=suit-point]') as HTMLElement;
    const rows = [...el.querySelectorAll('tr[data-criterion]')].map((r) => ({ id: (r as HTMLElement).dataset.criterion!, score: Number((r as HTMLElement).dataset.score), weight: Number((r as HTMLElement).dataset.weight) }));
    const mask = Number(el.textContent!.match(/(?:排除掩膜|mask) ([\d.]+)/)?.[1]);
    return { s: Number(el.dataset.s), mask, rows };
  });
}

describe.skipIf(!chromium)('siting suitability', () => {
  useBrowser(chromium!, (s) => ({ browser, w, page } = s));

  it('move a weight: the layer recolours and the clicked cell’s S changes as the formula says', { timeout: 900_000 }, async () => {
    await page.goto(`${baseUrl}/#wb=siting`);
    await mapIdle(page, 120_000);
    await page.waitForSelector('[data-testid=suit-run]', { state: 'attached', timeout: 120_000 });
    const before = await mapShot(page);
    const [res] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/siting/pv/suitability') && r.request().method() === 'POST', { timeout: 180_000 }),
      page.click('[data-testid=suit-run]'),
    ]);
    expect(res.status()).toBe(200);
    const first = await res.json();
    await page.waitForSelector('[data-testid=suit-legend]', { state: 'attached', timeout: 60_000 });
    const shown = await waitForMapChange(page, before, 0.02, 120_000);
    expect(shown.diff).toBeGreaterThan(0.02);
    await shot(page, 'siting-suitability');

    // an included cell near the county centre, found through the API, clicked on screen
    const centre = await page.evaluate(() => { const c = window.__tantu!.map.getCenter(); return { lon: c.lng, lat: c.lat }; });
    let target: { lon: number; lat: number } | null = null;
    for (let k = 0; k < 200 && !target; k++) {
      const a = (k % 20) - 10, b = Math.floor(k / 20) - 5;
      const lon = centre.lon + a * 0.01, lat = centre.lat + b * 0.01;
      const p = await (await fetch(`${baseUrl}/api/siting/pv/point?lon=${lon}&lat=${lat}&scenario=${first.scenario}`)).json();
      if (p.mask === 1 && p.s > 0) target = { lon, lat };
    }
    expect(target).not.toBeNull();
    // Zoomed in on it, a 30 m cell is many pixels wide: the click lands on that cell, not on an excluded neighbour.
    await page.evaluate((t) => window.__tantu!.map.jumpTo({ center: [t.lon, t.lat], zoom: 16 }), target!);
    await mapIdle(page, 120_000);
    const xy = await page.evaluate(({ lon, lat }) => { const p = window.__tantu!.map.project([lon, lat]); return { x: p.x, y: p.y }; }, target!);
    const box = (await page.locator('#map canvas').first().boundingBox())!;
    await Promise.all([
      page.waitForResponse((r) => r.url().includes('/api/siting/pv/point'), { timeout: 120_000 }),
      page.mouse.click(box.x + xy.x, box.y + xy.y),
    ]);
    await page.waitForSelector('[data-testid=suit-point]', { state: 'attached', timeout: 60_000 });
    const r1 = await readout(page);
    expect(r1.mask).toBe(1);
    clicked = target;
    expect(r1.s).toBeCloseTo(r1.mask * r1.rows.reduce((a, x) => a + x.weight * x.score, 0), 12);

    // move the slider of the criterion whose score is furthest from S, so S must move
    const pick = r1.rows.reduce((m, x) => (Math.abs(x.score - r1.s) > Math.abs(m.score - r1.s) ? x : m));
    const beforeMove = await mapShot(page);
    const [res2] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/siting/pv/suitability') && r.request().method() === 'POST', { timeout: 60_000 }),
      page.$eval(`[data-testid=suit-w-${pick.id}]`, (el: HTMLInputElement) => {
        el.value = '100';
        el.dispatchEvent(new Event('input', { bubbles: true }));
        el.dispatchEvent(new Event('change', { bubbles: true }));
      }),
    ]);
    const second = await res2.json();
    expect(second.scenario).not.toBe(first.scenario);
    const sent = JSON.parse(res2.request().postData()!);
    expect(sent.weights[pick.id]).toBe(1);
    await page.waitForFunction((id) => document.querySelector('[data-testid=suit-scenario]')?.getAttribute('data-scenario') === id, second.scenario, { timeout: 60_000 });
    await page.waitForFunction((old) => Number((document.querySelector('[data-testid=suit-point]') as HTMLElement | null)?.dataset.s) !== old, r1.s, { timeout: 60_000 });
    const r2 = await readout(page);
    // same cell, same scores; the new weights are the sent ones normalised
    const total = Object.values(sent.weights as Record<string, number>).reduce((a, b) => a + b, 0);
    for (const x of r2.rows) {
      expect(x.score).toBe(r1.rows.find((y) => y.id === x.id)!.score);
      expect(x.weight).toBeCloseTo(sent.weights[x.id] / total, 12);
    }
    const expected = r2.mask * r2.rows.reduce((a, x) => a + x.weight * x.score, 0);
    expect(r2.s).toBeCloseTo(expected, 12);
    expect(Math.abs(r2.s - r1.s)).toBeGreaterThan(1e-3);
    const recoloured = await waitForMapChange(page, beforeMove, 0.001, 120_000);
    expect(recoloured.diff).toBeGreaterThan(0.001);
    await shot(page, 'siting-suitability-reweighted');
    expect(unexpectedErrors(w)).toEqual([]);
  });
  it('edit a rule: the layer recolours, the clicked cell is excluded as the rule now says; saved by name it is listed, and its saver deletes it', { timeout: 900_000 }, async () => {
    expect(clicked).not.toBeNull();
    const before = await page.evaluate(() => {
      const el = document.querySelector('[data-testid=suit-point]') as HTMLElement;
      const slope = (el.querySelector('tr[data-criterion=slope]') as HTMLElement).dataset.value;
      return { scenario: el.dataset.scenario!, excluded: el.dataset.excluded!, slope: Number(slope) };
    });
    expect(before.excluded).toBe('');
    expect(before.slope).toBeLessThan(25); // the default rule excludes ≥ 25°
    // copy the rule set: the editor shows each rule's parameters, unit, source and unverified flag
    await page.click('[data-testid=suit-rules-copy]');
    const input = '[data-testid=suit-rule-slope-exclude_range-min]';
    await page.waitForSelector(input, { state: 'attached' });
    expect(await page.inputValue(input)).toBe('25');
    expect(await page.locator('[data-rule=slope]').textContent()).toContain('°');
    await page.waitForSelector('[data-testid=suit-rule-slope-unverified]', { state: 'attached' });
    await page.waitForSelector('[data-testid=suit-rules-login]', { state: 'attached' }); // anonymous: where to log in
    // a threshold at the cell's own slope (rounded down): the range [thr, ∞) now holds the cell
    const thr = Math.floor(before.slope * 100) / 100;
    const beforeEdit = await mapShot(page);
    // typed as a user does: the value, then Tab to the next field (which fires the change)
    await page.fill(input, String(thr));
    const [res] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/siting/pv/suitability') && r.request().method() === 'POST', { timeout: 120_000 }),
      page.press(input, 'Tab'),
    ]);
    const focusedField = () => page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.testid ?? null);
    const movedTo = await focusedField();
    expect(movedTo, 'Tab moved the focus to the next field of the editor').toMatch(/^suit-/);
    expect(res.status()).toBe(200);
    const edited = await res.json();
    const sent = JSON.parse(res.request().postData()!);
    expect(sent.rules.rules.find((r: { id: string }) => r.id === 'slope').exclude_range).toEqual([thr, null]);
    const rule = edited.rule_set.rules.find((r: { id: string }) => r.id === 'slope');
    expect(rule.exclude_range).toEqual([thr, null]);
    expect(rule.unverified).toBe(true);
    expect(rule.source).toContain('edited by user');
    // the readout of the same cell under the new scenario: excluded by the slope rule, S = 0
    await page.waitForFunction((id) => (document.querySelector('[data-testid=suit-point]') as HTMLElement | null)?.dataset.scenario === id, edited.scenario, { timeout: 120_000 });
    const after = await page.evaluate(() => { const el = document.querySelector('[data-testid=suit-point]') as HTMLElement; return { excluded: el.dataset.excluded!.split(' '), s: Number(el.dataset.s) }; });
    expect(after.excluded).toContain('slope');
    expect(after.s).toBe(0);
    expect(await focusedField(), 'the panel redrew after the recompute and kept the focus where the user had moved it').toBe(movedTo);
    const api = await (await fetch(`${baseUrl}/api/siting/pv/point?lon=${clicked!.lon}&lat=${clicked!.lat}&scenario=${edited.scenario}`)).json();
    expect(api.layers.slope_deg).toBeGreaterThanOrEqual(thr);
    expect(api.excluded_by.map((x: { rule_id: string }) => x.rule_id)).toContain('slope');
    expect(await page.textContent('[data-testid=suit-legend]')).toContain(`坡度 ≥ ${thr}°`);
    const recoloured = await waitForMapChange(page, beforeEdit, 0.001, 120_000);
    expect(recoloured.diff).toBeGreaterThan(0.001);
    await shot(page, 'siting-rule-edited');
    // English: the editor has no Han characters but the rules' legal sources (cited as written)
    await page.click('[data-testid=lang-toggle]');
    await page.waitForSelector('[data-testid=suit-rules-login]', { state: 'attached' });
    const en = await page.evaluate(() => {
      const el = document.querySelector('[data-testid=suit-rules]')!.cloneNode(true) as HTMLElement;
      el.querySelectorAll('.rule-source').forEach((x) => x.remove());
      return el.textContent!;
    });
    expect(en.match(/\p{Script=Han}/u), en.slice(0, 300)).toBeNull();
    expect(en).toContain(`Slope ≥ ${thr}°`);
    await page.click('[data-testid=lang-toggle]');

    // log in (the cooperative tab's session), the panel draws again: save the edited set by name
    const user = `planner-${Math.random().toString(36).slice(2, 7)}`;
    const made = await fetch(`${baseUrl}/api/auth/users`, { method: 'POST', headers: ADMIN, body: JSON.stringify({ username: user, password: 'e2e password 123', roles: ['bureau'] }) });
    expect(made.status, await made.clone().text()).toBe(201);
    expect((await page.request.post(`${baseUrl}/api/auth/login`, { data: { username: user, password: 'e2e password 123' } })).status()).toBe(200);
    await page.click('[data-testid=suit-inspect]');
    await page.click('[data-testid=suit-inspect]');
    await page.waitForSelector('[data-testid=suit-rules-name]', { state: 'attached', timeout: 60_000 });
    const name = `e2e slope ${user}`;
    await page.fill('[data-testid=suit-rules-name]', name);
    const [put] = await Promise.all([
      page.waitForResponse((r) => r.url().includes('/api/siting/rules/') && r.request().method() === 'PUT', { timeout: 60_000 }),
      page.click('[data-testid=suit-rules-save]'),
    ]);
    expect(put.status(), await put.text()).toBe(200);
    const listed = (await (await fetch(`${baseUrl}/api/siting/rules`)).json()).rule_sets.find((r: { name: string }) => r.name === name);
    expect(listed).toMatchObject({ saved: true, technology: 'pv_ground', updated_by: `user:${user}` });
    expect(listed.rules.find((r: { id: string }) => r.id === 'slope').exclude_range).toEqual([thr, null]);
    // the panel selects the saved set and shows the layer by its name
    await page.waitForFunction((n) => (document.querySelector('[data-testid=suit-ruleset]') as HTMLSelectElement | null)?.value === n, name, { timeout: 60_000 });

    // its saver deletes it (after confirming): gone from the catalog, the panel back on the default set
    await page.waitForSelector('[data-testid=suit-rules-delete]', { timeout: 60_000 });
    let asked = '';
    page.once('dialog', (d) => { asked = d.message(); void d.accept(); });
    const [gone] = await Promise.all([
      page.waitForResponse((r) => r.url().includes('/api/siting/rules/') && r.request().method() === 'DELETE', { timeout: 60_000 }),
      page.click('[data-testid=suit-rules-delete]'),
    ]);
    expect(gone.status()).toBe(204);
    expect(asked).toContain(name);
    await page.waitForFunction(() => (document.querySelector('[data-testid=suit-ruleset]') as HTMLSelectElement | null)?.value === 'default:pv_ground', null, { timeout: 60_000 });
    expect((await (await fetch(`${baseUrl}/api/siting/rules`)).json()).rule_sets.some((r: { name: string }) => r.name === name)).toBe(false);
    expect(await page.$$eval('[data-testid=suit-ruleset] option', (os, n) => os.some((o) => (o as HTMLOptionElement).value === n), name)).toBe(false);
    expect(unexpectedErrors(w)).toEqual([]);
  });
});
