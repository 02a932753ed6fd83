// The real CLI killed mid-run (SIGKILL), stopped with Ctrl-C (SIGINT), and started twice at once,
// against a fixture server serving a few thousand records slowly (NCBI's 3 requests/s, small batches).
import { startFixtureServer, type FixtureServer } from '@evidence/eutils-fixtures';
import { openDatabase } from '@evidence/schema';
import { existsSync, readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestDatabase, FAST_ENV, runCli, runRows, startCli, stored, waitFor, type TestDatabase } from './harness.ts';

const RECORDS = 3000;
const BATCH = 100;
let server: FixtureServer;
let db: TestDatabase;

afterEach(async () => {
  await server?.close();
  db?.remove();
});

async function setUp() {
  server = await startFixtureServer({ studies: [], generated: { topic: 'tvns', count: RECORDS, from: '2010-01-01', to: '2024-12-31' } });
  db = createTestDatabase();
  return { DATABASE_URL: db.path, EUTILS_BASE_URL: server.url, ...FAST_ENV };
}

/**
 * What must hold after any stop: a sound file, and only whole batches (each study with its authors
 * and rule tags). The file is checked through a fresh connection, as the next run would open it.
 */
function expectConsistent() {
  const fresh = openDatabase(db.path, { migrate: false });
  try {
    expect(fresh.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(
      fresh.sqlite.prepare(`INSERT INTO studies_fts(studies_fts, rank) VALUES ('integrity-check', 1)`).run().changes,
    ).toBeGreaterThanOrEqual(0);
  } finally {
    fresh.close();
  }
  const s = stored(db);
  expect(s.studies % BATCH).toBe(0);
  expect(s).toMatchObject({ duplicatePmids: 0, duplicateTopicLinks: 0, withoutAuthors: 0, withoutRuleTags: 0 });
  return s;
}

describe('crash safety', () => {
  it('SIGKILL mid-run: the file is sound, no batch is half-written, the next run closes the orphaned run, takes over the stale lock and completes the set', async () => {
    const env = await setUp();
    const { child, done } = startCli(['--topic', 'tvns', '--batch-size', String(BATCH)], env);
    await waitFor(() => stored(db).studies >= 3 * BATCH, 20_000, 'three batches stored');
    child.kill('SIGKILL');
    const killed = await done;
    expect(killed.signal).toBe('SIGKILL');

    const partial = expectConsistent();
    expect(partial.studies).toBeGreaterThanOrEqual(3 * BATCH);
    expect(partial.studies).toBeLessThan(RECORDS);
    expect(runRows(db)).toEqual([expect.objectContaining({ status: 'running', topic_id: 'tvns' })]);
    expect(readFileSync(`${db.path}.ingest.lock`, 'utf8')).toBe(String(child.pid)); // left behind by the dead process

    const resumed = await runCli(['--topic', 'tvns', '--batch-size', '5000', '--json'], env);
    expect(resumed.code, resumed.stderr).toBe(0);
    const [orphan, next] = runRows(db);
    expect(orphan).toMatchObject({ status: 'interrupted', error: 'the ingestion process stopped before finishing' });
    expect(next).toMatchObject({
      status: 'succeeded',
      found: RECORDS,
      new_count: RECORDS - partial.studies,
      unchanged: partial.studies,
      failed: 0,
    });
    const complete = expectConsistent();
    expect(complete.studies).toBe(RECORDS);
    expect(existsSync(`${db.path}.ingest.lock`)).toBe(false);
  }, 45_000);

  it('a second run while one is going refuses with a clear message; Ctrl-C then stops the first after its batch, exit 130', async () => {
    const env = await setUp();
    const { child, done } = startCli(['--topic', 'tvns', '--batch-size', String(BATCH)], env);
    await waitFor(() => stored(db).studies >= 2 * BATCH, 20_000, 'two batches stored');

    const second = await runCli(['--topic', 'tvns'], env);
    expect(second.code).toBe(1);
    expect(second.stderr.trim()).toBe(`ingest: another ingestion (PID ${child.pid}) is running on ${db.path}; wait for it to finish`);
    expect(runRows(db)).toHaveLength(1); // the refused run wrote nothing

    child.kill('SIGINT');
    const stopped = await done;
    expect(stopped.code, stopped.stderr).toBe(130);
    expect(stopped.stderr.trim().split('\n').at(-1)).toBe('ingest: interrupted; everything stored so far is kept and the next run resumes');
    const s = expectConsistent();
    expect(s.studies).toBeLessThan(RECORDS);
    const [run] = runRows(db);
    expect(run).toMatchObject({ status: 'interrupted', new_count: s.studies, error: 'stopped by the user before the topic finished' });
    expect(db.sqlite.prepare(`SELECT last_window_end FROM topics WHERE id = 'tvns'`).pluck().get()).toBeNull();
    expect(existsSync(`${db.path}.ingest.lock`)).toBe(false);
  }, 45_000);

  it('SIGTERM stops a search after its batch like Ctrl-C, with exit 143', async () => {
    const env = await setUp();
    const { child, done } = startCli(['--topic', 'tvns', '--batch-size', String(BATCH)], env);
    await waitFor(() => stored(db).studies >= BATCH, 20_000, 'a batch stored');
    child.kill('SIGTERM');
    const stopped = await done;
    expect(stopped.code, stopped.stderr).toBe(143);
    expect(stopped.stderr.trim().split('\n').at(-1)).toBe('ingest: interrupted; everything stored so far is kept and the next run resumes');
    expectConsistent();
    expect(runRows(db)).toEqual([expect.objectContaining({ status: 'interrupted' })]);
    expect(existsSync(`${db.path}.ingest.lock`)).toBe(false);
  }, 45_000);
});
