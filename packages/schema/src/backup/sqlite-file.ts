// Checks shared by backup and restore: is a file a tracker database, is it intact, and one-line
// messages for what SQLite says when it is not (or the disk is full).
import Database from 'better-sqlite3';
import { closeSync, existsSync, openSync, readSync } from 'node:fs';
import { readSchemaVersion, type SchemaVersion } from '../schema-version.ts';

/** A backup or restore that cannot go on, in one line. */
export class BackupError extends Error {
  override name = 'BackupError';
}

const SQLITE_HEADER = 'SQLite format 3\0';

/** Turns SQLite's and the file system's errors into one line about `what` (a file or folder). */
export function describeFailure(error: unknown, what: string): BackupError {
  if (error instanceof BackupError) return error;
  const code = String((error as { code?: unknown }).code ?? '');
  const message = (error as Error).message ?? String(error);
  if (code === 'SQLITE_FULL' || code === 'ENOSPC')
    return new BackupError(`disk full while writing ${what}: free space or choose another folder`);
  if (code === 'SQLITE_NOTADB') return new BackupError(`${what} is not a SQLite database`);
  if (code.startsWith('SQLITE_CORRUPT')) return new BackupError(`${what} is corrupt (${message})`);
  if (code === 'ENOENT') return new BackupError(`${what} does not exist`);
  if (code === 'EACCES' || code === 'EPERM' || code.startsWith('SQLITE_READONLY') || code.startsWith('SQLITE_CANTOPEN'))
    return new BackupError(`cannot write or open ${what} (${code})`);
  return new BackupError(`${what}: ${message.split('\n')[0]}`);
}

function hasSqliteHeader(path: string): boolean {
  const fd = openSync(path, 'r');
  try {
    const bytes = Buffer.alloc(16);
    return readSync(fd, bytes, 0, 16, 0) === 16 && bytes.toString('latin1') === SQLITE_HEADER;
  } finally {
    closeSync(fd);
  }
}

/** The full-text (FTS5) tables, whose own index SQLite's integrity_check does not compare with their content. */
function fullTextTables(sqlite: Database.Database): string[] {
  return sqlite
    .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%USING fts5%'`)
    .pluck()
    .all() as string[];
}

/**
 * Opens `path` and checks it is an intact tracker database: SQLite's header, drizzle's migrations
 * table and the studies table, `PRAGMA integrity_check`, and FTS5's `integrity-check` on every
 * full-text table (which needs a writable connection; it changes nothing). Throws BackupError.
 */
export function checkTrackerDatabase(path: string): SchemaVersion {
  if (!existsSync(path)) throw new BackupError(`${path} does not exist`);
  if (!hasSqliteHeader(path)) throw new BackupError(`${path} is not a SQLite database`);
  let sqlite: Database.Database | undefined;
  try {
    sqlite = new Database(path, { fileMustExist: true });
    const tables = new Set(sqlite.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).pluck().all() as string[]);
    if (!tables.has('__drizzle_migrations') || !tables.has('studies'))
      throw new BackupError(`${path} is a SQLite database but not an evidence tracker database (no studies or migrations table)`);
    const version = readSchemaVersion(sqlite, path);
    const problems = sqlite.prepare('PRAGMA integrity_check').pluck().all() as string[];
    if (problems.join() !== 'ok') throw new BackupError(`${path} is corrupt (integrity_check: ${problems.slice(0, 3).join('; ')})`);
    for (const table of fullTextTables(sqlite)) {
      try {
        // rank = 1 also compares an external-content index with its content table (studies).
        sqlite.prepare(`INSERT INTO "${table}"("${table}", rank) VALUES ('integrity-check', 1)`).run();
      } catch (error) {
        throw new BackupError(`${path} is corrupt (full-text index ${table}: ${(error as Error).message})`);
      }
    }
    return version;
  } catch (error) {
    throw describeFailure(error, path);
  } finally {
    sqlite?.close();
  }
}
