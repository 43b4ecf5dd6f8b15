import { describe, expect, it } from 'vitest';
import { boxMean } from '../../../layers/raster/focal.ts';

describe('boxMean', () => {
  const v = [1, 2, 3, 4, 5, 6, 7, 8, 9]; // 3 × 3
  it('averages the 3 × 3 box, over the part inside the raster at edges', () => {
    // centre: all nine = 5; corner (0,0): 1 2 4 5 → 3; edge (0,1): 1 2 3 4 5 6 → 3.5; (2,2): 5 6 8 9 → 7
    expect([...boxMean(3, 3, v, 1)]).toEqual([3, 3.5, 4, 4.5, 5, 5.5, 6, 6.5, 7]);
  });
  it('is the identity for k = 0 and the global mean for a box larger than the raster', () => {
    expect([...boxMean(3, 3, v, 0)]).toEqual(v);
    expect([...boxMean(3, 3, v, 5)]).toEqual(new Array(9).fill(5));
  });
  it('handles non-square rasters', () => {
    // 4 × 1: (1+2)/2, (1+2+3)/3, (2+3+4)/3, (3+4)/2
    expect([...boxMean(4, 1, [1, 2, 3, 4], 1)]).toEqual([1.5, 2, 3, 3.5]);
  });
});
