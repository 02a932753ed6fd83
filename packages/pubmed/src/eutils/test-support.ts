/** Shared set-up for the client tests: a fixture server and a client tuned for speed. */
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

/** Fast by default: a generous limiter, millisecond backoff and a short timeout; override per test. */
export async function startHarness(serverOptions: FixtureServerOptions = {}): Promise<Harness> {
  const server = await startFixtureServer(serverOptions);
  const events: EutilsEvent[] = [];
  return {
    server,
    events,
    client: (options = {}) => createEutilsClient({
      baseUrl: server.url, tool: 'evidence-tests', email: 'tests@example.org',
      limiter: createRateLimiter({ perSecond: 1000 }), retryBaseMs: 5, retryMaxMs: 20, timeoutMs: 400,
      onEvent: (event) => events.push(event),
      ...options,
    }),
  };
}
