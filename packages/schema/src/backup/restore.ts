// `pnpm db:restore FILE`: puts a checked backup in the database's place, migrated to this
// tracker's schema, unless something has the database open (then only with --force).
import { copyFileSync, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { openDatabase } from '../database.ts';
import { databaseInUse } from './in-use.ts';
import { BackupError, checkTrackerDatabase, describeFailure } from './sqlite-file.ts';

export interface RestoreOptions {
  file: string;
  databasePath: string;
  /** Replace the database even though a process has it open (it must be restarted afterwards). */
  force?: boolean;
}

export interface RestoreResult {
  /** Schema version of the backup, and of the database now in place. */
  fromVersion: number;
  toVersion: number;
  /** What had the database open when --force replaced it, or null. */
  forcedOver: string | null;
}

const SIDE_FILES = ['-wal', '-shm', '-journal'] as const;

export function restoreDatabase(options: RestoreOptions): RestoreResult {
  const { file, databasePath } = options;
  if (!existsSync(file)) throw new BackupError(`backup ${file} does not exist`);
  const version = checkTrackerDatabase(file);
  const inUse = existsSync(databasePath) ? databaseInUse(databasePath) : null;
  if (inUse && !options.force)
    throw new BackupError(`database ${databasePath} is in use: ${inUse}; stop the API and any ingestion first, or pass --force`);
  // Migrated as a copy beside the database, so the swap below is one rename on the same file system
  // and a migration that fails leaves the live database as it was.
  const staged = `${databasePath}.restoring`;
  const removeStaged = () => {
    for (const suffix of ['', ...SIDE_FILES]) rmSync(`${staged}${suffix}`, { force: true });
  };
  removeStaged();
  try {
    // A fresh machine restores into a data folder that does not exist yet.
    mkdirSync(dirname(databasePath), { recursive: true });
    copyFileSync(file, staged);
    const opened = openDatabase(staged);
    opened.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    opened.close();
    // The old database's WAL and shared memory would be replayed onto the restored file: drop them first.
    for (const suffix of SIDE_FILES) rmSync(`${databasePath}${suffix}`, { force: true });
    renameSync(staged, databasePath);
    for (const suffix of SIDE_FILES) rmSync(`${staged}${suffix}`, { force: true });
  } catch (error) {
    removeStaged();
    throw describeFailure(error, `database ${databasePath}`);
  }
  const after = checkTrackerDatabase(databasePath);
  return { fromVersion: version.applied, toVersion: after.applied, forcedOver: inUse };
}
