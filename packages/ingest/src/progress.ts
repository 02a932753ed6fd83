import type { SearchWindow } from './search-window.ts';
import type { TopicSummary } from './ingest-topics.ts';

/**
 * What the engine tells whoever watches a run, as it happens. The engine prints nothing itself: the
 * command line renders these (bars on a terminal, log lines under cron), tests collect them.
 * For an import, "topic" is the file's name.
 */
export interface IngestProgress {
  topicStarted(topic: string, window: SearchWindow): void;
  found(topic: string, found: number): void;
  stored(topic: string, progress: { fetched: number; found: number }): void;
  topicFinished(summary: TopicSummary): void;
  line(message: string): void;
  /** A request being retried (the run summary counts them too). */
  retry(message: string): void;
}

/** Listens to nothing: for callers that only want the summaries. */
export const silentProgress: IngestProgress = { topicStarted() {}, found() {}, stored() {}, topicFinished() {}, line() {}, retry() {} };
