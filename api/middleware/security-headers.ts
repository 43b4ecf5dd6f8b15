/**
 * Security headers for the web app and the API (hono/secure-headers): a Content-Security-Policy
 * that allows only this origin and no inline script, no framing (frame-ancestors 'none'),
 * X-Content-Type-Options nosniff and a same-origin referrer.
 *
 * What the map needs besides 'self': MapLibre starts its workers from blob: URLs (worker-src
 * blob:) and draws images from data:/blob: URLs (img-src data: blob:; the page's icon is data:,);
 * Vite's build loads scripts and styles from files only (no inline script), and MapLibre and
 * deck.gl set element styles through the CSSOM, which style-src does not restrict (checked on the
 * build: no inline script, no eval/new Function, no WebAssembly; loaders.gl workers are off, see
 * web/src/layers.ts; only luma.gl's shader-error overlay uses style attributes and shows unstyled).
 * A deployment that sets window.TANTU_CONFIG in an inline script or loads a basemap from another
 * origin must serve that script as a file / widen connect-src and img-src.
 * HSTS is left to a TLS-terminating proxy: the laptop server speaks plain HTTP.
 */
import { secureHeaders } from 'hono/secure-headers';

export const CONTENT_SECURITY_POLICY = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", 'data:', 'blob:'],
  workerSrc: ["'self'", 'blob:'],
  childSrc: ["'self'", 'blob:'],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

export function securityHeaders() {
  return secureHeaders({
    contentSecurityPolicy: CONTENT_SECURITY_POLICY,
    xFrameOptions: 'DENY',
    referrerPolicy: 'same-origin',
    strictTransportSecurity: false,
    crossOriginResourcePolicy: 'same-origin',
  });
}
