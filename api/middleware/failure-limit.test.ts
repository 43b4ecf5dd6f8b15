import { describe, expect, it } from 'vitest';
import { failureLimit } from './failure-limit.ts';

describe('failureLimit', () => {
  it('blocks a key after `limit` failures until its window ends, per key', () => {
    const f = failureLimit(3, 60_000);
    for (let i = 0; i < 2; i++) f.fail('a', 1000 + i);
    expect(f.blockedFor('a', 1002)).toBe(0);
    f.fail('a', 1002);
    expect(f.blockedFor('a', 1003)).toBe(60);
    expect(f.blockedFor('a', 31_000)).toBe(30);
    expect(f.blockedFor('b', 1003)).toBe(0);
    expect(f.blockedFor('a', 61_000)).toBe(0);
  });

  it('keeps at most maxKeys windows', () => {
    const f = failureLimit(1, 60_000, 2);
    f.fail('a', 0); f.fail('b', 0); f.fail('c', 0);
    expect(f.blockedFor('a', 1)).toBe(0);
    expect(f.blockedFor('c', 1)).toBe(60);
  });
});
