import Database from 'better-sqlite3';

/**
 * A bare read-only connection, for worker threads that only read: importing the driver alone
 * starts in a fraction of the time the full package (drizzle, tables, migrator) takes.
 */
export function openReadOnly(path: string, options: { cacheSizeKb?: number; busyTimeoutMs?: number } = {}): Database.Database {
  const sqlite = new Database(path, { readonly: true });
  sqlite.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 10_000}`);
  sqlite.pragma(`cache_size = -${options.cacheSizeKb ?? 16_384}`);
  return sqlite;
}
