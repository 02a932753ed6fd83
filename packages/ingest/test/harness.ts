/** Shared set-up for the engine's integration tests: a real SQLite file and the fixture E-utilities server. */
import { createRateLimiter } from '@evidence/pubmed';
import { loadTopicsFile, type OpenedDatabase } from '@evidence/schema';
import { createTestDatabase } from '@evidence/schema/testing';
import { ingestTopics, type TopicSummary } from '../src/index.ts';
import type { WindowMode } from '../src/search-window.ts';

const TOPICS = loadTopicsFile();
export type TestDatabase = ReturnType<typeof createTestDatabase>;
export { createTestDatabase };
export { runRows, stored } from '../src/stored.ts';

export interface InProcessRun {
  summaries: TopicSummary[];
}

/**
 * The ingestion as the CLI wires it (same engine entry, same client settings) but in this process,
 * with a fast limiter: for the failure-mode tests, where a child process per case would only add time.
 */
export async function ingestInProcess(
  opened: OpenedDatabase,
  baseUrl: string,
  options: {
    topics?: string[];
    mode?: WindowMode;
    batchSize?: number;
    clock?: () => Date;
    maxRetries?: number;
    timeoutMs?: number;
  } = {},
): Promise<InProcessRun> {
  const topics = options.topics ? TOPICS.filter((t) => options.topics!.includes(t.id)) : TOPICS;
  const summaries = await ingestTopics({
    opened,
    topics,
    mode: options.mode ?? { kind: 'incremental' },
    overlapDays: 3,
    batchSize: options.batchSize ?? 500,
    dryRun: false,
    eutils: {
      baseUrl,
      tool: 'evidence-tests',
      limiter: createRateLimiter({ perSecond: 1000 }),
      retryBaseMs: 5,
      retryMaxMs: 20,
      timeoutMs: options.timeoutMs ?? 500,
      maxRetries: options.maxRetries ?? 3,
    },
    clock: options.clock ?? (() => new Date()),
  });
  return { summaries };
}
