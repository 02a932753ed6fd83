import { maxRequestsInAnyWindow } from '@evidence/eutils-fixtures';
import { afterEach, describe, expect, it } from 'vitest';
import { createRateLimiter, sharedRateLimiter } from './rate-limiter.ts';
import { QUERIES, startHarness, type Harness } from './test-support.ts';

let h: Harness;
afterEach(() => h?.server.close());

describe('rate limit', () => {
  it('the shared limiters allow 3/s without a key and 10/s with one, one per key per process', () => {
    expect(sharedRateLimiter().perSecond).toBe(3);
    expect(sharedRateLimiter('k').perSecond).toBe(10);
    expect(sharedRateLimiter('k')).toBe(sharedRateLimiter('k'));
  });

  it('never exceeds 3 requests in any second across concurrent clients, retries included', async () => {
    h = await startHarness({ enforceRateLimit: 3 });
    const limiter = createRateLimiter({ perSecond: 3 });
    h.server.setFailures([{ kind: 'http_503', times: 2 }, { kind: 'backend_error', endpoint: 'esearch' }]);
    // A generous timeout: only the planned failures may cause retries, not a slow machine.
    const clients = [1, 2, 3].map(() => h.client({ limiter, retryBaseMs: 1, timeoutMs: 30_000 }));
    const topics = ['tvns', 'emdr', 'eft'] as const;
    await Promise.all(clients.flatMap((client, i) => [client.search({ term: QUERIES[topics[i]!]! }), client.search({ term: QUERIES.long_covid! })]));
    expect(h.server.requests).toHaveLength(9); // 6 searches + 3 retries
    expect(maxRequestsInAnyWindow(h.server.requests)).toBeLessThanOrEqual(3);
    expect(h.server.requests.filter((r) => r.status === 429)).toHaveLength(0);
  });

  it('allows 10 per second with an API key (the process-wide limiter), never more', async () => {
    h = await startHarness({ enforceRateLimit: 10 });
    const client = h.client({ apiKey: 'fixture-key', limiter: undefined, timeoutMs: 30_000 });
    const ids = Array.from({ length: 24 }, (_, i) => 90000001 + i);
    await Promise.all(ids.map(async (id) => { for await (const _ of client.fetchByIds([id])) { /* drain */ } }));
    expect(h.server.requests).toHaveLength(24);
    expect(maxRequestsInAnyWindow(h.server.requests)).toBeLessThanOrEqual(10);
    expect(maxRequestsInAnyWindow(h.server.requests)).toBeGreaterThanOrEqual(8); // and actually uses the allowance
    expect(h.server.requests.every((r) => r.params.api_key === 'fixture-key' && r.status === 200)).toBe(true);
  });
});
