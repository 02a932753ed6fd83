import type { FailureKind } from '@evidence/eutils-fixtures';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { EutilsError, type EutilsErrorKind } from './errors.ts';
import { createRateLimiter } from './rate-limiter.ts';
import { FAKED, onFakeTime, QUERIES, startHarness, type Harness } from './test-support.ts';

let h: Harness;
/**
 * The stall cases time out after 400 ms (the server stalls for 2 s). The harness's default timeout is
 * generous so a loaded machine does not turn an ordinary answer into a retry; here every client gets
 * the short one, since that is what these tests exercise.
 */
const FAILURE_TIMEOUT = { timeoutMs: 400 };
afterEach(async () => {
  vi.useRealTimers();
  await h?.server.close();
  h = undefined as never;
});

const retryable: [FailureKind, EutilsErrorKind][] = [
  ['rate_limit', 'rate_limited'],
  ['http_500', 'server'],
  ['http_502', 'server'],
  ['http_503', 'server'],
  ['stall', 'timeout'],
  ['stall_headers', 'timeout'],
  ['truncated', 'network'],
  ['reset', 'network'],
  ['backend_error', 'eutils_error'],
  ['html_200', 'server'],
  ['empty_200', 'malformed'],
  ['prolog_only', 'malformed'],
];

async function drain<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}

describe('transient failures are retried', () => {
  it.each(retryable)('esearch %s: retried, then succeeds', async (failure, kind) => {
    h = await startHarness();
    h.server.setFailures({ kind: failure, endpoint: 'esearch', stallMs: 2000 });
    const result = await h.client(FAILURE_TIMEOUT).search({ term: QUERIES.eft! });
    expect(result.count).toBeGreaterThan(0);
    expect(h.server.requests).toHaveLength(2);
    expect(h.events.filter((e) => e.type === 'retry')).toMatchObject([{ endpoint: 'esearch', attempt: 1, kind }]);
  });

  it.each(['truncated', 'stall_headers', 'http_502', 'html_200'] as FailureKind[])(
    'efetch %s: retried, then the whole batch arrives',
    async (failure) => {
      h = await startHarness();
      const client = h.client(FAILURE_TIMEOUT);
      const slice = await client.search({ term: QUERIES.emdr! });
      h.server.setFailures({ kind: failure, endpoint: 'efetch', stallMs: 2000 });
      const [batch] = await drain(client.fetchBatches(slice));
      expect(batch!.body.match(/<PubmedArticle>/g)).toHaveLength(slice.count);
      expect(h.server.requests.map((r) => r.failure ?? 'ok')).toEqual(['ok', failure, 'ok']);
    },
  );
});

describe('giving up', () => {
  it('throws one EutilsError after maxRetries with a message staff understand', async () => {
    h = await startHarness();
    h.server.setFailures({ kind: 'http_503', times: Infinity });
    const error = await h
      .client({ ...FAILURE_TIMEOUT, maxRetries: 4 })
      .search({ term: QUERIES.eft! })
      .catch((e) => e);
    expect(error).toBeInstanceOf(EutilsError);
    expect(error).toMatchObject({ kind: 'server', endpoint: 'esearch', attempts: 5, status: 503 });
    expect(error.message).toBe('PubMed esearch failed after 5 attempts: HTTP 503 Service Unavailable');
    expect(h.server.requests).toHaveLength(5);
  });

  it.each([
    ['stall', 'timeout', /no response within 400 ms/],
    ['truncated', 'network', /body cut off/],
    ['rate_limit', 'rate_limited', /HTTP 429/],
    ['empty_200', 'malformed', /empty response body/],
    ['backend_error', 'eutils_error', /Search Backend failed/],
    ['html_200', 'server', /HTML page/],
  ] as [FailureKind, EutilsErrorKind, RegExp][])('%s every time → kind %s', async (failure, kind, message) => {
    h = await startHarness();
    h.server.setFailures({ kind: failure, times: Infinity, stallMs: 2000 });
    const error = await h
      .client({ ...FAILURE_TIMEOUT, maxRetries: 2 })
      .search({ term: QUERIES.eft! })
      .catch((e) => e);
    expect(error).toMatchObject({ name: 'EutilsError', kind, attempts: 3 });
    expect(error.message).toMatch(/^PubMed esearch failed after 3 attempts: /);
    expect(error.message).toMatch(message);
  });

  it.each([
    ['http_400', 400],
    ['http_414', 414],
  ] as [FailureKind, number][])('%s is not retried', async (failure, status) => {
    h = await startHarness();
    h.server.setFailures({ kind: failure, times: Infinity });
    const error = await h
      .client(FAILURE_TIMEOUT)
      .search({ term: QUERIES.eft! })
      .catch((e) => e);
    expect(error).toMatchObject({ kind: 'bad_request', attempts: 1, status });
    expect(h.server.requests).toHaveLength(1);
  });

  it('"Position … out of acceptable range" is permanent', async () => {
    h = await startHarness();
    h.server.setFailures({
      kind: 'backend_error',
      message: 'Search Backend failed: Exception:\nPosition 15000 is out of acceptable range [9999,9998]',
      times: Infinity,
    });
    const error = await h
      .client(FAILURE_TIMEOUT)
      .search({ term: QUERIES.eft! })
      .catch((e) => e);
    expect(error).toMatchObject({ kind: 'eutils_error', attempts: 1 });
    expect(error.message).toContain('Position 15000 is out of acceptable range');
  });
});

describe('Retry-After', () => {
  it('waits at least the seconds NCBI asks for (on the fake clock the server stamps requests with)', async () => {
    vi.useFakeTimers({ toFake: [...FAKED] });
    h = await startHarness();
    h.server.setFailures({ kind: 'rate_limit', retryAfter: 1 });
    await onFakeTime(h, () => h.client({ timeoutMs: 30_000 }).search({ term: QUERIES.eft! }));
    const [first, second] = h.server.requests;
    expect(second!.time - first!.time).toBeGreaterThanOrEqual(1000);
    expect(h.events.find((e) => e.type === 'retry')).toMatchObject({ kind: 'rate_limited', delayMs: 1000 });
  });

  it('understands an HTTP-date', async () => {
    h = await startHarness();
    const now = 1_700_000_000_000;
    const slept: number[] = [];
    h.server.setFailures({ kind: 'rate_limit', retryAfter: new Date(now + 7000).toUTCString() });
    await h
      .client({
        clock: () => now,
        sleep: async (ms) => {
          slept.push(ms);
        },
        limiter: createRateLimiter({ perSecond: 1000 }),
      })
      .search({ term: QUERIES.eft! });
    expect(slept).toEqual([7000]);
  });

  it('backs off exponentially with full jitter', async () => {
    h = await startHarness();
    const slept: number[] = [];
    h.server.setFailures({ kind: 'http_500', times: 4 });
    await h
      .client({
        retryBaseMs: 100,
        retryMaxMs: 10_000,
        random: () => 0.5,
        sleep: async (ms) => {
          slept.push(ms);
        },
      })
      .search({ term: QUERIES.eft! });
    expect(slept).toEqual([50, 100, 200, 400]);
  });
});
