/** Shared set-up for the client tests: a fixture server and a client tuned for speed. */
import { vi } from 'vitest';
import { readTopicQueries, startFixtureServer, type FixtureServer, type FixtureServerOptions } from '@evidence/eutils-fixtures';
import { createEutilsClient, type EutilsClientOptions } from './client.ts';
import { createRateLimiter } from './rate-limiter.ts';
import type { EutilsEvent } from './transport.ts';

export const QUERIES = readTopicQueries();

export interface Harness {
  server: FixtureServer;
  events: EutilsEvent[];
  client(options?: EutilsClientOptions): ReturnType<typeof createEutilsClient>;
}

/** Fast by default: a generous limiter and millisecond backoff; override per test. */
export async function startHarness(serverOptions: FixtureServerOptions = {}): Promise<Harness> {
  const server = await startFixtureServer(serverOptions);
  const events: EutilsEvent[] = [];
  return {
    server,
    events,
    client: (options = {}) =>
      createEutilsClient({
        baseUrl: server.url,
        tool: 'evidence-tests',
        email: 'tests@example.org',
        limiter: createRateLimiter({ perSecond: 1000 }),
        retryBaseMs: 5,
        retryMaxMs: 20,
        // Generous: on a loaded 2-core runner an ordinary loopback answer can take longer than a
        // short timeout, which would add a retry that tests do not expect. Timeout tests set their own.
        timeoutMs: 10_000,
        onEvent: (event) => events.push(event),
        ...options,
      }),
  };
}

/**
 * Runs `work` on vitest's fake clock (Date, setTimeout) while its requests travel over real loopback
 * sockets: the limiter's and the backoff's sleeps are fake timers, which this advances one at a
 * time, but only once every request sent so far has reached the server. So each request is stamped
 * (server.requests[].time, Date.now) at the fake instant it was let through, and spacing measured
 * on the fake clock is the spacing the limiter produced; no test waits on the wall clock for it.
 * Per-attempt timeouts (AbortSignal.timeout) stay real; keep them generous here.
 * Call vi.useFakeTimers({ toFake: FAKED }) before starting the server and creating limiters.
 */
export const FAKED = ['Date', 'setTimeout', 'clearTimeout'] as const;

export async function onFakeTime<T>(h: Harness, work: () => Promise<T>): Promise<T> {
  let settled = false;
  const result = work().finally(() => {
    settled = true;
  });
  const sent = () => h.events.filter((e) => e.type === 'request').length;
  const realTick = () => new Promise<void>((resolve) => setImmediate(resolve));
  while (!settled) {
    await realTick();
    if (!settled && h.server.requests.length >= sent() && vi.getTimerCount() > 0) await vi.advanceTimersToNextTimerAsync();
  }
  return result;
}
