import { describe, it, expect } from 'vitest';
import { ClearskyInputError, clearskyHaurwitz, clearskyIneichen, LINKE_TURBIDITY_ZHEJIANG } from '../../../layers/solar/clearsky.ts';

const rel = (a: number, b: number): number => Math.abs(a - b) / Math.abs(b);

describe('clearskyHaurwitz', () => {
  it('matches the reference GHI at apparent elevations 5, 10, 30, 50, 90° to 1e-6 relative', () => {
    const expected = [48.6298687941956, 135.741748091813, 487.894132885425, 778.766689344363, 1035.0920325345];
    [5, 10, 30, 50, 90].forEach((elevation, i) => {
      expect(rel(clearskyHaurwitz(90 - elevation).ghi, expected[i]!)).toBeLessThan(1e-6);
    });
  });
  it('is 0 when the sun is down', () => {
    expect(clearskyHaurwitz(90).ghi).toBe(0);
    expect(clearskyHaurwitz(120).ghi).toBe(0);
  });
});

describe('clearskyIneichen', () => {
  it('ineichen(10°, AM 1, TL 3) → GHI 1038.159219, DNI 942.208186, DHI 110.265293 W/m²', () => {
    const r = clearskyIneichen(10, 1, 3);
    expect(rel(r.ghi, 1038.159219)).toBeLessThan(1e-6);
    expect(rel(r.dni, 942.2081860378344)).toBeLessThan(1e-6);
    expect(rel(r.dhi, 110.26529293612793)).toBeLessThan(1e-6);
  });
  it('hand formula at altitude 1000 m and the Perez enhancement', () => {
    const h = 1000;
    const r = clearskyIneichen(40, 1.5, 4, h, 1360, true);
    const cosZ = Math.cos((40 * Math.PI) / 180);
    const fh1 = Math.exp(-h / 8000);
    const fh2 = Math.exp(-h / 1250);
    const ghi = (5.09e-5 * h + 0.868) * 1360 * cosZ * Math.exp(-(3.92e-5 * h + 0.0387) * 1.5 * (fh1 + fh2 * 3)) * Math.exp(0.01 * 1.5 ** 1.8);
    const dniA = 1360 * (0.664 + 0.163 / fh1) * Math.exp(-0.09 * 1.5 * 3);
    const dniB = (ghi * (1 - (0.1 - 0.2 * Math.exp(-4)) / (0.1 + 0.882 / fh1))) / cosZ;
    expect(rel(r.ghi, ghi)).toBeLessThan(1e-12);
    expect(rel(r.dni, Math.min(dniA, dniB))).toBeLessThan(1e-12);
    expect(rel(r.dhi, ghi - Math.min(dniA, dniB) * cosZ)).toBeLessThan(1e-12);
    expect(r.ghi).toBeGreaterThan(clearskyIneichen(40, 1.5, 4, h, 1360).ghi);
  });
  it('is 0 when the sun is down and rejects a turbidity ≤ 0', () => {
    expect(clearskyIneichen(95, 30, 3)).toEqual({ ghi: 0, dni: 0, dhi: 0 });
    expect(() => clearskyIneichen(10, 1, 0)).toThrow(ClearskyInputError);
  });
});

describe('LINKE_TURBIDITY_ZHEJIANG', () => {
  it('has 12 monthly values, labelled unverified with a source', () => {
    expect(LINKE_TURBIDITY_ZHEJIANG.monthly).toHaveLength(12);
    expect(LINKE_TURBIDITY_ZHEJIANG.unverified).toBe(true);
    expect(LINKE_TURBIDITY_ZHEJIANG.source).toMatch(/unverified/);
    for (const tl of LINKE_TURBIDITY_ZHEJIANG.monthly) expect(tl > 2 && tl < 7).toBe(true);
  });
});
