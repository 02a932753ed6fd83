import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MIGRATIONS_FOLDER, openDatabase, resolveDatabasePath, REPO_ROOT } from './database.ts';
import { createTestDatabase, recordFutureMigrations } from './testing.ts';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});

function tempDir() {
  const dir = mkdtempSync(join(tmpdir(), 'evidence-schema-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A row in the current schema, or (firstRelease) in the first migration's, where raw_record lived on studies. */
function insertStudy(sqlite: Database.Database, pmid: number, title: string, abstract: string, firstRelease = false) {
  sqlite
    .prepare(`INSERT INTO studies (pmid, title, title_markup, abstract, ${firstRelease ? 'raw_record, ' : ''}content_hash, first_seen_at, last_updated_at, keywords_text, mesh_text)
    VALUES (?, ?, ?, ?, ${firstRelease ? "'<PubmedArticle/>', " : ''}'h', '2026-01-01', '2026-01-01', 'vagus', 'Heart Rate')`)
    .run(pmid, title, title, abstract);
}

describe('openDatabase', () => {
  it('creates the file, applies every migration and sets WAL, foreign keys and a busy timeout', () => {
    const test = createTestDatabase();
    cleanups.push(test.remove);
    expect(test.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(test.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(test.sqlite.pragma('busy_timeout', { simple: true })).toBeGreaterThan(0);
    const tables = test.sqlite.prepare(`SELECT name FROM sqlite_master WHERE type IN ('table') ORDER BY name`).pluck().all();
    expect(tables).toEqual(
      expect.arrayContaining([
        'studies',
        'authors',
        'study_tags',
        'ingestion_runs',
        'topics',
        'study_topics',
        'study_curation',
        'study_notes',
        'study_changes',
        'studies_fts',
      ]),
    );
  });

  it('keeps the full-text index in sync through triggers on insert, update and delete', () => {
    const test = createTestDatabase();
    cleanups.push(test.remove);
    const search = test.sqlite.prepare(`SELECT rowid FROM studies_fts WHERE studies_fts MATCH ? ORDER BY rowid`).pluck();
    insertStudy(test.sqlite, 90000001, '[Fixture] Auricular stimulation and sleep', 'Sleep quality improved.');
    expect(search.all('auricular')).toEqual([90000001]);
    test.sqlite.prepare(`UPDATE studies SET title = '[Fixture] Resonance breathing' WHERE pmid = 90000001`).run();
    expect(search.all('auricular')).toEqual([]);
    expect(search.all('breathing')).toEqual([90000001]);
    test.sqlite.prepare(`DELETE FROM studies WHERE pmid = 90000001`).run();
    expect(search.all('breathing')).toEqual([]);
    expect(test.sqlite.prepare(`INSERT INTO studies_fts(studies_fts) VALUES ('integrity-check')`).run().changes).toBeGreaterThanOrEqual(0);
  });

  it('keeps the effective design and sample size from study_tags, rewriting the study row only when they change', () => {
    const test = createTestDatabase();
    cleanups.push(test.remove);
    const { sqlite } = test;
    insertStudy(sqlite, 90000002, '[Fixture] Tapping and anxiety', 'A randomized trial of 60 adults.');
    const effective = () => sqlite.prepare(`SELECT design, sample_size AS sampleSize FROM studies WHERE pmid = 90000002`).get();
    const tag = sqlite.prepare(
      `INSERT INTO study_tags (pmid, kind, value, source, decision, created_at) VALUES (90000002, ?, ?, ?, ?, '2026-01-01')`,
    );
    // total_changes() counts the rows a trigger writes too: 1 is the tag alone, 2 the tag and the study.
    const rowsWritten = (write: () => unknown) => {
      const before = sqlite.prepare('SELECT total_changes()').pluck().get() as number;
      write();
      return (sqlite.prepare('SELECT total_changes()').pluck().get() as number) - before;
    };
    expect(rowsWritten(() => tag.run('design', 'rct', 'rule', 'assert'))).toBe(2);
    expect(rowsWritten(() => tag.run('sample_size', '60', 'rule', 'assert'))).toBe(2);
    expect(effective()).toEqual({ design: 'rct', sampleSize: 60 });
    // The same values again (what an import that stored them with the row does): the row is left alone.
    expect(rowsWritten(() => tag.run('design', 'rct', 'rule', 'assert'))).toBe(1);
    // A curator's decision wins, and rejecting the sample size clears it; deleting them restores the rules'.
    expect(rowsWritten(() => tag.run('design', 'cohort', 'curator', 'assert'))).toBe(2);
    expect(rowsWritten(() => tag.run('sample_size', '60', 'curator', 'reject'))).toBe(2);
    expect(effective()).toEqual({ design: 'cohort', sampleSize: null });
    sqlite.prepare(`DELETE FROM study_tags WHERE pmid = 90000002 AND source = 'curator'`).run();
    expect(effective()).toEqual({ design: 'rct', sampleSize: 60 });
  });

  it('upgrades a database created by the first migration alone, keeping its rows', () => {
    const dir = tempDir();
    const path = join(dir, 'old.db');
    // Build a database exactly as the first release left it: only migration 0000 applied.
    const oldMigrations = join(dir, 'migrations');
    const journal = JSON.parse(readFileSync(join(MIGRATIONS_FOLDER, 'meta/_journal.json'), 'utf8'));
    const first = journal.entries[0];
    mkdirSync(join(oldMigrations, 'meta'), { recursive: true });
    copyFileSync(join(MIGRATIONS_FOLDER, `${first.tag}.sql`), join(oldMigrations, `${first.tag}.sql`));
    writeFileSync(join(oldMigrations, 'meta/_journal.json'), JSON.stringify({ ...journal, entries: [first] }));
    const oldSqlite = new Database(path);
    migrate(drizzle({ client: oldSqlite }), { migrationsFolder: oldMigrations });
    insertStudy(oldSqlite, 90000002, '[Fixture] Study stored before the upgrade', 'Heart rate variability rose.', true);
    oldSqlite.close();

    const upgraded = openDatabase(path);
    cleanups.push(upgraded.close);
    const applied = upgraded.sqlite.prepare(`SELECT count(*) FROM __drizzle_migrations`).pluck().get();
    expect(applied).toBe(journal.entries.length);
    expect(upgraded.sqlite.prepare(`SELECT title FROM studies WHERE pmid = 90000002`).pluck().get()).toBe(
      '[Fixture] Study stored before the upgrade',
    );
    // The FTS migration must index rows that existed before it ran.
    expect(upgraded.sqlite.prepare(`SELECT rowid FROM studies_fts WHERE studies_fts MATCH 'variability'`).pluck().all()).toEqual([
      90000002,
    ]);
    // Raw records moved to their own table (migration 0006) without losing one.
    expect(upgraded.sqlite.prepare(`SELECT raw_record FROM study_records WHERE pmid = 90000002`).pluck().get()).toBe('<PubmedArticle/>');
    expect(upgraded.sqlite.pragma('foreign_key_check')).toEqual([]);
    expect(upgraded.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it('upgrades a database from before findings: new tables and views, its tagged studies marked for re-tagging', () => {
    const dir = tempDir();
    const path = join(dir, 'before-findings.db');
    const oldMigrations = join(dir, 'migrations');
    const journal = JSON.parse(readFileSync(join(MIGRATIONS_FOLDER, 'meta/_journal.json'), 'utf8'));
    const upTo = journal.entries.findIndex((e: { tag: string }) => e.tag === '0012_findings_quality');
    const before = journal.entries.slice(0, upTo);
    mkdirSync(join(oldMigrations, 'meta'), { recursive: true });
    for (const e of before) copyFileSync(join(MIGRATIONS_FOLDER, `${e.tag}.sql`), join(oldMigrations, `${e.tag}.sql`));
    writeFileSync(join(oldMigrations, 'meta/_journal.json'), JSON.stringify({ ...journal, entries: before }));
    const oldSqlite = new Database(path);
    migrate(drizzle({ client: oldSqlite }), { migrationsFolder: oldMigrations });
    insertStudy(oldSqlite, 90000003, '[Fixture] Tagged before findings', 'Anxiety fell.');
    insertStudy(oldSqlite, 90000004, '[Fixture] Never tagged', 'Nothing.');
    oldSqlite.prepare(`UPDATE studies SET tagged_ruleset_version = '2026.12.2+000000000000' WHERE pmid = 90000003`).run();
    oldSqlite.close();

    const upgraded = openDatabase(path);
    cleanups.push(upgraded.close);
    const version = upgraded.sqlite.prepare(`SELECT tagged_ruleset_version FROM studies WHERE pmid = ?`).pluck();
    // Stale, so `pnpm retag` without --all picks it up; an untagged study stays untagged.
    expect(version.get(90000003)).toBe('2026.12.2+000000000000+before-findings');
    expect(version.get(90000004)).toBeNull();
    upgraded.sqlite
      .prepare(
        `INSERT INTO study_tags (pmid, kind, value, source, created_at) VALUES (90000003, 'outcome', 'anxiety', 'rule', '2026-01-01')`,
      )
      .run();
    upgraded.sqlite
      .prepare(
        `INSERT INTO study_findings (pmid, outcome, source, direction, created_at) VALUES (90000003, 'anxiety', 'rule', 'improved', '2026-01-01')`,
      )
      .run();
    upgraded.sqlite
      .prepare(
        `INSERT INTO study_quality (pmid, signal, source, value, created_at) VALUES (90000003, 'randomised', 'rule', 1, '2026-01-01')`,
      )
      .run();
    expect(upgraded.sqlite.prepare(`SELECT outcome, direction FROM effective_findings`).all()).toEqual([
      { outcome: 'anxiety', direction: 'improved' },
    ]);
    expect(upgraded.sqlite.prepare(`SELECT signal, value FROM effective_quality`).all()).toEqual([{ signal: 'randomised', value: 1 }]);
    expect(upgraded.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it('resolves DATABASE_URL forms', () => {
    expect(resolveDatabasePath(undefined)).toBe(join(REPO_ROOT, 'data/evidence.db'));
    expect(resolveDatabasePath('file:/tmp/x.db')).toBe('/tmp/x.db');
    expect(resolveDatabasePath('file:///tmp/y.db')).toBe('/tmp/y.db');
    expect(resolveDatabasePath('data/z.db')).toBe(join(REPO_ROOT, 'data/z.db'));
    expect(resolveDatabasePath(':memory:')).toBe(':memory:');
  });
});

const KNOWN = JSON.parse(readFileSync(join(MIGRATIONS_FOLDER, 'meta/_journal.json'), 'utf8')).entries.length as number;

/** A database at the current schema holding one study, closed. */
function currentDatabase(dir: string): string {
  const path = join(dir, 'evidence.db');
  const opened = openDatabase(path);
  insertStudy(opened.sqlite, 90000003, '[Fixture] Stored study', 'Abstract.');
  opened.close();
  return path;
}

/** A database with only the first migration applied (the first release's), closed. */
function firstReleaseDatabase(dir: string): string {
  const path = join(dir, 'old.db');
  const oldMigrations = join(dir, 'migrations');
  const journal = JSON.parse(readFileSync(join(MIGRATIONS_FOLDER, 'meta/_journal.json'), 'utf8'));
  const first = journal.entries[0];
  mkdirSync(join(oldMigrations, 'meta'), { recursive: true });
  copyFileSync(join(MIGRATIONS_FOLDER, `${first.tag}.sql`), join(oldMigrations, `${first.tag}.sql`));
  writeFileSync(join(oldMigrations, 'meta/_journal.json'), JSON.stringify({ ...journal, entries: [first] }));
  const oldSqlite = new Database(path);
  migrate(drizzle({ client: oldSqlite }), { migrationsFolder: oldMigrations });
  oldSqlite.close();
  return path;
}

describe('schema version', () => {
  it('refuses a database written by a newer schema, in one line naming both versions', () => {
    const path = currentDatabase(tempDir());
    recordFutureMigrations(path, 2);
    let message = '';
    try {
      openDatabase(path).close();
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toBe(
      `database ${path} has schema version ${KNOWN + 2}, this version of the tracker knows up to ${KNOWN}: upgrade the tracker or use another database`,
    );
    expect(message).not.toContain('\n');
    // Nothing was touched: the newer tracker still finds its rows.
    const raw = new Database(path, { readonly: true });
    expect(raw.prepare('SELECT count(*) FROM __drizzle_migrations').pluck().get()).toBe(KNOWN + 2);
    raw.close();
  });

  it('refuses a newer database even when asked not to migrate', () => {
    const path = currentDatabase(tempDir());
    recordFutureMigrations(path, 1);
    expect(() => openDatabase(path, { migrate: false })).toThrow(`has schema version ${KNOWN + 1}`);
  });

  it('still migrates an older database', () => {
    const path = firstReleaseDatabase(tempDir());
    const opened = openDatabase(path);
    cleanups.push(opened.close);
    expect(opened.sqlite.prepare('SELECT count(*) FROM __drizzle_migrations').pluck().get()).toBe(KNOWN);
    expect(opened.readonly).toBe(false);
  });
});

describe('read-only databases', () => {
  // Tests run as root in CI, and chmod does not stop root from writing. So the file is opened with
  // SQLite's own read-only flag (`?mode=ro` in the URL, what DATABASE_URL takes); the chmod case is
  // checked as well when the tests run as an ordinary user, and in a child process as `nobody` by
  // the commands' tests (scripts/).
  it('opens a read-only database at the current schema for reading, when the caller can live without writes', () => {
    const path = currentDatabase(tempDir());
    const opened = openDatabase(`file:${path}?mode=ro`, { allowReadOnly: true });
    cleanups.push(opened.close);
    expect(opened.readonly).toBe(true);
    expect(opened.path).toBe(path);
    expect(opened.sqlite.prepare('SELECT title FROM studies WHERE pmid = 90000003').pluck().get()).toBe('[Fixture] Stored study');
    expect(() => opened.sqlite.prepare(`UPDATE studies SET title = 'x'`).run()).toThrow(
      expect.objectContaining({ code: 'SQLITE_READONLY' }),
    );
  });

  it('refuses a read-only database in one line to a caller that writes', () => {
    const path = currentDatabase(tempDir());
    expect(() => openDatabase(`file:${path}?mode=ro`)).toThrow(
      `database ${path} is read-only (DATABASE_URL asks for mode=ro) and this command writes to it: make it writable or use another database`,
    );
  });

  it('refuses a read-only database that needs migrating, in one line', () => {
    const path = firstReleaseDatabase(tempDir());
    expect(() => openDatabase(`file:${path}?mode=ro`, { allowReadOnly: true })).toThrow(
      `database ${path} is read-only (DATABASE_URL asks for mode=ro) and has schema version 1; this version of the tracker needs version ${KNOWN}: make it writable once so it can be migrated, or use another database`,
    );
  });

  it.skipIf(process.getuid?.() === 0)('treats a file the user may not write (chmod a-w) as read-only', () => {
    const path = currentDatabase(tempDir());
    chmodSync(path, 0o444);
    const opened = openDatabase(path, { allowReadOnly: true });
    cleanups.push(opened.close);
    expect(opened.readonly).toBe(true);
    expect(() => openDatabase(path)).toThrow(`database ${path} is read-only (the file is not writable by this user)`);
  });
});
