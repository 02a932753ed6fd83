/**
 * NCBI allows 3 requests/s per IP without an API key and 10/s with one, counted over any second.
 * Spacing every request by slightly more than 1/rate means no window of one second (sliding, not
 * wall-clock aligned) ever holds more than `perSecond` requests, even when many callers share it.
 */

export interface RateLimiter {
  readonly perSecond: number;
  /** Resolves when the caller may send one request. */
  acquire(): Promise<void>;
}

export interface RateLimiterOptions {
  perSecond: number;
  clock?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function createRateLimiter(options: RateLimiterOptions): RateLimiter {
  const { perSecond, clock = Date.now, sleep = defaultSleep } = options;
  if (!(perSecond > 0)) throw new RangeError('perSecond must be positive');
  // 5% + 5 ms headroom absorbs timer and network jitter: 355 ms apart at 3/s, 110 ms at 10/s.
  const interval = (1000 / perSecond) * 1.05 + 5;
  let nextSlot = 0;
  return {
    perSecond,
    async acquire() {
      const now = clock();
      const slot = Math.max(now, nextSlot);
      nextSlot = slot + interval; // reserved synchronously, so concurrent callers queue in order
      if (slot > now) await sleep(slot - now);
    },
  };
}

const shared = new Map<string, RateLimiter>();

/** The process-wide limiter for requests without a key (3/s) or with a given key (10/s). */
export function sharedRateLimiter(apiKey?: string): RateLimiter {
  const id = apiKey ? `key:${apiKey}` : 'anonymous';
  let limiter = shared.get(id);
  if (!limiter) shared.set(id, (limiter = createRateLimiter({ perSecond: apiKey ? 10 : 3 })));
  return limiter;
}
