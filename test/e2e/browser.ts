/** Shared helpers for browser tests: Debian Chromium via playwright-core (never downloads a browser). */
import { accessSync, constants, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { PNG } from 'pngjs';

export const SCREENSHOTS = resolve('test/screenshots');

export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync',
  // WebGL2 on SwiftShader (software); without this flag Chromium warns about the deprecated automatic fallback.
  '--enable-unsafe-swiftshader',
];

/** Where the browser is looked for: $CHROMIUM_PATH, else Debian's /usr/bin/chromium. */
export function chromiumPath(): string {
  return process.env.CHROMIUM_PATH || '/usr/bin/chromium';
}

/** Why the browser tests cannot run here (no executable Chromium), or null when they can. */
export function missingBrowser(path = chromiumPath()): string | null {
  try {
    accessSync(path, constants.X_OK);
    return null;
  } catch {
    return `no Chromium at ${path} — apt-get install chromium, or set CHROMIUM_PATH`;
  }
}

export function launch(executablePath: string): Promise<Browser> {
  return chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
}

export interface Watched {
  page: Page;
  consoleErrors: string[];
  external: string[];
  /** API answers with status >= 400 (problem+json bodies), for diagnosis. */
  problems: { url: string; status: number; body: string; request?: string; at: string }[];
}

/**
 * Console errors that are not the browser's own "Failed to load resource" line for an API problem
 * answer with a 4xx status (e.g. a parcel outside the data: the panel shows it, Chromium logs it too).
 */
export function unexpectedErrors(w: Watched): string[] {
  let allowed = w.problems.filter((p) => p.status >= 400 && p.status < 500 && new URL(p.url).pathname.startsWith('/api/')).length;
  return w.consoleErrors.filter((e) => {
    if (allowed > 0 && /^Failed to load resource: the server responded with a status of 4\d\d/.test(e)) {
      allowed--;
      return false;
    }
    return true;
  });
}

/** A page that records console errors, page errors and any request not to localhost. */
export async function watchedPage(browser: Browser): Promise<Watched> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 860 }, acceptDownloads: true });
  const page = await context.newPage();
  const consoleErrors: string[] = [];
  const external: string[] = [];
  const problems: Watched['problems'] = [];
  page.on('response', (r) => {
    if (r.status() < 400) return;
    const at = page.url();
    const request = r.request().postData()?.slice(0, 400) ?? undefined;
    void r.text().then((body) => problems.push({ url: r.url(), status: r.status(), body: body.slice(0, 500), request, at }), () => undefined);
  });
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => consoleErrors.push(`pageerror: ${e.message}`));
  page.on('request', (r) => {
    const url = r.url();
    if (/^(data|blob):/.test(url)) return;
    const host = new URL(url).hostname;
    if (host !== '127.0.0.1' && host !== 'localhost' && host !== '[::1]') external.push(url);
  });
  return { page, consoleErrors, external, problems };
}

export async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: resolve(SCREENSHOTS, `${name}.png`) });
}

/** Wait for the map's first idle, then for it to be idle again (tiles loaded, no pending renders). */
export async function mapIdle(page: Page, timeoutMs = 30_000): Promise<void> {
  await page.waitForFunction(() => document.body.dataset.mapReady === '1', null, { timeout: timeoutMs });
  await page.evaluate(() => new Promise<void>((ok) => {
    const map = window.__tantu!.map;
    if (map.loaded() && !map.isMoving()) { setTimeout(ok, 50); return; }
    map.once('idle', () => ok());
  }));
}

/** Fraction of pixels that differ (any channel by more than 8) between two PNG screenshots. */
export function pixelDiff(a: Buffer, b: Buffer): number {
  const pa = PNG.sync.read(a);
  const pb = PNG.sync.read(b);
  if (pa.width !== pb.width || pa.height !== pb.height) return 1;
  let diff = 0;
  for (let i = 0; i < pa.data.length; i += 4) {
    if (Math.abs(pa.data[i] - pb.data[i]) > 8 || Math.abs(pa.data[i + 1] - pb.data[i + 1]) > 8 || Math.abs(pa.data[i + 2] - pb.data[i + 2]) > 8) diff++;
  }
  return diff / (pa.width * pa.height);
}

/** The map area as PNG (a page screenshot clipped to #map: no wait for "stable" frames under a busy software GPU). */
export async function mapShot(page: Page): Promise<Buffer> {
  const box = (await page.locator('#map').boundingBox())!;
  return page.screenshot({ clip: box, timeout: 60_000 });
}

/** Screenshot the map until it differs from `before` by more than `minFraction` (deck.gl tiles load asynchronously). */
export async function waitForMapChange(page: Page, before: Buffer, minFraction: number, timeoutMs = 30_000): Promise<{ after: Buffer; diff: number }> {
  const start = Date.now();
  let after = before;
  let diff = 0;
  while (Date.now() - start < timeoutMs) {
    await page.waitForTimeout(500);
    after = await mapShot(page);
    diff = pixelDiff(before, after);
    if (diff > minFraction) break;
  }
  return { after, diff };
}
