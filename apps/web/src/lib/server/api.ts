// Server-only: the dashboard's one door to the data. Load functions call the API through the
// typed client; the web app never opens SQLite itself.
import { createApiClient, type ApiClient } from '@evidence/api/client';
import { error } from '@sveltejs/kit';
import { env } from './env.ts';

const API_TIMEOUT_MS = 10_000;

export const api: ApiClient = createApiClient(env.apiUrl, {
  // Reads need EVIDENCE_READ_TOKEN when the API sets one; writes pass the editor token per call.
  ...(env.readToken ? { headers: { Authorization: `Bearer ${env.readToken}` } } : {}),
  // A hung API must end in a clear error page, not a request that never finishes.
  fetch: ((input: RequestInfo | URL, init?: RequestInit) =>
    fetch(input, { ...init, signal: init?.signal ?? AbortSignal.timeout(API_TIMEOUT_MS) })) as typeof fetch,
});

/** The JSON error shape of the API (apps/api/src/errors.ts). */
interface ApiErrorBody {
  error?: { code?: string; message?: string; parameter?: string; details?: Record<string, string | number>; requestId?: string };
}

interface JsonResponse<T> {
  ok: boolean;
  status: number;
  json(): Promise<T>;
}

/**
 * Runs one API call and turns every failure into a SvelteKit `error()` with a message a reader
 * can act on, so a page never renders blank: unreachable API → 503, API 4xx → same status with
 * the API's message, API 5xx → 502.
 */
export async function callApi<T>(call: () => Promise<JsonResponse<unknown>>): Promise<T> {
  const response = await reachApi(call);
  if (response.ok) return (await response.json()) as T;
  return throwApiError(response);
}

/** Headers for a curator's write: the editor token stays on this server. */
export const editorHeaders = (token: string) => ({ headers: { Authorization: `Bearer ${token}` } });

/** Calls the API; an unreachable API becomes a 503 error page. */
export async function reachApi<R>(call: () => Promise<R>): Promise<R> {
  try {
    return await call();
  } catch (cause) {
    console.error(JSON.stringify({ level: 'error', message: 'API unreachable', apiUrl: env.apiUrl, cause: String(cause) }));
    // The error page words this in the reader's language from the code (+error.svelte).
    error(503, 'The evidence API cannot be reached.', { code: 'api_unreachable' });
  }
}

/** Turns a failed API response into a SvelteKit error with the API's message. */
export async function throwApiError(response: JsonResponse<unknown>): Promise<never> {
  const body = (await response.json().catch(() => null)) as ApiErrorBody | null;
  if (response.status >= 400 && response.status < 500) {
    error(response.status, body?.error?.message ?? `The API rejected the request (${response.status}).`, {
      code: body?.error?.code ?? 'api_rejected',
      ...(body?.error?.parameter ? { parameter: body.error.parameter } : {}),
      ...(body?.error?.details ? { details: body.error.details } : {}),
    });
  }
  console.error(JSON.stringify({ level: 'error', message: 'API error', status: response.status, body }));
  error(502, 'The evidence API answered with an error.', {
    code: body?.error?.code ?? 'api_error',
    ...(body?.error?.requestId ? { requestId: body.error.requestId } : {}),
  });
}
