/**
 * @evidence/ingest: the ingestion engine that `pnpm ingest` and `pnpm retag` drive. It takes its
 * configuration as parameters (it reads no environment), prints nothing (progress goes to an
 * IngestProgress listener) and returns summaries; exit codes and output belong to the commands.
 */
export { ingestTopics, type IngestTopicsOptions } from './ingest-topics.ts';
export type { RunClientOptions } from './run-client.ts';
export type { SearchWindow, WindowMode } from './search-window.ts';
export { importFiles, type FileSummary, type ImportOptions, type ImportSummary } from './import-files.ts';
export { importInThread, type ImportThreadOptions } from './import-thread.ts';
export { retagStudies, type RetagOptions } from './retag-studies.ts';
export { createRunLog, type RunLog, type RunStart } from './run-log.ts';
export { openForRun, RunLockedError } from './run-lock.ts';
export { silentProgress, type IngestProgress, type TopicSummary } from './progress.ts';
