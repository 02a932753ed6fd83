import type Database from 'better-sqlite3';

/**
 * Synthetic demo records (the fixture E-utilities server's, and the test factories') are marked so
 * that nobody mistakes them for real studies: PMIDs from 90,000,000 (real PMIDs are far below) and
 * titles starting "[Fixture]". One definition, used to label demo data on every dashboard page.
 */
export const FIXTURE_PMID_START = 90_000_000;
export const FIXTURE_TITLE_PREFIX = '[Fixture]';

/** Whether the database holds any demo record (a range scan on the primary key). */
export function hasDemoData(sqlite: Database.Database): boolean {
  return (
    sqlite
      .prepare('SELECT EXISTS (SELECT 1 FROM studies WHERE pmid >= ? AND substr(title, 1, ?) = ?)')
      .pluck()
      .get(FIXTURE_PMID_START, FIXTURE_TITLE_PREFIX.length, FIXTURE_TITLE_PREFIX) === 1
  );
}
