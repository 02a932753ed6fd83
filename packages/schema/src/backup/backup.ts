// `pnpm db:backup`: a consistent, checked copy of the live database, named by its UTC time, with
// old copies pruned by the retention policy. Why VACUUM INTO: docs/adr/0020-online-backups.md.
import Database from 'better-sqlite3';
import { existsSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { applyRetention, backupFileName, parseBackupFileName, type Retention } from './retention.ts';
import { BackupError, checkTrackerDatabase, describeFailure } from './sqlite-file.ts';

export interface BackupOptions {
  databasePath: string;
  /** The folder the copies live in; it must exist. */
  dir: string;
  retention: Retention;
  now?: () => Date;
  /** How long the copy's read transaction waits for a lock (a writer checkpointing in TRUNCATE mode). */
  busyTimeoutMs?: number;
}

export interface BackupResult {
  file: string;
  bytes: number;
  ms: number;
  /** Schema version of the copy (migrations recorded). */
  schemaVersion: number;
  kept: string[];
  removed: string[];
}

/** The database file's name without its extension: `evidence` for data/evidence.db. */
const stemOf = (databasePath: string) => basename(databasePath).replace(/\.(db|sqlite3?)$/i, '');

/**
 * VACUUM INTO reads the database in one read transaction: in WAL mode that is a snapshot, so the
 * API's reads and an ingestion's writes go on meanwhile and the copy holds exactly the commits
 * before it started. Written under a temporary name, checked, then renamed into place, so a
 * failed or interrupted backup never leaves a file that looks like a good one.
 */
export function backupDatabase(options: BackupOptions): BackupResult {
  const started = performance.now();
  const now = options.now ?? (() => new Date());
  const { databasePath, dir } = options;
  if (!existsSync(dir) || !statSync(dir).isDirectory())
    throw new BackupError(`backup folder ${dir} does not exist: create it or pass another`);
  if (!existsSync(databasePath)) throw new BackupError(`database ${databasePath} does not exist: nothing to back up`);
  const stem = stemOf(databasePath);
  const takenAt = now();
  const file = join(dir, backupFileName(stem, takenAt));
  if (existsSync(file)) throw new BackupError(`backup ${file} already exists (one backup per second at most)`);
  const partial = `${file}.partial`;
  rmSync(partial, { force: true });
  try {
    copyInto(databasePath, partial, options.busyTimeoutMs ?? 10_000);
    const version = checkTrackerDatabase(partial);
    renameSync(partial, file);
    const kept = pruneBackups(dir, stem, options.retention);
    return { file, bytes: statSync(file).size, ms: performance.now() - started, schemaVersion: version.applied, ...kept };
  } catch (error) {
    rmSync(partial, { force: true });
    throw describeFailure(error, partial.startsWith(dir) ? `backup ${file}` : partial);
  }
}

function copyInto(databasePath: string, target: string, busyTimeoutMs: number): void {
  let source: Database.Database;
  try {
    source = new Database(databasePath, { fileMustExist: true, readonly: true });
  } catch (error) {
    throw describeFailure(error, `database ${databasePath}`);
  }
  try {
    source.pragma(`busy_timeout = ${busyTimeoutMs}`);
    const hasStudies = source.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'studies'`).get();
    if (!hasStudies) throw new BackupError(`database ${databasePath} is not an evidence tracker database (no studies table)`);
    source.prepare('VACUUM INTO ?').run(target);
  } catch (error) {
    const code = String((error as { code?: unknown }).code ?? '');
    // Reading the source failed: name the database, not the copy.
    if (code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT')) throw describeFailure(error, `database ${databasePath}`);
    throw error;
  } finally {
    source.close();
  }
}

/** Removes the dated copies the retention policy no longer keeps; other files in the folder are never touched. */
export function pruneBackups(dir: string, stem: string, retention: Retention): { kept: string[]; removed: string[] } {
  const dated = readdirSync(dir).flatMap((name) => {
    const takenAt = parseBackupFileName(stem, name);
    return takenAt ? [{ name, takenAt }] : [];
  });
  const { keep, remove } = applyRetention(dated, retention);
  for (const name of remove) rmSync(join(dir, name), { force: true });
  return { kept: keep.map((n) => join(dir, n)), removed: remove.map((n) => join(dir, n)) };
}
