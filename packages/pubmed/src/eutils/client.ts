/** createEutilsClient: the PubMed E-utilities client the ingester uses. It never reads process.env. */
import { esearch, type SearchParams, type SearchResult } from './esearch.ts';
import { fetchBatches, fetchByIds, type FetchBatch } from './efetch.ts';
import { defaultSleep, sharedRateLimiter, type RateLimiter } from './rate-limiter.ts';
import { searchSlices, type SearchSlice, type SliceParams } from './slices.ts';
import type { EutilsEvent, TransportConfig } from './transport.ts';

export const DEFAULT_EUTILS_BASE_URL = 'https://eutils.ncbi.nlm.nih.gov/entrez/eutils/';

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
  /** Default: the process-wide limiter for this key (10/s) or for keyless use (3/s). */
  limiter?: RateLimiter;
  clock?: () => number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  onEvent?: (event: EutilsEvent) => void;
}

export interface EutilsClient {
  search(params: SearchParams): Promise<SearchResult>;
  searchSlices(params: SliceParams): AsyncGenerator<SearchSlice>;
  fetchBatches(slice: Pick<SearchSlice, 'count' | 'webEnv' | 'queryKey'>): AsyncGenerator<FetchBatch>;
  fetchByIds(ids: readonly (string | number)[]): AsyncGenerator<FetchBatch>;
}

export function createEutilsClient(options: EutilsClientOptions = {}): EutilsClient {
  const identity: Record<string, string> = { tool: options.tool ?? 'evidence-tracker' };
  if (options.email) identity.email = options.email;
  if (options.apiKey) identity.api_key = options.apiKey;
  const baseUrl = options.baseUrl ?? DEFAULT_EUTILS_BASE_URL;
  const config: TransportConfig = {
    baseUrl: baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`,
    identity,
    timeoutMs: options.timeoutMs ?? 60_000,
    maxRetries: options.maxRetries ?? 4,
    retryBaseMs: options.retryBaseMs ?? 1000,
    retryMaxMs: options.retryMaxMs ?? 30_000,
    limiter: options.limiter ?? sharedRateLimiter(options.apiKey),
    clock: options.clock ?? Date.now,
    sleep: options.sleep ?? defaultSleep,
    random: options.random ?? Math.random,
    onEvent: options.onEvent ?? (() => {}),
  };
  const batchSize = options.batchSize ?? 500;
  if (!(Number.isInteger(batchSize) && batchSize > 0 && batchSize <= 10_000)) throw new RangeError(`batchSize must be 1..10000, got ${batchSize}`);

  return {
    search: (params) => esearch(config, params),
    searchSlices: (params) => searchSlices(config, params),
    fetchBatches: (slice) => fetchBatches(config, batchSize, slice),
    fetchByIds: (ids) => fetchByIds(config, batchSize, ids),
  };
}
