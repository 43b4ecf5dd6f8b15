import { describe, expect, it } from 'vitest';
import {
  orient2d, pointInRing, pointOnRingBoundary, pointStrictlyInRing, ringSignedArea, segmentIntersection,
} from '../../../layers/geo/planar.ts';

const square: number[][] = [[0, 0], [2, 0], [2, 2], [0, 2], [0, 0]]; // counter-clockwise, area 4
const openSquare = square.slice(0, -1);
// a U opening north: the notch is x ∈ (1, 2), y ∈ (1, 3)
const u: number[][] = [[0, 0], [3, 0], [3, 3], [2, 3], [2, 1], [1, 1], [1, 3], [0, 3], [0, 0]];

describe('orient2d', () => {
  it('is twice the signed triangle area: + left of a→b, − right, 0 collinear', () => {
    expect(orient2d(0, 0, 1, 0, 0, 1)).toBe(1);
    expect(orient2d(0, 0, 1, 0, 0, -1)).toBe(-1);
    expect(orient2d(0, 0, 4, 0, 0, 3)).toBe(12);
    expect(orient2d(0, 0, 1, 1, 2, 2)).toBe(0);
  });
});

describe('ringSignedArea (shoelace)', () => {
  it('is + for counter-clockwise, − for clockwise rings', () => {
    expect(ringSignedArea(square)).toBe(4);
    expect(ringSignedArea([...square].reverse())).toBe(-4);
  });
  it('closes open rings', () => {
    expect(ringSignedArea(openSquare)).toBe(4);
    expect(ringSignedArea([[0, 0], [4, 0], [0, 3]])).toBe(6);
  });
  it('handles concave rings (U = 3×3 − 1×2 notch = 7) and degenerate ones', () => {
    expect(ringSignedArea(u)).toBe(7);
    expect(ringSignedArea([[0, 0], [1, 1], [2, 2], [0, 0]])).toBe(0);
    expect(ringSignedArea([[0, 0], [1, 1]])).toBe(0);
  });
  it('keeps the sign with large offsets (projected metres)', () => {
    const r = square.map(([x, y]) => [x * 30 + 40_000_000, y * 30 + 3_400_000]);
    expect(ringSignedArea(r)).toBe(3600);
  });
});

describe('pointInRing / pointOnRingBoundary', () => {
  it('tells inside from outside, closed or open', () => {
    expect(pointInRing(1, 1, square)).toBe(true);
    expect(pointInRing(1, 1, openSquare)).toBe(true);
    expect(pointInRing(3, 1, square)).toBe(false);
    expect(pointInRing(-1, 1, openSquare)).toBe(false);
    expect(pointInRing(1, 3, square)).toBe(false);
  });
  it('handles a concave ring: the notch is outside, the arms inside', () => {
    expect(pointInRing(1.5, 2, u)).toBe(false);
    expect(pointInRing(0.5, 2, u)).toBe(true);
    expect(pointInRing(2.5, 2, u)).toBe(true);
    expect(pointInRing(1.5, 0.5, u)).toBe(true);
  });
  it('finds points on edges and vertices exactly, including the implied closing edge', () => {
    expect(pointOnRingBoundary(0, 1, square)).toBe(true);
    expect(pointOnRingBoundary(0, 1, openSquare)).toBe(true); // closing edge (0,2)→(0,0)
    expect(pointOnRingBoundary(2, 2, square)).toBe(true);
    expect(pointOnRingBoundary(1, 0, square)).toBe(true);
    expect(pointOnRingBoundary(3, 0, square)).toBe(false); // on the bottom edge's line, beyond it
    expect(pointOnRingBoundary(1, 1, square)).toBe(false);
    expect(pointOnRingBoundary(1.5, 1, u)).toBe(true);
  });
  it('strictly inside excludes the boundary', () => {
    expect(pointStrictlyInRing(1, 1, square)).toBe(true);
    expect(pointStrictlyInRing(0, 1, square)).toBe(false);
    expect(pointStrictlyInRing(2, 2, square)).toBe(false);
    expect(pointStrictlyInRing(5, 5, square)).toBe(false);
  });
});

describe('segmentIntersection', () => {
  const seg = (x1: number, y1: number, x2: number, y2: number) => ({ x1, y1, x2, y2 });
  it('finds a proper crossing and its point', () => {
    expect(segmentIntersection(seg(0, 0, 2, 2), seg(0, 2, 2, 0))).toEqual({ kind: 'cross', x: 1, y: 1 });
    expect(segmentIntersection(seg(0, 0, 4, 0), seg(1, -1, 1, 3))).toEqual({ kind: 'cross', x: 1, y: 0 });
  });
  it('calls a T-junction and a shared endpoint a touch', () => {
    expect(segmentIntersection(seg(0, 0, 2, 0), seg(1, 0, 1, 1))).toEqual({ kind: 'touch', x: 1, y: 0 });
    expect(segmentIntersection(seg(1, 0, 1, 1), seg(0, 0, 2, 0))).toEqual({ kind: 'touch', x: 1, y: 0 });
    expect(segmentIntersection(seg(0, 0, 1, 0), seg(1, 0, 1, 1))).toEqual({ kind: 'touch', x: 1, y: 0 });
    expect(segmentIntersection(seg(0, 0, 1, 0), seg(1, 0, 2, 0))).toEqual({ kind: 'touch', x: 1, y: 0 });
  });
  it('calls a collinear common stretch an overlap (on x, or on y for vertical segments)', () => {
    expect(segmentIntersection(seg(0, 0, 2, 0), seg(1, 0, 3, 0))).toEqual({ kind: 'overlap', x: 1, y: 0 });
    expect(segmentIntersection(seg(0, 0, 0, 2), seg(0, 3, 0, 1))).toEqual({ kind: 'overlap', x: 0, y: 1 });
  });
  it('returns undefined for disjoint, parallel and collinear-apart segments', () => {
    expect(segmentIntersection(seg(0, 0, 1, 0), seg(2, -1, 2, 1))).toBeUndefined();
    expect(segmentIntersection(seg(0, 0, 1, 0), seg(0, 1, 1, 1))).toBeUndefined();
    expect(segmentIntersection(seg(0, 0, 1, 0), seg(2, 0, 3, 0))).toBeUndefined();
  });
});
