/**
 * A database's schema version is the number of migrations recorded in drizzle's
 * `__drizzle_migrations` table; this code knows the migrations in migrations/meta/_journal.json.
 * Drizzle identifies a migration by its `created_at` (the journal's `when`) and applies only those
 * later than the newest it finds, so a database a newer tracker migrated would otherwise be used
 * silently, with columns and tables this code has never heard of.
 */
import type Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const JOURNAL: { entries: { when: number; tag: string }[] } = JSON.parse(
  readFileSync(resolve(import.meta.dirname, '../migrations/meta/_journal.json'), 'utf8'),
);
const KNOWN_WHEN = new Set(JOURNAL.entries.map((e) => e.when));
const NEWEST_KNOWN = Math.max(...KNOWN_WHEN);

/** The schema version this code migrates databases to. */
export const SCHEMA_VERSION = JOURNAL.entries.length;

/** A database this process must not use (written by a newer schema, read-only when it needs writing), in one line. */
export class DatabaseRefused extends Error {
  override name = 'DatabaseRefused';
}

export interface SchemaVersion {
  /** Migrations recorded in the database. */
  applied: number;
  /** Migrations this code knows. */
  known: number;
  /** Known migrations the database has not had yet. */
  pending: number;
}

/** Reads the database's schema version; throws DatabaseRefused when a newer tracker wrote it. */
export function readSchemaVersion(sqlite: Database.Database, path: string): SchemaVersion {
  const hasTable = sqlite.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '__drizzle_migrations'`).get();
  const recorded = hasTable
    ? (sqlite.prepare('SELECT created_at FROM __drizzle_migrations').pluck().all() as (number | string)[]).map(Number)
    : [];
  const unknown = recorded.filter((when) => !KNOWN_WHEN.has(when));
  if (unknown.length) {
    const newer = unknown.some((when) => when > NEWEST_KNOWN);
    throw new DatabaseRefused(
      newer
        ? `database ${path} has schema version ${recorded.length}, this version of the tracker knows up to ${SCHEMA_VERSION}: upgrade the tracker or use another database`
        : `database ${path} has schema version ${recorded.length} with ${unknown.length} migration(s) this version of the tracker does not know (it knows up to ${SCHEMA_VERSION}): use the tracker that wrote it or another database`,
    );
  }
  const newestApplied = recorded.length ? Math.max(...recorded) : Number.NEGATIVE_INFINITY;
  return {
    applied: recorded.length,
    known: SCHEMA_VERSION,
    pending: JOURNAL.entries.filter((e) => e.when > newestApplied).length,
  };
}
