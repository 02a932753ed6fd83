import { maxRequestsInAnyWindow } from '@evidence/eutils-fixtures';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createEutilsClient, MAX_REQUESTS_PER_SECOND } from './client.ts';
import { createRateLimiter, sharedRateLimiter } from './rate-limiter.ts';
import { FAKED, onFakeTime, QUERIES, startHarness, type Harness } from './test-support.ts';

let h: Harness;
afterEach(async () => {
  vi.useRealTimers();
  await h?.server.close();
  h = undefined as never;
});

describe('rate limit', () => {
  it('the shared limiters allow 3/s without a key and 10/s with one, one per key per process', () => {
    expect(sharedRateLimiter().perSecond).toBe(3);
    expect(sharedRateLimiter('k').perSecond).toBe(10);
    expect(sharedRateLimiter('k')).toBe(sharedRateLimiter('k'));
  });

  // The two tests below run on the fake clock (see onFakeTime): the server stamps arrivals with it.
  it('never exceeds 3 requests in any second across concurrent clients, retries included', async () => {
    vi.useFakeTimers({ toFake: [...FAKED] });
    h = await startHarness({ enforceRateLimit: 3 });
    const limiter = createRateLimiter({ perSecond: 3 });
    h.server.setFailures([
      { kind: 'http_503', times: 2 },
      { kind: 'backend_error', endpoint: 'esearch' },
    ]);
    // A generous timeout: only the planned failures may cause retries, not a slow machine.
    const clients = [1, 2, 3].map(() => h.client({ limiter, retryBaseMs: 1, timeoutMs: 30_000 }));
    const topics = ['tvns', 'emdr', 'eft'] as const;
    await onFakeTime(h, () =>
      Promise.all(
        clients.flatMap((client, i) => [client.search({ term: QUERIES[topics[i]!]! }), client.search({ term: QUERIES.long_covid! })]),
      ),
    );
    expect(h.server.requests).toHaveLength(9); // 6 searches + 3 retries
    expect(maxRequestsInAnyWindow(h.server.requests)).toBeLessThanOrEqual(3);
    expect(h.server.requests.filter((r) => r.status === 429)).toHaveLength(0);
  });

  it('allows 10 per second with an API key (the process-wide limiter), never more', async () => {
    vi.useFakeTimers({ toFake: [...FAKED] });
    h = await startHarness({ enforceRateLimit: 10 });
    const client = h.client({ apiKey: 'fixture-key', limiter: undefined, timeoutMs: 30_000 });
    const ids = Array.from({ length: 24 }, (_, i) => 90000001 + i);
    await onFakeTime(h, () =>
      Promise.all(
        ids.map(async (id) => {
          for await (const _ of client.fetchByIds([id])) {
            /* drain */
          }
        }),
      ),
    );
    expect(h.server.requests).toHaveLength(24);
    expect(maxRequestsInAnyWindow(h.server.requests)).toBeLessThanOrEqual(10);
    expect(maxRequestsInAnyWindow(h.server.requests)).toBeGreaterThanOrEqual(8); // and actually uses the allowance
    expect(h.server.requests.every((r) => r.params.api_key === 'fixture-key' && r.status === 200)).toBe(true);
  });

  it("takes an explicit rate for a mirror or test server, validated, and never above NCBI's own limit against NCBI", () => {
    expect(sharedRateLimiter(undefined, 50).perSecond).toBe(50);
    expect(sharedRateLimiter(undefined, 50)).toBe(sharedRateLimiter(undefined, 50));
    expect(sharedRateLimiter(undefined, 50)).not.toBe(sharedRateLimiter());
    expect(() => createEutilsClient({ baseUrl: 'http://127.0.0.1:8789/', requestsPerSecond: 200 })).not.toThrow();
    expect(() => createEutilsClient({ requestsPerSecond: 3 })).not.toThrow();
    expect(() => createEutilsClient({ apiKey: 'k', requestsPerSecond: 10 })).not.toThrow();
    expect(() => createEutilsClient({ requestsPerSecond: 4 })).toThrow(/above NCBI's limit of 3 requests\/s without an API key/);
    expect(() =>
      createEutilsClient({ apiKey: 'k', baseUrl: 'https://eutils.ncbi.nlm.nih.gov/entrez/eutils/', requestsPerSecond: 11 }),
    ).toThrow(/limit of 10 requests\/s with an API key/);
    for (const bad of [0, -1, Number.NaN, Number.POSITIVE_INFINITY, MAX_REQUESTS_PER_SECOND + 1]) {
      expect(() => createEutilsClient({ baseUrl: 'http://127.0.0.1:8789/', requestsPerSecond: bad })).toThrow(RangeError);
    }
  });

  it('an explicit rate is honoured: the process-wide limiter at 20/s spaces requests ≥ 1/20 s apart', async () => {
    vi.useFakeTimers({ toFake: [...FAKED] });
    h = await startHarness({ enforceRateLimit: 20 });
    const client = h.client({ limiter: undefined, requestsPerSecond: 20, timeoutMs: 30_000 });
    await onFakeTime(h, () =>
      Promise.all(
        [1, 2, 3, 4, 5, 6].map(async (i) => {
          for await (const _ of client.fetchByIds([90000000 + i])) {
            /* drain */
          }
        }),
      ),
    );
    const times = h.server.requests.map((r) => r.time);
    expect(times).toHaveLength(6);
    for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(50);
    expect(times.at(-1)! - times[0]!).toBeLessThan(1000); // faster than NCBI's 3/s would allow
  });
});
