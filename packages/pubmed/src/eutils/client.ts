/** createEutilsClient: the PubMed E-utilities client the ingester uses. It never reads process.env. */
import { esearch, type SearchParams, type SearchResult } from './esearch.ts';
import { fetchBatches, fetchByIds, type FetchBatch, type FetchBatchesOptions, type HistorySlice } from './efetch.ts';
import { defaultSleep, ncbiRequestsPerSecond, sharedRateLimiter, type RateLimiter } from './rate-limiter.ts';
import { searchSlices, type SearchSlice, type SliceParams } from './slices.ts';
import type { EutilsEvent, TransportConfig } from './transport.ts';

export const DEFAULT_EUTILS_BASE_URL = 'https://eutils.ncbi.nlm.nih.gov/entrez/eutils/';
/** Upper bound for requestsPerSecond: beyond it spacing (< 1 ms) means nothing. */
export const MAX_REQUESTS_PER_SECOND = 1000;

/** requestsPerSecond, checked: a positive number up to the cap, and within NCBI's allowance when the host is NCBI's. */
function checkedRate(perSecond: number | undefined, baseUrl: string, apiKey: string | undefined): number | undefined {
  if (perSecond === undefined) return undefined;
  if (!(Number.isFinite(perSecond) && perSecond > 0 && perSecond <= MAX_REQUESTS_PER_SECOND)) {
    throw new RangeError(`requestsPerSecond must be a number above 0 and at most ${MAX_REQUESTS_PER_SECOND}, got ${perSecond}`);
  }
  const allowed = ncbiRequestsPerSecond(apiKey);
  if (/(^|\.)ncbi\.nlm\.nih\.gov$/i.test(new URL(baseUrl).hostname) && perSecond > allowed) {
    throw new RangeError(
      `requestsPerSecond ${perSecond} is above NCBI's limit of ${allowed} requests/s ${apiKey ? 'with' : 'without'} an API key; a higher rate is only for a local mirror or test server`,
    );
  }
  return perSecond;
}

export interface EutilsClientOptions {
  /** Default NCBI's; tests and the offline demo point it at the fixture server. */
  baseUrl?: string;
  /** Sent with every request, as NCBI asks. */
  tool?: string;
  email?: string;
  /** Raises the limit from 3 to 10 requests/s. */
  apiKey?: string;
  /** Records per efetch; default 500. */
  batchSize?: number;
  /** Per attempt, including reading the body; default 60 s. */
  timeoutMs?: number;
  /** Retries after the first attempt; default 4 (5 attempts). */
  maxRetries?: number;
  /** First backoff step; default 1 s, doubling, capped at retryMaxMs (default 30 s). */
  retryBaseMs?: number;
  retryMaxMs?: number;
  /**
   * The rate for the default (process-wide) limiter. Default NCBI's allowance: 3/s, 10/s with
   * apiKey, and never more against NCBI's own host. Only a server that allows more (a local mirror,
   * the loopback fixture server in tests) may be given more; at most MAX_REQUESTS_PER_SECOND.
   */
  requestsPerSecond?: number;
  /** Default: the process-wide limiter for this key and requestsPerSecond. */
  limiter?: RateLimiter;
  clock?: () => number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  onEvent?: (event: EutilsEvent) => void;
}

export interface EutilsClient {
  search(params: SearchParams): Promise<SearchResult>;
  searchSlices(params: SliceParams): AsyncGenerator<SearchSlice>;
  /** Pages through a search's history; given its term and window (a SearchSlice), searches again when the WebEnv is forgotten. */
  fetchBatches(slice: HistorySlice, options?: FetchBatchesOptions): AsyncGenerator<FetchBatch>;
  fetchByIds(ids: readonly (string | number)[]): AsyncGenerator<FetchBatch>;
}

export function createEutilsClient(options: EutilsClientOptions = {}): EutilsClient {
  const identity: Record<string, string> = { tool: options.tool ?? 'evidence-tracker' };
  if (options.email) identity.email = options.email;
  if (options.apiKey) identity.api_key = options.apiKey;
  const baseUrl = options.baseUrl ?? DEFAULT_EUTILS_BASE_URL;
  const perSecond = checkedRate(options.requestsPerSecond, baseUrl, options.apiKey);
  const config: TransportConfig = {
    baseUrl: baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`,
    identity,
    timeoutMs: options.timeoutMs ?? 60_000,
    maxRetries: options.maxRetries ?? 4,
    retryBaseMs: options.retryBaseMs ?? 1000,
    retryMaxMs: options.retryMaxMs ?? 30_000,
    limiter: options.limiter ?? sharedRateLimiter(options.apiKey, perSecond),
    clock: options.clock ?? Date.now,
    sleep: options.sleep ?? defaultSleep,
    random: options.random ?? Math.random,
    onEvent: options.onEvent ?? (() => {}),
  };
  const batchSize = options.batchSize ?? 500;
  if (!(Number.isInteger(batchSize) && batchSize > 0 && batchSize <= 10_000))
    throw new RangeError(`batchSize must be 1..10000, got ${batchSize}`);

  return {
    search: (params) => esearch(config, params),
    searchSlices: (params) => searchSlices(config, params),
    fetchBatches: (slice, fetchOptions) => fetchBatches(config, batchSize, slice, fetchOptions),
    fetchByIds: (ids) => fetchByIds(config, batchSize, ids),
  };
}
