/**
 * One E-utilities call with retries: every attempt waits for the shared rate limiter, times out,
 * and is classified; transient failures are retried with exponential backoff and full jitter
 * (never sooner than Retry-After), permanent ones throw at once.
 */
import { backoffDelay, parseRetryAfter } from './backoff.ts';
import { EutilsError, type AttemptFailure, type EutilsEndpoint } from './errors.ts';
import type { RateLimiter } from './rate-limiter.ts';

export type EutilsEvent =
  | { type: 'request'; endpoint: EutilsEndpoint; method: 'GET' | 'POST'; attempt: number; params: Record<string, string> }
  | { type: 'response'; endpoint: EutilsEndpoint; attempt: number; status: number; ms: number }
  | { type: 'retry'; endpoint: EutilsEndpoint; attempt: number; kind: AttemptFailure['kind']; reason: string; delayMs: number }
  | { type: 'warning'; endpoint: EutilsEndpoint; message: string }
  /** A date window was split, or cannot be split further: worth a line in the run log. */
  | { type: 'slice'; action: 'split' | 'over_cap'; from: string; to: string; count: number; message: string }
  /** efetch found the search's WebEnv forgotten and searched again (same term and window). */
  | { type: 'research'; from: string; to: string; count: number; message: string }
  /** Progress: a date window small enough to fetch. */
  | { type: 'slice_ready'; from: string; to: string; count: number };

export interface TransportConfig {
  baseUrl: string;
  /** tool, email and api_key: sent with every request. */
  identity: Record<string, string>;
  timeoutMs: number;
  maxRetries: number;
  retryBaseMs: number;
  retryMaxMs: number;
  limiter: RateLimiter;
  clock: () => number;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
  onEvent: (event: EutilsEvent) => void;
}

export interface CallOptions {
  method?: 'GET' | 'POST';
  /** Checks a 200 body; returns why it cannot be used. */
  check: (body: string) => AttemptFailure | undefined;
}

type Attempt = { ok: true; body: string } | { ok: false; failure: AttemptFailure };

function describeFetchError(error: unknown, phase: 'connect' | 'body', timeoutMs: number): AttemptFailure {
  const err = error as Error & { cause?: { code?: string; message?: string } };
  if (err?.name === 'TimeoutError' || err?.name === 'AbortError') {
    const what = phase === 'connect' ? 'no response' : 'response not complete';
    return { kind: 'timeout', reason: `${what} within ${timeoutMs} ms`, retryable: true };
  }
  // undici hides the useful part in `cause`: "other side closed" (UND_ERR_SOCKET), "connect ECONNREFUSED …".
  const detail = err?.cause?.message ?? err?.message ?? 'unknown error';
  const code = err?.cause?.code && !detail.includes(err.cause.code) ? ` ${err.cause.code}` : '';
  if (phase === 'body')
    return { kind: 'network', reason: `connection closed mid-response, body cut off (${detail}${code})`, retryable: true };
  return { kind: 'network', reason: `connection failed (${detail}${code})`, retryable: true };
}

function describeStatus(res: Response, clock: () => number): AttemptFailure {
  const status = `HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ''}`;
  const retryAfterMs = parseRetryAfter(res.headers.get('retry-after'), clock());
  if (res.status === 429)
    return { kind: 'rate_limited', reason: `${status} (API rate limit exceeded)`, retryable: true, status: 429, retryAfterMs };
  if (res.status >= 500) return { kind: 'server', reason: status, retryable: true, status: res.status, retryAfterMs };
  return { kind: 'bad_request', reason: status, retryable: false, status: res.status };
}

function buildRequest(config: TransportConfig, endpoint: EutilsEndpoint, params: Record<string, string>, method: 'GET' | 'POST') {
  const all = new URLSearchParams({ ...params, ...config.identity });
  const url = new URL(`${endpoint}.fcgi`, config.baseUrl);
  if (method === 'GET') {
    url.search = all.toString();
    return { url, init: { method } };
  }
  return { url, init: { method, body: all } };
}

async function attemptOnce(
  config: TransportConfig,
  endpoint: EutilsEndpoint,
  params: Record<string, string>,
  options: CallOptions,
  attempt: number,
): Promise<Attempt> {
  const method = options.method ?? 'GET';
  const { url, init } = buildRequest(config, endpoint, params, method);
  config.onEvent({ type: 'request', endpoint, method, attempt, params });
  const started = config.clock();
  const signal = AbortSignal.timeout(config.timeoutMs); // covers the body too, so a stalled stream times out
  let res: Response;
  try {
    res = await fetch(url, { ...init, signal });
  } catch (error) {
    return { ok: false, failure: describeFetchError(error, 'connect', config.timeoutMs) };
  }
  let body: string;
  try {
    body = await res.text();
  } catch (error) {
    return { ok: false, failure: describeFetchError(error, 'body', config.timeoutMs) };
  }
  config.onEvent({ type: 'response', endpoint, attempt, status: res.status, ms: config.clock() - started });
  if (res.status !== 200) return { ok: false, failure: describeStatus(res, config.clock) };
  const failure = options.check(body);
  return failure ? { ok: false, failure } : { ok: true, body };
}

function retryDelay(config: TransportConfig, failure: AttemptFailure, attempt: number): number {
  const jittered = backoffDelay(attempt, config.retryBaseMs, config.retryMaxMs, config.random);
  // A 429 without Retry-After waits the full exponential step: NCBI blocks for a second or two.
  const floor =
    failure.retryAfterMs ?? (failure.kind === 'rate_limited' ? Math.min(config.retryMaxMs, config.retryBaseMs * 2 ** (attempt - 1)) : 0);
  return Math.max(jittered, floor);
}

/** Calls an endpoint until it answers usably, or throws one EutilsError. */
export async function callEutils(
  config: TransportConfig,
  endpoint: EutilsEndpoint,
  params: Record<string, string>,
  options: CallOptions,
): Promise<string> {
  const maxAttempts = config.maxRetries + 1;
  for (let attempt = 1; ; attempt++) {
    await config.limiter.acquire();
    const result = await attemptOnce(config, endpoint, params, options, attempt);
    if (result.ok) return result.body;
    const { failure } = result;
    if (!failure.retryable || attempt >= maxAttempts) throw new EutilsError(endpoint, attempt, failure);
    const delayMs = retryDelay(config, failure, attempt);
    config.onEvent({ type: 'retry', endpoint, attempt, kind: failure.kind, reason: failure.reason, delayMs });
    await config.sleep(delayMs);
  }
}
