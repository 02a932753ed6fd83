import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { databaseInUse, lockTableId as lockId, processesWithDatabaseOpen, runLockPath } from './in-use.ts';

const dirs: string[] = [];
afterEach(() => {
  while (dirs.length) rmSync(dirs.pop()!, { recursive: true, force: true });
});

function files() {
  const dir = mkdtempSync(join(tmpdir(), 'evidence-in-use-'));
  dirs.push(dir);
  const database = join(dir, 'evidence.db');
  writeFileSync(database, '');
  writeFileSync(`${database}-shm`, '');
  return { dir, database };
}

describe('processesWithDatabaseOpen', () => {
  it('reads the PIDs holding a lock on the database or its -shm file, not this process, not other files', () => {
    const { dir, database } = files();
    const locks = join(dir, 'locks');
    writeFileSync(
      locks,
      [
        `1: POSIX  ADVISORY  READ 4242 ${lockId(`${database}-shm`)} 128 128`,
        `2: POSIX  ADVISORY  READ 4242 ${lockId(database)} 1073741826 1073742335`,
        `3: -> POSIX  ADVISORY  WRITE 5151 ${lockId(database)} 1073741824 1073741824`,
        `4: POSIX  ADVISORY  READ ${process.pid} ${lockId(database)} 128 128`,
        `5: FLOCK  ADVISORY  WRITE 6161 ${lockId(dir)} 0 EOF`,
        '',
      ].join('\n'),
    );
    expect(processesWithDatabaseOpen(database, locks)?.sort()).toEqual([4242, 5151]);
  });

  it('says it cannot tell (null) where the system has no lock table, and restore then counts the database as in use', () => {
    const { dir, database } = files();
    expect(processesWithDatabaseOpen(database, join(dir, 'no-such-file'))).toBeNull();
  });
});

describe('databaseInUse', () => {
  it('names a running ingestion from its run lock, and ignores a lock whose process is gone', () => {
    const { database } = files();
    writeFileSync(runLockPath(database), String(process.pid));
    expect(databaseInUse(database)).toBe(`an ingestion (PID ${process.pid}) is running on it`);
    // PIDs are at most 2^22 on Linux: this one cannot be alive.
    writeFileSync(runLockPath(database), '99999999');
    expect(databaseInUse(database) ?? '').not.toMatch(/ingestion/);
  });
});
