/**
 * A fixed-window counter of failures per key (client address): after `limit` failures within
 * `windowMs` the key is blocked until the window ends. Used to stop guessing the admin token.
 * Hand-written rather than hono-rate-limiter (not in the offline package set): it counts failed
 * attempts only, which a request-rate limiter does not, and it is 30 lines.
 */
export interface FailureLimit {
  /** Seconds until `key` may try again, or 0 when it may now. */
  blockedFor(key: string, now?: number): number;
  /** Counts one failure of `key`. */
  fail(key: string, now?: number): void;
}

export function failureLimit(limit: number, windowMs = 60_000, maxKeys = 10_000): FailureLimit {
  const windows = new Map<string, { start: number; failures: number }>();
  const current = (key: string, now: number) => {
    const w = windows.get(key);
    if (w && now - w.start < windowMs) return w;
    windows.delete(key);
    return undefined;
  };
  return {
    blockedFor(key, now = Date.now()) {
      const w = current(key, now);
      return w && w.failures >= limit ? Math.ceil((w.start + windowMs - now) / 1000) : 0;
    },
    fail(key, now = Date.now()) {
      const w = current(key, now);
      if (w) { w.failures++; return; }
      if (windows.size >= maxKeys) {
        for (const [k, v] of windows) if (now - v.start >= windowMs) windows.delete(k);
        if (windows.size >= maxKeys) windows.delete(windows.keys().next().value!);
      }
      windows.set(key, { start: now, failures: 1 });
    },
  };
}
