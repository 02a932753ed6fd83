import { describe, expect, it } from 'vitest';
import { createRateLimiter } from './rate-limiter.ts';

describe('createRateLimiter', () => {
  it('spaces releases from the previous actual release, so late timers never release a burst', async () => {
    let now = 0;
    const released: number[] = [];
    // Every sleep overshoots by 300 ms, as timers do on a stalled event loop.
    const limiter = createRateLimiter({
      perSecond: 3,
      clock: () => now,
      sleep: async (ms) => {
        now += ms + 300;
      },
    });
    await Promise.all(Array.from({ length: 8 }, () => limiter.acquire().then(() => released.push(now))));
    expect(released).toHaveLength(8);
    for (let i = 1; i < released.length; i++) expect(released[i]! - released[i - 1]!).toBeGreaterThanOrEqual(405); // 3/s with 20% + 5 ms headroom
    for (let i = 3; i < released.length; i++) expect(released[i]! - released[i - 3]!).toBeGreaterThan(1000);
  });

  it('lets the first caller through at once and keeps callers in arrival order', async () => {
    let now = 1_000;
    const order: number[] = [];
    const limiter = createRateLimiter({
      perSecond: 10,
      clock: () => now,
      sleep: async (ms) => {
        now += ms;
      },
    });
    await Promise.all([1, 2, 3].map((n) => limiter.acquire().then(() => order.push(n))));
    expect(order).toEqual([1, 2, 3]);
    expect(now).toBe(1_000 + 2 * 125); // 10/s with 20% + 5 ms headroom
  });
});
