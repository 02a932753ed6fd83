/**
 * An in-memory columnar index of the live studies, so that facets, the matrix, the timeline and
 * list totals cost one pass over typed arrays instead of SQL aggregates over every matching row
 * (seconds at a million studies). It is only ever used when it matches the database exactly: it
 * is tagged with the data generation it was read at, and any write makes it stale. While a new one
 * is built (in a worker thread) queries fall back to SQL, so answers never depend on the index.
 */
import type { OpenedDatabase } from '@evidence/schema';
import { Worker } from 'node:worker_threads';
import type { DataGeneration } from '../data-generation.ts';
import type { StudyFilter } from '../filters/filter-schema.ts';
import { select, type Selection } from './selection.ts';
import { loadSnapshot, type Snapshot } from './snapshot.ts';

export interface StudyIndexOptions {
  /** Below this many studies SQLite answers quickly and no index is kept (default 5,000). */
  minStudies?: number;
  /** Build in a worker thread (default; an in-memory database builds inline) or inline (tests). */
  build?: 'worker' | 'inline';
  /**
   * A worker build starts once the data has not changed for this long (default 1,000 ms), so an
   * ingestion committing batch after batch does not start a build per batch only to drop it.
   */
  settleMs?: number;
}

export function createStudyIndex(database: OpenedDatabase, generation: DataGeneration, options: StudyIndexOptions = {}) {
  const minStudies = options.minStudies ?? 5_000;
  const inline = options.build === 'inline' || database.path === ':memory:';
  const settleMs = options.settleMs ?? 1_000;
  const countStudies = database.sqlite.prepare('SELECT count(*) FROM studies').pluck();
  let snapshot: Snapshot | null = null;
  let snapshotGeneration = '';
  /** Generation at which the database was too small, or a build failed: don't try again until it moves. */
  let skipGeneration = '';
  let build: { generation: string; worker: Worker; done: Promise<void> } | null = null;
  let settling: NodeJS.Timeout | null = null;

  /** The snapshot if it matches the database now; otherwise null, starting a rebuild if none is under way. */
  function current(): Snapshot | null {
    const now = generation.current();
    if (snapshot && snapshotGeneration === now) return snapshot;
    snapshot = null;
    if (skipGeneration === now || build || settling) return null;
    if ((countStudies.get() as number) < minStudies) {
      skipGeneration = now;
      return null;
    }
    if (inline) {
      snapshot = loadSnapshot(database.sqlite);
      snapshotGeneration = now;
      return snapshot;
    }
    settleThenBuild(now);
    return null;
  }

  /** Builds for `seen` if nothing is written for settleMs; otherwise waits again for the newer data. */
  function settleThenBuild(seen: string) {
    settling = setTimeout(() => {
      settling = null;
      if (!database.sqlite.open) return;
      if (generation.current() === seen) startBuild(seen);
      else current();
    }, settleMs);
    settling.unref();
  }

  function startBuild(forGeneration: string) {
    const worker = new Worker(new URL('./build-worker.ts', import.meta.url), { workerData: { path: database.path } });
    // The index is an optimisation: it must never keep a server (or a test) alive.
    worker.unref();
    const done = new Promise<void>((resolve) => {
      worker.once('message', (built: Snapshot) => {
        // The connection may have been closed while the worker read (a server shutting down, a
        // test finishing): there is nothing left to serve from the result.
        if (!database.sqlite.open) {
          build = null;
          resolve();
          return;
        }
        // The worker read after forGeneration was taken; if nothing was written since, what it
        // read is exactly that generation. Otherwise it may be older or newer: drop it.
        if (generation.current() === forGeneration) {
          snapshot = built;
          snapshotGeneration = forGeneration;
        }
        build = null;
        resolve();
      });
      worker.once('error', (error) => {
        console.error(`study index: build failed, answering from SQLite (${error.message})`);
        skipGeneration = forGeneration;
        build = null;
        resolve();
      });
      worker.once('exit', () => {
        if (build?.worker === worker) {
          build = null;
          resolve();
        }
      });
    });
    build = { generation: forGeneration, worker, done };
  }

  return {
    /** The filter evaluated over the index, or null when the index is not usable right now. */
    /** fullTextPmids: what `q` matches, when a reader thread has run it (else it runs here). */
    select(filter: StudyFilter, fullTextPmids?: readonly number[]): Selection | null {
      const s = current();
      return s ? select(database, s, filter, fullTextPmids) : null;
    },
    /** Starts a build now if one is due (at start-up, so the first visitor finds it ready). */
    warm(): void {
      current();
    },
    /** ready: answering queries; building: SQLite answers until it is; off: not worth it at this size. */
    state(): 'ready' | 'building' | 'off' {
      return current() ? 'ready' : build || settling ? 'building' : 'off';
    },
    /** Resolves once no build is running (what a test waits for before it closes the database). */
    idle: (): Promise<void> => build?.done ?? Promise.resolve(),
    close: async () => {
      if (settling) clearTimeout(settling);
      await build?.worker.terminate();
    },
  };
}

export type StudyIndex = ReturnType<typeof createStudyIndex>;
