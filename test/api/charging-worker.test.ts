/**
 * Charging work runs in the worker pool (issue 8, "no frozen event loop"): while a coverage
 * request that rebuilds the road graph and re-snaps every demand cell — and a site search — are in
 * flight, GET /api/health keeps answering (each within 1 s, the bad-input corpus's check); the
 * answers after the rebuild equal those before it; and this thread (the server's event loop) never
 * built a network model.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { testApp } from '../setup/app.ts';
import { resetChargingNetwork } from '../../api/services/charging/network.ts';
import { buildsInThisThread } from '../../api/services/charging/model.ts';

const { app, db } = testApp();
afterAll(() => db.close());

const URL0 = 'http://localhost:8787';
const json = async (res: Response) => {
  if (res.status !== 200) throw new Error(`${res.status}: ${await res.text()}`);
  return res.json() as Promise<unknown>;
};
/** The answer without its timings. */
const strip = (v: unknown): unknown => {
  if (Array.isArray(v)) return v.map(strip);
  if (v && typeof v === 'object') {
    return Object.fromEntries(Object.entries(v).filter(([k]) => !['seconds', 'build_ms', 'built_at', 'update_ms'].includes(k)).map(([k, x]) => [k, strip(x)]));
  }
  return v;
};

/** Health checks, one after another, while `pending` runs; each must answer 200 within 1 s. */
async function healthWhile(pending: Promise<unknown>): Promise<number> {
  let done = false;
  void pending.finally(() => { done = true; }).catch(() => {});
  let during = 0;
  while (!done) {
    const t0 = performance.now();
    const res = await app.request(`${URL0}/api/health`);
    expect(res.status).toBe(200);
    expect(performance.now() - t0).toBeLessThan(1000);
    if (!done) during++;
    await new Promise((r) => setTimeout(r, 20));
  }
  return during;
}

describe('charging off the event loop', () => {
  it('answers /api/health while the county coverage rebuilds the network, and the coverage is unchanged', async () => {
    const before = await json(await app.request(`${URL0}/api/charging/coverage?by=township`));
    resetChargingNetwork();
    const pending = Promise.resolve(app.request(`${URL0}/api/charging/coverage?by=township`)).then(json);
    const during = await healthWhile(pending);
    expect(during).toBeGreaterThan(0);
    expect(strip(await pending)).toEqual(strip(before));
    expect(buildsInThisThread).toBe(0);
  });

  it('answers /api/health while new sites are chosen, and the sites are unchanged', async () => {
    const body = JSON.stringify({ problem: 'mclp', p: 5, greedy: true });
    const post = () => Promise.resolve(app.request(`${URL0}/api/charging/sites`, { method: 'POST', headers: { 'content-type': 'application/json' }, body })).then(json);
    const before = await post();
    resetChargingNetwork();
    const pending = post();
    const during = await healthWhile(pending);
    expect(during).toBeGreaterThan(0);
    const after = await pending as { sites: unknown[] };
    expect(after.sites.length).toBe(5);
    expect(strip(after)).toEqual(strip(before));
    expect(buildsInThisThread).toBe(0);
  });
});
