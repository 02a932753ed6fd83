// The import thread (see import-thread.ts): takes the run lock, opens (and migrates) the database
// and imports; the parse workers are started from here.
import { loadTopicsFile } from '@evidence/schema';
import { parentPort, workerData } from 'node:worker_threads';
import { importFiles, type ImportSummary } from './import-files.ts';
import { IMPORT_CACHE_KB, type ImportThreadMessage, type ImportThreadOptions } from './import-thread.ts';
import { createReporter } from './reporter.ts';
import { openForRun } from './run-lock.ts';

const options = workerData as Omit<ImportThreadOptions, 'signal'>;
const abort = new AbortController();
parentPort!.on('message', (message) => { if (message === 'abort') abort.abort(); });

async function run(): Promise<ImportSummary> {
  const topics = loadTopicsFile(options.topicsFile);
  const run = openForRun(options.databaseUrl, options.dryRun, { cacheSizeKb: IMPORT_CACHE_KB });
  const reporter = createReporter({ tty: options.tty, quiet: options.quiet });
  try {
    return await importFiles({ opened: run.opened, files: options.files, topics, dryRun: options.dryRun, reporter, signal: abort.signal });
  } finally {
    reporter.stop();
    run.close();
  }
}

let result: ImportThreadMessage;
try {
  result = { type: 'done', summary: await run() };
} catch (error) {
  result = { type: 'failed', message: (error as Error).message };
}
parentPort!.postMessage(result);
parentPort!.close();
