/**
 * Database reads for uncached requests run here, on reader threads with their own read-only
 * connections, so the HTTP thread only routes, caches and answers (ADR 0009). Each read has a time
 * budget: past it the read's thread is terminated, the pool starts a replacement, and the request
 * gets QueryTooExpensive (503). better-sqlite3 offers neither sqlite3_interrupt nor a progress
 * handler, so terminating the thread is the only way to stop a statement.
 */
import { availableParallelism } from 'node:os';
import Tinypool from 'tinypool';
import { Busy, ExportTooLarge, InvalidFilter, InvalidParameter, NotFound, QueryTooExpensive, ReadersBusy } from '../domain-errors.ts';
import type { Read, ReadOutcome, ReadTask } from './read-worker.ts';

export interface ReadPoolOptions {
  /** Reader threads (API_READERS); default one per core. 0 runs reads on the HTTP thread (no budget). */
  readers?: number;
  /** Time budget per read in ms (API_READ_TIMEOUT_MS), counted from when it starts running; default 2,000. */
  readTimeoutMs?: number;
  /**
   * Reads that may wait per reader thread (API_READ_QUEUE, default 32); one more is refused at once
   * with ReadersBusy (503, Retry-After), so queueing delay stays bounded.
   */
  queuePerReader?: number;
  /**
   * How long a read may wait for a reader before it is refused with ReadersBusy
   * (API_READ_QUEUE_WAIT_MS; default 10,000). Not while the pool's first threads boot.
   */
  maxWaitMs?: number;
}

const DEFAULT_READ_TIMEOUT_MS = 2_000;
export const DEFAULT_QUEUE_PER_READER = 32;
const DEFAULT_QUEUE_WAIT_MS = 10_000;

export function createReadPool(path: string, options: ReadPoolOptions = {}) {
  const readers = options.readers ?? availableParallelism();
  const budgetMs = options.readTimeoutMs ?? DEFAULT_READ_TIMEOUT_MS;
  const maxWaitMs = options.maxWaitMs ?? DEFAULT_QUEUE_WAIT_MS;
  const maxQueue = (options.queuePerReader ?? DEFAULT_QUEUE_PER_READER) * readers;
  /** Reads handed to the pool and not yet answered: running (at most `readers`) or queued. */
  let inFlight = 0;
  /** Whether a reader has answered yet: until then reads wait for threads to boot, which is no overload. */
  let answered = false;
  let pool: Tinypool | null = null;
  const started = () =>
    (pool ??= new Tinypool({
      filename: new URL('./read-worker.ts', import.meta.url).href,
      minThreads: readers,
      maxThreads: readers,
    }));

  return {
    readers,
    budgetMs,
    warm: () => void started(),
    /** Runs a read; `client` aborts when the client goes away, which drops the read if it is still waiting. */
    async run(read: Read, client?: AbortSignal): Promise<unknown> {
      if (inFlight >= readers + maxQueue) throw new ReadersBusy(`${inFlight} reads of this kind are running or waiting`);
      inFlight++;
      const task: ReadTask = { path, read, startedAt: new Float64Array(new SharedArrayBuffer(8)) };
      const abort = new AbortController();
      let timer: NodeJS.Timeout | undefined;
      const queuedAt = Date.now();
      let waitedTooLong = false;
      // Time waiting in the queue (or for a replacement thread to boot) is not the read's cost: the
      // budget counts from the moment a reader picks it up. The wait has a bound of its own.
      const check = () => {
        const startedAt = task.startedAt[0]!;
        const left = startedAt ? startedAt + budgetMs - Date.now() : answered ? queuedAt + maxWaitMs - Date.now() : budgetMs;
        if (left > 0) timer = setTimeout(check, startedAt ? left : Math.min(left, budgetMs));
        else {
          waitedTooLong = !startedAt;
          abort.abort();
        }
      };
      timer = setTimeout(check, Math.min(budgetMs, maxWaitMs));
      // A read nobody waits for any more leaves the queue (a running one finishes: stopping it costs a thread).
      let abandoned = false;
      const leave = () => {
        if (task.startedAt[0]) return;
        abandoned = true;
        abort.abort();
      };
      client?.addEventListener('abort', leave, { once: true });
      try {
        const outcome = (await started().run(task, { signal: abort.signal })) as ReadOutcome;
        answered = true;
        if (outcome.ok) return outcome.value;
        throw revive(outcome.error);
      } catch (error) {
        if (abandoned) throw new ReadersBusy('the client closed the request');
        if (abort.signal.aborted)
          throw waitedTooLong ? new ReadersBusy(`waited ${maxWaitMs} ms for a reader`) : new QueryTooExpensive(budgetMs);
        throw error;
      } finally {
        inFlight--;
        clearTimeout(timer);
        client?.removeEventListener('abort', leave);
      }
    },
    close: async () => {
      await pool?.destroy();
      pool = null;
    },
  };
}

/** The domain error a reader reported, as the HTTP thread's own class (so onError maps it). */
function revive(error: Extract<ReadOutcome, { ok: false }>['error']): Error {
  switch (error.type) {
    case 'NotFound':
      return new NotFound(error.message);
    case 'InvalidFilter':
      return new InvalidFilter(error.parameter ?? '', error.message);
    case 'InvalidParameter':
      return new InvalidParameter(error.parameter ?? '', error.message);
    case 'ExportTooLarge':
      return new ExportTooLarge(error.message);
    case 'Busy':
      return new Busy(error.message);
    default:
      return new Error(error.message);
  }
}
