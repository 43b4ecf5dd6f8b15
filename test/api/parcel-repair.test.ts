/**
 * Parcel repair that keeps meaning (issue 8, item 5) and the bounded geometry check (item 1), through
 * POST /api/analysis/carbon on the demo county. Expected areas come from PostGIS on the same rings.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { testApp } from '../setup/app.ts';

const { app, db } = testApp();
afterAll(() => db.close());

async function analyse(geometry: unknown) {
  const res = await app.request('/api/analysis/carbon', {
    method: 'POST',
    // The messages are checked in English (zh-CN is the default answer).
    headers: { 'content-type': 'application/json', 'accept-language': 'en' },
    body: JSON.stringify({ geometry }),
  });
  return { res, body: await res.json() };
}

// inside the demo county (the hill-1km2 fixture's corner)
const X = 119.55, Y = 30.55;
const square = (x: number, y: number, s: number) => [[x, y], [x + s, y], [x + s, y + s], [x, y + s], [x, y]];
const A = square(X, Y, 0.01);
const B = square(X + 0.005, Y + 0.004, 0.01);

/** Area in ha of an SQL expression over the GeoJSON geometries $1…, clipped to the county. */
async function areaHa(expr: string, ...geoms: unknown[]): Promise<number> {
  const args = geoms.map((g) => JSON.stringify(g));
  const gs = geoms.map((_, i) => `ST_SetSRID(ST_GeomFromGeoJSON($${i + 1}::text), 4326)`);
  const q = expr.replace(/\$g(\d)/g, (_, i) => gs[Number(i)]);
  const [{ ha }] = await db.sql.unsafe<{ ha: number }[]>(
    `SELECT ST_Area(ST_Intersection(${q}, (SELECT ST_Union(geom) FROM regions WHERE level = 'county'))::geography) / 1e4 ha`, args);
  return ha;
}
const poly = (...rings: number[][][]) => ({ type: 'Polygon', coordinates: rings });
const codes = (body: { warnings: { code: string }[] }) => body.warnings.map((w) => w.code);

describe('repair keeps the meaning of the parcel', () => {
  it('overlapping MultiPolygon parts are unioned (not XOR-ed) and the overlap is stated', async () => {
    const union = await areaHa('ST_Union($g0, $g1)', poly(A), poly(B));
    const xor = await areaHa('ST_SymDifference($g0, $g1)', poly(A), poly(B));
    const overlap = await areaHa('ST_Intersection($g0, $g1)', poly(A), poly(B));
    const { res, body } = await analyse({ type: 'MultiPolygon', coordinates: [[A], [B]] });
    expect(res.status).toBe(200);
    expect(body.area_ha).toBeCloseTo(union, 3);
    expect(body.area_ha - xor).toBeCloseTo(overlap, 3); // the XOR (the old answer) lost the overlap
    expect(codes(body)).toEqual(expect.arrayContaining(['parts_unioned', 'geometry_repaired']));
    const w = body.warnings.find((x: { code: string }) => x.code === 'parts_unioned');
    expect(w.en).toContain(`${overlap.toFixed(2)} ha`);
    expect(w.zh).toContain(`${(overlap * 15).toFixed(1)} 亩`);
  });

  it('overlapping features of a FeatureCollection are unioned too', async () => {
    const union = await areaHa('ST_Union($g0, $g1)', poly(A), poly(B));
    const fc = { type: 'FeatureCollection', features: [A, B].map((r) => ({ type: 'Feature', properties: {}, geometry: poly(r) })) };
    const { res, body } = await analyse(fc);
    expect(res.status).toBe(200);
    expect(body.area_ha).toBeCloseTo(union, 3);
  });

  it('a hole outside its shell is dropped and named; the area is the shell only', async () => {
    const far = square(X + 0.03, Y + 0.03, 0.002);
    const shellOnly = await areaHa('$g0', poly(A));
    const { res, body } = await analyse(poly(A, far));
    expect(res.status).toBe(200);
    expect(body.area_ha).toBeCloseTo(shellOnly, 3);
    const w = body.warnings.find((x: { code: string }) => x.code === 'holes_dropped');
    expect(w.en).toContain('ring 1');
    expect(w.zh).toContain('ring 1');
  });

  it('geometry_repaired states the area before and after repair in ha and 亩', async () => {
    // a bow-tie: as sent its signed lobes cancel; repaired it is two triangles
    const bowtie = poly([[X, Y], [X + 0.01, Y + 0.01], [X + 0.01, Y], [X, Y + 0.01], [X, Y]]);
    const after = await areaHa('ST_MakeValid($g0)', bowtie);
    const { res, body } = await analyse(bowtie);
    expect(res.status).toBe(200);
    expect(body.area_ha).toBeCloseTo(after, 3);
    const w = body.warnings.find((x: { code: string }) => x.code === 'geometry_repaired');
    expect(w.en).toMatch(/area before repair [\d.]+ ha \([\d.]+ 亩\), after [\d.]+ ha/);
    expect(w.en).toContain(`after ${after.toFixed(2)} ha (${(after * 15).toFixed(1)} 亩)`);
    expect(w.zh).toContain('修复前面积');
  });

  it('a hole identical to its shell leaves nothing: 422', async () => {
    const { res, body } = await analyse(poly(A, [...A].reverse()));
    expect(res.status).toBe(422);
    expect(body.detail).toMatch(/no area/);
  });

  it('a collinear ring is refused with 422 naming the ring, also as one part of a MultiPolygon', async () => {
    const line = [[X, Y], [X + 0.003, Y + 0.001], [X + 0.009, Y + 0.003], [X, Y]];
    const one = await analyse(poly(line));
    expect(one.res.status).toBe(422);
    expect(one.body.detail).toContain('Ring 0');
    const multi = await analyse({ type: 'MultiPolygon', coordinates: [[A], [line]] });
    expect(multi.res.status).toBe(422);
    expect(multi.body.problems[0].code).toBe('degenerate-ring');
    expect(multi.body.detail).toContain('part 1');
  });
});

describe('limits are checked first and stated', () => {
  it('more parts than the limit: 413 with the limit and the count', async () => {
    const parts = Array.from({ length: 10_001 }, (_, i) => [square(X + (i % 100) * 1e-4, Y + Math.floor(i / 100) * 1e-4, 5e-5)]);
    const { res, body } = await analyse({ type: 'MultiPolygon', coordinates: parts });
    expect(res.status).toBe(413);
    expect(body.limit_parts).toBe(10_000);
    expect(body.parts).toBe(10_001);
  });

  it('more vertices than the limit: 413 with the limit and the count', async () => {
    const n = 100_001;
    const ring = Array.from({ length: n - 1 }, (_, i) => [X + 0.005 * Math.cos((2 * Math.PI * i) / (n - 1)), Y + 0.005 * Math.sin((2 * Math.PI * i) / (n - 1))]);
    ring.push(ring[0]);
    const { res, body } = await analyse(poly(ring));
    expect(res.status).toBe(413);
    expect(body.limit_vertices).toBe(100_000);
    expect(body.vertices).toBe(n);
  });
});
