// A curation write that meets another writer's lock (an ingestion batch) for longer than the busy
// timeout gets a 503 that says nothing changed and when to retry; reads keep working meanwhile.
import { spawn } from 'node:child_process';
import { openDatabase } from '@evidence/schema';
import { seedFixtureCorpus } from '@evidence/test-corpus';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { getJson, startApi, type RunningApi } from './harness.ts';

let api: RunningApi;
beforeAll(async () => {
  api = await startApi({ editorToken: 'editor-secret', seed: (db) => seedFixtureCorpus(db) });
  // Keep the test short: wait 200 ms for a lock instead of the production 10 s.
  api.db.sqlite.pragma('busy_timeout = 200');
});
afterAll(() => api?.close());

it('a write blocked by another writer is a 503 with Retry-After, and is not applied', async () => {
  const ingester = openDatabase(api.db.path, { migrate: false });
  try {
    ingester.sqlite.exec('BEGIN IMMEDIATE');
    const blocked = await getJson(`${api.url}/api/studies/90000001/curation`, {
      method: 'PUT',
      headers: { Authorization: 'Bearer editor-secret', 'Content-Type': 'application/json' },
      body: JSON.stringify({ reviewed: true }),
    });
    expect(blocked.status).toBe(503);
    expect(blocked.body.error.code).toBe('database_busy');
    expect(blocked.body.error.message).toMatch(/nothing was changed/);
    expect(blocked.headers.get('retry-after')).toBe('5');
    // Reads go on during the other writer's transaction (WAL).
    expect((await getJson(`${api.url}/api/studies?limit=1`)).status).toBe(200);
  } finally {
    ingester.sqlite.exec('ROLLBACK');
    ingester.close();
  }
  const after = await getJson(`${api.url}/api/studies/90000001`);
  expect(after.status).toBe(200);
  expect(after.body.curation).toBeNull();
  const retried = await getJson(`${api.url}/api/studies/90000001/curation`, {
    method: 'PUT',
    headers: { Authorization: 'Bearer editor-secret', 'Content-Type': 'application/json' },
    body: JSON.stringify({ reviewed: true }),
  });
  expect(retried.status).toBe(200);
  expect((await getJson(`${api.url}/api/studies/90000001`)).body.curation).toMatchObject({ reviewed: true });
});

it('a write that waits for another writer which then commits is applied, not refused as a stale snapshot', async () => {
  // The other writer is a separate process (an ingestion batch): it takes the write lock, writes,
  // and commits 400 ms later, while this process's curation write waits for the lock. A deferred
  // transaction that read first would then fail at once with SQLITE_BUSY_SNAPSHOT (a 503); an
  // immediate one takes the lock when it is free and sees the committed data.
  api.db.sqlite.pragma('busy_timeout = 5000');
  const writer = spawn(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      `import { openDatabase } from '@evidence/schema';
       const { sqlite } = openDatabase(process.argv[1], { migrate: false });
       sqlite.exec('BEGIN IMMEDIATE');
       sqlite.prepare("UPDATE studies SET title = title WHERE pmid = 90000002").run();
       console.log('locked');
       setTimeout(() => { sqlite.exec('COMMIT'); sqlite.close(); }, 400);`,
      api.db.path,
    ],
    { cwd: import.meta.dirname, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  try {
    await new Promise<void>((resolve, reject) => {
      writer.stdout.once('data', () => resolve());
      writer.once('exit', (code) => reject(new Error(`writer exited with ${code} before taking the lock`)));
    });
    const waited = await getJson(`${api.url}/api/studies/90000003/curation`, {
      method: 'PUT',
      headers: { Authorization: 'Bearer editor-secret', 'Content-Type': 'application/json' },
      body: JSON.stringify({ reviewed: true }),
    });
    expect(waited.status, JSON.stringify(waited.body)).toBe(200);
    expect((await getJson(`${api.url}/api/studies/90000003`)).body.curation).toMatchObject({ reviewed: true });
  } finally {
    writer.kill();
    api.db.sqlite.pragma('busy_timeout = 200');
  }
});
