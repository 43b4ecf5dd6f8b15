/**
 * Web app figures, in Debian Chromium (SwiftShader WebGL, so slower than a desktop GPU):
 * - navigation → first map render (the map's first 'idle': style, basemap tiles, deck.gl layers set up);
 * - navigation → first carbon panel (a parcel added as soon as the map is up, as an upload would,
 *   until the panel shows the API's result), and the parcel → panel part alone;
 * - gzipped size of all JavaScript in dist/web (app bundle + MapLibre worker).
 * Needs the app built (dist/web) and served at ctx.baseUrl with the demo county.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';

import type { BenchResult } from './result.ts';

const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--enable-unsafe-swiftshader'];

function jsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) return jsFiles(p);
    return /\.m?js$/.test(f) ? [p] : [];
  });
}

/** A 30 ha square in the forested south-west of the demo county (Anji). */
const PARCEL: GeoJSON.Polygon = {
  type: 'Polygon',
  coordinates: [[[119.55, 30.55], [119.556, 30.55], [119.556, 30.555], [119.55, 30.555], [119.55, 30.55]]],
};

export async function benchWeb(ctx: { baseUrl: string }): Promise<BenchResult[]> {
  const out: BenchResult[] = [];
  const files = jsFiles(resolve('dist/web'));
  const gz = files.reduce((s, f) => s + gzipSync(readFileSync(f), { level: 9 }).length, 0);
  const raw = files.reduce((s, f) => s + statSync(f).size, 0);
  out.push({ name: 'web: JS gzipped (dist/web)', value: Math.round(gz / 1024), unit: 'KiB', note: `${files.length} files, ${Math.round(raw / 1024)} KiB raw; budget 1536 KiB` });

  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', headless: true, args: ARGS });
  try {
    const runs: { idle: number; carbon: number | null; parcelToPanel: number | null }[] = [];
    for (let i = 0; i < 3; i++) {
      const page = await browser.newPage({ viewport: { width: 1400, height: 860 } });
      await page.goto(`${ctx.baseUrl}/#map=13/30.552/119.553`);
      await page.waitForFunction(() => document.body.dataset.mapReady === '1', null, { timeout: 60_000 });
      const idle = await page.evaluate(() => performance.getEntriesByName('tantu-first-idle')[0]?.startTime ?? NaN);
      const t0 = await page.evaluate((g) => {
        const t = performance.now();
        const store = window.__tantu!.store;
        const [id] = store.add([{ name: 'bench', geometry: g }]);
        store.select(id);
        return t;
      }, PARCEL);
      let carbon: number | null = null;
      try {
        await page.waitForFunction(() => performance.getEntriesByName('tantu-first-carbon').length > 0 ||
          document.querySelector('[data-testid=carbon-panel]')?.getAttribute('data-state') === 'error', null, { timeout: 120_000 });
        carbon = await page.evaluate(() => performance.getEntriesByName('tantu-first-carbon')[0]?.startTime ?? null);
      } catch { /* timed out */ }
      runs.push({ idle, carbon, parcelToPanel: carbon === null ? null : carbon - t0 });
      await page.evaluate(() => window.__tantu!.store.clear());
      await page.close();
    }
    const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    out.push({ name: 'web: navigation → first map render', value: Math.round(median(runs.map((r) => r.idle))), unit: 'ms', note: `median of ${runs.length} page loads (first 'idle'), SwiftShader` });
    const c = runs.map((r) => r.carbon).filter((x): x is number => x !== null);
    const p = runs.map((r) => r.parcelToPanel).filter((x): x is number => x !== null);
    if (c.length) {
      out.push({ name: 'web: navigation → first carbon panel', value: Math.round(median(c)), unit: 'ms', note: `median of ${c.length}; parcel added at map render` });
      out.push({ name: 'web: parcel → carbon panel', value: Math.round(median(p)), unit: 'ms', note: 'POST /api/analysis/carbon + render' });
    } else {
      out.push({ name: 'web: navigation → first carbon panel', value: NaN, unit: 'ms', note: 'no carbon result (analysis endpoint missing or failing)' });
    }
  } finally {
    await browser.close();
  }
  return out;
}
