/**
 * Failure plans: tests queue the ways the next requests should go wrong. A rule applies to the
 * first request that matches its endpoint (and request number, when given), `times` times.
 */

export type FailureKind =
  | 'rate_limit' // HTTP 429, NCBI's JSON body, optional Retry-After
  | 'http_500' // HTML "Error 500 Diagnostic" page
  | 'http_502'
  | 'http_503'
  | 'http_400'
  | 'http_414'
  | 'stall' // accepts the connection, sends nothing
  | 'stall_headers' // sends 200 headers, then nothing
  | 'truncated' // starts the real answer, cuts it mid-way and ends the connection
  | 'reset' // destroys the connection without answering
  | 'backend_error' // 200 + <eSearchResult><ERROR>Search Backend failed: …</ERROR>
  | 'html_200' // 200 + an HTML maintenance page
  | 'empty_200' // 200 + empty body
  | 'prolog_only' // 200 + an XML prolog and nothing else
  | 'omit_records' // 200 + the normal efetch answer without `pmids` (all of them: an empty set), as for unavailable PMIDs
  | 'restart'; // drops the connection and restarts the server on its port: every WebEnv handed out so far is forgotten

export type Endpoint = 'esearch' | 'efetch';

export interface FailureRule {
  kind: FailureKind;
  /** Only requests to this endpoint; default any. */
  endpoint?: Endpoint;
  /** Only the Nth request the server receives (1-based, counting all endpoints). */
  requestNumber?: number;
  /** How many matching requests fail; default 1, Infinity for always. */
  times?: number;
  /** Retry-After header for rate_limit: seconds or an HTTP-date. */
  retryAfter?: number | string;
  /** How long stall / stall_headers hold the connection before dropping it; default 10 s. */
  stallMs?: number;
  /** For omit_records: the PMIDs left out of the answer; default every one (an empty <PubmedArticleSet>). */
  pmids?: number[];
  /** Replaces the default message of backend_error. */
  message?: string;
}

export interface FailurePlan {
  set(rules: FailureRule | FailureRule[]): void;
  /** The rule the request fails by, if any (consumes one of its `times`). */
  take(endpoint: Endpoint, requestNumber: number): FailureRule | undefined;
}

export function createFailurePlan(): FailurePlan {
  let queue: { rule: FailureRule; left: number }[] = [];
  return {
    set(rules) {
      queue = (Array.isArray(rules) ? rules : [rules]).map((rule) => ({ rule, left: rule.times ?? 1 }));
    },
    take(endpoint, requestNumber) {
      const index = queue.findIndex(
        ({ rule }) =>
          (!rule.endpoint || rule.endpoint === endpoint) && (rule.requestNumber === undefined || rule.requestNumber === requestNumber),
      );
      if (index < 0) return undefined;
      const item = queue[index]!;
      if (--item.left <= 0) queue.splice(index, 1);
      return item.rule;
    },
  };
}
