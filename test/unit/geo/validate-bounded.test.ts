import { describe, expect, it } from 'vitest';
import { GeometryLimitError, ValidationBudgetError, validateParcelGeometry } from '../../../layers/geo/validate.ts';
import { ModelInputError } from '../../../layers/core/errors.ts';

const sq = (x: number, y: number, s: number) => [[x, y], [x + s, y], [x + s, y + s], [x, y + s], [x, y]];
/** n squares of side `side` on a 100-wide grid of pitch 0.002° (side > pitch: each overlaps its neighbours). */
const grid = (n: number, side: number) => ({
  type: 'MultiPolygon',
  coordinates: Array.from({ length: n }, (_, i) => [sq(120 + (i % 100) * 0.002, 30 + Math.floor(i / 100) * 0.002, side)]),
});
/** A ring whose east side zig-zags between 120.005 and 120.01 over n vertices (all segment boxes span x, not y). */
function zigzag(n: number) {
  const r: number[][] = [];
  for (let i = 0; i < n; i++) r.push([120 + (i % 2 ? 0.01 : 0.005), 30 + i * 1e-6]);
  r.push([120, 30 + (n - 1) * 1e-6], [120, 30], r[0]);
  return { type: 'Polygon', coordinates: [r] };
}
function circle(n: number) {
  const r: number[][] = [];
  for (let i = 0; i < n; i++) r.push([120 + 0.05 * Math.cos((2 * Math.PI * i) / n), 30 + 0.05 * Math.sin((2 * Math.PI * i) / n)]);
  r.push(r[0]);
  return { type: 'Polygon', coordinates: [r] };
}
function timed<T>(label: string, f: () => T): T {
  const t0 = performance.now();
  const out = f();
  console.log(`${label}: ${(performance.now() - t0).toFixed(0)} ms`);
  return out;
}
const codes = (r: ReturnType<typeof validateParcelGeometry>) => r.problems.map((p) => p.code);

describe('validateParcelGeometry on pathological inputs at their real sizes (issue 8)', () => {
  it('a 10,000-part MultiPolygon of separate squares is valid', () => {
    expect(timed('10,000 separate squares', () => validateParcelGeometry(grid(10_000, 0.001)))).toEqual({ ok: true, problems: [] });
  });

  it('10,000 overlapping parts: overlaps reported, capped at maxIntersections', () => {
    const r = timed('10,000 overlapping squares', () => validateParcelGeometry(grid(10_000, 0.003)));
    expect(r.ok).toBe(false);
    expect(new Set(codes(r))).toEqual(new Set(['overlapping-parts']));
    expect(r.problems).toHaveLength(20);
  });

  it('a 60,000-vertex zig-zag ring is valid', () => {
    expect(timed('60k zig-zag ring', () => validateParcelGeometry(zigzag(60_000)))).toEqual({ ok: true, problems: [] });
  });

  it('a 99,000-vertex circle is valid', () => {
    expect(timed('99k circle', () => validateParcelGeometry(circle(99_000)))).toEqual({ ok: true, problems: [] });
  });

  it('finds a nested part among 10,000 by the part index', () => {
    const g = grid(9_999, 0.001);
    g.coordinates.push([sq(120.0002, 30.0002, 0.0005)]); // inside part 0, crossing nothing
    const r = timed('10,000 parts, one nested', () => validateParcelGeometry(g));
    expect(codes(r)).toEqual(['overlapping-parts']);
    expect(r.problems[0].message_en).toContain('Parts 0 and 9999');
  });
});

describe('limits come first, and the CPU budget holds', () => {
  it('refuses more parts than max_parts, with the limit and the count', () => {
    const e = (() => { try { validateParcelGeometry(grid(10_001, 0.001)); } catch (err) { return err; } })();
    expect(e).toBeInstanceOf(GeometryLimitError);
    expect(e).toBeInstanceOf(ModelInputError);
    expect((e as GeometryLimitError).extensions).toEqual({ limit_parts: 10_000, parts: 10_001 });
    expect((e as GeometryLimitError).detail).toContain('10001');
  });

  it('refuses more vertices than max_vertices before checking anything else', () => {
    const bad = circle(100);
    (bad.coordinates[0][3] as unknown[]) = ['x', 'y']; // would be a bad-position, but the count is checked first
    expect(() => validateParcelGeometry(bad, { max_vertices: 50 })).toThrow(GeometryLimitError);
    try { validateParcelGeometry(bad, { max_vertices: 50 }); } catch (e) {
      expect((e as GeometryLimitError).extensions).toEqual({ limit_vertices: 50, vertices: 101 });
    }
  });

  it('a 20k-vertex star whose edges all cross (~10⁸ crossings) stops at its budget', () => {
    const n = 20_001;
    const r: number[][] = [];
    for (let i = 0; i < n; i++) r.push([120 + 0.01 * Math.cos(i * 2 * Math.PI * 0.4999), 30 + 0.01 * Math.sin(i * 2 * Math.PI * 0.4999)]);
    r.push(r[0]);
    const e = timed('20k star, 200 ms budget', () => { try { validateParcelGeometry({ type: 'Polygon', coordinates: [r] }, { budget_ms: 200 }); } catch (err) { return err; } });
    expect(e).toBeInstanceOf(ValidationBudgetError);
    expect((e as ValidationBudgetError).extensions.limit_ms).toBe(200);
  });

  it('throws ValidationBudgetError once the deadline has passed', () => {
    expect(() => validateParcelGeometry(circle(99_000), { budget_ms: -1 })).toThrow(ValidationBudgetError);
  });
});

describe('degenerate rings with real-world coordinates', () => {
  it('a collinear ring of Zhejiang degrees is degenerate', () => {
    const line = [[120.1, 30.1], [120.1003, 30.1001], [120.1009, 30.1003], [120.1, 30.1]];
    expect(codes(validateParcelGeometry({ type: 'Polygon', coordinates: [line] }))).toEqual(['degenerate-ring']);
  });
  it('a ring of fewer than three distinct points is degenerate', () => {
    const two = [[120.1, 30.1], [120.2, 30.1], [120.1, 30.1], [120.1, 30.1]];
    expect(codes(validateParcelGeometry({ type: 'Polygon', coordinates: [two] }))).toEqual(['degenerate-ring']);
  });
});
