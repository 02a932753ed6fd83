/**
 * NCBI allows 3 requests/s per IP without an API key and 10/s with one, counted over any second.
 * Spacing every request by slightly more than 1/rate means no window of one second (sliding, not
 * wall-clock aligned) ever holds more than `perSecond` requests, even when many callers share it.
 * The spacing is measured from when the previous caller was actually let through, not from a slot
 * reserved in advance: timers that fire late (a GC pause, a busy CPU) must not release a burst.
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
  // 20% + 5 ms headroom: 405 ms apart at 3/s, 125 ms at 10/s. NCBI counts requests as they arrive,
  // and arrivals bunch when the network or the receiving end is slow for a moment: with 5% (355 ms)
  // one arrival 65 ms late put 4 requests in one second on a loaded test machine. At 3/s four
  // requests now span 1.2 s, so an arrival may be 215 ms late; a large first run takes ~14% longer.
  const interval = (1000 / perSecond) * 1.2 + 5;
  let lastRelease = -Infinity;
  let queue: Promise<void> = Promise.resolve();
  return {
    perSecond,
    acquire() {
      // Callers queue in order; each waits until `interval` has passed since the previous release.
      // Whole milliseconds: a clock that truncates a fractional timer (fake timers) must not spin.
      const turn = queue.then(async () => {
        for (let wait = lastRelease + interval - clock(); wait > 0; wait = lastRelease + interval - clock()) await sleep(Math.ceil(wait));
        lastRelease = clock();
      });
      queue = turn;
      return turn;
    },
  };
}

/** NCBI's own allowance: 3 requests/s without an API key, 10 with one. */
export const ncbiRequestsPerSecond = (apiKey?: string) => (apiKey ? 10 : 3);

const shared = new Map<string, RateLimiter>();

/**
 * The process-wide limiter for requests without a key (3/s) or with a given key (10/s), or at an
 * explicit rate (a local mirror or the loopback fixture server; see EutilsClientOptions.requestsPerSecond).
 */
export function sharedRateLimiter(apiKey?: string, perSecond = ncbiRequestsPerSecond(apiKey)): RateLimiter {
  const id = `${apiKey ? `key:${apiKey}` : 'anonymous'}@${perSecond}`;
  let limiter = shared.get(id);
  if (!limiter) shared.set(id, (limiter = createRateLimiter({ perSecond })));
  return limiter;
}
