// Request loops over fetch for the modes autocannon does not fit (a stop condition other than time,
// several kinds of URL, every sample kept): each loop is bounded by a request count and a deadline.

export interface Sample {
  kind: string;
  ms: number;
  /** HTTP status, or 0 when the request failed without one (socket error, reset, timeout). */
  status: number;
  error?: string;
}

export interface LoopOptions {
  baseUrl: string;
  clients: number;
  /** The n-th request's kind and path (n counts across all clients). */
  next: (n: number) => { kind: string; path: string };
  /** Stops issuing requests once this returns true; in-flight requests still finish. */
  stop: () => boolean;
  maxRequests: number;
  deadline: number;
  timeoutMs?: number;
  headers?: Record<string, string>;
}

/** One request, timed to the last byte of its body. */
export async function timedGet(url: string, kind: string, timeoutMs = 30_000, headers: Record<string, string> = {}): Promise<Sample> {
  const started = performance.now();
  try {
    const res = await fetch(url, { headers, signal: AbortSignal.timeout(timeoutMs) });
    await res.arrayBuffer();
    return { kind, ms: performance.now() - started, status: res.status };
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    return { kind, ms: performance.now() - started, status: 0, error: cause ?? (error as Error).name };
  }
}

/** Runs `clients` loops until stop(), the deadline or maxRequests in all; returns every sample. */
export async function runClients(options: LoopOptions): Promise<Sample[]> {
  const samples: Sample[] = [];
  let n = 0;
  const loop = async () => {
    while (!options.stop() && performance.now() < options.deadline && n < options.maxRequests) {
      const { kind, path } = options.next(n++);
      samples.push(await timedGet(`${options.baseUrl}${path}`, kind, options.timeoutMs, options.headers));
    }
  };
  await Promise.all(Array.from({ length: options.clients }, loop));
  return samples;
}

export interface Summary {
  count: number;
  p50: number;
  p99: number;
  max: number;
  /** Status counts (0 = no response), and socket error codes. */
  statuses: Map<number, number>;
  errors: Map<string, number>;
}

export function summarise(samples: readonly Sample[]): Summary {
  const sorted = samples.map((s) => s.ms).sort((a, b) => a - b);
  const at = (q: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]! : Number.NaN);
  const statuses = new Map<number, number>();
  const errors = new Map<string, number>();
  for (const s of samples) {
    statuses.set(s.status, (statuses.get(s.status) ?? 0) + 1);
    if (s.error) errors.set(s.error, (errors.get(s.error) ?? 0) + 1);
  }
  return { count: samples.length, p50: at(0.5), p99: at(0.99), max: sorted.at(-1) ?? Number.NaN, statuses, errors };
}

/** Requests that failed: no response, or a status other than 2xx and 304. */
export const failures = (samples: readonly Sample[]) => samples.filter((s) => s.status === 0 || (s.status >= 300 && s.status !== 304));

export const statusText = (summary: Summary) =>
  [...summary.statuses]
    .sort(([a], [b]) => a - b)
    .map(([status, count]) => `${status === 0 ? 'no response' : status}×${count}`)
    .join(' ') + (summary.errors.size ? ` (${[...summary.errors].map(([e, c]) => `${e}×${c}`).join(' ')})` : '');
