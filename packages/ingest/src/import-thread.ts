/**
 * Runs `pnpm ingest import` in a worker thread with a bounded V8 heap. The main thread's heap
 * cannot be bounded from code (only by node flags, which cron lines and `node cli.ts` callers would
 * not pass), and V8 otherwise lets it grow towards a limit sized from the machine's memory: 64 MB
 * semi-spaces and hundreds of MB of dead batches (measured: 400 MB of the import's 730 MB peak).
 */
import { Worker } from 'node:worker_threads';
import type { ImportSummary } from './import-files.ts';
import type { IngestProgress } from './progress.ts';

/**
 * The live set is the batch being written plus the batches in flight (~40 MB on 13 KB records);
 * the old-generation cap leaves room for much larger records, the small young generation keeps
 * V8 from growing 64 MB semi-spaces.
 */
export const IMPORT_HEAP = { maxYoungGenerationSizeMb: 8, maxOldGenerationSizeMb: 256 };

/**
 * SQLite page cache of the import's connection, in KiB: openDatabase's 64 MB. Measured on the
 * 150 MB file: 32 MB took 40 MB off the peak RSS but cost 30% more CPU, 16 MB twice the time.
 */
export const IMPORT_CACHE_KB = 65_536;

export interface ImportThreadOptions {
  /** The database (path or file: URL); undefined means openDatabase's default. */
  databaseUrl: string | undefined;
  /** The saved topics file; undefined means the default (data/topics.json). */
  topicsFile: string | undefined;
  files: string[];
  dryRun: boolean;
  /** Receives the import's progress on the calling thread (the import thread sends it over). */
  progress?: IngestProgress;
  /** Aborting finishes the batch being written, then stops. */
  signal?: AbortSignal;
}

/** What the import thread is started with. */
export type ImportThreadData = Omit<ImportThreadOptions, 'signal' | 'progress'> & { sendProgress: boolean };

/** One IngestProgress call, made in the import thread, replayed on the calling thread. */
export type ProgressMessage = {
  [K in keyof IngestProgress]: { type: 'progress'; event: K; args: Parameters<IngestProgress[K]> };
}[keyof IngestProgress];

export type ImportThreadMessage = ProgressMessage | { type: 'done'; summary: ImportSummary } | { type: 'failed'; message: string };

export function importInThread(options: ImportThreadOptions): Promise<ImportSummary> {
  const { signal, progress, ...rest } = options;
  const workerData: ImportThreadData = { ...rest, sendProgress: progress !== undefined };
  const worker = new Worker(new URL('./import-thread-worker.ts', import.meta.url), { workerData, resourceLimits: IMPORT_HEAP });
  // Ctrl-C reaches only the main thread: pass it on, so the worker finishes its batch and stops.
  const onAbort = () => worker.postMessage('abort');
  signal?.addEventListener('abort', onAbort, { once: true });
  return new Promise<ImportSummary>((resolve, reject) => {
    worker.on('message', (message: ImportThreadMessage) => {
      if (message.type === 'progress') (progress![message.event] as (...args: unknown[]) => void).apply(progress, message.args);
      else if (message.type === 'done') resolve(message.summary);
      else reject(new Error(message.message));
    });
    worker.on('error', reject);
    worker.on('exit', (code) => reject(new Error(`the import thread stopped (exit code ${code})`)));
  }).finally(() => signal?.removeEventListener('abort', onAbort));
}
