/**
 * An in-memory columnar index of the live studies, so that facets, the matrix, the timeline and
 * list totals cost one pass over typed arrays instead of SQL aggregates over every matching row
 * (seconds at a million studies). It is tagged with the data generation it was read at. After a
 * write it is rebuilt in a worker thread; meanwhile (ADR 0012) the old snapshot keeps answering for
 * at most `maxStaleMs` after it was last known to match the database, provided the writes came from
 * another process (the ingester): answers then say how far behind they may be (Selection.lagMs).
 * Past that bound, or after a write by this process (a curator's change must show at once), queries
 * fall back to SQL.
 */
import type { OpenedDatabase } from '@evidence/schema';
import { Worker } from 'node:worker_threads';
import { ownWritesOf, type DataGeneration } from '../data-generation.ts';
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
  /**
   * How long after it was last known current a snapshot may still answer while another process
   * keeps writing (default 20,000 ms; 0: never answer from a stale snapshot). While the data keeps
   * changing, a rebuild starts once the snapshot is half that old, so a fresh one is normally in
   * place before the bound.
   */
  maxStaleMs?: number;
  /** Milliseconds clock (default Date.now); tests inject their own. */
  clock?: () => number;
}

export type StudyIndexState = 'ready' | 'stale' | 'building' | 'off';

export function createStudyIndex(database: OpenedDatabase, generation: DataGeneration, options: StudyIndexOptions = {}) {
  const minStudies = options.minStudies ?? 5_000;
  const inline = options.build === 'inline' || database.path === ':memory:';
  const settleMs = options.settleMs ?? 1_000;
  const maxStaleMs = options.maxStaleMs ?? 20_000;
  const clock = options.clock ?? Date.now;
  const countStudies = database.sqlite.prepare('SELECT count(*) FROM studies').pluck();
  let snapshot: Snapshot | null = null;
  let snapshotGeneration = '';
  /** This process's write count the snapshot includes: a stale snapshot never hides our own writes. */
  let snapshotOwnWrites = -1;
  /** When the snapshot was last known to match the database (clock ms). */
  let verifiedAt = 0;
  /** Generation at which the database was too small, or a build failed: don't try again until it moves. */
  let skipGeneration = '';
  let build: { generation: string; worker: Worker; done: Promise<void> } | null = null;
  let settling: NodeJS.Timeout | null = null;

  /** The snapshot and how far behind the database it may be, or null; starts a rebuild when one is due. */
  function current(): { snapshot: Snapshot; lagMs: number } | null {
    const now = generation.current();
    const t = clock();
    if (snapshot && snapshotGeneration === now) {
      verifiedAt = t;
      return { snapshot, lagMs: 0 };
    }
    if (skipGeneration !== now && !build && !settling) {
      if ((countStudies.get() as number) < minStudies) {
        skipGeneration = now;
        snapshot = null;
        return null;
      }
      if (inline) {
        adopt(loadSnapshot(database.sqlite), now, t);
        return { snapshot: snapshot!, lagMs: 0 };
      }
      settleThenBuild(now);
    }
    return usableWhileStale(t) ? { snapshot: snapshot!, lagMs: t - verifiedAt } : null;
  }

  function usableWhileStale(t: number): boolean {
    return snapshot !== null && snapshotOwnWrites === generation.ownWrites() && t - verifiedAt <= maxStaleMs;
  }

  function adopt(built: Snapshot, forGeneration: string, readAfter: number) {
    snapshot = built;
    snapshotGeneration = forGeneration;
    snapshotOwnWrites = ownWritesOf(forGeneration);
    verifiedAt = readAfter;
  }

  /**
   * Builds for `seen` once nothing is written for settleMs, or at once when a stale snapshot is
   * answering and has reached half its bound (an import writes batch after batch and never settles).
   */
  function settleThenBuild(seen: string) {
    settling = setTimeout(() => {
      settling = null;
      if (!database.sqlite.open) return;
      const now = generation.current();
      const due = snapshot !== null && clock() - verifiedAt >= maxStaleMs / 2;
      if (now === seen || due) startBuild(now);
      else current();
    }, settleMs);
    settling.unref();
  }

  function startBuild(forGeneration: string) {
    const startedAt = clock();
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
        // The worker's read transaction began after startedAt, so it holds every write committed
        // before then. If nothing was written since forGeneration it is exactly that generation and
        // current now; otherwise it is stale from startedAt on (and may hold some newer writes).
        if (generation.current() === forGeneration) adopt(built, forGeneration, clock());
        else if (ownWritesOf(forGeneration) === generation.ownWrites()) adopt(built, forGeneration, startedAt);
        build = null;
        resolve();
        // Still behind: schedule the next build.
        current();
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
    /**
     * The filter evaluated over the index, or null when the index is not usable right now.
     * fullTextPmids: what `q` matches, when a reader thread has run it (else it runs here).
     */
    select(filter: StudyFilter, fullTextPmids?: ArrayLike<number>): Selection | null {
      const usable = current();
      return usable ? select(database, usable.snapshot, filter, fullTextPmids, usable.lagMs) : null;
    },
    /** Whether select() would answer now (ready, or stale within its bound). */
    usable: (): boolean => current() !== null,
    /** Starts a build now if one is due (at start-up, so the first visitor finds it ready). */
    warm(): void {
      current();
    },
    /**
     * ready: current; stale: answering within its bound while a newer one is built; building:
     * SQLite answers until it is; off: not worth it at this size.
     */
    state(): StudyIndexState {
      const usable = current();
      if (usable) return usable.lagMs === 0 && snapshotGeneration === generation.current() ? 'ready' : 'stale';
      return build || settling ? 'building' : 'off';
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
