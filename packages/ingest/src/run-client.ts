import { createEutilsClient, type EutilsClient, type EutilsClientOptions } from '@evidence/pubmed';
import type { IngestProgress } from './progress.ts';

/** What one topic's run counts of its client's events; the run log stores them. */
export interface ClientCounters {
  requests: number;
  retries: number;
  notes: string[];
}

export type RunClientOptions = Omit<EutilsClientOptions, 'onEvent'>;

/** The E-utilities client of one ingestion, its request/retry/slicing events counted into `counters`. */
export function createRunClient(
  options: RunClientOptions,
  counters: ClientCounters,
  progress?: Pick<IngestProgress, 'retry'>,
): EutilsClient {
  return createEutilsClient({
    ...options,
    onEvent(event) {
      if (event.type === 'request') counters.requests++;
      if (event.type === 'retry') {
        counters.retries++;
        progress?.retry(`retrying ${event.endpoint} in ${Math.round(event.delayMs)} ms: ${event.reason}`);
      }
      if (event.type === 'slice' || event.type === 'research') counters.notes.push(event.message);
    },
  });
}
