import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { accessSync, constants, existsSync, mkdirSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DatabaseRefused, readSchemaVersion, type SchemaVersion } from './schema-version.ts';
import * as tables from './tables/index.ts';

export type EvidenceDb = BetterSQLite3Database<typeof tables>;

export interface OpenedDatabase {
  db: EvidenceDb;
  /** The raw driver handle, for prepared statements on hot paths and PRAGMAs. */
  sqlite: Database.Database;
  path: string;
  /** True when the file could only be opened read-only (allowReadOnly): every write throws SQLITE_READONLY. */
  readonly: boolean;
  close(): void;
}

export const REPO_ROOT = resolve(import.meta.dirname, '../../..');
export const DEFAULT_DATABASE_PATH = join(REPO_ROOT, 'data', 'evidence.db');
const MIGRATIONS_FOLDER = resolve(import.meta.dirname, '../migrations');

/** Accepts a plain path, a `file:` URL (its `?mode=ro` is read by openDatabase) or `:memory:`; relative paths resolve from the repo root. */
export function resolveDatabasePath(url: string | undefined): string {
  return parseDatabaseUrl(url).path;
}

function parseDatabaseUrl(url: string | undefined): { path: string; readonlyAsked: boolean } {
  if (!url) return { path: DEFAULT_DATABASE_PATH, readonlyAsked: false };
  if (url === ':memory:') return { path: url, readonlyAsked: false };
  if (!url.startsWith('file:')) return { path: isAbsolute(url) ? url : resolve(REPO_ROOT, url), readonlyAsked: false };
  const [location, query = ''] = url.split('?', 2) as [string, string?];
  const params = new URLSearchParams(query);
  const readonlyAsked = params.get('mode') === 'ro' || params.get('immutable') === '1';
  const path = location.startsWith('file://') ? fileURLToPath(location) : location.slice('file:'.length);
  return { path: isAbsolute(path) ? path : resolve(REPO_ROOT, path), readonlyAsked };
}

/** Why this process cannot write the database file, or null when it can (or the file does not exist yet). */
function readOnlyReason(path: string, readonlyAsked: boolean, optionReadonly: boolean): string | null {
  if (readonlyAsked) return 'DATABASE_URL asks for mode=ro';
  if (optionReadonly) return 'opened read-only';
  if (path === ':memory:' || !existsSync(path)) return null;
  const writable = (p: string) => {
    try {
      accessSync(p, constants.W_OK);
      return true;
    } catch {
      return false;
    }
  };
  if (!writable(path)) return 'the file is not writable by this user';
  // WAL needs its -wal and -shm files beside the database: a folder we cannot write is read-only too.
  if (!writable(dirname(path))) return 'its folder is not writable by this user, and SQLite keeps its journal there';
  return null;
}

export interface OpenOptions {
  /** Apply pending migrations (default true). Read-only tools may pass false. */
  migrate?: boolean;
  readonly?: boolean;
  /**
   * A caller that can serve without writing (the API) may open a read-only file (`?mode=ro`, no
   * write permission) if it is at the current schema; everyone else is refused in one line.
   */
  allowReadOnly?: boolean;
  /** How long a statement waits for a lock held by another connection (ms). */
  busyTimeoutMs?: number;
  /** SQLite page cache per connection, in KiB (default 64 MiB). */
  cacheSizeKb?: number;
}

/**
 * Opens (creating if needed) the evidence database: WAL so readers never block on the writer,
 * foreign keys on, a busy timeout so concurrent writers wait instead of failing, then migrations.
 */
export function openDatabase(url?: string, options: OpenOptions = {}): OpenedDatabase {
  const { path, readonlyAsked } = parseDatabaseUrl(url);
  const readOnly = readOnlyReason(path, readonlyAsked, options.readonly ?? false);
  if (readOnly && !options.allowReadOnly && !options.readonly) {
    throw new DatabaseRefused(
      `database ${path} is read-only (${readOnly}) and this command writes to it: make it writable or use another database`,
    );
  }
  if (readOnly && path !== ':memory:' && !existsSync(path)) throw new DatabaseRefused(`database ${path} does not exist (${readOnly})`);
  if (path !== ':memory:' && !readOnly) mkdirSync(dirname(path), { recursive: true });
  const sqlite = new Database(path, { readonly: readOnly !== null });
  try {
    sqlite.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 10_000}`);
    // Before anything else touches the file: a newer tracker's database is refused, not half-used.
    const version = readSchemaVersion(sqlite, path);
    if (readOnly && version.pending > 0 && options.migrate !== false && !options.readonly) {
      throw new DatabaseRefused(
        `database ${path} is read-only (${readOnly}) and has schema version ${version.applied}; this version of the tracker needs version ${version.known}: make it writable once so it can be migrated, or use another database`,
      );
    }
    return finishOpening(sqlite, path, readOnly !== null, options, version);
  } catch (error) {
    sqlite.close();
    // A WAL database read without write access needs its -shm file; SQLite cannot create it in a folder we may not write.
    if (readOnly && /^SQLITE_(READONLY|CANTOPEN)/.test(String((error as { code?: unknown }).code))) {
      throw new DatabaseRefused(
        `database ${path} is read-only (${readOnly}) and SQLite cannot read it there without creating ${path}-shm: make its folder writable or use a copy`,
      );
    }
    throw error;
  }
}

function finishOpening(
  sqlite: Database.Database,
  path: string,
  readOnly: boolean,
  options: OpenOptions,
  version: SchemaVersion,
): OpenedDatabase {
  if (!readOnly) {
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = NORMAL');
  }
  // SQLite's default page cache is 2 MB: on a database of hundreds of MB every index insert and
  // full-text merge then goes back to the OS for pages (measured: the import ran at ~100% system
  // CPU and slowed as the file grew). 64 MB keeps the hot index pages in memory.
  sqlite.pragma(`cache_size = -${options.cacheSizeKb ?? 65_536}`);
  sqlite.pragma('foreign_keys = ON');
  const db = drizzle({ client: sqlite, schema: tables });
  if (options.migrate !== false && !readOnly && version.pending > 0) migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
  // Statistics for the query planner (cheap: SQLite analyses only tables that need it), as SQLite
  // recommends for long-lived connections; and again on close, after a session's writes.
  // (A read-only connection cannot store statistics.)
  if (!readOnly) sqlite.pragma('optimize=0x10002');
  return {
    db,
    sqlite,
    path,
    readonly: readOnly,
    close: () => {
      if (sqlite.open && !sqlite.readonly) sqlite.pragma('optimize');
      sqlite.close();
    },
  };
}

export { MIGRATIONS_FOLDER };
export { DatabaseRefused, SCHEMA_VERSION } from './schema-version.ts';
