/**
 * Issue #16 part 3: `pnpm db:backup` while the real API serves reads and a real ingestion
 * (`pnpm ingest import`) writes, and `pnpm db:restore` refusing a database they have open.
 */
import { openDatabase, SCHEMA_VERSION } from '@evidence/schema';
import { checkTrackerDatabase, runLockPath } from '@evidence/schema/backup';
import { createTestDatabase, insertStudy } from '@evidence/schema/testing';
import { writePubmedFile } from '@evidence/ingest/pubmed-generator';
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort, run, start, waitUntil } from './commands.ts';

const BACKUP = ['scripts/backup/cli.ts'] as const;
const RESTORE = ['scripts/restore/cli.ts'] as const;
const API = ['apps/api/src/server.ts'] as const;

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});

/** A closed database at the current schema with `n` fixture studies. */
function database(n: number) {
  const test = createTestDatabase();
  cleanups.push(() => rmSync(test.dir, { recursive: true, force: true }));
  for (let i = 0; i < n; i++) insertStudy(test, { pmid: 90000000 + i, topics: ['tvns'] });
  test.close();
  return test;
}

async function startApi(path: string) {
  const port = String(await freePort());
  const api = start(API, { DATABASE_URL: path, API_PORT: port });
  cleanups.push(() => api.child.kill('SIGKILL'));
  await waitUntil(() => api.output.stdout.includes('API listening') || api.child.exitCode !== null, 30_000, 'the API');
  expect(api.output.stderr).toBe('');
  return { ...api, base: `http://127.0.0.1:${port}/api` };
}

const countStudies = (path: string) => {
  const opened = openDatabase(path, { readonly: true });
  try {
    return opened.sqlite.prepare('SELECT count(*) FROM studies').pluck().get() as number;
  } finally {
    opened.close();
  }
};

