// The import thread (see import-thread.ts): takes the run lock, opens (and migrates) the database
// and imports; the parse workers are started from here. Progress goes back to the calling thread.
import { loadTopicsFile } from '@evidence/schema';
import { parentPort, workerData } from 'node:worker_threads';
import { importFiles, type ImportSummary } from './import-files.ts';
import { IMPORT_CACHE_KB, type ImportThreadData, type ImportThreadMessage, type ProgressMessage } from './import-thread.ts';
import type { IngestProgress } from './progress.ts';
import { openForRun } from './run-lock.ts';

const options = workerData as ImportThreadData;
const abort = new AbortController();
parentPort!.on('message', (message) => {
  if (message === 'abort') abort.abort();
});

const send = (message: ImportThreadMessage) => parentPort!.postMessage(message);
const forward =
  <K extends keyof IngestProgress>(event: K) =>
  (...args: Parameters<IngestProgress[K]>) =>
    send({ type: 'progress', event, args } as ProgressMessage);
const progress: IngestProgress | undefined = options.sendProgress
  ? {
      topicStarted: forward('topicStarted'),
      fileStarted: forward('fileStarted'),
      found: forward('found'),
      stored: forward('stored'),
      topicFinished: forward('topicFinished'),
      line: forward('line'),
      retry: forward('retry'),
    }
  : undefined;

async function run(): Promise<ImportSummary> {
  const topics = loadTopicsFile(options.topicsFile);
  const run = openForRun(options.databaseUrl, options.dryRun, { cacheSizeKb: IMPORT_CACHE_KB });
  try {
    return await importFiles({ opened: run.opened, files: options.files, topics, dryRun: options.dryRun, progress, signal: abort.signal });
  } finally {
    run.close();
  }
}

let result: ImportThreadMessage;
try {
  result = { type: 'done', summary: await run() };
} catch (error) {
  result = { type: 'failed', message: (error as Error).message };
}
send(result);
parentPort!.close();
