// A curation write that meets another writer's lock (an ingestion batch) for longer than the busy
// timeout gets a 503 that says nothing changed and when to retry; reads keep working meanwhile.
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