describe('db:backup while the API serves and an ingestion writes', () => {
  it('writes a copy that passes the integrity checks and opens, and no read fails meanwhile', async () => {
    const test = database(20);
    const api = await startApi(test.path);
    const file = join(test.dir, 'import.xml');
    await writePubmedFile(file, { records: 20_000 });
    const ingestion = start(['scripts/ingest/cli.ts', 'import', file], { DATABASE_URL: test.path });
    cleanups.push(() => ingestion.child.kill('SIGKILL'));
    // Writing has begun: the run holds its lock and the first batches are committed.
    await waitUntil(() => existsSync(runLockPath(test.path)) && countStudies(test.path) > 1_000, 60_000, 'the import to write');

    // Four clients read lists, searches and study pages for as long as the backup runs.
    let backingUp = true;
    const statuses: number[] = [];
    const paths = ['/studies?topic=tvns', '/studies?q=heart', '/facets', '/studies/90000003', '/health'];
    const readers = Array.from({ length: 4 }, async (_, client) => {
      for (let i = client; backingUp; i++) {
        const res = await fetch(`${api.base}${paths[i % paths.length]}`).catch(() => null);
        statuses.push(res?.status ?? 0);
        await res?.arrayBuffer();
      }
    });
    const dir = join(test.dir, 'backups');
    mkdirSync(dir);
    const backup = await run(BACKUP, { DATABASE_URL: test.path, BACKUP_DIR: dir });
    backingUp = false;
    await Promise.all(readers);
    // The import was still writing when the backup finished: the copy was taken under writes.
    expect(ingestion.child.exitCode).toBe(null);
    expect(existsSync(runLockPath(test.path))).toBe(true);

    expect(backup.stderr).toBe('');
    expect(backup.code).toBe(0);
    const [name] = readdirSync(dir);
    expect(name).toMatch(/^evidence-\d{8}T\d{6}Z\.db$/);
    expect(backup.stdout).toContain(`backup ${join(dir, name!)}:`);
    expect(checkTrackerDatabase(join(dir, name!)).applied).toBe(SCHEMA_VERSION);
    const copied = countStudies(join(dir, name!));
    expect(copied).toBeGreaterThan(1_000);
    expect(statuses.length).toBeGreaterThan(0);
    expect(statuses.filter((s) => s !== 200)).toEqual([]);

    // While the import runs, restore refuses and names it; the live database is untouched.
    const during = await run(RESTORE, { DATABASE_URL: test.path }).then((r) => r);
    expect(during.code).toBe(1);
    expect(during.stderr.trim()).toBe('db:restore: expected one backup file; usage: pnpm db:restore FILE [--force]');
    const refused = await run([...RESTORE, join(dir, name!)], { DATABASE_URL: test.path });
    expect(refused.code).toBe(1);
    expect(refused.stderr.trim()).toBe(
      `db:restore: database ${test.path} is in use: an ingestion (PID ${ingestion.child.pid}) is running on it; stop the API and any ingestion first, or pass --force`,
    );

    // The import stops (SIGTERM finishes its batch); the API alone still keeps the restore out.
    ingestion.child.kill('SIGTERM');
    await ingestion.done;
    const total = countStudies(test.path);
    expect(total).toBeGreaterThan(copied);
    const apiOnly = await run([...RESTORE, join(dir, name!)], { DATABASE_URL: test.path });
    expect(apiOnly.code).toBe(1);
    expect(apiOnly.stderr.trim()).toBe(
      `db:restore: database ${test.path} is in use: process ${api.child.pid} has it open (the API or an ingestion); stop the API and any ingestion first, or pass --force`,
    );
    expect(countStudies(test.path)).toBe(total);

    // Stopped, the API's database can be restored; started again, it serves the backup's studies.
    api.child.kill('SIGTERM');
    await api.done;
    const restored = await run([...RESTORE, join(dir, name!)], { DATABASE_URL: test.path });
    expect(restored.stderr).toBe('');
    expect(restored.code).toBe(0);
    const again = await startApi(test.path);
    const health = (await (await fetch(`${again.base}/health`)).json()) as { studies: number };
    expect(health.studies).toBe(copied);
  }, 180_000);

  it('restore --force replaces a database the API has open, and says to restart it', async () => {
    const live = database(3);
    const source = database(7);
    const api = await startApi(live.path);
    const forced = await run([...RESTORE, source.path, '--force'], { DATABASE_URL: live.path });
    expect(forced.stderr).toBe('');
    expect(forced.code).toBe(0);
    expect(forced.stdout).toContain(
      `--force: process ${api.child.pid} has it open (the API or an ingestion); restart those processes so they serve the restored database`,
    );
    api.child.kill('SIGTERM');
    await api.done;
    expect(countStudies(live.path)).toBe(7);
  }, 60_000);

  it('db:backup says what is wrong in one line: a folder that does not exist, a bad count, a database that does not exist', async () => {
    const test = database(1);
    const missing = join(test.dir, 'no-such-folder');
    const cases: [readonly string[], Record<string, string>, string][] = [
      [[...BACKUP, missing], { DATABASE_URL: test.path }, `db:backup: backup folder ${missing} does not exist: create it or pass another`],
      [
        BACKUP,
        { DATABASE_URL: test.path, BACKUP_KEEP_DAILY: 'seven' },
        'db:backup: BACKUP_KEEP_DAILY: expected a whole number of copies (0 or more)',
      ],
      [
        [...BACKUP, test.dir, '--keep-weekly=-1'],
        { DATABASE_URL: test.path },
        "db:backup: --keep-weekly: expected a whole number of copies (0 or more), got '-1'",
      ],
      [
        [...BACKUP, test.dir],
        { DATABASE_URL: join(test.dir, 'nothing-here.db') },
        `db:backup: database ${join(test.dir, 'nothing-here.db')} does not exist: nothing to back up`,
      ],
    ];
    for (const [args, env, line] of cases) {
      const result = await run(args, env);
      expect(result.code).toBe(1);
      expect(result.stdout).toBe('');
      expect(result.stderr).toBe(`${line}\n`);
    }
  });
});
