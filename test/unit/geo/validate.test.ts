import { describe, expect, it } from 'vitest';
import { validateParcelGeometry } from '../../../layers/geo/validate.ts';

const square = [[120, 30], [120.01, 30], [120.01, 30.01], [120, 30.01], [120, 30]];
const poly = (...rings: number[][][]) => ({ type: 'Polygon', coordinates: rings });
const codes = (r: ReturnType<typeof validateParcelGeometry>) => r.problems.map((p) => p.code);

describe('validateParcelGeometry', () => {
  it('accepts a valid Polygon, Feature, FeatureCollection and MultiPolygon (touching parts allowed)', () => {
    expect(validateParcelGeometry(poly(square))).toEqual({ ok: true, problems: [] });
    expect(validateParcelGeometry({ type: 'Feature', properties: {}, geometry: poly(square) }).ok).toBe(true);
    const other = square.map(([x, y]) => [x + 0.01, y]); // shares the edge x = 120.01
    const fc = { type: 'FeatureCollection', features: [{ type: 'Feature', properties: null, geometry: { type: 'MultiPolygon', coordinates: [[square], [other]] } }] };
    expect(validateParcelGeometry(fc)).toEqual({ ok: true, problems: [] });
    // a hole touching the shell at one vertex is OGC-valid
    const hole = [[120, 30], [120.005, 30.002], [120.002, 30.005], [120, 30]];
    expect(validateParcelGeometry(poly(square, hole)).ok).toBe(true);
  });

  it('rejects other types and non-GeoJSON with both languages', () => {
    const r = validateParcelGeometry({ type: 'LineString', coordinates: [[0, 0], [1, 1]] });
    expect(codes(r)).toEqual(['unsupported-type']);
    expect(r.problems[0].message_en).toContain('LineString');
    expect(r.problems[0].message_zh).toContain('Polygon');
    expect(codes(validateParcelGeometry(42))).toEqual(['not-geojson']);
    expect(codes(validateParcelGeometry({ type: 'Feature', geometry: null }))).toEqual(['empty']);
  });

  it('reports an unclosed ring with the last position', () => {
    const r = validateParcelGeometry(poly(square.slice(0, 4)));
    expect(codes(r)).toEqual(['ring-not-closed']);
    expect(r.problems[0].location).toEqual([120, 30.01]);
    expect(r.problems[0].path).toMatchObject({ ring: 0, vertex: 3 });
  });

  it('reports too few positions and non-finite numbers', () => {
    expect(codes(validateParcelGeometry(poly([[120, 30], [121, 30], [120, 30]])))).toEqual(['too-few-positions']);
    const bad = square.map((p) => [...p]);
    bad[2][1] = NaN;
    const r = validateParcelGeometry(poly(bad));
    expect(codes(r)).toEqual(['non-finite']);
    expect(r.problems[0].path).toMatchObject({ ring: 0, vertex: 2 });
  });

  it('detects projected coordinates and names Gauss–Krüger (EPSG:4549-like) metres', () => {
    // 120.2°E 30.6°N in EPSG:4549 is about (519 180, 3 386 660)
    const gk = [[519180, 3386660], [520180, 3386660], [520180, 3387660], [519180, 3386660]];
    const r = validateParcelGeometry(poly(gk));
    expect(codes(r)).toEqual(['projected-coordinates']);
    expect(r.problems[0].message_en).toContain('Gauss–Krüger');
    expect(r.problems[0].message_zh).toContain('高斯');
    // Web Mercator for Hangzhou ≈ (13 380 000, 3 535 000)
    const wm = [[13380000, 3535000], [13381000, 3535000], [13381000, 3536000], [13380000, 3535000]];
    expect(validateParcelGeometry(poly(wm)).problems[0].message_en).toContain('EPSG:3857');
  });

  it('detects swapped lat/lon (Zhejiang as [lat, lon])', () => {
    const swapped = square.map(([x, y]) => [y, x]);
    const r = validateParcelGeometry(poly(swapped));
    expect(codes(r)).toEqual(['lat-lon-swapped']);
    expect(r.problems[0].location).toEqual([120, 30]);
  });

  it('reports out-of-range degrees that are neither projected nor swapped', () => {
    expect(codes(validateParcelGeometry(poly([[170, 30], [185, 30], [185, 31], [170, 30]])))).toEqual(['out-of-range']);
  });

  it('locates a bow-tie self-intersection at the crossing point', () => {
    // (0,0) → (2,2) → (2,0) → (0,2) → (0,0): edges 0 and 2 cross at (1, 1)
    const bowtie = [[120, 30], [120.002, 30.002], [120.002, 30], [120, 30.002], [120, 30]];
    const r = validateParcelGeometry(poly(bowtie));
    expect(codes(r)).toEqual(['self-intersection']);
    const [x, y] = r.problems[0].location!;
    expect(x).toBeCloseTo(120.001, 9);
    expect(y).toBeCloseTo(30.001, 9);
    expect(r.problems[0].message_zh).toContain('自相交');
  });

  it('reports a ring that touches itself at a vertex and a spike', () => {
    // figure-eight through (120.001, 30.001) twice
    const eight = [[120, 30], [120.001, 30.001], [120.002, 30], [120.002, 30.002], [120.001, 30.001], [120, 30.002], [120, 30]];
    expect(codes(validateParcelGeometry(poly(eight)))).toContain('self-intersection');
    const spike = [[120, 30], [120.01, 30], [120.02, 30], [120.015, 30], [120.01, 30.01], [120, 30]];
    expect(codes(validateParcelGeometry(poly(spike)))).toContain('self-intersection');
  });

  it('reports a hole crossing the shell, a hole outside it, and overlapping parts', () => {
    const crossing = [[120.005, 30.005], [120.02, 30.005], [120.02, 30.006], [120.005, 30.005]];
    expect(codes(validateParcelGeometry(poly(square, crossing)))).toEqual(['ring-crossing']);
    const outside = [[121, 31], [121.001, 31], [121.001, 31.001], [121, 31]];
    expect(codes(validateParcelGeometry(poly(square, outside)))).toEqual(['hole-outside-shell']);
    const shifted = square.map(([x, y]) => [x + 0.005, y + 0.005]);
    const r = validateParcelGeometry({ type: 'MultiPolygon', coordinates: [[square], [shifted]] });
    expect(codes(r)).toEqual(['overlapping-parts']);
    const inner = [[120.002, 30.002], [120.003, 30.002], [120.003, 30.003], [120.002, 30.002]];
    expect(codes(validateParcelGeometry({ type: 'MultiPolygon', coordinates: [[square], [inner]] }))).toEqual(['overlapping-parts']);
  });

  it('reports a zero-area ring', () => {
    const line = [[120, 30], [120.01, 30], [120.02, 30], [120, 30]];
    expect(codes(validateParcelGeometry(poly(line)))).toEqual(['degenerate-ring']);
  });

  it('indexes problems by feature in a FeatureCollection', () => {
    const fc = {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: {}, geometry: poly(square) },
        { type: 'Feature', properties: {}, geometry: poly(square.slice(0, 4)) },
      ],
    };
    const r = validateParcelGeometry(fc);
    expect(r.ok).toBe(false);
    expect(r.problems.map((p) => p.path.feature)).toEqual([1]);
  });
});
