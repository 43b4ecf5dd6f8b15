/**
 * Binary min-heap of (id, key) pairs over typed arrays: ids are int32, keys float64.
 *
 * Algorithm: the implicit binary heap (J. W. J. Williams, "Algorithm 232: Heapsort", CACM 7(6),
 * 1964; Cormen et al., Introduction to Algorithms, ch. 6): the children of slot i are 2i + 1 and
 * 2i + 2; push sifts the new pair up, pop moves the last pair to the root and sifts it down.
 * push and pop are O(log n); storage doubles when full.
 *
 * There is no decrease-key: shortest-path searches push a node again when its key improves and
 * skip stale pairs when they come out (lazy deletion).
 *
 * Ties: a pushed pair stops below a parent whose key is ≤ its own; pop sifts down to the smaller
 * child (the left one when both are equal) while that child is < the moved pair. The order among
 * equal keys is therefore not FIFO but fixed by the sequence of pushes and pops, so runs repeat
 * exactly (the demo county's road network depends on it).
 */
export class MinHeap {
  private ids: Int32Array;
  private keys: Float64Array;
  private n = 0;

  /** @param capacity initial number of slots (grows as needed) */
  constructor(capacity = 64) {
    this.ids = new Int32Array(Math.max(1, capacity));
    this.keys = new Float64Array(Math.max(1, capacity));
  }

  /** Number of pairs held. */
  get size(): number {
    return this.n;
  }

  /** Remove every pair (keeps the storage). */
  clear(): void {
    this.n = 0;
  }

  /** Add `id` with priority `key` (smaller comes out first). */
  push(id: number, key: number): void {
    if (this.n === this.ids.length) this.grow();
    const ids = this.ids, keys = this.keys;
    let i = this.n++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (keys[p] <= key) break;
      ids[i] = ids[p];
      keys[i] = keys[p];
      i = p;
    }
    ids[i] = id;
    keys[i] = key;
  }

  /** Key of the smallest pair (Infinity when empty). */
  peekKey(): number {
    return this.n ? this.keys[0] : Infinity;
  }

  /** Id of the smallest pair (-1 when empty). */
  peekId(): number {
    return this.n ? this.ids[0] : -1;
  }

  /**
   * Remove the smallest pair and return its id.
   * @throws RangeError when the heap is empty
   */
  pop(): number {
    if (this.n === 0) throw new RangeError('pop from an empty heap');
    const ids = this.ids, keys = this.keys;
    const top = ids[0];
    const n = --this.n;
    if (n) {
      const lid = ids[n], lk = keys[n];
      let i = 0;
      for (;;) {
        let c = 2 * i + 1;
        if (c >= n) break;
        if (c + 1 < n && keys[c + 1] < keys[c]) c++;
        if (keys[c] >= lk) break;
        ids[i] = ids[c];
        keys[i] = keys[c];
        i = c;
      }
      ids[i] = lid;
      keys[i] = lk;
    }
    return top;
  }

  private grow() {
    const ids = new Int32Array(this.ids.length * 2);
    const keys = new Float64Array(this.keys.length * 2);
    ids.set(this.ids);
    keys.set(this.keys);
    this.ids = ids;
    this.keys = keys;
  }
}
