/**
 * Issue #12: a database from a newer schema, or one this process may not write, is refused by every
 * command in one line (and served read-only by the API when it is at the current schema).
 */
import { SCHEMA_VERSION } from '@evidence/schema';
import { createTestDatabase, insertStudy, recordFutureMigrations } from '@evidence/schema/testing';
import { chmodSync, rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { COMMANDS, freePort, run, start, waitUntil } from './commands.ts';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});

/** A closed database at the current schema holding one study. */
function currentDatabase(change?: (sqlite: ReturnType<typeof createTestDatabase>['sqlite']) => unknown) {
  const test = createTestDatabase();
  cleanups.push(() => rmSync(test.dir, { recursive: true, force: true }));
  insertStudy(test, { pmid: 90000001, topics: ['tvns'] });
  change?.(test.sqlite);
  test.close();
  return test;
}

async function ports() {
  return { API_PORT: String(await freePort()), PORT: String(await freePort()) };
}

/** What `pnpm digest` needs before it opens the database (it never reaches the mail server here). */
const DIGEST_ENV = {
  SMTP_URL: 'smtp://127.0.0.1:9',
  MAIL_FROM: 'digest@example.org',
  PUBLIC_URL: 'https://evidence.example.org',
  DIGEST_SECRET: 'database-test-secret-of-thirty-two-chars',
};

const PREFIX: Record<keyof typeof COMMANDS, string> = {
  ingest: 'ingest',
  'ingest import': 'ingest',
  retag: 'retag',
  digest: 'digest',
  migrate: 'migrate',
  serve: 'serve',
  api: 'api',
};

describe('a database written by a newer schema', () => {
  for (const [name, args] of Object.entries(COMMANDS) as [keyof typeof COMMANDS, readonly string[]][]) {
    it(`${name} refuses it with one line naming both versions and exits non-zero`, async () => {
      const { path } = currentDatabase();
      recordFutureMigrations(path, 2);
      const result = await run(args, { DATABASE_URL: path, ...(await ports()), ...(name === 'digest' ? DIGEST_ENV : {}) });
      expect(result.code).not.toBe(0);
      expect(result.code).not.toBe(null);
      expect(result.stdout).toBe('');
      expect(result.stderr.trim()).toBe(
        `${PREFIX[name]}: database ${path} has schema version ${SCHEMA_VERSION + 2}, this version of the tracker knows up to ${SCHEMA_VERSION}: upgrade the tracker or use another database`,
      );
    });
  }
});

describe('a read-only database', () => {
  // As root (CI) chmod does not stop writes, so the honest ways are SQLite's own read-only flag
  // (DATABASE_URL=file:…?mode=ro) and running the process as an unprivileged user (`nobody`).
  for (const name of ['ingest', 'ingest import', 'retag', 'digest'] as const) {
    it(`${name} refuses it in one line, since it writes`, async () => {
      const { path } = currentDatabase();
      const result = await run(COMMANDS[name], { DATABASE_URL: `file:${path}?mode=ro`, ...(name === 'digest' ? DIGEST_ENV : {}) });
      expect(result.code).toBe(1);
      expect(result.stderr.trim()).toBe(
        `${PREFIX[name]}: database ${path} is read-only (DATABASE_URL asks for mode=ro) and this command writes to it: make it writable or use another database`,
      );
    });
  }

  it('migrate says there is nothing to do when it is already at the current schema', async () => {
    const { path } = currentDatabase();
    const result = await run(COMMANDS.migrate, { DATABASE_URL: `file:${path}?mode=ro` });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout.trim()).toBe(`database ${path} is read-only and already at schema version ${SCHEMA_VERSION}; nothing to migrate`);
  });

  it('the API refuses to start, in one line, when it needs migrating', async () => {
    const { path } = currentDatabase((sqlite) =>
      // Forget the newest migration: the file is one version behind.
      sqlite.prepare('DELETE FROM __drizzle_migrations WHERE created_at = (SELECT max(created_at) FROM __drizzle_migrations)').run(),
    );
    const result = await run(COMMANDS.api, { DATABASE_URL: `file:${path}?mode=ro`, ...(await ports()) });
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe(
      `api: database ${path} is read-only (DATABASE_URL asks for mode=ro) and has schema version ${SCHEMA_VERSION - 1}; this version of the tracker needs version ${SCHEMA_VERSION}: make it writable once so it can be migrated, or use another database`,
    );
  });

  async function servesReadsRefusesWrites(url: string, options: { uid?: number } = {}) {
    const { API_PORT } = await ports();
    const api = start(COMMANDS.api, { DATABASE_URL: url, API_PORT, EVIDENCE_EDITOR_TOKEN: 'editor-token' }, options);
    cleanups.push(() => api.child.kill('SIGKILL'));
    const base = `http://127.0.0.1:${API_PORT}/api`;
    await waitUntil(() => api.output.stdout.includes('API listening') || api.child.exitCode !== null, 20_000, 'the API');
    expect(api.output.stderr).toBe('');
    const health = await fetch(`${base}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok', studies: 1 });
    const studies = await fetch(`${base}/studies?topic=tvns`);
    expect(studies.status).toBe(200);
    const note = await fetch(`${base}/studies/90000001/notes`, {
      method: 'POST',
      headers: { Authorization: 'Bearer editor-token', 'Content-Type': 'application/json' },
      body: JSON.stringify({ body: 'A note' }),
    });
    expect(note.status).toBe(503);
    const body = (await note.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('read_only');
    expect(body.error.message).toMatch(/read-only/);
  }

  it('the API serves reads from it at the current schema and answers writes 503 read_only (mode=ro)', async () => {
    const { path } = currentDatabase();
    await servesReadsRefusesWrites(`file:${path}?mode=ro`);
  });

  it('the API serves reads from a file its user may not write (chmod a-w, run as nobody when the tests run as root)', async () => {
    const { path, dir } = currentDatabase();
    chmodSync(path, 0o444);
    chmodSync(dir, 0o777); // SQLite creates the -shm file of a WAL database beside it
    await servesReadsRefusesWrites(path, process.getuid?.() === 0 ? { uid: 65534 } : {});
  });
});
