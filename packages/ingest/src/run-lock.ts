import { openDatabase, resolveDatabasePath, type OpenedDatabase, type OpenOptions } from '@evidence/schema';
import { isAlive, runLockPath } from '@evidence/schema/backup';
import { linkSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRunLog } from './run-log.ts';

const WAL_SIZE_LIMIT = 64 * 1024 * 1024;

/**
 * Copies committed pages from the WAL into the database after a batch, while no write lock is held.
 * PASSIVE: it never waits for readers or blocks them or a writer; pages a reader still needs are
 * copied by a later one. Once all are copied, the next batch restarts the WAL from its beginning.
 */
export function checkpoint(opened: OpenedDatabase): void {
  opened.sqlite.pragma('wal_checkpoint(PASSIVE)');
}

/**
 * Opens the database an ingestion run writes, under the run lock: the lock comes first, so a
 * refused second run never opens (or migrates) the database. Holding the lock, it closes as
 * interrupted the runs a killed process left `running` (search and import alike): no other run can
 * be going. A dry run writes nothing and takes no lock. close() closes the database, then releases the lock.
 */
export function openForRun(
  databaseUrl: string | undefined,
  dryRun: boolean,
  options: OpenOptions = {},
): { opened: OpenedDatabase; close(): void } {
  const lock = dryRun ? null : acquireRunLock(resolveDatabasePath(databaseUrl));
  try {
    const opened = openDatabase(databaseUrl, options);
    if (!dryRun) {
      createRunLog(opened).closeOrphans();
      // The run checkpoints itself between its batches (checkpoint()), never inside one; and the
      // WAL file shrinks back to this size whenever it restarts, so a long import cannot grow it for good.
      opened.sqlite.pragma('wal_autocheckpoint = 0');
      opened.sqlite.pragma(`journal_size_limit = ${WAL_SIZE_LIMIT}`);
    }
    return {
      opened,
      close: () => {
        try {
          opened.close();
        } finally {
          lock?.release();
        }
      },
    };
  } catch (error) {
    lock?.release();
    throw error;
  }
}

/**
 * One ingestion at a time per database: a lock file beside it holding the owner's PID. A second
 * run refuses with a clear message; a lock left by a killed process (PID gone) is taken over.
 */
function acquireRunLock(databasePath: string): { release(): void } {
  // Named by the schema package, so a restore can tell an ingestion is running on the database.
  const lockPath = runLockPath(databasePath);
  // Written in full under a private name, then hard-linked into place: link() is atomic and fails
  // if the lock exists, so a rival never reads a half-written (empty) lock and mistakes it for stale.
  const draft = `${lockPath}.${process.pid}`;
  writeFileSync(draft, String(process.pid));
  try {
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        linkSync(draft, lockPath);
        let released = false;
        return {
          release() {
            if (!released) {
              released = true;
              rmSync(lockPath, { force: true });
            }
          },
        };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        const owner = readOwner(lockPath);
        if (owner !== null && isAlive(owner)) {
          throw new RunLockedError(`another ingestion (PID ${owner}) is running on ${databasePath}; wait for it to finish`);
        }
        rmSync(lockPath, { force: true }); // stale: its owner died (e.g. SIGKILL)
      }
    }
    throw new RunLockedError(`could not take the ingestion lock ${lockPath}`);
  } finally {
    rmSync(draft, { force: true });
  }
}

export class RunLockedError extends Error {}

function readOwner(lockPath: string): number | null {
  try {
    const pid = Number(readFileSync(lockPath, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null; // removed between our link() and the read: the next attempt takes it
  }
}
