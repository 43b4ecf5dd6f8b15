/** Shared helpers for browser tests: Debian Chromium via playwright-core (never downloads a browser). */
import { accessSync, constants, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { inflateSync } from 'node:zlib';
import { afterAll, beforeAll } from 'vitest';

export const SCREENSHOTS = resolve('test/screenshots');

/**
 * The desktop viewport of the browser tests: just above the compact layout's breakpoint (1180 px in
 * web/src/style.css). SwiftShader renders every map pixel on the CPU, so the map is kept no larger than a desktop needs.
 */
export const VIEWPORT = { width: 1200, height: 720 };

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

export interface BrowserSession {
  browser: Browser;
  w: Watched;
  page: Page;
}

/**
 * The browser of a describe block: Chromium at `executablePath` launched with a watched page before
 * its tests (`ready` receives them), closed after. Call it inside the (skipIf'd) describe.
 * `defaultTimeoutMs`: a software GPU on a shared machine can keep the main thread busy for seconds per frame.
 */
export function useBrowser(executablePath: string, ready: (s: BrowserSession) => void, opts: { defaultTimeoutMs?: number } = {}): void {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launch(executablePath);
    const w = await watchedPage(browser);
    if (opts.defaultTimeoutMs) w.page.setDefaultTimeout(opts.defaultTimeoutMs);
    ready({ browser, w, page: w.page });
  });
  afterAll(async () => {
    await browser?.close();
  });
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
  const context = await browser.newContext({ viewport: VIEWPORT, acceptDownloads: true });
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

/** A page screenshot for people to look at (not an assertion): long timeout, never fails the test. */
export async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: resolve(SCREENSHOTS, `${name}.png`), timeout: 120_000 }).catch((e: Error) => console.warn(`screenshot ${name}: ${e.message}`));
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

/** The map area as PNG (a page screenshot clipped to #map: no wait for "stable" frames under a busy software GPU; timeouts for a shared CI box). */
export async function mapShot(page: Page): Promise<Buffer> {
  const box = (await page.locator('#map').boundingBox({ timeout: 120_000 }))!;
  return page.screenshot({ clip: box, timeout: 120_000 });
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

// ── PDF reading for the report tests (Chromium's own PDFs: Skia, Type0 fonts with ToUnicode maps) ──

interface PdfObject { dict: string; stream?: Buffer }

function pdfObjects(pdf: Buffer): Map<number, PdfObject> {
  const text = pdf.toString('latin1');
  const objects = new Map<number, PdfObject>();
  const re = /(\d+) 0 obj\s*([\s\S]*?)endobj/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const body = m[2];
    const s = body.search(/stream\r?\n/);
    if (s < 0) { objects.set(Number(m[1]), { dict: body }); continue; }
    const start = s + (body[s + 6] === '\r' ? 8 : 7);
    const end = body.lastIndexOf('endstream');
    const dict = body.slice(0, s);
    let stream = Buffer.from(body.slice(start, end).replace(/\r?\n$/, ''), 'latin1');
    if (/\/FlateDecode/.test(dict)) {
      try { stream = inflateSync(stream); } catch { /* not inflatable: keep raw */ }
    }
    objects.set(Number(m[1]), { dict, stream });
  }
  return objects;
}

/** Number of pages in a PDF (its /Type /Page objects). */
export function pdfPageCount(pdf: Buffer): number {
  return [...pdfObjects(pdf).values()].filter((o) => /\/Type\s*\/Page(?![s\w])/.test(o.dict)).length;
}

function cmap(stream: string): Map<number, string> {
  const map = new Map<number, string>();
  const hex = (h: string) => String.fromCodePoint(...(h.match(/.{4}/g) ?? []).map((x) => parseInt(x, 16)));
  for (const block of stream.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const m of block[1].matchAll(/<([0-9a-f]+)>\s*<([0-9a-f]+)>/gi)) map.set(parseInt(m[1], 16), hex(m[2]));
  }
  for (const block of stream.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const m of block[1].matchAll(/<([0-9a-f]+)>\s*<([0-9a-f]+)>\s*(<([0-9a-f]+)>|\[([^\]]*)\])/gi)) {
      const lo = parseInt(m[1], 16);
      const hi = parseInt(m[2], 16);
      if (m[4]) { const base = parseInt(m[4], 16); for (let c = lo; c <= hi; c++) map.set(c, String.fromCodePoint(base + c - lo)); }
      else [...(m[5].matchAll(/<([0-9a-f]+)>/gi))].forEach((x, i) => map.set(lo + i, hex(x[1])));
    }
  }
  return map;
}

/** The text a PDF shows, page after page (glyphs mapped back through each font's ToUnicode map). */
export function pdfText(pdf: Buffer): string {
  const objects = pdfObjects(pdf);
  const maps = new Map<number, Map<number, string>>();
  const fontMap = (fontObj: number) => {
    if (!maps.has(fontObj)) {
      const ref = /\/ToUnicode\s+(\d+)\s+0\s+R/.exec(objects.get(fontObj)?.dict ?? '');
      const s = ref ? objects.get(Number(ref[1]))?.stream : undefined;
      maps.set(fontObj, s ? cmap(s.toString('latin1')) : new Map());
    }
    return maps.get(fontObj)!;
  };
  const deref = (dict: string, key: string): string => {
    const ref = new RegExp(`/${key}\\s+(\\d+)\\s+0\\s+R`).exec(dict);
    return ref ? objects.get(Number(ref[1]))?.dict ?? '' : dict;
  };
  let out = '';
  for (const page of [...objects.values()].filter((o) => /\/Type\s*\/Page(?![s\w])/.test(o.dict))) {
    const resources = deref(page.dict, 'Resources');
    const fontsDict = /\/Font\s*<<([\s\S]*?)>>/.exec(resources)?.[1] ?? deref(resources, 'Font');
    const fonts = new Map([...fontsDict.matchAll(/\/([\w.+-]+)\s+(\d+)\s+0\s+R/g)].map((m) => [m[1], Number(m[2])]));
    const contents = /\/Contents\s*(\[[^\]]*\]|\d+\s+0\s+R)/.exec(page.dict)?.[1] ?? '';
    for (const ref of contents.matchAll(/(\d+)\s+0\s+R/g)) {
      const content = objects.get(Number(ref[1]))?.stream?.toString('latin1') ?? '';
      let map = new Map<number, string>();
      for (const m of content.matchAll(/\/([\w.+-]+)\s+[\d.]+\s+Tf|\[((?:[^\]\\]|\\.)*)\]\s*TJ|<([0-9a-fA-F]*)>\s*Tj/g)) {
        if (m[1]) { map = fontMap(fonts.get(m[1]) ?? -1); continue; }
        const hexes = m[2] !== undefined ? [...m[2].matchAll(/<([0-9a-fA-F]*)>/g)].map((x) => x[1]) : [m[3]];
        for (const hx of hexes) for (const code of hx.match(/.{4}/g) ?? []) out += map.get(parseInt(code, 16)) ?? '';
      }
      out += '\n';
    }
  }
  return out;
}
