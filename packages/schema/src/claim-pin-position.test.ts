// Migration 0013 gives pins a place in the claim's reference list: pins made before it keep the
// order they were pinned in, per claim (issue #15: references came out sorted by stance and level).
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { MIGRATIONS_FOLDER, openDatabase } from './database.ts';

const dir = mkdtempSync(join(tmpdir(), 'evidence-pin-position-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('numbers the pins that existed before migration 0013 by when they were pinned, per claim', () => {
  const path = join(dir, 'before-positions.db');
  const oldMigrations = join(dir, 'migrations');
  const journal = JSON.parse(readFileSync(join(MIGRATIONS_FOLDER, 'meta/_journal.json'), 'utf8'));
  const before = journal.entries.slice(
    0,
    journal.entries.findIndex((e: { tag: string }) => e.tag === '0013_claim_pin_position'),
  );
  mkdirSync(join(oldMigrations, 'meta'), { recursive: true });
  for (const e of before) copyFileSync(join(MIGRATIONS_FOLDER, `${e.tag}.sql`), join(oldMigrations, `${e.tag}.sql`));
  writeFileSync(join(oldMigrations, 'meta/_journal.json'), JSON.stringify({ ...journal, entries: before }));
  const old = new Database(path);
  migrate(drizzle({ client: old }), { migrationsFolder: oldMigrations });
  for (const pmid of [90000001, 90000002, 90000003]) {
    old
      .prepare(
        `INSERT INTO studies (pmid, title, title_markup, content_hash, first_seen_at, last_updated_at) VALUES (?, ?, ?, 'h', '2026-01-01', '2026-01-01')`,
      )
      .run(pmid, `[Fixture] ${pmid}`, `[Fixture] ${pmid}`);
  }
  const claim = old.prepare(`INSERT INTO claims (statement, language, topics, outcomes, owner, created_at, updated_at, updated_by)
    VALUES ('[Fixture] claim', 'en', '["tvns"]', '["hrv"]', 'w', '2026-01-01', '2026-01-01', 'w')`);
  const [a, b] = [Number(claim.run().lastInsertRowid), Number(claim.run().lastInsertRowid)];
  const pin = old.prepare(`INSERT INTO claim_pins (claim_id, pmid, stance, pinned_by, pinned_at) VALUES (?, ?, ?, 'w', ?)`);
  pin.run(a, 90000001, 'supporting', '2026-03-01T00:00:00Z'); // pinned last, though "supporting" and the lowest PMID
  pin.run(a, 90000002, 'background', '2026-01-01T00:00:00Z');
  pin.run(a, 90000003, 'contradicting', '2026-02-01T00:00:00Z');
  pin.run(b, 90000003, 'supporting', '2026-01-01T00:00:00Z');
  pin.run(b, 90000002, 'supporting', '2026-01-01T00:00:00Z'); // same moment: by PMID
  old.close();

  const upgraded = openDatabase(path);
  const order = (claimId: number) =>
    upgraded.sqlite.prepare('SELECT pmid, position FROM claim_pins WHERE claim_id = ? ORDER BY position').raw().all(claimId);
  expect(order(a)).toEqual([
    [90000002, 1],
    [90000003, 2],
    [90000001, 3],
  ]);
  expect(order(b)).toEqual([
    [90000002, 1],
    [90000003, 2],
  ]);
  upgraded.close();
});
