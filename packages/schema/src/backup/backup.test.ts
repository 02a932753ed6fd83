// Backup and restore against real SQLite files (the running API and ingestion are in
// scripts/test/backup.integration.test.ts): checks, one-line errors, retention on disk, migration.
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MIGRATIONS_FOLDER, openDatabase, SCHEMA_VERSION } from '../database.ts';
import { createTestDatabase, insertStudy, type StudyFactoryInput } from '../testing.ts';
import { backupDatabase, BackupError, checkTrackerDatabase, restoreDatabase } from './index.ts';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'evidence-backup-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A closed tracker database with `n` fixture studies (full-text index filled by the triggers). */
function trackerDatabase(n: number): string {
  const test = createTestDatabase();
  cleanups.push(test.remove);
  for (let i = 0; i < n; i++)
    insertStudy(test, { pmid: 90000000 + i, topics: ['tvns'], abstract: `Fixture abstract ${i} on heart rate variability.` });
  test.close();
  return test.path;
}

const RETAIN = { daily: 7, weekly: 4 };
const at = (iso: string) => () => new Date(iso);

describe('backupDatabase', () => {
  it('writes a checked copy named by the injected UTC time that opens with all rows', () => {
    const databasePath = trackerDatabase(30);
    const dir = tempDir();
    const result = backupDatabase({ databasePath, dir, retention: RETAIN, now: at('2026-06-01T02:03:04.567Z') });
    expect(result.file).toBe(join(dir, 'evidence-20260601T020304Z.db'));
    expect(readdirSync(dir)).toEqual(['evidence-20260601T020304Z.db']);
    expect(result.schemaVersion).toBe(SCHEMA_VERSION);
    const copy = new Database(result.file, { readonly: true });
    cleanups.push(() => copy.close());
    expect(copy.prepare('SELECT count(*) FROM studies').pluck().get()).toBe(30);
    expect(copy.prepare(`SELECT count(*) FROM studies_fts WHERE studies_fts MATCH 'variability'`).pluck().get()).toBe(30);
  });

  it('applies retention to the folder and leaves other files alone', () => {
    const databasePath = trackerDatabase(1);
    const dir = tempDir();
    writeFileSync(join(dir, 'notes.txt'), 'kept');
    // One backup a day at 03:15 for ten days, keeping 3 days and 2 weeks.
    const names = Array.from({ length: 10 }, (_, day) => {
      const iso = `2026-03-${String(day + 1).padStart(2, '0')}T03:15:00Z`;
      return backupDatabase({ databasePath, dir, retention: { daily: 3, weekly: 2 }, now: at(iso) }).file;
    });
    // 2026-03-10 is a Tuesday: its week began Monday the 9th; the week before ended Sunday the 8th.
    expect(readdirSync(dir).sort()).toEqual(
      ['evidence-20260308T031500Z.db', 'evidence-20260309T031500Z.db', 'evidence-20260310T031500Z.db', 'notes.txt'].sort(),
    );
    expect(names).toHaveLength(10);
  });

  it('refuses a folder that does not exist, in one line', () => {
    const databasePath = trackerDatabase(1);
    const missing = join(tempDir(), 'nope');
    expect(() => backupDatabase({ databasePath, dir: missing, retention: RETAIN })).toThrow(
      new BackupError(`backup folder ${missing} does not exist: create it or pass another`),
    );
  });

  it('refuses a source that is not a database, leaving no partial file', () => {
    const dir = tempDir();
    const notADatabase = join(dir, 'evidence.db');
    writeFileSync(notADatabase, 'this is a text file, not SQLite, and it is long enough to have a header region.'.repeat(20));
    const out = join(dir, 'out');
    mkdirSync(out);
    expect(() => backupDatabase({ databasePath: notADatabase, dir: out, retention: RETAIN })).toThrow(
      `database ${notADatabase} is not a SQLite database`,
    );
    expect(readdirSync(out)).toEqual([]);
  });

  // A real full disk: a 256 KiB tmpfs. Mounting needs root (as in CI); where it is not allowed the test is skipped.
  const canMount = tmpfsAvailable();
  it.skipIf(!canMount)('says "disk full" in one line when the copy does not fit, and removes the partial copy', () => {
    const databasePath = trackerDatabase(400);
    const dir = tempDir();
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=256k', 'tmpfs', dir]);
    cleanups.push(() => execFileSync('umount', [dir]));
    expect(() => backupDatabase({ databasePath, dir, retention: RETAIN, now: at('2026-06-01T00:00:00Z') })).toThrow(
      `disk full while writing backup ${join(dir, 'evidence-20260601T000000Z.db')}: free space or choose another folder`,
    );
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('checkTrackerDatabase', () => {
  it('finds a corrupt page in a copy', () => {
    const databasePath = trackerDatabase(200);
    const copy = join(tempDir(), 'damaged.db');
    copyFileSync(databasePath, copy);
    const bytes = readFileSync(copy);
    // Overwrite the middle of the file (table and index pages) with garbage; the header stays intact.
    bytes.fill(0x5a, Math.floor(bytes.length / 2), Math.floor(bytes.length / 2) + 8192);
    writeFileSync(copy, bytes);
    expect(() => checkTrackerDatabase(copy)).toThrow(new RegExp(`^${copy} is corrupt \\(`));
  });

  it('tells a SQLite file that is not a tracker database', () => {
    const other = join(tempDir(), 'other.db');
    const sqlite = new Database(other);
    sqlite.exec('CREATE TABLE notes (body TEXT)');
    sqlite.close();
    expect(() => checkTrackerDatabase(other)).toThrow(
      `${other} is a SQLite database but not an evidence tracker database (no studies or migrations table)`,
    );
  });

  it('finds a full-text index that no longer matches its content', () => {
    const databasePath = trackerDatabase(5);
    const sqlite = new Database(databasePath);
    // Changed behind the triggers' back: integrity_check passes, FTS5's integrity-check does not.
    sqlite.exec('DROP TRIGGER studies_fts_after_update');
    sqlite.exec(`UPDATE studies SET title = 'changed without the index' WHERE pmid = 90000001`);
    sqlite.close();
    expect(() => checkTrackerDatabase(databasePath)).toThrow(/is corrupt \(full-text index studies_fts: /);
  });
});

function tmpfsAvailable(): boolean {
  if (process.platform !== 'linux' || process.getuid?.() !== 0) return false;
  const dir = mkdtempSync(join(tmpdir(), 'evidence-tmpfs-probe-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', dir], { stdio: 'ignore' });
    execFileSync('umount', [dir]);
    return true;
  } catch {
    return false;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A database as a tracker before migration 0012 left it, with one study. */
function olderSchemaDatabase(path: string, study: StudyFactoryInput): number {
  const journal = JSON.parse(readFileSync(join(MIGRATIONS_FOLDER, 'meta/_journal.json'), 'utf8'));
  const before = journal.entries.slice(
    0,
    journal.entries.findIndex((e: { tag: string }) => e.tag === '0012_findings_quality'),
  );
  const oldMigrations = join(tempDir(), 'migrations');
  mkdirSync(join(oldMigrations, 'meta'), { recursive: true });
  for (const entry of before) copyFileSync(join(MIGRATIONS_FOLDER, `${entry.tag}.sql`), join(oldMigrations, `${entry.tag}.sql`));
  writeFileSync(join(oldMigrations, 'meta/_journal.json'), JSON.stringify({ ...journal, entries: before }));
  const sqlite = new Database(path);
  migrate(drizzle({ client: sqlite }), { migrationsFolder: oldMigrations });
  insertStudy({ sqlite } as Parameters<typeof insertStudy>[0], study);
  sqlite.close();
  return before.length;
}

describe('restoreDatabase', () => {
  it('migrates a backup from an older schema into place, replacing the old database and its WAL', () => {
    const dir = tempDir();
    const backup = join(dir, 'evidence-20250101T000000Z.db');
    const oldVersion = olderSchemaDatabase(backup, { pmid: 90000042, title: '[Fixture] Restored from an old backup' });
    const databasePath = trackerDatabase(3);
    const result = restoreDatabase({ file: backup, databasePath });
    expect(result).toEqual({ fromVersion: oldVersion, toVersion: SCHEMA_VERSION, forcedOver: null });
    expect(oldVersion).toBeLessThan(SCHEMA_VERSION);
    const restored = openDatabase(databasePath);
    cleanups.push(restored.close);
    expect(restored.sqlite.prepare('SELECT pmid, title FROM studies').all()).toEqual([
      { pmid: 90000042, title: '[Fixture] Restored from an old backup' },
    ]);
    // The tables migration 0012 added exist in the restored database.
    expect(restored.sqlite.prepare(`SELECT count(*) FROM study_findings`).pluck().get()).toBe(0);
    expect(existsSync(`${databasePath}.restoring`)).toBe(false);
  });

  it('restores into a data folder that does not exist yet (a fresh machine)', () => {
    const backup = trackerDatabase(4);
    const databasePath = join(tempDir(), 'data', 'evidence.db');
    expect(restoreDatabase({ file: backup, databasePath })).toEqual({
      fromVersion: SCHEMA_VERSION,
      toVersion: SCHEMA_VERSION,
      forcedOver: null,
    });
    const restored = new Database(databasePath, { readonly: true });
    cleanups.push(() => restored.close());
    expect(restored.prepare('SELECT count(*) FROM studies').pluck().get()).toBe(4);
  });

  it('refuses a file that is not a database and leaves the live one untouched', () => {
    const databasePath = trackerDatabase(2);
    const garbage = join(tempDir(), 'garbage.db');
    writeFileSync(garbage, 'not a database');
    expect(() => restoreDatabase({ file: garbage, databasePath })).toThrow(`${garbage} is not a SQLite database`);
    expect(() => restoreDatabase({ file: join(tempDir(), 'missing.db'), databasePath })).toThrow(/^backup .* does not exist$/);
    const live = new Database(databasePath, { readonly: true });
    cleanups.push(() => live.close());
    expect(live.prepare('SELECT count(*) FROM studies').pluck().get()).toBe(2);
  });
});
