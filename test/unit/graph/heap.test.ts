import { describe, expect, it } from 'vitest';
import { MinHeap } from '../../../layers/graph/heap.ts';
import { mulberry32 } from '../../../layers/core/random.ts';

describe('MinHeap', () => {
  it('pops ids in key order', () => {
    const h = new MinHeap(2); // grows past its initial capacity
    const keys = [5, 3, 8, 1, 9, 2, 7];
    keys.forEach((k, id) => h.push(id, k));
    expect(h.size).toBe(7);
    expect(h.peekKey()).toBe(1);
    expect(h.peekId()).toBe(3);
    const out: number[] = [];
    while (h.size) out.push(keys[h.pop()]);
    expect(out).toEqual([1, 2, 3, 5, 7, 8, 9]);
    expect(h.peekKey()).toBe(Infinity);
    expect(h.peekId()).toBe(-1);
    expect(() => h.pop()).toThrow(RangeError);
  });

  it('keeps duplicate ids (lazy deletion) and float64 keys exactly', () => {
    const h = new MinHeap();
    h.push(4, 0.1 + 0.2); // 0.30000000000000004
    h.push(2, 0.3);
    h.push(4, 0.25);
    expect([h.peekKey(), h.pop()]).toEqual([0.25, 4]);
    expect([h.peekKey(), h.pop()]).toEqual([0.3, 2]);
    expect([h.peekKey(), h.pop()]).toEqual([0.30000000000000004, 4]);
    expect(h.size).toBe(0);
  });

  it('breaks ties by heap position, the same way every time', () => {
    // pushes: a(1) b(1) c(0) d(1); c rises to the root; pop gives c, then the last pair (d) moves to
    // the root and stays (its children a, b are not < 1): d comes out before a and b.
    const h = new MinHeap();
    for (const [id, k] of [[0, 1], [1, 1], [2, 0], [3, 1]]) h.push(id, k);
    expect([h.pop(), h.pop(), h.pop(), h.pop()]).toEqual([2, 3, 0, 1]);
  });

  it('sorts 10 000 random keys (heapsort property)', () => {
    const rand = mulberry32(3);
    const h = new MinHeap();
    const keys: number[] = [];
    for (let i = 0; i < 10_000; i++) { keys.push(Math.floor(rand() * 100) / 7); h.push(i, keys[i]); }
    const outKeys: number[] = [];
    const outIds: number[] = [];
    while (h.size) { outKeys.push(h.peekKey()); outIds.push(h.pop()); }
    expect(outKeys).toEqual([...keys].sort((a, b) => a - b));
    expect(outIds.map((id) => keys[id])).toEqual(outKeys);
    expect(new Set(outIds).size).toBe(10_000);
  });
});
