import type { SearchWindow } from './search-window.ts';

/**
 * What the engine tells whoever watches a run, as it happens. The engine prints nothing itself: the
 * command line renders these (bars on a terminal, log lines under cron), tests collect them.
 * For an import, "topic" is the file's name.
 */
export interface IngestProgress {
  topicStarted(topic: string, window: SearchWindow): void;
  /** An import starts reading a file (its progress then comes as `stored` under the file's name). */
  fileStarted(file: string): void;
  found(topic: string, found: number): void;
  stored(topic: string, progress: { fetched: number; found: number }): void;
  topicFinished(summary: TopicSummary): void;
  line(message: string): void;
  /** A request being retried (the run summary counts them too). */
  retry(message: string): void;
}

/** Listens to nothing: for callers that only want the summaries. */
export const silentProgress: IngestProgress = {
  topicStarted() {},
  fileStarted() {},
  found() {},
  stored() {},
  topicFinished() {},
  line() {},
  retry() {},
};

/** What one topic's search run did, as the command prints it (and `--json` emits it). */
export interface TopicSummary {
  topic: string;
  runId: number | null;
  status: 'succeeded' | 'failed' | 'interrupted' | 'dry_run';
  window: { datetype: string; from: string; to: string };
  found: number;
  new: number;
  updated: number;
  unchanged: number;
  failed: number;
  deleted: number;
  requests: number;
  retries: number;
  error: string | null;
  /** The topic failed (or was skipped) because PubMed could not be reached at all: the command says so once. */
  pubmedUnreachable: boolean;
  notes: string[];
}
