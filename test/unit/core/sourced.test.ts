import { describe, it, expect } from 'vitest';
import { unverifiedKeys } from '../../../layers/core/sourced.ts';

describe('parameter tables', () => {
  it('unverifiedKeys lists the flagged rows in table order', () => {
    const table = {
      b: { source: 'guide', unverified: true },
      a: { source: 'paper', unverified: false },
      c: { source: 'tantu estimate', unverified: true },
    };
    expect(unverifiedKeys(table)).toEqual(['b', 'c']);
    expect(unverifiedKeys({})).toEqual([]);
  });
});
