/** The one error the E-utilities client throws. */

export type EutilsErrorKind =
  | 'rate_limited'
  | 'server'
  | 'timeout'
  | 'network'
  | 'malformed'
  | 'eutils_error'
  | 'bad_request'
  /** The history server does not know the WebEnv / query_key (expired, or E-utilities restarted): search again. */
  | 'history_expired';
export type EutilsEndpoint = 'esearch' | 'efetch';

/** One failed attempt: what went wrong, whether trying again can help, and how long NCBI asked us to wait. */
export interface AttemptFailure {
  kind: EutilsErrorKind;
  /** One line a staff member understands, e.g. "HTTP 503 Service Unavailable". */
  reason: string;
  retryable: boolean;
  status?: number;
  retryAfterMs?: number;
}

export class EutilsError extends Error {
  readonly kind: EutilsErrorKind;
  readonly endpoint: EutilsEndpoint;
  /** Requests made before giving up (0 when refused before sending). */
  readonly attempts: number;
  readonly status: number | undefined;
  readonly reason: string;

  constructor(endpoint: EutilsEndpoint, attempts: number, failure: AttemptFailure) {
    const tries = attempts === 0 ? 'was not sent' : `failed after ${attempts} attempt${attempts === 1 ? '' : 's'}`;
    super(`PubMed ${endpoint} ${tries}: ${failure.reason}`);
    this.name = 'EutilsError';
    this.kind = failure.kind;
    this.endpoint = endpoint;
    this.attempts = attempts;
    this.status = failure.status;
    this.reason = failure.reason;
  }
}
