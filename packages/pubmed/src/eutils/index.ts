/** The NCBI E-utilities client: esearch/efetch with rate limiting, retries and date slicing. No parsing, no database. */
export {
  createEutilsClient,
  DEFAULT_EUTILS_BASE_URL,
  MAX_REQUESTS_PER_SECOND,
  type EutilsClient,
  type EutilsClientOptions,
} from './client.ts';
export { EutilsError, type EutilsErrorKind, type EutilsEndpoint } from './errors.ts';
export { createRateLimiter, ncbiRequestsPerSecond, sharedRateLimiter, type RateLimiter, type RateLimiterOptions } from './rate-limiter.ts';
export type { EutilsEvent } from './transport.ts';
export type { SearchParams, SearchResult } from './esearch.ts';
export { PUBMED_RETRIEVAL_CAP, type SearchSlice, type SliceParams } from './slices.ts';
export { MAX_RESEARCHES, POST_ABOVE_IDS, validatePmids, type FetchBatch } from './efetch.ts';
