// Reads keep working while an ingestion writes: WAL plus a busy timeout, so no client ever sees
// SQLITE_BUSY. The writer is a separate process, as the ingester is in production.
import { seedFixtureCorpus } from '@evidence/test-corpus';
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type RunningApi } from './harness.ts';

let api: RunningApi;
beforeAll(async () => {
  api = await startApi({ seed: (db) => seedFixtureCorpus(db) });
});
afterAll(() => api?.close());

/** A child process that rewrites every study's title in one transaction after another. */
const WRITER = `
import { openDatabase } from '@evidence/schema';
const db = openDatabase(process.argv[1]);
const touch = db.sqlite.transaction((round) => {
  db.sqlite.prepare("UPDATE studies SET title = title || ' ' || ?, last_updated_at = ?").run('r' + round, new Date().toISOString());
  db.sqlite.prepare("INSERT INTO study_changes (pmid, run_id, changed_fields, changed_at) SELECT pmid, NULL, '[\\"title\\"]', ? FROM studies").run(new Date().toISOString());
});
let round = 0;
const until = Date.now() + Number(process.argv[2]);
while (Date.now() < until) touch.immediate(round++);
console.log(round);
db.close();
`;

describe('concurrent reads during a write', () => {
  it('answers every read with 200 while another process commits write transactions', async () => {
    // Reads now run on reader threads (ADR 0009): wait until they have started (about a second).
    await Promise.all(['/api/facets?warm', '/api/studies?warm'].map((p) => fetch(`${api.url}${p}`).then((r) => r.arrayBuffer())));
    const writer = spawn(process.execPath, ['--input-type=module', '-e', WRITER, api.db.path, '3000'], {
      cwd: import.meta.dirname,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let rounds = '';
    let stderr = '';
    writer.stdout.on('data', (d) => {
      rounds += d;
    });
    writer.stderr.on('data', (d) => {
      stderr += d;
    });
    const finished = new Promise<number | null>((resolve) => writer.on('exit', resolve));

    const statuses: number[] = [];
    const paths = ['/api/studies?limit=50', '/api/facets', '/api/matrix', '/api/studies?q=trial', '/api/studies/90000001'];
    const deadline = Date.now() + 2500;
    while (Date.now() < deadline) {
      const batch = await Promise.all(
        Array.from({ length: 16 }, (_, i) =>
          fetch(`${api.url}${paths[i % paths.length]}`).then(async (r) => {
            await r.arrayBuffer();
            return r.status;
          }),
        ),
      );
      statuses.push(...batch);
    }
    expect(await finished).toBe(0);
    expect(stderr).toBe('');
    expect(Number(rounds)).toBeGreaterThan(5);
    expect(statuses.length).toBeGreaterThan(100);
    expect(statuses.filter((s) => s !== 200)).toEqual([]);
    // Reads saw the writer's commits (the response cache follows data_version).
    const title = ((await (await fetch(`${api.url}/api/studies/90000001`)).json()) as { title: string }).title;
    expect(title).toMatch(/ r\d+$/);
  });
});
