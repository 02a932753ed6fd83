import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';

/**
 * One ingestion at a time per database: a lock file beside it holding the owner's PID. A second
 * run refuses with a clear message; a lock left by a killed process (PID gone) is taken over.
 */
export function acquireRunLock(databasePath: string): { release(): void } {
  const lockPath = `${databasePath}.ingest.lock`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockPath, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      let released = false;
      return { release() { if (!released) { released = true; rmSync(lockPath, { force: true }); } } };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number(readFileSync(lockPath, 'utf8').trim());
      if (Number.isInteger(owner) && owner > 0 && isAlive(owner)) {
        throw new RunLockedError(`another ingestion (PID ${owner}) is running on ${databasePath}; wait for it to finish`);
      }
      rmSync(lockPath, { force: true }); // stale: its owner died (e.g. SIGKILL)
    }
  }
  throw new RunLockedError(`could not take the ingestion lock ${lockPath}`);
}

export class RunLockedError extends Error {}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
