// Whether some process has the database open (the API, an ingestion, a sqlite3 shell): a restore
// must not replace a file under them, since they would go on writing the old one's journal.
import { existsSync, readFileSync, statSync } from 'node:fs';

/** The ingestion run lock beside a database (packages/ingest's run-lock.ts takes it). */
export const runLockPath = (databasePath: string) => `${databasePath}.ingest.lock`;

/** The PID in a run lock if that process is alive, else null (no lock, or a killed run left it). */
export function liveRunLockOwner(databasePath: string): number | null {
  let pid: number;
  try {
    pid = Number(readFileSync(runLockPath(databasePath), 'utf8').trim());
  } catch {
    return null;
  }
  return Number.isInteger(pid) && pid > 0 && isAlive(pid) ? pid : null;
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** How /proc/locks names a file: "major:minor:inode", the device's numbers in hex (Linux's st_dev encoding). */
export function lockTableId(path: string): string {
  const { dev, ino } = statSync(path, { bigint: true });
  const major = ((dev >> 8n) & 0xfffn) | ((dev >> 32n) & ~0xfffn);
  const minor = (dev & 0xffn) | ((dev >> 12n) & ~0xffn);
  return `${major.toString(16).padStart(2, '0')}:${minor.toString(16).padStart(2, '0')}:${ino}`;
}

/**
 * PIDs (other than this process) holding a POSIX lock on the database or its -shm file. Every open
 * SQLite connection in WAL mode keeps a shared lock on the -shm file's "dead man switch" byte for as
 * long as it is open, so this sees the API and ingestion alike, whatever started them. Null where
 * the system does not say (no /proc/locks).
 */
export function processesWithDatabaseOpen(databasePath: string, locksFile = '/proc/locks'): number[] | null {
  if (!existsSync(locksFile)) return null;
  const wanted = new Set([databasePath, `${databasePath}-shm`].filter((f) => existsSync(f)).map(lockTableId));
  const pids = new Set<number>();
  for (const line of readFileSync(locksFile, 'utf8').split('\n')) {
    // "18: POSIX  ADVISORY  READ 26018 fe:00:2163431 128 128" (waiters have "->" after the number)
    const match = /^\d+:\s+(?:->\s+)?\S+\s+\S+\s+\S+\s+(-?\d+)\s+([0-9a-f]+):([0-9a-f]+):(\d+)\s/.exec(line);
    if (!match) continue;
    const [, pid, major, minor, inode] = match;
    const id = `${major!.padStart(2, '0')}:${minor!.padStart(2, '0')}:${inode}`;
    if (wanted.has(id) && Number(pid) > 0 && Number(pid) !== process.pid) pids.add(Number(pid));
  }
  return [...pids];
}

/** Why the database counts as in use, in words, or null when nothing has it open. */
export function databaseInUse(databasePath: string): string | null {
  const ingestion = liveRunLockOwner(databasePath);
  if (ingestion !== null) return `an ingestion (PID ${ingestion}) is running on it`;
  const holders = processesWithDatabaseOpen(databasePath);
  if (holders === null) return 'this system does not say which processes have it open (no /proc/locks), so it may be';
  if (holders.length)
    return `process${holders.length > 1 ? 'es' : ''} ${holders.join(', ')} ${holders.length > 1 ? 'have' : 'has'} it open (the API or an ingestion)`;
  return null;
}
