// Stall mode: does one expensive search hold up everyone else? `/api/health` is asked sequentially
// (a bounded number of times) while a few clients repeat an expensive search, once with the
// 36-prefix query of issue #12 (which the full-text cost rule now refuses with a 400 at once) and
// once with a query the rule accepts that still matches most rows.
import { runClients, type Summary, summarise, timedGet } from './client-loop.ts';

/** One-character prefixes a* … 9*: the query that stalled the API for 13–36 s before ADR 0009. */
const PREFIXES_36 = [...'abcdefghijklmnopqrstuvwxyz0123456789'].map((c) => `${c}*`).join(' OR ');
/** Eight three-letter prefixes (the most the rule allows) of words in nearly every generated abstract. */
const PREFIXES_8 = ['pat', 'par', 'int', 'sig', 'tri', 'ran', 'pla', 'eff'].map((p) => `${p}*`).join(' OR ');

export const STALL_QUERIES = [
  { name: '36 one-char prefixes', q: PREFIXES_36 },
  { name: '8 three-letter prefixes', q: PREFIXES_8 },
] as const;

export interface StallResult {
  name: string;
  health: Summary;
  load: Summary;
}

export async function measureStall(
  baseUrl: string,
  options: { clients: number; probes: number; gapMs: number; maxSeconds: number },
): Promise<StallResult[]> {
  const results: StallResult[] = [];
  const probe = async () => {
    const samples = [];
    const deadline = performance.now() + options.maxSeconds * 1000;
    for (let i = 0; i < options.probes && performance.now() < deadline; i++) {
      samples.push(await timedGet(`${baseUrl}/api/health`, 'health', 30_000));
      await new Promise((resolve) => setTimeout(resolve, options.gapMs));
    }
    return samples;
  };
  results.push({ name: 'idle', health: summarise(await probe()), load: summarise([]) });
  for (const { name, q } of STALL_QUERIES) {
    let done = false;
    // A parameter the API ignores makes each search a cache miss; the work is the same each time.
    const loading = runClients({
      baseUrl,
      clients: options.clients,
      next: (n) => ({ kind: 'search', path: `/api/studies?q=${encodeURIComponent(q)}&_stall=${Date.now()}-${n}` }),
      stop: () => done,
      maxRequests: 10_000,
      deadline: performance.now() + options.maxSeconds * 1000,
    });
    await new Promise((resolve) => setTimeout(resolve, 300)); // let the searches start first
    const health = await probe();
    done = true;
    const load = await loading;
    await fetch(`${baseUrl}/api/health`); // the server has caught up before the next run
    results.push({ name, health: summarise(health), load: summarise(load) });
  }
  return results;
}
