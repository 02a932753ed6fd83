import { hc } from 'hono/client';
import type { AppType } from './app.ts';

/** A typed client for the API: `createApiClient(url).api.studies.$get({ query })`. */
export function createApiClient(baseUrl: string, init?: { fetch?: typeof fetch; headers?: Record<string, string> }) {
  return hc<AppType>(baseUrl, init);
}

export type ApiClient = ReturnType<typeof createApiClient>;
export type { AppType };
