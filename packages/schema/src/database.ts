import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { mkdirSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tables from './tables/index.ts';

export type EvidenceDb = BetterSQLite3Database<typeof tables>;

export interface OpenedDatabase {
  db: EvidenceDb;
  /** The raw driver handle, for prepared statements on hot paths and PRAGMAs. */
  sqlite: Database.Database;
  path: string;
  close(): void;
}

export const REPO_ROOT = resolve(import.meta.dirname, '../../..');
export const DEFAULT_DATABASE_PATH = join(REPO_ROOT, 'data', 'evidence.db');
const MIGRATIONS_FOLDER = resolve(import.meta.dirname, '../migrations');

/** Accepts a plain path, a `file:` URL or `:memory:`; relative paths resolve from the repo root. */
export function resolveDatabasePath(url: string | undefined): string {
  if (!url) return DEFAULT_DATABASE_PATH;
  if (url === ':memory:') return url;
  if (url.startsWith('file://')) return fileURLToPath(url);
  const path = url.startsWith('file:') ? url.slice('file:'.length) : url;
  return isAbsolute(path) ? path : resolve(REPO_ROOT, path);
}

export interface OpenOptions {
  /** Apply pending migrations (default true). Read-only tools may pass false. */
  migrate?: boolean;
  readonly?: boolean;
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
  const path = resolveDatabasePath(url);
  if (path !== ':memory:' && !options.readonly) mkdirSync(dirname(path), { recursive: true });
  const sqlite = new Database(path, { readonly: options.readonly ?? false });
  sqlite.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 10_000}`);
  if (!options.readonly) {
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = NORMAL');
  }
  // SQLite's default page cache is 2 MB: on a database of hundreds of MB every index insert and
  // full-text merge then goes back to the OS for pages (measured: the import ran at ~100% system
  // CPU and slowed as the file grew). 64 MB keeps the hot index pages in memory.
  sqlite.pragma(`cache_size = -${options.cacheSizeKb ?? 65_536}`);
  sqlite.pragma('foreign_keys = ON');
  const db = drizzle({ client: sqlite, schema: tables });
  if (options.migrate !== false && !options.readonly) migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
  // Statistics for the query planner (cheap: SQLite analyses only tables that need it), as SQLite
  // recommends for long-lived connections; and again on close, after a session's writes.
  // (A read-only connection cannot store statistics.)
  if (!options.readonly) sqlite.pragma('optimize=0x10002');
  return {
    db,
    sqlite,
    path,
    close: () => {
      if (sqlite.open && !sqlite.readonly) sqlite.pragma('optimize');
      sqlite.close();
    },
  };
}

export { MIGRATIONS_FOLDER };
